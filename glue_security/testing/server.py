"""The HTTP/1.1 transport of `glue-security serve`: sockets, framing, limits and timeouts.

Standard library only (`socketserver`, `socket`), with its own small HTTP/1.1 reader rather
than `http.server`: every read has a deadline (a slow client cannot hold a worker), every
size is bounded before it is read, `Transfer-Encoding` and `Content-Length` together are
refused (request smuggling), and each answer goes out in one `sendall` on a socket with
`TCP_NODELAY`, so headers and body never wait on Nagle's algorithm and a delayed ACK.
docs/serve.md argues the choice.

The transport knows nothing of Glue: it hands each request to an `App` (a callable from
`HttpRequest` to `HttpResponse`) and writes what it returns.
"""

from __future__ import annotations

import contextlib
import email.utils
import http
import json
import socket
import socketserver
import sys
import threading
import time
import traceback
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from .responses import new_request_id

__all__ = [
    "CONTROL_PREFIX",
    "App",
    "HttpRequest",
    "HttpResponse",
    "HttpServer",
    "ServerLimits",
    "error_response",
]

#: The control API's path prefix: no AWS API path starts with an underscore.
CONTROL_PREFIX = "/_glue_security/"


@attrs.frozen
class ServerLimits:
    """Bounds on what one client may cost. The defaults are far above any valid request:
    the largest valid Glue security request is about 30 KB."""

    max_body_bytes: int = 1 << 20
    max_control_body_bytes: int = 16 << 20  # a whole state document (`PUT .../state`)
    max_head_bytes: int = 32 << 10  # request line and headers together
    max_headers: int = 100
    head_timeout: float = 10.0  # seconds from a request's first byte to its last header
    body_timeout: float = 30.0  # seconds for the body, once the headers are in
    idle_timeout: float = 60.0  # seconds a kept-alive connection may wait for a request
    max_connections: int = 64  # connections served at once
    connection_wait: float = 2.0  # seconds a new connection waits for a free slot


@attrs.frozen
class HttpRequest:
    method: str
    path: str  # the request target, query included
    headers: Mapping[str, str]  # by lower-case name
    body: bytes


@attrs.frozen
class HttpResponse:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    close: bool = False  # close the connection after answering
    drop: bool = False  # close it without answering (an answer lost on the way)


App = Callable[[HttpRequest], HttpResponse]

def error_response(
    status: int,
    error_type: str,
    message: str,
    *,
    close: bool = False,
    message_key: str = "message",
    extra: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """An error as awsJson services send it: `__type` and the message in the body, the type
    in `x-amzn-ErrorType`, and a request id."""
    body: dict[str, Any] = {"__type": error_type, message_key: message, **(extra or {})}
    return HttpResponse(
        status,
        (
            ("x-amzn-RequestId", new_request_id()),
            ("x-amzn-ErrorType", error_type),
            ("Content-Type", "application/x-amz-json-1.1"),
        ),
        json.dumps(body).encode(),
        close=close,
    )


class _Refused(Exception):
    """Framing the transport will not read further: answer, and close."""

    def __init__(self, status: int, error_type: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error_type, self.message = status, error_type, message

    def response(self) -> HttpResponse:
        return error_response(self.status, self.error_type, self.message, close=True)


class _Reader:
    """Buffered reads from a socket, each against a deadline."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = bytearray()

    def _fill(self, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        self.sock.settimeout(remaining)
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionResetError("closed by the client")
        self.buffer += data

    def until(self, marker: bytes, limit: int, deadline: float, too_long: _Refused) -> bytes:
        start = 0
        while True:
            found = self.buffer.find(marker, start)
            if found >= 0:
                end = found + len(marker)
                if end > limit:
                    raise too_long
                data = bytes(self.buffer[:end])
                del self.buffer[:end]
                return data
            if len(self.buffer) > limit:
                raise too_long
            start = max(0, len(self.buffer) - len(marker) + 1)
            self._fill(deadline)

    def exactly(self, size: int, deadline: float) -> bytes:
        while len(self.buffer) < size:
            self._fill(deadline)
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data

    def wait_for_data(self, deadline: float) -> bool:
        """False when the client closes or stays silent until `deadline`."""
        if self.buffer:
            return True
        try:
            self._fill(deadline)
        except (TimeoutError, OSError):
            return False
        return True


_TOKEN = frozenset(
    b"!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)
_SINGLE = frozenset(
    {"content-length", "transfer-encoding", "host", "x-amz-target", "authorization"}
)


def _parse_head(head: bytes, limits: ServerLimits) -> tuple[str, str, str, dict[str, str]]:
    lines = head[:-4].split(b"\r\n")
    try:
        method, target, version = lines[0].decode("ascii").split(" ")
    except (UnicodeDecodeError, ValueError):
        raise _Refused(400, "BadRequest", "malformed HTTP request line") from None
    if version not in ("HTTP/1.1", "HTTP/1.0") or not method.isalpha() or not target:
        raise _Refused(400, "BadRequest", "malformed HTTP request line")
    if len(lines) - 1 > limits.max_headers:
        raise _Refused(431, "BadRequest", f"more than {limits.max_headers} headers")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(b":")
        if not colon or not name or not _TOKEN.issuperset(name):
            raise _Refused(400, "BadRequest", "malformed HTTP header line")
        key = name.decode("ascii").lower()
        text = value.strip(b" \t").decode("latin-1")
        if key in headers:
            if key in _SINGLE and headers[key] != text:
                raise _Refused(400, "BadRequest", f"header {key} given twice")
            text = f"{headers[key]}, {text}"
        headers[key] = text
    return method, target, version, headers


_CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"


def _read_body(
    reader: _Reader, headers: Mapping[str, str], limit: int, deadline: float
) -> bytes:
    length = headers.get("content-length")
    coding = headers.get("transfer-encoding")
    too_large = _Refused(
        413, "RequestEntityTooLargeException", f"request body larger than {limit} bytes"
    )
    if coding is not None:
        if length is not None:
            raise _Refused(400, "BadRequest", "both Transfer-Encoding and Content-Length")
        if coding.lower() != "chunked":
            raise _Refused(501, "NotImplemented", f"Transfer-Encoding {coding[:40]!r}")
        if headers.get("expect", "").lower() == "100-continue":
            reader.sock.sendall(_CONTINUE)
        return _read_chunked(reader, limit, deadline, too_large)
    if length is None:
        return b""
    if not length.isdigit() or len(length) > 19:
        raise _Refused(400, "BadRequest", "Content-Length is not a number")
    size = int(length)
    if size > limit:
        raise too_large
    if size and headers.get("expect", "").lower() == "100-continue":
        reader.sock.sendall(_CONTINUE)
    return reader.exactly(size, deadline)


def _read_chunked(reader: _Reader, limit: int, deadline: float, too_large: _Refused) -> bytes:
    bad_line = _Refused(400, "BadRequest", "malformed chunk")
    body = bytearray()
    while True:
        line = reader.until(b"\r\n", 1024, deadline, bad_line)
        size_text = line[:-2].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16) if size_text.isalnum() and len(size_text) <= 16 else -1
        except ValueError:
            size = -1
        if size < 0:
            raise bad_line
        if size == 0:
            break
        if len(body) + size > limit:
            raise too_large
        body += reader.exactly(size, deadline)
        if reader.exactly(2, deadline) != b"\r\n":
            raise bad_line
    for _ in range(64):  # trailer fields, up to the empty line
        if reader.until(b"\r\n", 8192, deadline, bad_line) == b"\r\n":
            return bytes(body)
    raise bad_line


def _encode(response: HttpResponse, keep_alive: bool) -> bytes:
    try:
        reason = http.HTTPStatus(response.status).phrase
    except ValueError:
        reason = "Unknown"
    lines = [f"HTTP/1.1 {response.status} {reason}"]
    lines.extend(f"{name}: {value}" for name, value in response.headers)
    lines.append(f"Date: {email.utils.formatdate(usegmt=True)}")
    lines.append(f"Content-Length: {len(response.body)}")
    lines.append("Connection: keep-alive" if keep_alive else "Connection: close")
    head = "\r\n".join(lines).encode("latin-1")
    return head + b"\r\n\r\n" + response.body


def _linger(sock: socket.socket) -> None:
    """Close gently: stop sending, then read and drop what the client still sends (a body
    refused unread), for a bounded time and size, so that closing with unread data does not
    reset the connection before the client has read the answer."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_WR)
        deadline = time.monotonic() + 1.0
        for _ in range(64):  # at most 4 MiB
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            sock.settimeout(remaining)
            if not sock.recv(65536):
                break


class _TCPServer(socketserver.TCPServer):
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], owner: HttpServer) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.owner = owner
        super().__init__(address, socketserver.BaseRequestHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        self.owner._accept(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that went away while being accepted: nothing to report


class HttpServer:
    """Serves `app` over HTTP/1.1 on `host:port` (0: a free port), a thread per connection,
    at most `limits.max_connections` at once."""

    def __init__(
        self,
        app: App,
        host: str = "127.0.0.1",
        port: int = 0,
        limits: ServerLimits | None = None,
    ) -> None:
        self.app = app
        self.limits = limits or ServerLimits()
        self._slots = threading.BoundedSemaphore(self.limits.max_connections)
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        self._closing = False
        self._thread: threading.Thread | None = None
        self._server = _TCPServer((host, port), self)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        host = str(self._server.server_address[0])
        return f"http://[{host}]:{self.port}" if ":" in host else f"http://{host}:{self.port}"

    def serve_forever(self) -> None:
        """Serve until `shutdown()` (from another thread) or an exception in this one."""
        self._server.serve_forever(poll_interval=0.2)

    def start(self) -> HttpServer:
        """Serve from a background thread."""
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop accepting, close open connections, release the port."""
        self._closing = True
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()
        with self._connections_lock:
            for sock in list(self._connections):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> HttpServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- connections -----------------------------------------------------------------------

    def _accept(self, sock: socket.socket) -> None:
        if not self._slots.acquire(timeout=self.limits.connection_wait):
            self._turn_away(sock)
            return
        try:
            thread = threading.Thread(target=self._connection, args=(sock,), daemon=True)
            thread.start()
        except RuntimeError:  # no thread to be had
            self._slots.release()
            self._turn_away(sock)

    def _turn_away(self, sock: socket.socket) -> None:
        busy = error_response(
            503, "ServiceUnavailableException", "too many connections; retry", close=True
        )
        try:
            # Drop what the client has sent so far without waiting for more (this is the
            # accepting thread): closing with unread data would reset the connection before
            # the client reads the answer.
            sock.setblocking(False)
            for _ in range(16):
                if not sock.recv(65536):
                    break
        except OSError:
            pass
        try:
            sock.settimeout(1.0)
            sock.sendall(_encode(busy, keep_alive=False))
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        finally:
            sock.close()

    def _connection(self, sock: socket.socket) -> None:
        with self._connections_lock:
            self._connections.add(sock)
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._requests(sock)
        except Exception:  # one client's failure ends its connection only
            pass
        finally:
            with self._connections_lock:
                self._connections.discard(sock)
            try:
                sock.close()
            finally:
                self._slots.release()

    def _requests(self, sock: socket.socket) -> None:
        limits = self.limits
        reader = _Reader(sock)
        while not self._closing:
            if not reader.wait_for_data(time.monotonic() + limits.idle_timeout):
                return
            response, keep_alive = self._one_request(reader)
            if response is None or response.drop:
                return
            sock.settimeout(limits.body_timeout)  # a client that will not read cannot hold us
            sock.sendall(_encode(response, keep_alive and not response.close))
            if response.close or not keep_alive:
                _linger(sock)
                return

    def _one_request(self, reader: _Reader) -> tuple[HttpResponse | None, bool]:
        limits = self.limits
        try:
            head = reader.until(
                b"\r\n\r\n",
                limits.max_head_bytes,
                time.monotonic() + limits.head_timeout,
                _Refused(431, "BadRequest", f"request head over {limits.max_head_bytes} bytes"),
            )
            method, target, version, headers = _parse_head(head, limits)
            connection = headers.get("connection", "").lower()
            keep_alive = (
                "close" not in connection
                if version == "HTTP/1.1"
                else "keep-alive" in connection
            )
            limit = (
                limits.max_control_body_bytes
                if target.startswith(CONTROL_PREFIX)
                else limits.max_body_bytes
            )
            body = _read_body(reader, headers, limit, time.monotonic() + limits.body_timeout)
        except _Refused as refused:
            return refused.response(), False
        except TimeoutError:
            slow = error_response(408, "RequestTimeoutException", "request too slow", close=True)
            return slow, False
        try:
            return self.app(HttpRequest(method, target, headers, body)), keep_alive
        except Exception:
            traceback.print_exc(file=sys.stderr)
            return error_response(
                500, "InternalServiceException", "internal error in glue-security serve",
                message_key="Message",
            ), keep_alive
