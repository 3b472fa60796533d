"""The app's URLs and one that fails, so a browser test can see the 500 page."""

from django.urls import path

from quizapp.urls import urlpatterns as app_urlpatterns


def fail(request):
    raise RuntimeError("a failure the 500 page must cover")


urlpatterns = [path("test-failure/", fail), *app_urlpatterns]
