"""{% picture %}: an article's image as a <picture> of its renditions."""

from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html, format_html_join

register = template.Library()

# The fallback <img src>: wide enough for a card at 2x, small for old browsers.
FALLBACK_WIDTH = 640


def srcset(sizes, extension):
    return format_html_join(
        ", ", "{} {}w", ((default_storage.url(size[extension]), size["width"]) for size in sizes)
    )


@register.simple_tag
def picture(article, sizes, alt=None, loading="lazy", css_class=""):
    """The article's image in WebP with a JPEG fallback, each at every width
    made, with the width and height of the image so that nothing moves as it
    loads. `alt=""` for a thumbnail beside the title it illustrates; by
    default the image's caption. Before the renditions are made: the
    original. Nothing if the article has no image."""
    if not article.image:
        return ""
    alt = article.image_caption if alt is None else alt
    made = article.image_renditions.get("sizes") or []
    if not made:
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" loading="{}" decoding="async" '
            'class="{}">',
            article.image.url,
            alt,
            article.image_width or "",
            article.image_height or "",
            loading,
            css_class,
        )
    fallback = next((size for size in made if size["width"] >= FALLBACK_WIDTH), made[-1])
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}" loading="{}" '
        'decoding="async" class="{}"></picture>',
        srcset(made, "webp"),
        sizes,
        default_storage.url(fallback["jpg"]),
        srcset(made, "jpg"),
        sizes,
        alt,
        fallback["width"],
        fallback["height"],
        loading,
        css_class,
    )
