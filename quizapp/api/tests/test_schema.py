"""The OpenAPI schema lists every endpoint, and the docs page needs nothing from the internet."""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders
from django.urls import URLPattern, get_resolver
from rest_framework.test import APIClient

NOT_IN_SCHEMA = {"schema", "docs"}


def api_paths() -> set[str]:
    """Every named API route as an OpenAPI path: `/api/attempts/{attempt_id}/`."""
    api = next(p for p in get_resolver().url_patterns if str(p.pattern) == "api/")
    paths = set()
    for pattern in api.url_patterns:
        if isinstance(pattern, URLPattern) and pattern.name and pattern.name not in NOT_IN_SCHEMA:
            route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))
            paths.add(f"/api/{route}")
    return paths


def test_the_schema_lists_every_endpoint(db):
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == api_paths()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("description"), f"{method.upper()} {path} has no description"
            assert {"200", "201", "202", "204"} & set(operation["responses"])


def test_the_schema_documents_errors_and_throttles(db):
    schema = APIClient().get("/api/schema/?format=json").json()
    answer = schema["paths"]["/api/attempts/{attempt_id}/answers/"]["post"]
    assert {"400", "401", "404", "409", "429"} <= set(answer["responses"])
    assert "Retry-After" in answer["responses"]["429"]["headers"]
    request_body = schema["components"]["schemas"]["AnswerInputRequest"]
    assert request_body["additionalProperties"] is False
    assert set(request_body["properties"]) == {"question", "choice", "answer_text", "duration_ms"}


def test_the_docs_page_loads_its_assets_from_this_site(db):
    client = APIClient()
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in a for a in assets)
    for asset in assets:
        assert asset.startswith("/"), f"{asset} would be fetched from another site"
        if asset.startswith("/static/"):
            assert finders.find(asset.removeprefix("/static/")), f"{asset} is not shipped"
    # The page's own script comes from this site too (the CSP forbids inline scripts).
    assert "<script>" not in html and "<style>" not in html
    script_url = next(a for a in assets if "script" in a and a.startswith("/api/docs/"))
    script = client.get(script_url)
    assert script.status_code == 200
    assert "/api/schema/" in script.content.decode()
