"""The editors' figures: decisions per editor per week, the median time from
a comment's submission to its first decision, and the queue's age. Read from
the decision log and the queue's index; plain values for the admin's page."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from statistics import median

from django.db.models import Count, Min, Q
from django.utils import timezone

from portal.text import vietnamese_age

from .models import Comment, Decision

WEEKS = 8
DECIDING = [Decision.Action.APPROVED, Decision.Action.REJECTED]
AGE_BANDS = [
    ("Dưới 1 giờ", timedelta(0), timedelta(hours=1)),
    ("Từ 1 đến 24 giờ", timedelta(hours=1), timedelta(days=1)),
    ("Từ 1 đến 7 ngày", timedelta(days=1), timedelta(days=7)),
    ("Trên 7 ngày", timedelta(days=7), None),
]


@dataclass(frozen=True)
class Week:
    start: datetime

    @property
    def end(self):
        return self.start + timedelta(days=7)

    @property
    def label(self):
        last = self.end - timedelta(days=1)
        return f"{self.start:%d/%m}–{last:%d/%m/%Y}"


def last_weeks(now=None, count=WEEKS):
    """The last `count` weeks, Monday to Sunday in local time, this one last."""
    today = timezone.localdate(now or timezone.now())
    monday = today - timedelta(days=today.weekday())
    return [
        Week(timezone.make_aware(datetime.combine(monday - timedelta(weeks=back), time())))
        for back in reversed(range(count))
    ]


def week_index(weeks, moment):
    for index, week in enumerate(weeks):
        if week.start <= moment < week.end:
            return index
    return None


def decisions_by_week(now=None):
    """{"weeks", "editors": [(name, counts per week, total)], "totals",
    "medians": median seconds from submission to first decision per week}."""
    weeks = last_weeks(now)
    decided = Decision.objects.filter(
        action__in=DECIDING, decided_at__gte=weeks[0].start, decided_at__lt=weeks[-1].end
    ).values_list("editor_name", "editor_id", "decided_at", "comment_sent_at", "from_status")
    counts = defaultdict(lambda: [0] * len(weeks))
    waits = [[] for _ in weeks]
    for name, editor_id, decided_at, sent_at, from_status in decided.iterator(chunk_size=5000):
        index = week_index(weeks, decided_at)
        counts[name][index] += 1
        # A comment's first decision by an editor (not the word lists').
        if editor_id is not None and from_status == Comment.Status.PENDING:
            waits[index].append((decided_at - sent_at).total_seconds())
    editors = sorted(
        ((name, row, sum(row)) for name, row in counts.items()), key=lambda item: -item[2]
    )
    return {
        "weeks": weeks,
        "editors": editors,
        "totals": [sum(row[index] for _, row, _ in editors) for index in range(len(weeks))],
        "medians": [median(week) if week else None for week in waits],
        "median_all": median([wait for week in waits for wait in week] or [None]),
    }


def queue_age(now=None):
    """The pending comments: how many, the oldest's age, and how many in each age band."""
    now = now or timezone.now()
    bands = {}
    for number, (_, younger, older) in enumerate(AGE_BANDS):
        condition = Q(created_at__lte=now - younger) if younger else Q()
        if older is not None:
            condition &= Q(created_at__gt=now - older)
        bands[f"band_{number}"] = Count("pk", filter=condition)
    figures = Comment.objects.pending().aggregate(
        total=Count("pk"), oldest=Min("created_at"), **bands
    )
    oldest = figures["oldest"]
    return {
        "total": figures["total"],
        "oldest_age": vietnamese_age((now - oldest).total_seconds()) if oldest else "",
        "bands": [
            (label, figures[f"band_{number}"]) for number, (label, *_) in enumerate(AGE_BANDS)
        ],
    }


def duration(seconds):
    return "" if seconds is None else vietnamese_age(seconds)
