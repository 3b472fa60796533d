"""Every list is paginated the same way: `?page=` and an optional `?page_size=`."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    """Numbered pages of `PAGE_SIZE` rows by default; a client may ask for up to 200."""

    page_size_query_param = "page_size"
    max_page_size = 200
