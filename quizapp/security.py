"""Security headers Django 5.2 does not send itself: Content-Security-Policy, Permissions-Policy.

The policy allows scripts, styles, fonts and requests from this site only. The app needs no
inline script: its own JavaScript is `static/js/app.js`, htmx comes as a static file from
django-htmx's `{% htmx_script %}`, and the admin's scripts are static files too. A view that
needs a different policy sets the header on its response and this middleware leaves it alone.
"""

from django.conf import settings

DEFAULT_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

DEFAULT_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def build_csp(directives: dict[str, list[str]]) -> str:
    """Render CSP directives as one header value, in a stable order."""
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


class SecurityHeadersMiddleware:
    """Add Content-Security-Policy and Permissions-Policy to every response that lacks them.

    `QUIZAPP_CSP` (a dict of directive to sources) replaces the default policy, and
    `QUIZAPP_CSP_REPORT_ONLY` sends it as a report-only header while a new policy is tried.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = build_csp(getattr(settings, "QUIZAPP_CSP", DEFAULT_CSP))
        self.csp_header = (
            "Content-Security-Policy-Report-Only"
            if getattr(settings, "QUIZAPP_CSP_REPORT_ONLY", False)
            else "Content-Security-Policy"
        )
        self.permissions_policy = getattr(
            settings, "QUIZAPP_PERMISSIONS_POLICY", DEFAULT_PERMISSIONS_POLICY
        )

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response and self.csp_header not in response:
            response[self.csp_header] = self.csp
        response.setdefault("Permissions-Policy", self.permissions_policy)
        return response
