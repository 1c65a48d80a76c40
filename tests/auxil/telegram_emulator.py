"""A loopback Telegram Bot API emulator that the real python-telegram-bot can talk HTTP to.

Run it as ``python -m tests.auxil.telegram_emulator --port 0``: it prints one line
``EMULATOR_URL=http://127.0.0.1:PORT`` and serves until SIGTERM. Point PTB at it with
``base_url=f"{url}/bot"`` and ``base_file_url=f"{url}/file/bot"``. Tests steer it through
the JSON control API under ``/_emulator/`` (see ``tests/auxil/emulator_client.py``).
Stdlib only. Layout: this module is the HTTP side and the CLI; ``emulator_state`` holds the
state (clock, flood limits, faults, updates, call log), ``emulator_bot_api`` the Bot API
methods, ``emulator_webhook`` setWebhook and the updates it POSTs, and ``emulator_markup`` Telegram's
text rules.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import signal
import socket
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from tests.auxil.emulator_bot_api import ApiError, Reply, chat_key
from tests.auxil.emulator_state import Emulator

__all__ = ["Emulator", "EmulatorServer", "main"]

logger = logging.getLogger(__name__)

BOT_PATH_RE = re.compile(r"^/bot([^/]*)/([A-Za-z_]+)/?$")
FILE_PATH_RE = re.compile(r"^/file/bot([^/]*)/(.+)$")
# Parameters PTB sends as plain strings; every other form value is JSON-encoded by PTB.
STRING_PARAMS = {
    "text", "caption", "parse_mode", "data", "callback_query_id", "url", "language_code",
    "action", "title", "description", "filename", "query", "emoji", "inline_message_id",
    "business_connection_id", "message_effect_id", "file_id", "document", "photo", "inline_query_id",
    "secret_token", "ip_address",
}  # fmt: skip


def decode_form_value(name: str, value: str) -> Any:
    """Undo PTB's form encoding: non-string parameters arrive JSON-encoded."""
    if name in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _disposition_param(disposition: str, name: str) -> str | None:
    """One quoted parameter of a Content-Disposition header, undoing httpx's escaping."""
    match = re.search(rf'(?:^|;)\s*{name}="((?:[^"\\]|\\.)*)"', disposition)
    if not match:
        return None
    value = re.sub(r"%(0[0-9A-F]|1[0-9A-F]|22|7F)", lambda m: chr(int(m[1], 16)), match[1])
    return value.replace("\\\\", "\\")


def parse_multipart(content_type: str, body: bytes) -> tuple[dict, dict]:
    """Split a multipart/form-data body into (form fields, uploaded files), byte-exact."""
    boundary = re.search(r'boundary="?([^";]+)"?', content_type)
    if not boundary:
        raise ValueError("multipart body without boundary")
    fields, files = {}, {}
    for part in body.split(b"--" + boundary[1].encode())[1:]:
        if part.startswith(b"--"):
            break
        head, _, content = part.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        content = content.removesuffix(b"\r\n")
        headers = head.decode("utf-8", "replace")
        disposition = re.search(r"(?im)^content-disposition:\s*(.*)$", headers)
        mime = re.search(r"(?im)^content-type:\s*([^;\s]+)", headers)
        name = _disposition_param(disposition[1] if disposition else "", "name")
        filename = _disposition_param(disposition[1] if disposition else "", "filename")
        if name is None:
            continue
        if filename is not None:
            mime_type = mime[1] if mime else None
            files[name] = {"filename": filename, "mime_type": mime_type, "content": content}
        else:
            fields[name] = decode_form_value(name, content.decode("utf-8"))
    return fields, files


def normalise_params(params: dict) -> dict:
    """Decode values that Telegram accepts either as JSON text or as JSON values."""
    for key in ("reply_markup", "reply_parameters", "link_preview_options", "scope", "commands"):
        if isinstance(params.get(key), str):
            try:
                params[key] = json.loads(params[key])
            except ValueError:
                pass
    if "chat_id" in params:
        params["chat_id"] = chat_key(params["chat_id"])
    return params


class EmulatorHandler(BaseHTTPRequestHandler):
    """Routes HTTP requests to the Bot API, file downloads or the control API."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes
    server: _Server

    def do_GET(self) -> None:  # noqa: N802
        """GET requests."""
        self._dispatch()

    def do_POST(self) -> None:  # noqa: N802
        """POST requests."""
        self._dispatch()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Send the access log to logging instead of stderr."""
        logger.debug("%s %s", self.address_string(), format % args)

    def _read_body(self) -> bytes:
        """The request body, plain or chunked."""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            self.rfile.readline()
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _read_params(self, query: str) -> tuple[dict, dict]:
        """Parameters from the query string and a JSON, form or multipart body."""
        params = {k: decode_form_value(k, v) for k, v in parse_qsl(query, keep_blank_values=True)}
        files: dict = {}
        body = self._read_body()
        content_type = self.headers.get("Content-Type", "")
        if body and content_type.startswith("application/json"):
            params.update(json.loads(body))
        elif body and content_type.startswith("multipart/form-data"):
            fields, files = parse_multipart(content_type, body)
            params.update(fields)
        elif body:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True)
            params.update({k: decode_form_value(k, v) for k, v in pairs})
        return params, files

    def _dispatch(self) -> None:
        """Route one request and write the reply."""
        url = urlsplit(self.path)
        path = unquote(url.path)  # httpx sends the token's ":" as %3A in file URLs
        emulator = self.server.emulator
        try:
            params, files = self._read_params(url.query)
            if path.startswith("/_emulator/"):
                reply = control(emulator, self.command, path[len("/_emulator/") :], params)
            elif match := BOT_PATH_RE.match(path):
                params = normalise_params(params)
                reply = emulator.handle_bot_request(match[1], match[2], params, files)
            elif match := FILE_PATH_RE.match(path):
                reply = emulator.file_content(match[1], match[2])
            else:
                reply = Reply.error(ApiError(404, "Not Found"))
        except (ValueError, KeyError, TypeError) as exc:
            reply = Reply.json(400, {"ok": False, "error_code": 400, "description": str(exc)})
        except Exception as exc:  # noqa: BLE001 - a test double must answer, not hang
            logger.exception("emulator failed on %s %s", self.command, self.path)
            reply = Reply.json(500, {"ok": False, "error_code": 500, "description": repr(exc)})
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        """Write the reply, or close the connection silently if it asks to drop."""
        if reply.drop:
            self.close_connection = True
            if reply.reset:  # SO_LINGER 0 and a close now, before socketserver's orderly FIN: an RST
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                os.close(self.connection.detach())
            return
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            logger.debug("client went away before the reply was written")
            self.close_connection = True


def control(emulator: Emulator, verb: str, route: str, params: dict) -> Reply:
    """The /_emulator/ control API used by tests."""
    routes = {
        ("GET", "health"): lambda: {"ok": True},
        ("POST", "reset"): emulator.reset,
        ("POST", "updates"): lambda: emulator.inject(params),
        ("GET", "updates"): lambda: list(emulator.updates),
        ("GET", "calls"): lambda: emulator.list_calls(
            params.get("method"), params.get("chat_id"), params.get("since") or 0
        ),
        ("GET", "messages"): lambda: emulator.list_messages(params.get("chat_id")),
        ("POST", "faults"): lambda: emulator.add_faults(params.get("faults", params)),
        ("GET", "faults"): lambda: list(emulator.faults),
        ("POST", "outage"): lambda: emulator.start_outage(params),
        ("POST", "chats"): lambda: emulator.set_chat(params),
        ("POST", "files"): lambda: emulator.add_user_file(params),
        ("POST", "config"): lambda: emulator.configure(params),
        ("GET", "config"): lambda: dict(emulator.config),
        ("GET", "stats"): emulator.get_stats,
        ("GET", "inline_answer"): lambda: emulator.inline_answer(params.get("inline_query_id")),
        ("GET", "webhook"): emulator.webhook_state,
    }
    action = routes.get((verb, route.strip("/")))
    if action is None:
        return Reply.json(404, {"ok": False, "description": f"no control route {verb} {route}"})
    with emulator.lock:
        return Reply.json(200, action())


class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer that carries the Emulator."""

    daemon_threads = True
    request_queue_size = 128
    emulator: Emulator

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients vanishing mid-request are normal here; keep stderr quiet."""
        logger.debug("connection from %s failed", client_address, exc_info=True)


class EmulatorServer:
    """The emulator on a loopback port, served from a background thread."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        time_scale: float = 1.0,
        enforce_limits: bool = False,
    ):
        self.emulator = Emulator(time_scale=time_scale, enforce_limits=enforce_limits)
        self._httpd = _Server((host, port), EmulatorHandler)
        self._httpd.emulator = self.emulator
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:41234."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> EmulatorServer:
        """Serve in a daemon thread."""
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="telegram-emulator",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Wake long polls, stop serving and close the socket."""
        self.emulator.shutdown()
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
        self._httpd.server_close()

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> None:
    """Command line entry point: serve until SIGTERM or SIGINT."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--time-scale", type=float, default=1.0)
    parser.add_argument("--enforce-limits", action="store_true")
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr)
    server = EmulatorServer(args.host, args.port, args.time_scale, args.enforce_limits).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print(f"EMULATOR_URL={server.url}", flush=True)  # noqa: T201
    while not stop.wait(0.5):
        pass
    server.stop()


if __name__ == "__main__":
    main()
