"""Uploaded files in tests: a folder of the test's own, served as `make run` serves it."""

import importlib
from contextlib import contextmanager

from django.urls import clear_url_caches

import portal.urls


@contextmanager
def urls_as_make_run(settings):
    """The URLs as `make run` has them (DEBUG on: /media/ served by Django)."""
    settings.DEBUG = True
    importlib.reload(portal.urls)
    clear_url_caches()
    try:
        yield
    finally:
        settings.DEBUG = False
        importlib.reload(portal.urls)
        clear_url_caches()
