from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path

from articles import sitemaps
from comments import audio as comment_audio
from comments import captcha as comment_captcha
from comments import views as comment_views

from . import views

admin.site.site_header = f"Quản trị {settings.SITE_NAME}"
admin.site.site_title = "Quản trị cổng"
admin.site.index_title = "Ban biên tập"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("captcha/refresh/", comment_views.refresh_captcha, name="captcha-refresh"),
    # The captcha's image is drawn by comments/captcha.py, at the library's
    # own addresses: these come first, so its drawing is never served.
    re_path(r"^captcha/image/(?P<key>\w+)/$", comment_captcha.captcha_image, name="captcha-image"),
    re_path(r"^captcha/image/(?P<key>\w+)@2/$", comment_captcha.no_second_rendering),
    # The same for its audio, spoken in Vietnamese by comments/audio.py.
    re_path(
        r"^captcha/audio/(?P<key>\w+)\.wav$", comment_audio.captcha_audio, name="captcha-audio"
    ),
    path("captcha/", include("captcha.urls")),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("tuyen-bo-ho-tro-tiep-can/", views.accessibility, name="accessibility"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-articles.xml", sitemaps.sitemap_articles, name="sitemap-articles"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path("", include("comments.urls")),
    path("", include("articles.urls")),
]

# Uploaded images under `make run` (DEBUG): Django serves them. In production
# the web server does (README: Production), never Django or WhiteNoise;
# static() adds nothing when DEBUG is off.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
