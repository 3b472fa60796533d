"""An ASGI server (daphne) in a thread of the test process, for pages that use WebSockets.

pytest-django's `live_server` speaks WSGI only. This serves the same app as
`quizapp/asgi.py`, plus static files, on a free port; being in the test process it uses
the test database, as `live_server` does (tests that use it need `transactional_db`).
Twisted's reactor runs once per process, so the server lives for the whole session.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass


@dataclass
class AsgiServer:
    url: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start() -> tuple[AsgiServer, callable]:
    from channels.auth import AuthMiddlewareStack
    from channels.routing import ProtocolTypeRouter, URLRouter
    from channels.security.websocket import AllowedHostsOriginValidator
    from daphne.server import Server
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from django.core.asgi import get_asgi_application

    from quizapp.live.routing import websocket_urlpatterns

    application = ProtocolTypeRouter(
        {
            "http": ASGIStaticFilesHandler(get_asgi_application()),
            "websocket": AllowedHostsOriginValidator(
                AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
            ),
        }
    )
    port = _free_port()
    ready = threading.Event()
    server = Server(
        application,
        endpoints=[f"tcp:port={port}:interface=127.0.0.1"],
        signal_handlers=False,
        ready_callable=ready.set,
        verbosity=0,
    )
    thread = threading.Thread(target=server.run, name="daphne", daemon=True)
    thread.start()
    if not ready.wait(10):
        raise RuntimeError("daphne did not start")

    def stop():
        from twisted.internet import reactor

        reactor.callFromThread(reactor.stop)
        thread.join(5)

    return AsgiServer(url=f"http://127.0.0.1:{port}"), stop
