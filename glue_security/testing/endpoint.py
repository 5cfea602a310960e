"""The Glue endpoint over HTTP: awsJson 1.1 requests to the service's operations, and the
control API under `/_glue_security/`. `GlueSecurityServer` puts both behind the transport
(`server.HttpServer`).

awsJson 1.1: `POST /` with `X-Amz-Target: AWSGlue.<Operation>` and `Content-Type:
application/x-amz-json-1.1`; the body is the operation's wire request. Answers and errors as
the service sends them: the wire response, or `__type` and the message in the body with
`x-amzn-ErrorType`, 400 (500 for the service's internal errors), and `x-amzn-RequestId` on
every answer. The caller's account and region come from its SigV4 credential scope
(`sigv4`).
"""

from __future__ import annotations

import ipaddress
import json
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from ..codec.convert import decode_json
from ..codec.json_text import JsonTextError, read_json_text
from ..models.base import GlueServiceError
from ..models.operations import OPERATIONS
from ..models.service_errors import InternalServiceException
from ..validation.error import ValidationError, cut_text
from .responses import error_answer, new_request_id
from .server import (
    CONTROL_PREFIX,
    HttpRequest,
    HttpResponse,
    HttpServer,
    ServerLimits,
    error_response,
)
from .service import GlueSecurityService
from .sigv4 import AuthenticationError, Identities, identify
from .state_document import StateDocumentError, dump_state, load_state

__all__ = ["MAX_FAULT_DELAY", "GlueSecurityEndpoint", "GlueSecurityServer", "is_loopback"]

_TARGET_PREFIX = "AWSGlue."
_CONTENT_TYPE = "application/x-amz-json-1.1"
_JSON_HEADERS = (("Content-Type", _CONTENT_TYPE),)
#: The longest delay the control API injects, in seconds.
MAX_FAULT_DELAY = 300.0
_FAULT_KEYS = frozenset({"Operation", "Kind", "Error", "Message", "Times", "Applied", "Seconds"})


class GlueSecurityEndpoint:
    """The HTTP application: a callable from `HttpRequest` to `HttpResponse`."""

    def __init__(
        self,
        service: GlueSecurityService,
        identities: Identities | None = None,
        *,
        loopback_only: bool = True,
    ) -> None:
        self.service = service
        self.identities = identities or Identities()
        # Served on loopback, a request naming another host came through a name that
        # resolves to us (DNS rebinding, a web page's script): refused.
        self.loopback_only = loopback_only
        self._delays: dict[str, deque[float]] = {}
        self._delays_lock = threading.Lock()
        self._control: dict[tuple[str, str], Callable[[HttpRequest], HttpResponse]] = {
            ("GET", "state"): self._get_state,
            ("PUT", "state"): self._put_state,
            ("POST", "reset"): self._reset,
            ("POST", "faults"): self._add_fault,
            ("DELETE", "faults"): self._clear_faults,
            ("GET", "health"): lambda request: _ok({"Status": "ok"}),
        }

    def __call__(self, request: HttpRequest) -> HttpResponse:
        host = request.headers.get("host")
        if self.loopback_only and host is not None and _host_name(host) not in _LOOPBACK_NAMES:
            return error_response(
                403, "AccessDeniedException", f"Host {cut_text(host)} is not a loopback name"
            )
        if request.path.startswith(CONTROL_PREFIX):
            return self._control_request(request)
        return self._aws_json(request)

    def _control_request(self, request: HttpRequest) -> HttpResponse:
        route = request.path[len(CONTROL_PREFIX) :].partition("?")[0]
        handler = self._control.get((request.method, route))
        if handler is None:
            return error_response(
                404, "NotFound", f"no control route {request.method} {cut_text(route)}"
            )
        # A web page may send a browser to us: its requests carry Origin, and the ones it
        # can send without asking (a "simple" request) cannot say application/json.
        if "origin" in request.headers:
            return error_response(
                403, "AccessDeniedException", "the control API does not answer web pages"
            )
        content_type = request.headers.get("content-type", "").partition(";")[0].strip()
        if request.method != "GET" and content_type.lower() != "application/json":
            return error_response(
                415,
                "UnsupportedMediaType",
                f"{request.method} {CONTROL_PREFIX}{route} takes Content-Type: application/json",
            )
        return handler(request)

    # -- awsJson 1.1 -----------------------------------------------------------------------

    def _aws_json(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST" or request.path.partition("?")[0] != "/":
            return error_response(
                404,
                "UnknownOperationException",
                "glue-security serve answers POST / (awsJson 1.1) and its control API under "
                f"{CONTROL_PREFIX}, not {request.method} {cut_text(request.path)}",
            )
        headers = request.headers
        try:
            caller = identify(
                self.identities, request.method, request.path, headers, request.body
            )
        except AuthenticationError as error:
            return error_response(400, error.error_type, error.message)
        target = headers.get("x-amz-target", "")
        operation = target[len(_TARGET_PREFIX) :] if target.startswith(_TARGET_PREFIX) else ""
        if operation not in OPERATIONS:
            served = ", ".join(OPERATIONS)
            what = f"Glue {operation}" if operation else f"X-Amz-Target {cut_text(target)}"
            return error_response(
                400,
                "UnknownOperationException",
                f"{what} is not an operation glue-security serve answers; it serves the "
                f"ten Glue security operations: {served}",
            )
        content_type = headers.get("content-type", "").partition(";")[0].strip().lower()
        if content_type != _CONTENT_TYPE:
            return error_response(
                400,
                "SerializationException",
                f"Content-Type must be {_CONTENT_TYPE}, got {cut_text(content_type)}",
            )
        payload = self._payload(request.body)
        if isinstance(payload, HttpResponse):
            return payload
        self._delay(operation)
        try:
            answer = self.service.handle(
                operation, payload, account_id=caller.account_id, region=caller.region
            )
        except GlueServiceError as error:
            return _service_error(error)
        except TimeoutError:
            return HttpResponse(0, (), b"", drop=True)
        return _ok(answer, request_id=True)

    @staticmethod
    def _payload(body: bytes) -> dict[str, Any] | HttpResponse:
        if not body.strip():
            return {}
        try:
            document, problems = read_json_text(body)
        except JsonTextError as error:
            return error_response(400, "SerializationException", error.message)
        if type(document) is not dict:
            return error_response(
                400,
                "SerializationException",
                f"the body must be a JSON object, not {type(document).__name__}",
            )
        if problems:
            message = "; ".join(problem.message for problem in problems[:10])
            return error_response(400, "InvalidInputException", message, message_key="Message")
        return document

    # -- faults the service cannot inject itself -------------------------------------------

    def _delay(self, operation: str) -> None:
        with self._delays_lock:
            queue = self._delays.get(operation)
            seconds = queue.popleft() if queue else 0.0
        if seconds:
            time.sleep(seconds)

    # -- the control API -------------------------------------------------------------------

    def _get_state(self, request: HttpRequest) -> HttpResponse:
        return _ok(dump_state(self.service))

    def _put_state(self, request: HttpRequest) -> HttpResponse:
        try:
            load_state(self.service, request.body)
        except StateDocumentError as error:
            return error_response(400, "InvalidStateDocument", str(error))
        return _ok({})

    def reset(self) -> None:
        """Forget every resource and injected fault, delays included."""
        self.service.reset()
        with self._delays_lock:
            self._delays.clear()

    def _reset(self, request: HttpRequest) -> HttpResponse:
        self.reset()
        return _ok({})

    def _clear_faults(self, request: HttpRequest) -> HttpResponse:
        self.service.clear_faults()
        with self._delays_lock:
            self._delays.clear()
        return _ok({})

    def _add_fault(self, request: HttpRequest) -> HttpResponse:
        try:
            self._inject(decode_json(request.body or b"{}"))
        except ValidationError as error:
            return error_response(400, "InvalidFault", error.errors[0].message)
        except ValueError as error:
            return error_response(400, "InvalidFault", str(error))
        return _ok({})

    def _inject(self, fault: object) -> None:
        if not isinstance(fault, dict):
            raise ValueError("a fault is a JSON object")
        self._inject_checked(fault)

    def _inject_checked(self, fault: dict[str, Any]) -> None:
        unknown = sorted(set(fault) - _FAULT_KEYS)
        if unknown:
            raise ValueError(f"unknown key {cut_text(unknown[0])}; keys: {sorted(_FAULT_KEYS)}")
        operation: str = fault.get("Operation", "")
        if operation not in OPERATIONS:
            raise ValueError(f"Operation: one of {', '.join(OPERATIONS)}")
        times = fault.get("Times", 1)
        if type(times) is not int or not 1 <= times <= 10000:
            raise ValueError("Times: an integer from 1 to 10000")
        kind = fault.get("Kind", "error")
        if kind == "error":
            self._inject_error(operation, fault, times)
        elif kind == "throttle":
            self.service.throttle_next(operation, times=times)
        elif kind == "timeout":
            applied = fault.get("Applied", False)
            if type(applied) is not bool:
                raise ValueError("Applied: true or false")
            self.service.timeout_next(operation, times=times, applied=applied)
        elif kind == "delay":
            seconds: Any = fault.get("Seconds")
            if type(seconds) not in (int, float) or not 0 < seconds <= MAX_FAULT_DELAY:
                raise ValueError(f"Seconds: a number above 0, at most {MAX_FAULT_DELAY:g}")
            with self._delays_lock:
                self._delays.setdefault(operation, deque()).extend([float(seconds)] * times)
        else:
            raise ValueError("Kind: error, throttle, timeout or delay")

    def _inject_error(self, operation: str, fault: dict[str, Any], times: int) -> None:
        name = fault.get("Error", InternalServiceException.__name__)
        errors = {error.__name__: error for error in OPERATIONS[operation].errors}
        if name not in errors:
            raise ValueError(f"Error: {operation} raises {', '.join(errors)}")
        message = fault.get("Message")
        if message is None:
            self.service.fail_next(operation, errors[name], times=times)
            return
        if not isinstance(message, str) or len(message) > 2048:
            raise ValueError("Message: a string of at most 2048 characters")
        error: Any = errors[name]
        self.service.fail_next(operation, error(message=message), times=times)


_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def _host_name(host: str) -> str:
    """The name in a Host header, without its port (`[::1]:80` -> `::1`)."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


def is_loopback(host: str) -> bool:
    """Whether an address to bind is loopback only (`localhost`, 127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _ok(answer: Any, *, request_id: bool = True) -> HttpResponse:
    headers = (("x-amzn-RequestId", new_request_id()), *_JSON_HEADERS)
    return HttpResponse(200, headers, json.dumps(answer).encode())


def _service_error(error: GlueServiceError) -> HttpResponse:
    status, body = error_answer(error)
    headers = (
        ("x-amzn-RequestId", new_request_id()),
        ("x-amzn-ErrorType", body["__type"]),
        *_JSON_HEADERS,
    )
    return HttpResponse(status, headers, json.dumps(body).encode())


class GlueSecurityServer:
    """A `GlueSecurityService` served over HTTP on `host:port` (0: a free port), from a
    background thread: `with GlueSecurityServer() as server: ... server.url`."""

    def __init__(
        self,
        service: GlueSecurityService | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        identities: Identities | None = None,
        limits: ServerLimits | None = None,
    ) -> None:
        self.service = service or GlueSecurityService()
        self.endpoint = GlueSecurityEndpoint(
            self.service, identities, loopback_only=is_loopback(host)
        )
        self.http = HttpServer(self.endpoint, host, port, limits)

    @property
    def url(self) -> str:
        return self.http.url

    def reset(self) -> None:
        """Forget every resource and injected fault (as `POST /_glue_security/reset`)."""
        self.endpoint.reset()

    def start(self) -> GlueSecurityServer:
        self.http.start()
        return self

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> GlueSecurityServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()
