"""A real HTTP receiver on 127.0.0.1, in a thread: it records what arrives and can be told
to fail the next N deliveries, like a partner system having a bad day, or to send every
delivery elsewhere with a redirect."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    headers: Message  # case-insensitive, as HTTP header names are
    body: bytes


@dataclass
class Receiver:
    server: ThreadingHTTPServer
    thread: threading.Thread
    received: list[Received] = field(default_factory=list)
    failures_left: int = 0
    refused: int = 0
    redirect_to: str | None = None  # answer every delivery with a redirect to this URL

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/hook"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def start(port: int = 0) -> Receiver:
    holder: dict[str, Receiver] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            receiver = holder["r"]
            if receiver.redirect_to:
                self.send_response(302)
                self.send_header("Location", receiver.redirect_to)
                self.end_headers()
                return
            if receiver.failures_left > 0:
                receiver.failures_left -= 1
                receiver.refused += 1
                self.send_response(503)
                self.end_headers()
                return
            receiver.received.append(Received(self.headers, body))
            self.send_response(204)
            self.end_headers()

        def do_GET(self) -> None:
            # Only a followed redirect would ever GET here (urllib turns a POST into a GET);
            # recorded so that a test can see it happened.
            holder["r"].received.append(Received(self.headers, b""))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    receiver = Receiver(server, thread)
    holder["r"] = receiver
    thread.start()
    return receiver
