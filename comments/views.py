from captcha.helpers import captcha_image_url
from captcha.models import CaptchaStore
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from articles.models import Article
from articles.views import render_article
from portal.network import client_ip

from .forms import TYPED_FIELDS, CommentForm
from .intake import Refusal, check_request
from .posting import submit_comment

THANKS = (
    "Cảm ơn bạn đã gửi ý kiến. Ý kiến của bạn sẽ được hiển thị sau khi được Ban biên tập duyệt."
)


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
    if not form.is_valid():
        return render_article(request, article, comment_form=form, status=400)
    try:
        submit_comment(
            form,
            article,
            ip_address=client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
        )
    except Refusal as refusal:
        form.add_error(None, refusal.message)
        response = render_article(request, article, comment_form=form, status=refusal.status)
        return with_headers(response, refusal.headers)
    messages.success(request, THANKS)
    return redirect(f"{article.get_absolute_url()}#viet-binh-luan")


def show_with_new_captcha(request, article):
    """A new captcha without JavaScript: the same page, what was typed kept.
    The old captcha goes, so that the pool cannot hand it out again."""
    CaptchaStore.objects.filter(hashkey=request.POST.get("captcha_0", "")).delete()
    typed = {name: request.POST.get(name, "") for name in TYPED_FIELDS}
    form = CommentForm(article=article, initial=typed)
    return render_article(request, article, comment_form=form)


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
    """ "Lấy lại mã bảo mật" with JavaScript: a new key and image.

    Like django-simple-captcha's refresh view, but the key is always a new
    one: the library's view picks from the pool, which may hand back the
    captcha the reader could not read.
    """
    if request.headers.get("x-requested-with") != "XMLHttpRequest":
        raise Http404
    key = CaptchaStore.generate_key()
    return JsonResponse({"key": key, "image_url": captcha_image_url(key), "audio_url": None})
