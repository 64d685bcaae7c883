"""The policy alone: plain text in, a verdict out."""

import unicodedata

import pytest

from comments.moderation import Word, review

BANNED = Word("đụ", banned=True)
SUSPECT = Word("lừa đảo", banned=False)


def judge(content, *words, title="Ý kiến", name="Bạn đọc"):
    return review([name, title, content], words)


def test_clean_comment_waits_without_notes():
    verdict = judge("Đề nghị thành phố sửa đường Láng.", BANNED, SUSPECT)

    assert verdict.rejected is False
    assert verdict.reasons == ()


@pytest.mark.parametrize("written", ["đụ", "Đụ", "ĐỤ", "thằng đụ!"])
def test_exact_banned_word_rejects(written):
    verdict = judge(f"Nội dung {written} nữa", BANNED)

    assert verdict.rejected is True
    assert verdict.reasons == ("Có từ cấm: “đụ”",)


def test_banned_word_in_decomposed_unicode_still_matches():
    verdict = judge(unicodedata.normalize("NFD", "Nội dung đụ nữa"), BANNED)

    assert verdict.rejected is True


@pytest.mark.parametrize("innocent", ["Đi du lịch Hà Nội", "Du khách rất đông", "dụ dỗ"])
def test_match_only_without_diacritics_marks_but_never_rejects(innocent):
    verdict = judge(innocent, BANNED)

    assert verdict.rejected is False
    assert verdict.reasons == ("Giống từ cấm “đụ” khi bỏ dấu",)


@pytest.mark.parametrize("text", ["dung dịch", "đụng xe", "Đức", "nụ hoa"])
def test_whole_words_only(text):
    assert judge(text, BANNED).reasons == ()


def test_suspect_words_mark_the_comment():
    verdict = judge("Đây là trò LỪA ĐẢO", SUSPECT)

    assert verdict.rejected is False
    assert verdict.reasons == ("Có từ đáng ngờ: “lừa đảo”",)


def test_suspect_phrase_across_spaces_and_lines():
    assert judge("lừa\n   đảo", SUSPECT).reasons == ("Có từ đáng ngờ: “lừa đảo”",)


def test_suspect_phrase_without_diacritics():
    assert judge("lua dao", SUSPECT).reasons == ("Giống từ đáng ngờ “lừa đảo” khi bỏ dấu",)


def test_words_in_the_title_and_name_count_too():
    assert judge("Nội dung sạch", BANNED, title="đụ").rejected is True
    assert judge("Nội dung sạch", SUSPECT, name="Lừa Đảo").reasons


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
        assert verdict.reasons[0].startswith("Có ") and verdict.reasons[0].endswith(" liên kết")


def test_several_reasons_are_all_given():
    verdict = judge("lừa đảo https://a.vn https://b.vn du lịch", BANNED, SUSPECT)

    assert verdict.rejected is False
    assert verdict.reasons == (
        "Giống từ cấm “đụ” khi bỏ dấu",
        "Có từ đáng ngờ: “lừa đảo”",
        "Có 2 liên kết",
    )
