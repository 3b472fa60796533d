"""Security headers Django 5.2 does not send itself: Content-Security-Policy, Permissions-Policy.

The policy allows scripts, styles, fonts and requests from this site only. The app needs no
inline script: its own JavaScript is `static/js/app.js`, htmx comes as a static file from
django-htmx's `{% htmx_script %}`, and the admin's scripts are static files too. A view that
needs a different policy sets the header on its response and this middleware leaves it alone.
"""

from django.conf import settings
from django.http.request import split_domain_port

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
    With `QUIZAPP_LIVE_SOCKET_PORT` set, pages may also connect to this host on that port
    (the live games' WebSockets, served there).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "QUIZAPP_CSP", DEFAULT_CSP)
        self.csp = build_csp(self.policy)
        self.socket_port = getattr(settings, "QUIZAPP_LIVE_SOCKET_PORT", None)
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
            response[self.csp_header] = self._csp(request)
        response.setdefault("Permissions-Policy", self.permissions_policy)
        return response

    def _csp(self, request) -> str:
        if not self.socket_port:
            return self.csp
        host, _ = split_domain_port(request.get_host())  # an IPv6 address keeps its [ ]
        scheme = "wss" if request.is_secure() else "ws"
        sources = [
            *self.policy.get("connect-src", ["'self'"]),
            f"{scheme}://{host}:{self.socket_port}",
        ]
        return build_csp({**self.policy, "connect-src": sources})
