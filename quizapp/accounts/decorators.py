"""View decorators that say who may open a page."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from .roles import is_teacher


def student_required(view):
    """login_required that sends htmx requests to the login page as a whole page.

    Without this an expired session would swap the login form into a card or question.
    """
    protected = login_required(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated and request.htmx:
            current = request.htmx.current_url_abs_path or request.get_full_path()
            login = redirect_to_login(current)
            response = HttpResponse(status=204)
            response["HX-Redirect"] = login["Location"]
            return response
        return protected(request, *args, **kwargs)

    return wrapper


def teacher_required(view):
    """Only teachers (staff in the Teachers group, or superusers) may open the page."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_teacher(request.user):
            raise PermissionDenied("Only teachers can open class pages.")
        return view(request, *args, **kwargs)

    return wrapper
