"""Only django-simple-captcha's own addresses, its drawing included: the
baseline that the attack test reads."""

from django.urls import include, path

urlpatterns = [path("captcha/", include("captcha.urls"))]
