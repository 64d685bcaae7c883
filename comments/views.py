from captcha.helpers import captcha_image_url
from captcha.models import CaptchaStore
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET

from articles.models import Article
from articles.views import render_article
from portal.middleware import allow_nul_in
from portal.network import client_ip, client_network

from . import throttle, tokens
from .audio import audio_url
from .forms import STALE_FORM_MESSAGE, TYPED_FIELDS, CommentForm
from .intake import Refusal, check_request
from .posting import describe_wait, form_already_sent, submit_comment

THANKS = (
    "Cảm ơn bạn đã gửi ý kiến. Ý kiến của bạn sẽ được hiển thị sau khi được Ban biên tập duyệt."
)
NO_SESSION = (
    "Để gửi ý kiến, vui lòng nhập mã xác nhận trong hình dưới đây rồi bấm Gửi. "
    "Nội dung bạn viết vẫn còn nguyên."
)
NO_SESSION_TOO_MANY = (
    "Bạn đã lấy mã xác nhận nhiều lần liên tiếp. Vui lòng chờ ít phút rồi bấm Gửi lần nữa; "
    "nội dung bạn viết vẫn còn nguyên."
)
TOO_MANY_CAPTCHAS = (
    "Bạn đã lấy mã xác nhận mới nhiều lần liên tiếp. Vui lòng dùng mã đang có "
    "hoặc lấy mã mới sau {wait}."
)


@allow_nul_in(*TYPED_FIELDS)
@sensitive_post_parameters("phone")
def post_comment(request, article_id):
    try:
        check_request(request)
    except Refusal as refusal:
        return refused(request, refusal)
    article = get_object_or_404(
        Article.objects.published().select_related("category"), pk=article_id
    )
    if "captcha_refresh" in request.POST:
        return show_with_new_captcha(request, article)
    form = CommentForm(request.POST, article=article)
    refusal = None
    with transaction.atomic():
        # A second post of the same form (a double click, a replay) waits
        # for the first and then finds its comment: the reader is thanked
        # again and nothing more is stored. Checked before the captcha,
        # which the first post used up.
        if form_already_sent(form.data.get("started", "")):
            return thank(request, article)
        if form.is_valid():
            try:
                submit_comment(
                    form,
                    article,
                    ip_address=client_ip(request),
                    user_agent=request.headers.get("User-Agent", ""),
                )
            except Refusal as error:
                refusal = error
            else:
                return thank(request, article)
    if refusal is None:
        return render_article(request, article, comment_form=form, status=400)
    form.add_error(None, refusal.message)
    response = render_article(request, article, comment_form=form, status=refusal.status)
    return with_headers(response, refusal.headers)


def thank(request, article):
    messages.success(request, THANKS)
    return redirect(f"{article.get_absolute_url()}#viet-binh-luan")


def show_with_new_captcha(request, article):
    """A new captcha without JavaScript: the same page, what was typed kept.

    Only the captcha this form was given (named by its signed start token)
    is discarded, and only within the per-network limit; over it the form
    comes back with the captcha it had.
    """
    typed = {name: request.POST.get(name, "") for name in TYPED_FIELDS}
    submitted = tokens.read(request.POST.get("started"), article.pk)
    if submitted is None:
        form = CommentForm(article=article, initial=typed, notice=STALE_FORM_MESSAGE)
        return render_article(request, article, comment_form=form, status=400)
    wait = count_new_captcha(request)
    if wait:
        form = CommentForm(
            article=article,
            initial=typed,
            started_at=submitted.started_at,
            captcha_key=submitted.captcha_key,
            notice=TOO_MANY_CAPTCHAS.format(wait=describe_wait(wait)),
        )
        response = render_article(request, article, comment_form=form, status=429)
        return with_headers(response, {"Retry-After": str(wait)})
    CaptchaStore.objects.filter(hashkey=submitted.captcha_key).delete()
    form = CommentForm(article=article, initial=typed, started_at=submitted.started_at)
    return render_article(request, article, comment_form=form)


def count_new_captcha(request, kind="refresh"):
    """Count a new captcha against the client's network; seconds to wait if over.

    Two budgets: captchas for forms a reader starts ("form") and new ones
    for a form that has one ("refresh")."""
    limit = settings.CAPTCHA_FORM_LIMIT if kind == "form" else settings.CAPTCHA_REFRESH_LIMIT
    bucket = f"captcha-{kind}:{client_network(client_ip(request))}"
    return throttle.hit(bucket, throttle.Limit(*limit))


@require_GET
@never_cache
def comment_session(request, article_id):
    """What one reader's comment form needs, fetched by the page's script when
    the reader starts to write: a CSRF token, a captcha of the form's own
    and its signed start token. The page itself, shared by every reader,
    holds none of them (and so may be cached); nothing is written for a
    reader who only reads."""
    if request.headers.get("x-requested-with") != "XMLHttpRequest":
        raise Http404
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    wait = count_new_captcha(request, "form")
    if wait:
        message = TOO_MANY_CAPTCHAS.format(wait=describe_wait(wait))
        return JsonResponse({"error": message}, status=429, headers={"Retry-After": str(wait)})
    key = CaptchaStore.generate_key()
    return JsonResponse(
        {
            "csrf_token": get_token(request),
            "key": key,
            "image_url": captcha_image_url(key),
            "audio_url": audio_url(key),
            "started": tokens.issue(article.pk, key).dumps(),
        }
    )


def form_without_session(request, article_id):
    """A comment sent without the form's own parts (no JavaScript, or a page
    kept open for days): the CSRF check refused it, and this page gives the
    form back with what was typed, a captcha and a token. Nothing is stored."""
    article = get_object_or_404(
        Article.objects.published().select_related("category"), pk=article_id
    )
    typed = {name: request.POST.get(name, "") for name in TYPED_FIELDS}
    if count_new_captcha(request, "form"):
        form = CommentForm(article=article, initial=typed, shared=True, notice=NO_SESSION_TOO_MANY)
    else:
        form = CommentForm(article=article, initial=typed, notice=NO_SESSION)
    return render_article(request, article, comment_form=form, status=403)


def refused(request, refusal):
    response = render(
        request, "comments/refused.html", {"message": refusal.message}, status=refusal.status
    )
    return with_headers(response, refusal.headers)


def with_headers(response, headers):
    for name, value in headers.items():
        response[name] = value
    return response


@require_GET
@never_cache
def refresh_captcha(request):
    """ "Lấy lại mã bảo mật" with JavaScript: a new captcha for the form whose
    signed start token is sent (?started=...), in place of the one it had.

    Unlike django-simple-captcha's refresh view, it never hands out a
    captcha someone else holds, discards only the form's own, and counts
    against the client network's limit.
    """
    if request.headers.get("x-requested-with") != "XMLHttpRequest":
        raise Http404
    submitted = tokens.read(request.GET.get("started"))
    if submitted is None:
        return JsonResponse({"error": STALE_FORM_MESSAGE}, status=400)
    wait = count_new_captcha(request)
    if wait:
        message = TOO_MANY_CAPTCHAS.format(wait=describe_wait(wait))
        return JsonResponse({"error": message}, status=429, headers={"Retry-After": str(wait)})
    CaptchaStore.objects.filter(hashkey=submitted.captcha_key).delete()
    key = CaptchaStore.generate_key()
    return JsonResponse(
        {
            "key": key,
            "image_url": captcha_image_url(key),
            "audio_url": audio_url(key),
            "started": submitted.with_captcha(key).dumps(),
        }
    )
