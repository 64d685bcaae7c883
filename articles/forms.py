import warnings
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from PIL import Image

from .models import Category

SEARCH_MAX_LENGTH = 200
# Dates the archive can look up: a day's bounds in Hanoi time must still be
# a datetime in UTC, which year 1 and year 9999 are not.
ARCHIVE_FIRST_DAY = date(1900, 1, 1)
ARCHIVE_LAST_DAY = date(2999, 12, 31)
OUT_OF_RANGE = "Chỉ xem được các ngày từ 01/01/1900 đến 31/12/2999."


class ImageUploadField(forms.ImageField):
    """Django's image field, which says so when an image is too large to
    open (Pillow's decompression-bomb limit) rather than calling it broken."""

    def to_python(self, data):
        with warnings.catch_warnings():
            # Above the limit Pillow only warns; at twice it refuses.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                return super().to_python(data)
            except ValidationError as error:
                too_large = (Image.DecompressionBombError, Image.DecompressionBombWarning)
                if isinstance(error.__cause__, too_large):
                    millions = Image.MAX_IMAGE_PIXELS // 1_000_000
                    raise ValidationError(
                        f"Ảnh quá lớn: tối đa {millions} triệu điểm ảnh. "
                        "Hãy thu nhỏ ảnh rồi tải lên lại.",
                        code="image_too_large",
                    ) from error
                raise


class SearchForm(forms.Form):
    q = forms.CharField(label="Từ khoá", max_length=SEARCH_MAX_LENGTH, strip=True)


class ArchiveForm(forms.Form):
    ngay = forms.DateField(
        label="Ngày đăng",
        # Day first, as Vietnamese write it, with whichever separator a
        # reader types; YYYY-MM-DD for the old links.
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"],
        # Typed as Vietnamese write dates, whatever the browser's language;
        # ?ngay=YYYY-MM-DD (old links) still reads.
        widget=forms.DateInput(format="%d/%m/%Y"),
        error_messages={
            "required": "Vui lòng chọn ngày.",
            "invalid": "Ngày không hợp lệ, hãy nhập theo dạng ngày/tháng/năm.",
        },
    )
    chuyenmuc = forms.ModelChoiceField(
        label="Chuyên mục",
        queryset=Category.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Tất cả chuyên mục",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": "Không có chuyên mục này."},
    )

    def clean_ngay(self):
        day = self.cleaned_data["ngay"]
        if not ARCHIVE_FIRST_DAY <= day <= ARCHIVE_LAST_DAY:
            raise forms.ValidationError(OUT_OF_RANGE, code="out_of_range")
        return day
