"""WebSocket routes of live games: one for the host screen, one for each player's phone."""

from django.urls import path

from . import consumers

websocket_urlpatterns = [
    path("ws/live/<int:game_id>/host/", consumers.HostConsumer.as_asgi()),
    path("ws/live/<int:game_id>/play/", consumers.PlayerConsumer.as_asgi()),
]
