"""The editors' statistics page, its figures checked on known data."""

from datetime import timedelta

import pytest
from django.urls import reverse

from comments.models import Comment, Decision
from tests.helpers.factories import hanoi_time, make_comment, make_editor, make_user
from tests.helpers.html import texts

pytestmark = pytest.mark.django_db

STATISTICS = reverse("admin:comments_comment_statistics")
Status = Comment.Status


def decide(comment, status, editor, at, time_machine, **reason):
    time_machine.move_to(at, tick=False)
    Comment.objects.filter(pk=comment.pk).moderate(status, editor, **reason)


def rows_of(html, table):
    """Each row of the table marked `table`, its cells' texts."""
    section = html.split(f"data-{table}", 1)[1].split("</table>", 1)[0]
    return [texts(row, "th") + texts(row, "td") for row in section.split("<tr")[1:]]


def test_decisions_per_editor_per_week_and_the_median_wait(editor_client, time_machine):
    an = make_editor(username="an", first_name="An", last_name="Nguyễn")
    binh = make_editor(username="binh", first_name="Bình", last_name="Trần")
    # Week of Monday 23/11: An decides two comments after 1 h and 3 h; Bình one after 2 h.
    sent = hanoi_time(2026, 11, 24, 8, 0)
    first, second, third = (make_comment(created_at=sent) for _ in range(3))
    decide(first, Status.APPROVED, an, sent + timedelta(hours=1), time_machine)
    decide(second, Status.REJECTED, an, sent + timedelta(hours=3), time_machine, reason="spam")
    decide(third, Status.APPROVED, binh, sent + timedelta(hours=2), time_machine)
    # A second decision on the same comment counts as a decision, not as a wait.
    decide(first, Status.REJECTED, binh, sent + timedelta(days=1), time_machine, reason="spam")
    # This week (Monday 30/11): Bình after 30 minutes. Older than eight weeks: left out.
    this_week = make_comment(created_at=hanoi_time(2026, 12, 1, 9, 0))
    decide(this_week, Status.APPROVED, binh, hanoi_time(2026, 12, 1, 9, 30), time_machine)
    ancient = make_comment(created_at=hanoi_time(2026, 1, 5, 9, 0))
    decide(ancient, Status.APPROVED, an, hanoi_time(2026, 1, 5, 9, 30), time_machine)
    # The queue: one waiting 2 h, one 3 days.
    time_machine.move_to(hanoi_time(2026, 12, 3, 10, 0), tick=False)
    make_comment(created_at=hanoi_time(2026, 12, 3, 8, 0))
    make_comment(created_at=hanoi_time(2026, 11, 30, 10, 0))

    html = editor_client.get(STATISTICS).content.decode()

    header, *editors = rows_of(html, "decisions-by-week")
    assert header[0] == "Biên tập viên" and header[-2:] == ["30/11–06/12/2026", "Cộng"]
    assert header[-3] == "23/11–29/11/2026"
    assert len(header) == 8 + 2
    by_name = {row[0]: row[1:] for row in editors}
    assert by_name["Bình Trần"][-3:] == ["2", "1", "3"]  # 23/11 week, this week, total
    assert by_name["An Nguyễn"][-3:] == ["2", "0", "2"]
    # Most decisions first, then the footer's totals.
    assert list(by_name) == ["Bình Trần", "An Nguyễn", "Tất cả", "Thời gian chờ trung vị"]
    assert by_name["Tất cả"][-3:] == ["4", "1", ""]
    [median_row] = [row for row in rows_of(html, "decisions-by-week") if "trung vị" in row[0]]
    # 23/11 week: waits 1 h, 3 h, 2 h: median 2 h. This week: 30 minutes. All: 1 h 30 min.
    assert median_row[-3:] == ["2 giờ", "30 phút", "1 giờ 30 phút"]
    assert median_row[1] == "—"  # a week without decisions
    queue = rows_of(html, "queue-bands")
    assert queue[1:] == [
        ["Dưới 1 giờ", "0"],
        ["Từ 1 đến 24 giờ", "1"],
        ["Từ 1 đến 7 ngày", "1"],
        ["Trên 7 ngày", "0"],
    ]
    assert "2 bình luận chờ duyệt; lâu nhất 3 ngày." in html
    assert Decision.objects.count() == 6


def test_the_statistics_need_the_queues_view_permission(client):
    client.force_login(make_user(is_staff=True))
    assert client.get(STATISTICS).status_code == 403
