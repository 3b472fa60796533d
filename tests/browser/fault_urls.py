"""The app's URLs and two that fail, so a browser test can see the 500 and 503 pages."""

from django.db import OperationalError
from django.urls import path

from quizapp.urls import urlpatterns as app_urlpatterns


def fail(request):
    raise RuntimeError("a failure the 500 page must cover")


def database_down(request):
    raise OperationalError("connection refused: the 503 page must cover this")


urlpatterns = [
    path("test-failure/", fail),
    path("test-database-down/", database_down),
    *app_urlpatterns,
]
