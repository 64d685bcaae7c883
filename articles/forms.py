from django import forms

from .models import Category

SEARCH_MAX_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(label="Từ khoá", max_length=SEARCH_MAX_LENGTH, strip=True)


class ArchiveForm(forms.Form):
    ngay = forms.DateField(
        label="Ngày đăng",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
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
