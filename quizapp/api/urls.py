"""API routes (filled in by the API app)."""

app_name = "api"
urlpatterns: list = []
