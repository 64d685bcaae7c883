"""Lighthouse, run as a reader's browser would meet the pages: accessibility,
best practices and SEO at 100 on a phone and on a desktop (performance is
`make bench`'s business, not a test's)."""

import json
import os
import subprocess

import pytest

from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS
from tests.helpers.paths import ROOT

pytestmark = pytest.mark.django_db(transaction=True)

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["accessibility", "best-practices", "seo"]


def lighthouse(url, form_factor, skip=()):
    command = [
        str(LIGHTHOUSE),
        url,
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={' '.join(['--headless=new', *CHROMIUM_ARGS])}",
        *(["--preset=desktop"] if form_factor == "desktop" else []),
        *([f"--skip-audits={','.join(skip)}"] if skip else []),
    ]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def failures(report):
    """{category: [audits below full marks, with a few of the items they found]}"""
    found = {}
    for name in CATEGORIES:
        category = report["categories"][name]
        if category["score"] == 1:
            continue
        audits = [report["audits"][ref["id"]] for ref in category["auditRefs"] if ref["weight"]]
        found[name] = [
            f"{audit['id']}: {audit['title']} {found_items(audit)}"
            for audit in audits
            if audit["score"] is not None and audit["score"] < 1
        ]
    return found


def found_items(audit):
    items = audit.get("details", {}).get("items", [])[:3]
    return json.dumps(items, ensure_ascii=False)[:400]


@pytest.mark.parametrize("form_factor", ["mobile", "desktop"])
def test_reader_pages_score_100(live_server, photo_article, form_factor):
    pages = {
        "/": (),
        photo_article.category.get_absolute_url(): (),
        photo_article.get_absolute_url(): (),
        # Search results ask search engines not to index them (Google's own
        # advice for a site's search pages), which Lighthouse counts against
        # SEO: that one audit is left out there, and only there.
        "/tim-kiem/?q=ho+guom": ("is-crawlable",),
    }
    for path, skip in pages.items():
        report = lighthouse(f"{live_server.url}{path}", form_factor, skip)

        assert failures(report) == {}, path
