"""Numbered pages that cost the same on page 1 and page 5,000.

Counting a section's 20,000 articles and skipping 10,000 rows to reach a
deep page both grow with the archive. The count is kept in the cache for the
current content version (one count per change, not per view), and a page is
read by its ids first (an OFFSET over the index alone) and then those twenty
rows by primary key.
"""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from portal import content


class ArchivePaginator(Paginator):
    def __init__(self, object_list, per_page, *, count_key, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        key = f"count:{content.state().key}:{self.count_key}"
        count = cache.get(key)
        if count is None:
            count = self.object_list.count()
            cache.set(key, count, 24 * 60 * 60)
        return count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
