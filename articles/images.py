"""Article images: cleaned on upload, and served as renditions.

An uploaded image is read with Pillow (its decompression-bomb limit kept:
an image of more pixels than Image.MAX_IMAGE_PIXELS is refused), turned
upright by its EXIF orientation, and saved again without any metadata, so
that no camera, owner or GPS position is published with it.

Renditions are made once per image by a task (`make_renditions`, enqueued
when an article is saved with a new image): each width of WIDTHS up to the
image's own, in WebP and JPEG, through the storage API (a local folder, or
any storage configured). The article keeps their names and sizes in
`image_renditions`; pages show the original until they exist.
"""

import hashlib
import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

# Card thumbnails (about 300 CSS px) on phones and desktops at 1x and 2x,
# and the article's lead image up to 1280 px.
WIDTHS = (320, 640, 960, 1280)
FORMATS = {  # extension: (Pillow format, options)
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "jpg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}
# What an upload is saved as: its own format when the web shows it well.
KEPT_FORMATS = {"JPEG": ("JPEG", {"quality": 90}), "PNG": ("PNG", {}), "WEBP": ("WEBP", {})}
ALLOWED_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


def without_metadata(upload):
    """The uploaded image (a Django File) saved again upright and without
    metadata, as a ContentFile with the same name."""
    upload.seek(0)
    with Image.open(upload) as image:
        source_format = image.format
        upright = ImageOps.exif_transpose(image)
        pillow_format, options = KEPT_FORMATS.get(source_format, KEPT_FORMATS["JPEG"])
        if pillow_format == "JPEG":
            upright = flattened(upright)
        output = io.BytesIO()
        # No exif=, icc_profile= or pnginfo=: nothing of the source's metadata.
        upright.save(output, pillow_format, **options)
    return ContentFile(output.getvalue(), name=PurePosixPath(upload.name).name)


def flattened(image):
    """RGB, with any transparency laid on white (JPEG has none)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def rendition_widths(width):
    """The widths to make of an image `width` pixels wide: never wider than it."""
    widest = min(width, WIDTHS[-1])
    return [*(w for w in WIDTHS if w < widest), widest]


def make_renditions(image_name, storage=default_storage):
    """Write the renditions of the stored image; return what the article keeps:
    {"source": image_name, "sizes": [{"width", "height", "webp", "jpg"}, ...]}."""
    folder = f"renditions/{hashlib.sha256(image_name.encode()).hexdigest()[:16]}"
    sizes = []
    with storage.open(image_name) as stored, Image.open(stored) as image:
        image = ImageOps.exif_transpose(image)
        for width in rendition_widths(image.width):
            height = max(1, round(image.height * width / image.width))
            resized = image.resize((width, height), Image.Resampling.LANCZOS)
            size = {"width": width, "height": height}
            for extension, (pillow_format, options) in FORMATS.items():
                output = io.BytesIO()
                flattened(resized).save(output, pillow_format, **options)
                name = f"{folder}/{width}.{extension}"
                if storage.exists(name):
                    storage.delete(name)
                size[extension] = storage.save(name, ContentFile(output.getvalue()))
            sizes.append(size)
    return {"source": image_name, "sizes": sizes}


def delete_renditions(renditions, storage=default_storage):
    """Remove the files of renditions no article shows any more."""
    for size in renditions.get("sizes", []):
        for extension in FORMATS:
            if name := size.get(extension):
                storage.delete(name)
