"""A bare view for the load benchmark: the cost of Django, its middleware and the server alone.

It does nothing a signed-in page does not already get from the middleware: it asks whether
the visitor is signed in (which loads their session and user, as every student page must)
and answers a few bytes. It is routed only when the `QUIZAPP_BASELINE_VIEW` setting is on
(`make bench` turns it on), so production never exposes it.
"""

from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def bare(request):
    """Answer with a few bytes; touch nothing but the session and user the middleware gives."""
    signed_in = request.user.is_authenticated
    return HttpResponse("ok\n" if signed_in else "ok, anonymous\n", content_type="text/plain")
