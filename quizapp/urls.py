"""Top-level URLs: the study pages at the root, classes, live games, the admin, the API."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

# A database that cannot be reached answers 503 even when a middleware hits it.
handler500 = "quizapp.ops.unavailable.server_error"

admin.site.site_header = "Quizapp for teachers"
admin.site.site_title = "Quizapp admin"
admin.site.index_title = "Documents, questions and classes"
# The review lists need the width more than a second copy of the index beside them.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("quizapp.api.urls")),
    path("classes/", include("quizapp.classes.urls")),
    path("teach/", include("quizapp.teach.urls")),
    path("live/", include("quizapp.live.urls")),
    path("", include("quizapp.study.urls")),
]

# The load benchmark's bare view; never routed unless the benchmark turns it on.
if getattr(settings, "QUIZAPP_BASELINE_VIEW", False):
    from quizapp.baseline import bare

    urlpatterns.insert(0, path("bench/bare/", bare, name="bench-bare"))
