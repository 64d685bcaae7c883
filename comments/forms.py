import re
import time

from captcha.fields import CaptchaField, CaptchaTextInput
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Layout, Reset, Submit
from django import forms
from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.html import format_html

from .models import Comment
from .phone import InvalidPhone, normalise_phone

REQUIRED_MESSAGES = {
    "name": "Vui lòng nhập họ tên.",
    "title": "Vui lòng nhập tiêu đề.",
    "content": "Vui lòng nhập nội dung.",
}
TOO_LONG = "{label} dài tối đa %(limit_value)d ký tự (bạn đã nhập %(show_value)d ký tự)."
INVALID_PHONE = "Số điện thoại không hợp lệ."
PHONE_TYPED_MAX_LENGTH = 30
WRONG_CAPTCHA = "Mã xác nhận không đúng."
MISSING_CAPTCHA = "Vui lòng nhập mã xác nhận."
# Fields whose value the form gives back after a captcha refresh.
TYPED_FIELDS = ("name", "phone", "title", "content")
# C0 and C1 control characters, except tab and line ends: nobody types them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_MESSAGE = (
    "Có ký tự điều khiển không hợp lệ (không nhìn thấy được); đã bỏ chúng đi. "
    "Vui lòng kiểm tra lại rồi gửi."
)
HONEYPOT_FIELD = "website"
HONEYPOT_MESSAGE = "Không gửi được ý kiến: ô “Để trống ô này” phải để trống."
TOO_FAST_MESSAGE = "Bạn gửi nhanh quá. Vui lòng đọc lại ý kiến, nhập mã xác nhận mới rồi bấm Gửi."
STALE_FORM_MESSAGE = (
    "Biểu mẫu đã cũ hoặc không hợp lệ. Vui lòng nhập mã xác nhận mới rồi bấm Gửi lần nữa."
)
START_TOKEN_SALT = "comments.form-started"
START_TOKEN_MAX_AGE = 24 * 60 * 60


def start_token(article, started_at=None):
    """A signed note of when the form was shown, and for which article."""
    started_at = time.time() if started_at is None else started_at
    return signing.dumps({"article": article.pk, "at": started_at}, salt=START_TOKEN_SALT)


def seconds_since_start(token, article):
    """Seconds since the form was shown; None when the token is missing,
    forged, too old or for another article."""
    try:
        payload = signing.loads(token or "", salt=START_TOKEN_SALT, max_age=START_TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    elapsed = time.time() - payload.get("at", 0)
    if payload.get("article") != article.pk or not 0 <= elapsed <= START_TOKEN_MAX_AGE:
        return None
    return elapsed


def required_label(text):
    # The source page marks required fields with a red "(*)" right after the colon.
    return format_html('{}<span class="required-mark">(*)</span>', text)


def reset_button():
    button = Reset("reset", "Nhập lại")
    button.field_classes = "btn btn-outline-secondary"
    return button


class CaptchaAnswerInput(forms.TextInput):
    def __init__(self):
        super().__init__(
            attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}
        )


class CaptchaWidget(CaptchaTextInput):
    """django-simple-captcha's widget with markup that is valid HTML5 (no
    `required` on the hidden key), a label bound to the answer input, and
    the source page's "Lấy lại mã bảo mật" control."""

    template_name = "comments/captcha_widget.html"
    use_fieldset = False

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets = [forms.HiddenInput(), CaptchaAnswerInput()]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["refresh_url"] = self.refresh_url()
        return context


class PortalCaptchaField(CaptchaField):
    def clean(self, value):
        # A blank answer is a missing one, not a wrong one.
        if value and len(value) == 2 and value[0] and not (value[1] or "").strip():
            raise forms.ValidationError(MISSING_CAPTCHA, code="required")
        return super().clean(value)


class CommentForm(forms.ModelForm):
    # Typed with spaces, dots and dashes: longer than the E.164 form stored.
    phone = forms.CharField(
        label="Số điện thoại:",
        required=False,
        max_length=PHONE_TYPED_MAX_LENGTH,
        help_text="Không bắt buộc. Chỉ Ban biên tập xem được, không đăng lên cổng.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"max_length": INVALID_PHONE},
    )
    # A trap for robots: hidden from people (and from screen readers).
    website = forms.CharField(
        label="Để trống ô này",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    captcha = PortalCaptchaField(
        label="Mã xác nhận:",
        widget=CaptchaWidget,
        error_messages={
            "invalid": WRONG_CAPTCHA,
            "required": MISSING_CAPTCHA,
            "incomplete": MISSING_CAPTCHA,
        },
    )

    class Meta:
        model = Comment
        fields = ["name", "phone", "title", "content"]
        labels = {
            "name": required_label("Họ tên:"),
            "title": required_label("Tiêu đề:"),
            "content": required_label("Nội dung:"),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "content": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            field: {
                "required": REQUIRED_MESSAGES.get(field, ""),
                "max_length": TOO_LONG.format(label=label),
            }
            for field, label in [
                ("name", "Họ tên"),
                ("title", "Tiêu đề"),
                ("content", "Nội dung"),
            ]
        }

    def __init__(self, data=None, *args, article, **kwargs):
        # Control characters are taken out before anything else, so that the
        # form shown again holds only what can be shown; clean() says so.
        self.controls_removed = []
        if data is not None:
            data = data.copy()
            for name in TYPED_FIELDS:
                value = data.get(name)
                if value and CONTROL_CHARACTERS.search(value):
                    data[name] = CONTROL_CHARACTERS.sub("", value)
                    self.controls_removed.append(name)
        super().__init__(data, *args, **kwargs)
        self.article = article
        # What a reader typed is stored exactly as typed.
        for name in REQUIRED_MESSAGES:
            self.fields[name].strip = False

    @property
    def start_token(self):
        """A fresh token for every form shown: the clock restarts."""
        return start_token(self.article)

    @property
    def helper(self):
        helper = FormHelper(self)
        # The page that answers a submission opens at the form, errors in view.
        post_url = reverse("comments:post", kwargs={"article_id": self.article.pk})
        helper.form_action = f"{post_url}#viet-binh-luan"
        helper.form_id = "comment-form"
        helper.field_template = "comments/field.html"
        helper.layout = Layout(
            # Pressing Enter in a field sends the comment: the form's first
            # submit button is the default one, and the captcha's refresh
            # button comes before "Gửi".
            HTML(
                '<input type="submit" value="Gửi" class="visually-hidden" '
                'tabindex="-1" aria-hidden="true">'
            ),
            HTML('<input type="hidden" name="started" value="{{ form.start_token }}">'),
            *TYPED_FIELDS,
            "captcha",
            Div(HONEYPOT_FIELD, css_class="comment-trap", aria_hidden="true"),
            Div(Submit("send", "Gửi"), reset_button(), css_class="comment-form-buttons"),
        )
        return helper

    def clean(self):
        cleaned_data = super().clean()
        for name in self.controls_removed:
            self.add_error(name, CONTROL_MESSAGE)
        if self.data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        elapsed = seconds_since_start(self.data.get("started"), self.article)
        if elapsed is None:
            raise forms.ValidationError(STALE_FORM_MESSAGE, code="stale_form")
        if elapsed < settings.COMMENT_MIN_SECONDS:
            raise forms.ValidationError(TOO_FAST_MESSAGE, code="too_fast")
        return cleaned_data

    def clean_name(self):
        return self.require_text("name")

    def clean_title(self):
        return self.require_text("title")

    def clean_content(self):
        return self.require_text("content")

    def clean_phone(self):
        typed = self.cleaned_data["phone"]
        if not typed.strip():
            return ""
        try:
            return normalise_phone(typed)
        except InvalidPhone:
            raise forms.ValidationError(INVALID_PHONE, code="invalid") from None

    def require_text(self, name):
        value = self.cleaned_data[name]
        if not value.strip():
            raise forms.ValidationError(REQUIRED_MESSAGES[name], code="required")
        return value
