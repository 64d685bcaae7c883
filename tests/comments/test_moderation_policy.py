"""The policy alone: plain text in, a verdict out."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comments.moderation import Match, Place, Word, review

BANNED = Word("đụ", banned=True)
SUSPECT = Word("lừa đảo", banned=False)
BANNED_PHRASE = Word("lừa đảo", banned=True)


def judge(content, *words, title="Ý kiến", name="Bạn đọc"):
    return review({"name": name, "title": title, "content": content}, words)


def test_clean_comment_waits_without_notes():
    verdict = judge("Đề nghị thành phố sửa đường Láng.", BANNED, SUSPECT)

    assert verdict.rejected is False
    assert verdict.reasons == ()


@pytest.mark.parametrize("written", ["đụ", "Đụ", "ĐỤ", "thằng đụ!"])
def test_exact_banned_word_rejects(written):
    verdict = judge(f"Nội dung {written} nữa", BANNED)

    assert verdict.rejected is True
    assert verdict.descriptions == ("Có từ cấm: “đụ”",)


def test_the_reason_says_where_the_word_is():
    content = "Trang này ĐÚNG là trò Lừa  Đảo, đừng tin."

    (reason,) = judge(content, SUSPECT).reasons

    (place,) = reason.places
    assert place.field == "content"
    assert content[place.start : place.end] == "Lừa  Đảo"
    assert reason.as_data()["places"] == [{"field": "content", "start": 22, "end": 30}]


# Ways of writing "lừa đảo" that a person still reads as "lừa đảo", and
# that match it exactly once normalised: a banned phrase rejects them.
INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u2060", "\u180e", "\u034f"]
LOOK_ALIKES = {"a": ["а", "α", "ａ"], "o": ["о", "ο", "ｏ"], "l": ["ｌ", "ⅼ"]}


@given(
    invisible=st.lists(st.sampled_from(INVISIBLES), min_size=1, max_size=4),
    positions=st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=4),
    form=st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]),
    upper=st.booleans(),
)
def test_invisible_characters_unicode_forms_and_case_do_not_hide_a_banned_word(
    invisible, positions, form, upper
):
    written = list("lừa đảo".upper() if upper else "lừa đảo")
    for char, position in zip(invisible, positions, strict=False):
        written.insert(position, char)
    content = unicodedata.normalize(form, "Đây là " + "".join(written) + " rõ ràng")

    verdict = judge(content, BANNED_PHRASE)

    assert verdict.rejected is True
    (reason,) = verdict.reasons
    (place,) = reason.places
    found = "".join(char for char in content[place.start : place.end] if char not in INVISIBLES)
    assert unicodedata.normalize("NFC", found).casefold() == "lừa đảo"


@pytest.mark.parametrize(
    "written",
    ["lừа đảо", "lừα đảο", "ｌừａ đảｏ", "ＬỪＡ ĐẢＯ", "𝐥ừ𝐚 đả𝐨", "ⅼừa đảo"],
)
def test_look_alike_and_fullwidth_letters_do_not_hide_a_banned_word(written):
    assert judge(f"Cẩn thận {written}!", BANNED_PHRASE).rejected is True


@pytest.mark.parametrize(
    "written", ["lừa-đảo", "lừa_đảo", "lừađảo", "l ừ a đ ả o", "lừa.đảo", "l-ừ-a đ.ả.o", "LỪA…ĐẢO"]
)
def test_spacing_or_punctuation_inside_a_word_marks_without_rejecting(written):
    verdict = judge(f"Trang này {written} đấy", BANNED_PHRASE)

    assert verdict.rejected is False
    (reason,) = verdict.reasons
    assert reason.match == Match.SPACED
    assert reason.description == "Giống từ cấm “lừa đảo” (viết tách hoặc chen ký tự)"


@pytest.mark.parametrize(
    "written",
    ["luwf a ddaor", "luwfa ddaor", "luwaf ddaro", "lwfa ddaor", "lu72a d9a3o", "lu7a2 d9ao3"],
)
def test_telex_and_vni_spellings_only_mark(written):
    verdict = judge(f"Bọn {written} kìa", BANNED_PHRASE)

    assert verdict.rejected is False
    (reason,) = verdict.reasons
    assert reason.match == Match.TYPED


@pytest.mark.parametrize("written", ["lua dao", "LUA DAO", "lua-dao", "luadao"])
def test_a_phrase_typed_without_diacritics_marks(written):
    (reason,) = judge(f"Đây là {written}", SUSPECT).reasons

    assert reason.match == Match.NO_DIACRITICS
    assert reason.description == "Giống từ đáng ngờ “lừa đảo” khi bỏ dấu"


@pytest.mark.parametrize("innocent", ["Đi du lịch Hà Nội", "Du khách rất đông"])
def test_a_bare_word_that_folds_like_a_banned_one_marks_but_never_rejects(innocent):
    verdict = judge(innocent, BANNED)

    assert verdict.rejected is False
    assert verdict.descriptions == ("Giống từ cấm “đụ” khi bỏ dấu",)


@pytest.mark.parametrize(
    "innocent", ["dự án", "Dụ dỗ", "Đủ rồi", "dù sao", "dung dịch", "đụng xe", "Đức", "nụ hoa"]
)
def test_words_written_with_their_own_diacritics_are_not_marked(innocent):
    assert judge(innocent, BANNED).reasons == ()


@given(
    st.text(
        alphabet="àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ ",
        min_size=1,
        max_size=40,
    )
)
def test_vietnamese_written_with_diacritics_is_never_flagged_for_a_bare_word(text):
    """A banned word of bare letters ("du") marks only bare letters."""
    assert judge(text, Word("du", banned=True), Word("dao", banned=True)).reasons == ()


def test_suspect_phrase_across_spaces_and_lines():
    assert judge("lừa\n   đảo", SUSPECT).descriptions == ("Có từ đáng ngờ: “lừa đảo”",)


def test_words_in_the_title_and_name_count_too():
    assert judge("Nội dung sạch", BANNED, title="đụ").rejected is True
    (reason,) = judge("Nội dung sạch", SUSPECT, name="Lừa Đảo").reasons
    assert reason.places == (Place("name", 0, 7),)


@pytest.mark.parametrize(
    ("content", "flagged"),
    [
        ("Xem https://a.vn", False),
        ("Xem https://a.vn và http://b.com", True),
        ("Xem www.a.vn, www.b.vn và HTTPS://c.vn", True),
        ("Email: a@b.vn, không phải liên kết", False),
    ],
)
def test_two_or_more_links_mark_the_comment(content, flagged):
    verdict = judge(content)

    assert verdict.rejected is False
    assert bool(verdict.reasons) is flagged
    if flagged:
        assert verdict.descriptions[0].startswith("Có ")
        assert verdict.descriptions[0].endswith(" liên kết")


def test_several_reasons_are_all_given():
    verdict = judge("lừa đảo https://a.vn https://b.vn du lịch", BANNED, SUSPECT)

    assert verdict.rejected is False
    assert verdict.descriptions == (
        "Giống từ cấm “đụ” khi bỏ dấu",
        "Có từ đáng ngờ: “lừa đảo”",
        "Có 2 liên kết",
    )
