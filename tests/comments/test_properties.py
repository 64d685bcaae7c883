"""Property-based tests: whatever text arrives, in whatever field."""

import itertools
import time
from urllib.parse import urlencode

from captcha.models import CaptchaStore
from django.test import override_settings
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from comments import tokens
from comments.forms import CONTROL_CHARACTERS
from comments.models import Comment
from tests.helpers.factories import make_article

FORM = "application/x-www-form-urlencoded"
HTML_SPECIAL = set("<>&\"'")
FIELDS = ["name", "phone", "title", "content", "captcha_0", "captcha_1", "started", "website"]
# Any Unicode text: control characters, emoji, combining marks, right-to-left...
any_text = st.text(max_size=150)
# ...and what people write: everything but control characters (tab and line
# breaks stay), in NFC or NFD, with emoji and right-to-left text.
written_text = st.text(
    st.one_of(
        st.characters(exclude_categories=["Cc", "Cs"]),
        st.sampled_from("\t\r\nđĐệỆữỮ<>&\"'"),
    ),
    max_size=150,
)
valid_phones = st.sampled_from(["", "0912 345 678", "(024) 3825 3536", "+84 362-345-678"])
_markers = itertools.count()


@override_settings(COMMENT_RATE_LIMITS=[(10_000, 60)])
class CommentFormProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article(title="Đại hội lần thứ XIII")

    def post(self, data):
        url = reverse("comments:post", kwargs={"article_id": self.article.pk})
        return self.client.post(url, urlencode(data), content_type=FORM)

    def solved_form(self, **typed):
        key = CaptchaStore.generate_key()
        return {
            **typed,
            "captcha_0": key,
            "captcha_1": CaptchaStore.objects.get(hashkey=key).response,
            "started": tokens.issue(self.article.pk, key, time.time() - 60).dumps(),
        }

    @settings(deadline=None)
    @given(name=written_text, phone=valid_phones, title=written_text, content=written_text)
    def test_whatever_people_write_is_accepted_stored_exactly_and_shown_escaped(
        self, name, phone, title, content
    ):
        # A marker around each value keeps it from matching the page by chance.
        marker = f"M{next(_markers)}Q"
        typed = {
            "name": f"{marker}{name[:80]}{marker}",
            "phone": phone,
            "title": f"{marker}{title}{marker}",
            "content": f"{marker}{content}{marker}",
        }

        response = self.post(self.solved_form(**typed))

        assert response.status_code == 302
        comment = Comment.objects.get(title=typed["title"])
        stored = (comment.name, comment.title, comment.content)
        assert stored == (typed["name"], typed["title"], typed["content"])
        comment.status = Comment.Status.APPROVED
        comment.save()
        page = self.client.get(self.article.get_absolute_url()).content.decode()
        for value in stored:
            if HTML_SPECIAL & set(value):
                assert value not in page

    @settings(deadline=None)
    @given(name=any_text, phone=any_text, title=any_text, content=any_text)
    def test_any_text_in_any_field_is_answered_below_500(self, name, phone, title, content):
        typed = {"name": name, "phone": phone, "title": title, "content": content}

        response = self.post(self.solved_form(**typed))

        assert response.status_code in {302, 400, 409}
        if any(CONTROL_CHARACTERS.search(value) for value in typed.values()):
            assert response.status_code == 400

    @settings(deadline=None)
    @given(
        st.dictionaries(
            st.one_of(st.sampled_from(FIELDS), any_text),
            st.one_of(any_text, st.lists(any_text, max_size=3)),
            max_size=12,
        )
    )
    def test_any_set_of_fields_is_answered_below_500(self, data):
        response = self.client.post(
            reverse("comments:post", kwargs={"article_id": self.article.pk}),
            urlencode(data, doseq=True),
            content_type=FORM,
        )

        if "captcha_refresh" in data:  # the form again, with a new captcha if its token is good
            assert response.status_code in {200, 400, 429}
        else:
            assert 400 <= response.status_code < 500 or response.status_code == 302
