"""Vietnamese phone numbers, as readers type them, to E.164."""

import re
import unicodedata

import phonenumbers

# Digits, a leading plus and what people put between digits; letters
# ("vanity" numbers) and extensions are not phone numbers we can call back.
TYPED_PHONE = re.compile(r"^\+?[0-9().\-\s]+$")


class InvalidPhone(ValueError):
    pass


def normalise_phone(typed):
    """Return the E.164 form of a Vietnamese mobile or landline number.

    Accepts 0912 345 678, (024) 3825 3536, +84 91 234 5678, 0084..., 84...
    Raises InvalidPhone for anything else, including the old 11-digit mobiles.
    """
    text = unicodedata.normalize("NFKC", typed).strip()
    if not TYPED_PHONE.match(text):
        raise InvalidPhone(typed)
    try:
        number = phonenumbers.parse(text, "VN")
    except phonenumbers.NumberParseException:
        raise InvalidPhone(typed) from None
    if number.extension or not phonenumbers.is_valid_number_for_region(number, "VN"):
        raise InvalidPhone(typed)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def shown_phone(e164):
    """A stored number the way Vietnamese write it: 0912 345 678, 024 3825 3536.

    What does not parse (a row written before numbers were checked) is shown
    as stored rather than hidden.
    """
    try:
        number = phonenumbers.parse(e164, "VN")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
