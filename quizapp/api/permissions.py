"""Who may call what: teachers are recognised the same way as everywhere else in the app."""

from __future__ import annotations

from rest_framework.permissions import BasePermission

from quizapp.accounts.roles import is_teacher


class IsTeacher(BasePermission):
    """Teachers only: a staff member of the Teachers group, or a superuser."""

    message = "Only teachers can do this."

    def has_permission(self, request, view) -> bool:
        return is_teacher(request.user)
