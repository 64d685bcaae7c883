"""Vietnamese text helpers shared by the apps."""

import unicodedata

# Đ/đ is a letter of its own, not D with a combining mark, so NFD leaves it.
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text):
    """Return text lower-cased without diacritics: "Đại Hội" -> "dai hoi"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped).casefold()
