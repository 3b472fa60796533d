"""What the OpenAPI schema says about errors, so clients (and the fuzzer) can rely on it.

Every operation lists the error statuses it can return with their bodies: DRF's
`{"detail": "..."}` for most, a map of field names to messages for 400. The
postprocessing hook marks request bodies as closed (`additionalProperties: false`),
which is what the input serializers enforce: unknown fields are refused with 400.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

DetailSerializer = inline_serializer(
    name="Error",
    fields={"detail": serializers.CharField(help_text="What went wrong, fit to show a person.")},
)

VALIDATION_ERROR = {
    "type": "object",
    "description": (
        "Field names (or `detail`/`non_field_errors`) mapped to messages that say what to fix."
    ),
    "additionalProperties": {},
}

RETRY_AFTER = {
    "Retry-After": {
        "schema": {"type": "integer"},
        "description": "Seconds to wait before trying again.",
    }
}

_DESCRIPTIONS = {
    400: "The request is not valid; the body names each field and what to fix.",
    401: "Not signed in: send a token (`Authorization: Token <key>`) or a session cookie.",
    403: "Signed in, but not allowed to do this.",
    404: "Not found, or not yours to see.",
    409: "Not possible in the object's current state; the message says why.",
    415: "The body is not in a content type this request takes (or is malformed); send one "
    "of the documented ones.",
    429: "Too many requests; wait for `Retry-After` seconds.",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """The `responses` entries for these error statuses, with their documented bodies."""
    responses = {}
    for code in codes:
        body = VALIDATION_ERROR if code == 400 else DetailSerializer
        responses[code] = OpenApiResponse(response=body, description=_DESCRIPTIONS[code])
    return responses


def close_request_bodies(result, generator, request, public):
    """Postprocessing hook: request body objects accept only the fields they list."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    return result


def document_retry_after(result, generator, request, public):
    """Postprocessing hook: every documented 429 carries the `Retry-After` header."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            response = operation.get("responses", {}).get("429")
            if response is not None:
                response.setdefault("headers", {}).update(RETRY_AFTER)
    return result
