from captcha.helpers import captcha_image_url
from captcha.models import CaptchaStore
from django.contrib import messages
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article
from articles.views import render_article

from .forms import TYPED_FIELDS, CommentForm
from .models import USER_AGENT_MAX_LENGTH
from .notify import notify_editors

THANKS = (
    "Cảm ơn bạn đã gửi ý kiến. Ý kiến của bạn sẽ được hiển thị sau khi được Ban biên tập duyệt."
)


@require_POST
def post_comment(request, article_id):
    article = get_object_or_404(
        Article.objects.published().select_related("category"), pk=article_id
    )
    if "captcha_refresh" in request.POST:
        # A new captcha without JavaScript: the same page, what was typed kept.
        # The old captcha goes, so that the pool cannot hand it out again.
        CaptchaStore.objects.filter(hashkey=request.POST.get("captcha_0", "")).delete()
        typed = {name: request.POST.get(name, "") for name in TYPED_FIELDS}
        form = CommentForm(article=article, initial=typed)
        return render_article(request, article, comment_form=form)
    form = CommentForm(request.POST, article=article)
    if not form.is_valid():
        return render_article(request, article, comment_form=form, status=400)
    with transaction.atomic():
        comment = form.save(commit=False)
        comment.article = article
        comment.ip_address = request.META.get("REMOTE_ADDR")
        comment.user_agent = request.headers.get("User-Agent", "")[:USER_AGENT_MAX_LENGTH]
        comment.save()
        transaction.on_commit(lambda: notify_editors(comment))
    messages.success(request, THANKS)
    return redirect(f"{article.get_absolute_url()}#viet-binh-luan")


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
