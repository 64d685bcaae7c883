"""What every admin list of the portal does beyond Django's defaults."""

import functools
import warnings
from datetime import MAXYEAR, MINYEAR, date, datetime, time, timedelta

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection, models
from django.db.models import Max, Min
from django.utils import timezone


class QuickDatesMixin:
    """`dates()` and `datetimes()` for the admin's date drill-down, from the
    first and last dates alone (two index look-ups) rather than every row's
    date (a scan of the whole archive): every year, month or day between
    them is offered, even one without rows."""

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None, is_dst=None):
        return [
            timezone.make_aware(datetime.combine(day, time()))
            for day in self.dates(field_name, kind)
        ]

    def aggregate(self, *args, **kwargs):
        # The drill-down asks first=Min(f), last=Max(f) in one query, which
        # SQLite answers by scanning: ask for each alone, from the index.
        if not args and set(kwargs) == {"first", "last"}:
            first, last = kwargs["first"], kwargs["last"]
            if isinstance(first, Min) and isinstance(last, Max):
                ordered = self.order_by()
                return {
                    "first": ordered.aggregate(value=first)["value"],
                    "last": ordered.aggregate(value=last)["value"],
                }
        return super().aggregate(*args, **kwargs)

    def dates(self, field_name, kind, order="ASC"):
        bounds = self.aggregate(first=Min(field_name), last=Max(field_name))
        if bounds["first"] is None:
            return []
        first, last = local_date(bounds["first"]), local_date(bounds["last"])
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        if kind == "year":
            days = [date(year, 1, 1) for year in range(first.year, last.year + 1)]
        elif kind == "month":
            days = sorted({day.replace(day=1) for day in days})
        return days if order == "ASC" else days[::-1]


def local_date(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


class BoundedChangeList(ChangeList):
    """A date drill-down whose year no datetime can hold (?created_at__year=9999
    asks for a year ending in 10000; year 1 in Hanoi is before year 1 in UTC)
    is an invalid lookup like any other: Django shows the list with ?e=1."""

    def get_filters(self, request):
        year = request.GET.get(f"{self.date_hierarchy}__year", "") if self.date_hierarchy else ""
        if year.strip().isdigit() and not MINYEAR < int(year) < MAXYEAR:
            raise IncorrectLookupParameters(f"Năm ngoài phạm vi: {year}")
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error

    def get_queryset(self, request, exclude_parameters=None):
        # A date typed into the URL (?published_at__gte=2020-11-14) has no time
        # zone; Django reads it in Hanoi time, as meant, and warns: not a fault.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "DateTimeField .* received a naive datetime")
            try:
                queryset = super().get_queryset(request, exclude_parameters)
            except OverflowError as error:
                raise IncorrectLookupParameters(error) from error
        queryset.__class__ = quick_dated(type(queryset))
        return queryset

    def get_results(self, request):
        # A date Python holds but the database cannot (0001-01-01 in Hanoi is
        # before year 1 in UTC) fails only when the query runs.
        try:
            return super().get_results(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


@functools.cache
def quick_dated(queryset_class):
    if issubclass(queryset_class, QuickDatesMixin):
        return queryset_class
    return type(f"QuickDated{queryset_class.__name__}", (QuickDatesMixin, queryset_class), {})


class PortalAdminMixin:
    """Hostile query strings get Django's "invalid lookup" answer, not a 500.

    Mixed into our admins and, by PortalConfig.ready(), into those the
    libraries register (users, groups, login attempts, tasks)."""

    def get_changelist(self, request, **kwargs):
        return BoundedChangeList

    def get_object(self, request, object_id, from_field=None):
        # An empty ?_to_field= means the primary key, not a field named "".
        return super().get_object(request, object_id, from_field or None)

    def response_action(self, request, queryset):
        """A bulk action on the ticked rows, leaving out ticks that are no id
        (?_selected_action=abc): Django would filter by them and fail."""
        ticked = request.POST.getlist(ACTION_CHECKBOX_NAME)
        ids = [value for value in ticked if self.fits(self.model._meta.pk.name, value)]
        if ids != ticked:
            request.POST = request.POST.copy()
            request.POST.setlist(ACTION_CHECKBOX_NAME, ids)
        return super().response_action(request, queryset)

    def get_changeform_initial_data(self, request):
        """Initial values from the URL (?category=3), without those that are not
        values of their field: the form would fail to render them."""
        initial = super().get_changeform_initial_data(request)
        return {name: value for name, value in initial.items() if self.fits(name, value)}

    def fits(self, name, value):
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if field.is_relation:
            field = field.target_field
        values = value if isinstance(value, list) else [value]
        try:
            python_values = [field.to_python(one) for one in values]
        except (ValidationError, ValueError, TypeError):
            return False
        if isinstance(field, models.IntegerField):
            low, high = connection.ops.integer_field_range(field.get_internal_type())
            return all(low <= number <= high for number in python_values if number is not None)
        return True


class PortalModelAdmin(PortalAdminMixin, admin.ModelAdmin):
    pass


def harden_registered_admins(site):
    """Give every registered admin PortalAdminMixin, ours and the libraries'."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, PortalAdminMixin):
            continue
        hardened = type(type(model_admin).__name__, (PortalAdminMixin, type(model_admin)), {})
        site.unregister(model)
        site.register(model, hardened)
