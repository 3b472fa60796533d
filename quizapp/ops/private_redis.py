"""A redis-server of one's own, to stop, stall and resume: for the fault tests and `make faults`.

Never the machine's own Redis: faults are played on a private server on another port.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import time

import redis


def free_port() -> int:
    """A loopback port nothing listens on (for a server to start, or to stay "down")."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """redis-server on `port` (a free one by default), without persistence."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def answers(self) -> bool:
        """Whether it answers a PING within half a second."""
        try:
            return bool(redis.Redis.from_url(self.url, socket_timeout=0.5).ping())
        except redis.exceptions.RedisError:
            return False

    def start(self, *, seconds: float = 10) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.answers():
                return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server on port {self.port} did not start in {seconds:g} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)

    def stall(self) -> None:
        """Still accepting connections (the kernel does that), never answering."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)
