"""A bare view for the load benchmark: the cost of Django, its middleware and the server alone.

It is routed only when the `QUIZAPP_BASELINE_VIEW` setting is on (`make bench` turns it on),
so production never exposes it.
"""

from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def bare(request):
    """Answer with a few bytes and touch neither the database nor the cache."""
    return HttpResponse("ok\n", content_type="text/plain")
