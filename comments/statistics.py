"""The editors' figures: decisions per editor per week, the median time from
a comment's submission to its first decision, and the queue's age. Read from
the decision log and the queue's index; plain values for the admin's page."""

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


def decisions_by_week(now=None):
    """{"weeks", "editors": [(name, counts per week, total)], "totals",
    "medians": median seconds from submission to an editor's decision per
    week, "median_all"}. A fixed number of queries over the log's time
    index, whatever the number of decisions."""
    weeks = last_weeks(now)
    window = Decision.objects.filter(
        action__in=DECIDING, decided_at__gte=weeks[0].start, decided_at__lt=weeks[-1].end
    )
    per_week = {
        f"week_{index}": Count("pk", filter=Q(decided_at__gte=week.start, decided_at__lt=week.end))
        for index, week in enumerate(weeks)
    }
    editors = sorted(
        (
            (row.pop("editor_name"), [row[f"week_{index}"] for index in range(len(weeks))])
            for row in window.order_by().values("editor_name").annotate(**per_week)
        ),
        key=lambda item: (-sum(item[1]), item[0]),
    )
    waits = [
        list(
            window.filter(decided_at__gte=week.start, decided_at__lt=week.end)
            .exclude(waited_seconds=None)
            .values_list("waited_seconds", flat=True)
        )
        for week in weeks
    ]
    everything = [wait for week in waits for wait in week]
    return {
        "weeks": weeks,
        "editors": [(name, counts, sum(counts)) for name, counts in editors],
        "totals": [sum(counts[index] for _, counts in editors) for index in range(len(weeks))],
        "medians": [median(week) if week else None for week in waits],
        "median_all": median(everything) if everything else None,
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
