"""Browser test settings for the teacher's pages: the system Chromium, headless."""

import os

import pytest

# Playwright's sync API runs an event loop in this thread; ORM calls between page actions
# are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture
def console_errors(page):
    """Errors the page logs or throws (a CSP violation is one); tests assert it stays empty."""
    errors: list[str] = []

    def on_console(msg):
        # The admin's pages name no favicon, so the browser asks for /favicon.ico itself.
        if msg.type == "error" and not msg.location.get("url", "").endswith("/favicon.ico"):
            errors.append(f"{msg.text} ({msg.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors
