from captcha import views as captcha_views
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.cache import never_cache

from articles.sitemaps import SITEMAPS

from . import views

admin.site.site_header = "Quản trị Cổng Giao tiếp điện tử thành phố Hà Nội"
admin.site.site_title = "Quản trị cổng"
admin.site.index_title = "Ban biên tập"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    # Every refresh must hand out a new key: never let a cache answer it.
    path("captcha/refresh/", never_cache(captcha_views.captcha_refresh), name="captcha-refresh"),
    path("captcha/", include("captcha.urls")),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("comments.urls")),
    path("", include("articles.urls")),
]
