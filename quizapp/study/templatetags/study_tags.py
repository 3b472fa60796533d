"""Template tags for study pages: the header's due badge, chart coordinates."""

from django import template
from django.utils.html import format_html

from quizapp.study.scope import due_count

register = template.Library()


@register.inclusion_tag("includes/_due_badge.html", takes_context=True)
def due_badge(context, oob=False):
    """The number of cards due now in the signed-in student's scope, as a header link.

    `oob` marks it for htmx to swap into the header out of band, from a fragment that
    changed the count (a rating).
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    # A page that has just counted what is due (home) hands the total over.
    count = context.get("due_total")
    count = due_count(student=user) if count is None else count
    return {"show": True, "count": count, "oob": oob}


@register.simple_tag(takes_context=True)
def csrf_field(context):
    """The CSRF field of a form that htmx posts (`hx-post`): on a whole page only.

    htmx sends the token in the X-CSRFToken header that base.html puts on <body>, so in a
    fragment htmx swapped in such a form needs no field; without JavaScript the form comes
    in a whole page, with the field. Leaving it out of fragments saves masking a fresh
    token (32 random draws) on every answer and rating. Plain forms keep {% csrf_token %}.
    """
    request, token = context.get("request"), context.get("csrf_token")
    if token is None or (request is not None and getattr(request, "htmx", False)):
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


@register.filter(is_safe=True)
def coordinate(value: float) -> str:
    """A chart coordinate to one decimal place, "12.3", as SVG reads it in any locale.

    The progress page draws two charts of up to 30 bars, four numbers each; `floatformat`
    goes through Decimal and the locale for every one of them.
    """
    return f"{float(value):.1f}"
