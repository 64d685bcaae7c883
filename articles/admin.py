from django.contrib import admin
from django.db import models

from portal.admin_base import PortalModelAdmin
from portal.text import vietnamese_number

from .forms import ImageUploadField
from .models import SEARCH_COLUMNS, Article, Category
from .search import CANDIDATES


@admin.register(Category)
class CategoryAdmin(PortalModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Article)
class ArticleAdmin(PortalModelAdmin):
    list_display = ["title", "category", "published_at", "status", "author"]
    list_filter = ["status", "is_featured", "category", "published_at"]
    list_select_related = ["category"]
    # The search box goes through ArticleQuerySet.search(): whole words of
    # title, lead and body, without diacritics or case ("dai hoi" finds
    # "Đại hội"), "phrases"; the newest 1,000 matches, so that a common word
    # stays fast on a large site.
    search_fields = ["title"]
    search_help_text = (
        "Tìm theo từ trong tiêu đề, tóm tắt và nội dung, có dấu hoặc không dấu; "
        f"đặt cụm từ trong ngoặc kép. Hiện tối đa {vietnamese_number(CANDIDATES)} bài mới nhất."
    )
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category"]
    show_full_result_count = False
    formfield_overrides = {models.ImageField: {"form_class": ImageUploadField}}
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "status", "published_at"]}),
        ("Nội dung", {"fields": ["outlet_code", "lead", "body", "author"]}),
        ("Ảnh", {"fields": ["image", "image_caption"]}),
        ("Trang chủ", {"fields": ["is_featured", "featured_until"]}),
    ]

    def get_queryset(self, request):
        # The list never shows the body: leave the archive's largest columns unread.
        return super().get_queryset(request).defer("body", *SEARCH_COLUMNS.values())

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False
