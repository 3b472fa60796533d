"""Steps the browser tests share: signing in, and waiting for focus after an htmx swap."""

from playwright.sync_api import Page


def sign_in(page: Page, live_server, username: str, password: str | None = None):
    """Log in through the login form; the conftest's users have the password `pw-<name>`."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password or f"pw-{username}")
    page.get_by_role("button", name="Log in").click()


def assert_focus_within(page: Page, selector: str):
    """Wait up to five seconds for keyboard focus to be inside `selector`.

    Polled with `evaluate`: `wait_for_function` evaluates a string, which the CSP forbids.
    """
    script = f"document.activeElement.closest({selector!r}) !== null"
    for _ in range(50):
        if page.evaluate(script):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"focus is not inside {selector}")
