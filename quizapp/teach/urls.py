"""The teacher's workspace: documents, uploads, review, exports."""

from django.urls import path

from . import views

app_name = "teach"
urlpatterns = [
    path("", views.home, name="home"),
    path("upload/", views.upload, name="upload"),
    path("uploads/<uuid:batch>/", views.progress, name="progress"),
    path("documents/<slug:slug>/", views.review, name="review"),
    path("documents/<slug:slug>/export/<str:fmt>/", views.export, name="export"),
    path("documents/<slug:slug>/undo/", views.undo, name="undo"),
    path("documents/<slug:slug>/publish-drafts/", views.publish_drafts, name="publish_drafts"),
    path("items/<str:model>/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<str:model>/<int:pk>/<str:action>/", views.item_action, name="item_action"),
]
