from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("binh-luan/<int:article_id>/", views.post_comment, name="post"),
    path("binh-luan/<int:article_id>/phien/", views.comment_session, name="session"),
]
