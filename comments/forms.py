import re
from functools import cached_property

from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Layout, Reset, Submit
from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils.html import format_html

from . import audio, tokens
from .models import CONTENT_MAX_LENGTH, Comment
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


class LineBreakCountedOnce(MaxLengthValidator):
    """Browsers count a line break as one character against `maxlength` but
    send it as CR LF: count it as the reader's browser did."""

    def clean(self, value):
        return len(value.replace("\r\n", "\n"))


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

    # The form hands its own captcha key to the widget (see CommentForm.captcha_key).
    key_source = None

    def fetch_captcha_store(self, name, value, attrs=None, generator=None):
        self._key = self.key_source()
        self._value = [self._key or "", ""]
        self.id_ = self.build_attrs(attrs).get("id")

    def image_url(self):
        # The form shown to everyone has no captcha yet: no image.
        return super().image_url() if self._key else None

    def audio_url(self):
        # Spoken by comments/audio.py, when its program is installed.
        return audio.audio_url(self._key)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["refresh_url"] = self.refresh_url()
        return context


class PortalCaptchaField(CaptchaField):
    # The key of the captcha handed to this form, read from its signed start
    # token: an answer counts (and uses the captcha up) only for that key, so
    # nobody can spend a captcha handed to someone else. None when the form
    # is refused as stale anyway: the captcha is then left alone.
    bound_key = ""

    def clean(self, value):
        if self.bound_key is None:
            return value
        key, answer = [*(value or []), None, None][:2]
        # A blank answer is a missing one, not a wrong one.
        if not (answer or "").strip():
            raise forms.ValidationError(MISSING_CAPTCHA, code="required")
        if key != self.bound_key:
            raise forms.ValidationError(WRONG_CAPTCHA, code="invalid")
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

    def __init__(
        self,
        data=None,
        *args,
        article,
        started_at=None,
        captcha_key=None,
        notice="",
        shared=False,
        **kwargs,
    ):
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
        self.started_at = started_at
        # Why the form is shown again when that is not a field's fault.
        self.notice = notice
        # What a reader typed is stored exactly as typed.
        for name in REQUIRED_MESSAGES:
            self.fields[name].strip = False
        content = self.fields["content"]
        content.validators = [
            LineBreakCountedOnce(CONTENT_MAX_LENGTH) if isinstance(v, MaxLengthValidator) else v
            for v in content.validators
        ]
        self.submitted = (
            tokens.read(self.data.get("started"), article.pk) if self.is_bound else None
        )
        captcha = self.fields["captcha"]
        captcha.bound_key = self.submitted.captcha_key if self.submitted else None
        captcha.widget.key_source = lambda: self.captcha_key
        if captcha_key is not None:
            self.captcha_key = captcha_key  # shown again: the captcha it already had
        # The form every reader is shown alike: no captcha and no token of
        # anyone's (the page's script fetches them, see views.comment_session).
        self.shared = shared
        if shared:
            self.captcha_key = self.start_token = ""
            # Nothing to answer yet: the browser must let the first Gửi through
            # (without JavaScript it brings the captcha back).
            captcha.required = False

    @cached_property
    def captcha_key(self):
        """A captcha of this form's own (one new row): never shared with another reader."""
        return CaptchaStore.generate_key()

    @cached_property
    def start_token(self):
        """The signed note of this form; a form shown again after a new
        captcha keeps its clock (started_at)."""
        return tokens.issue(self.article.pk, self.captcha_key, self.started_at).dumps()

    @property
    def helper(self):
        helper = FormHelper(self)
        # The page that answers a submission opens at the form, errors in view.
        post_url = reverse("comments:post", kwargs={"article_id": self.article.pk})
        helper.form_action = f"{post_url}#viet-binh-luan"
        helper.form_id = "comment-form"
        # The form every reader is shown alike carries no CSRF token of anyone's.
        helper.disable_csrf = self.shared
        helper.attrs = {
            "data-comment-session": reverse(
                "comments:session", kwargs={"article_id": self.article.pk}
            ),
            # Our Vietnamese messages, not the browser's own bubbles (in its
            # language, one field at a time, unseen by some screen readers).
            "novalidate": True,
        }
        helper.field_template = "comments/field.html"
        # The errors of the form as a whole are listed, with the fields',
        # in the summary above it (comments/section.html), not twice.
        helper.form_show_errors = False
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
        if self.submitted is None:
            raise forms.ValidationError(STALE_FORM_MESSAGE, code="stale_form")
        if self.submitted.seconds_since_start < settings.COMMENT_MIN_SECONDS:
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
