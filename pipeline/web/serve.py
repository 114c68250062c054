"""Serving the page on this computer only: 127.0.0.1, a free port (or the one asked for), a fresh token."""

from __future__ import annotations

import secrets
import socket
import threading
import webbrowser

from ..workspace import Workspace
from .app import create_app


def listening_socket(port: int = 0) -> socket.socket:
    """A socket on 127.0.0.1 (never another interface): the port asked for, or a free one."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(64)
    return sock


def serve(workspace: Workspace, port: int = 0, open_browser: bool = True, announce=print) -> None:
    """Serve until interrupted; `announce` is told the address to open (with the token)."""
    import uvicorn

    sock = listening_socket(port)
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(18)
    hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
    app = create_app(workspace, token, hosts)
    address = f"http://127.0.0.1:{port}/?ma={token}"
    announce(address)
    if open_browser:
        threading.Timer(0.8, webbrowser.open, args=(address,)).start()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[sock])
