"""Live game pages; the game itself runs over the WebSocket routes in routing.py."""

from django.urls import path

from . import views

app_name = "live"
urlpatterns = [
    path("", views.join, name="join"),
    path("new/", views.new_game, name="new"),
    path("host/<int:pk>/", views.host, name="host"),
    path("play/<int:pk>/", views.play, name="play"),
]
