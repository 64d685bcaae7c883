from django.shortcuts import get_object_or_404, render
from django.views.generic import ListView

from portal.pagecache import cached_page

from . import search
from .forms import ArchiveForm, SearchForm
from .models import NEWEST_FIRST, Article, Category
from .paging import ArchivePaginator

LIST_PAGE_SIZE = 20
NEIGHBOURS = 10
HOME_ARTICLES_PER_SECTION = 4
# The right column of home and section pages: the newest articles of every
# section, and the newest of the documents' section.
LATEST_COUNT = 8
DOCUMENTS_COUNT = 5
DOCUMENTS_SECTION = "vanbanphapquy"
# The comments app numbers the pages of an article's comments with this.
COMMENT_PAGE_PARAMETER = "y-kien"


def right_column():
    """`Tin mới` and `Văn bản mới`: two short indexed queries."""
    published = Article.objects.published().listed().order_by(*NEWEST_FIRST)
    return {
        "latest": published[:LATEST_COUNT],
        "documents": published.filter(category__slug=DOCUMENTS_SECTION)[:DOCUMENTS_COUNT],
        "documents_section": DOCUMENTS_SECTION,
    }


def home(request):
    def render_home():
        published = Article.objects.published()
        featured = Article.objects.featured()
        if featured is not None:  # shown once, at the top
            published = published.exclude(pk=featured.pk)
        context = {
            "featured": featured,
            "sections": published.latest_per_category(HOME_ARTICLES_PER_SECTION),
            **right_column(),
        }
        return render(request, "articles/home.html", context)

    return cached_page(request, render_home)


def article_detail(request, slug):
    def render_detail():
        published = Article.objects.published().select_related("category")
        return render_article(request, get_object_or_404(published, slug=slug))

    return cached_page(request, render_detail, allowed_parameters={COMMENT_PAGE_PARAMETER})


def render_article(request, article, *, status=200, comment_form=None):
    """The article page. Shown to everyone alike (and cached) without a
    comment form of its own; the comments app passes one (bound, with its
    errors, or with its captcha) when it shows the page to one reader."""
    siblings = Article.objects.published().in_category(article.category_id)
    newer, older = siblings.neighbours(article, NEIGHBOURS)
    context = {
        "article": article,
        "newer": newer,
        "older": older,
        "current_category_slug": article.category.slug,
        "comment_form": comment_form,
        "share_url": request.build_absolute_uri(article.get_absolute_url()),
        "comment_page_parameter": COMMENT_PAGE_PARAMETER,
    }
    return render(request, "articles/detail.html", context, status=status)


class PaginatedListView(ListView):
    """A list whose bad page numbers show the nearest real page instead of
    an error: "abc" and 0 the first, past the end the last."""

    paginate_by = LIST_PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        try:
            number = int(self.request.GET.get("page", 1))
        except ValueError:
            number = 1
        page = paginator.page(min(max(number, 1), paginator.num_pages))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["page_range"] = page.paginator.get_elided_page_range(page.number, on_ends=1)
        return context


class CategoryView(PaginatedListView):
    template_name = "articles/category.html"

    def get(self, request, *args, **kwargs):
        show = super().get
        return cached_page(
            request, lambda: show(request, *args, **kwargs), allowed_parameters={"page"}
        )

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return Article.objects.published().in_category(self.category).listed()

    def get_paginator(self, queryset, per_page, **kwargs):
        return ArchivePaginator(queryset, per_page, count_key=f"section:{self.category.pk}")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category,
            current_category_slug=self.category.slug,
            **right_column(),
            **kwargs,
        )


class SearchView(PaginatedListView):
    """Ranked results (articles/search.py), 20 a page, matches highlighted:
    one query for the ranking, one for the page's articles."""

    template_name = "articles/search.html"

    def get_queryset(self):
        self.form = SearchForm(self.request.GET or None)
        self.query = search.Query()
        if self.form.is_valid():
            self.query = search.parse_query(self.form.cleaned_data["q"])
        self.found = search.find(self.query)
        return list(self.found.ids)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(form=self.form, query=self.query, **kwargs)
        page_ids = context["page_obj"].object_list
        context["results"] = search.results(page_ids, self.query) if page_ids else []
        context["more"] = self.found.more
        context["candidates"] = f"{search.CANDIDATES:,}".replace(",", ".")
        return context


class ArchiveView(PaginatedListView):
    template_name = "articles/archive.html"

    def get_queryset(self):
        self.form = ArchiveForm(self.request.GET or None)
        if not self.form.is_valid():
            return Article.objects.none()
        articles = Article.objects.published().on_day(self.form.cleaned_data["ngay"])
        if category := self.form.cleaned_data["chuyenmuc"]:
            articles = articles.in_category(category)
        return articles.listed()

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)
