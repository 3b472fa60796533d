"""Class pages for teachers and students."""

app_name = "classes"
urlpatterns: list = []
