"""`mock_glue_security`: a `GlueSecurityService` behind botocore's own pipeline.

The ten operations are answered where botocore emits `before-send.glue.<Operation>`: the
answer is the awsJson body and HTTP status the service would send, and botocore parses it
as it parses the real one (timestamps, `ResponseMetadata`, `ClientError`, retries).

botocore calls *every* `before-send` handler, even after one has answered, and moto's
`mock_aws` registers one for every service, so a registered handler would let moto run each
request too (creating in moto's backend what the fake created, or raising moto's
NotImplementedError). So, for Glue clients, the emitter's `emit` is wrapped: the ten
operations' `before-send` events are answered by the fake alone, every other event goes on
as before, and other operations reach moto (or raise `UnservedOperationError`). The wrapped
`emit_until_response` answers their `choose-signer` events with UNSIGNED: the fake checks no
signature, so the ten operations skip signing (about a third of botocore's time per call)
and work without credentials. The account is read from the client's access key, where
`accounts` maps it.

A client copies its session's handlers when it is created, so nothing added to a session
later reaches it. To serve clients created before the context too, while any context is
active `BaseClient._make_api_call` is wrapped to install the `emit` wrapper on the calling
client's emitter (once); when the last context ends, both are removed.
"""

from __future__ import annotations

import functools
import json
import threading
import weakref
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

try:
    import botocore
    import botocore.client
    from botocore.awsrequest import AWSResponse
    from botocore.exceptions import ReadTimeoutError
except ImportError as error:  # pragma: no cover - the message is the point
    raise ImportError(
        "mock_glue_security needs botocore: pip install 'glue-security[testing]' "
        "(or pip install boto3)"
    ) from error

from ..models.base import GlueServiceError
from ..models.operations import OPERATIONS
from .responses import error_answer, new_request_id
from .service import GlueSecurityService

__all__ = ["GlueSecurityMock", "UnservedOperationError", "mock_glue_security"]

_F = TypeVar("_F", bound=Callable[..., Any])
_BEFORE_SEND = "before-send.glue."
_CHOOSE_SIGNER = "choose-signer.glue."


class UnservedOperationError(RuntimeError):
    """A Glue operation other than the ten security ones was called inside
    `mock_glue_security` without `passthrough=True`; nothing was sent."""


class _Body:
    """The `raw` of an AWSResponse: what botocore reads the body from."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, **kwargs: Any) -> Iterator[bytes]:
        yield self._data

    def read(self, *args: Any) -> bytes:
        data, self._data = self._data, b""
        return data


class GlueSecurityMock:
    """What `mock_glue_security` returns: a context manager (giving the service) and a
    decorator (a fresh service for each call, unless one was given)."""

    def __init__(
        self,
        service: GlueSecurityService | None,
        passthrough: bool,
        accounts: Mapping[str, str],
    ) -> None:
        self._given = service
        self.service = service
        self.passthrough = passthrough
        self.accounts = dict(accounts)

    def __enter__(self) -> GlueSecurityService:
        # One object may be entered again while active, nested or from another thread:
        # each entry is its own activation, and all share the service until the last ends.
        with _lock:
            if self.service is None:
                self.service = GlueSecurityService()
            service = self.service
            _activate(self)
        return service

    def __exit__(self, *exc_info: object) -> None:
        with _lock:
            _deactivate(self)
            if self._given is None and not any(mock is self for mock, _ in _active):
                self.service = None

    def __call__(self, func: _F) -> _F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with GlueSecurityMock(self._given, self.passthrough, self.accounts):
                return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    # -- one request -----------------------------------------------------------------------

    def respond(self, operation: str, request: Any) -> AWSResponse:
        service = self.service
        if service is None:  # its last context ended while this call was on its way
            raise UnservedOperationError(f"mock_glue_security ended before {operation}")
        account_id, region = self._identity(request)
        body = request.body
        payload = json.loads(body) if body else {}
        # AWSResponse copies the headers into a case-insensitive HeadersDict itself.
        headers = {
            "x-amzn-RequestId": new_request_id(),
            "Content-Type": "application/x-amz-json-1.1",
        }
        try:
            answer = service.handle(operation, payload, account_id=account_id, region=region)
            status = 200
        except GlueServiceError as error:
            status, answer = error_answer(error)
            headers["x-amzn-ErrorType"] = answer["__type"]
        except TimeoutError:
            raise ReadTimeoutError(endpoint_url=request.url) from None
        data = json.dumps(answer).encode()
        headers["Content-Length"] = str(len(data))
        # AWSResponse copies the headers into its own HeadersDict: a plain dict is what it reads.
        return AWSResponse(request.url, status, headers, _Body(data))  # type: ignore[arg-type]

    def _identity(self, request: Any) -> tuple[str | None, str | None]:
        """The account (from the client's access key) and the client's region."""
        account_id = None
        if self.accounts:
            # botocore keeps a client's credentials on its request signer.
            signer = getattr(getattr(_calling, "client", None), "_request_signer", None)
            access_key = getattr(getattr(signer, "_credentials", None), "access_key", None)
            account_id = self.accounts.get(access_key) if access_key else None
        context = getattr(request, "context", None) or {}
        return account_id, context.get("client_region")


def mock_glue_security(
    service: GlueSecurityService | None = None,
    *,
    passthrough: bool = False,
    accounts: Mapping[str, str] | None = None,
) -> GlueSecurityMock:
    """Serve the ten Glue security operations of every botocore/boto3 client in-process.

    `with mock_glue_security() as service:` (or as a decorator) answers from `service`
    (a fresh `GlueSecurityService` when none is given), through botocore's parsing, for
    clients created before or inside the block. Other Glue operations raise
    `UnservedOperationError`, or with `passthrough=True` go on as if the mock were not
    there (to moto's `mock_aws`, say). `accounts` maps access key ids to account ids;
    other keys act in the service's `account_id`. The region is the client's.
    """
    return GlueSecurityMock(service, passthrough, accounts or {})


# -- activation ----------------------------------------------------------------------------

_lock = threading.Lock()
# Each activation: the mock, and the thread that entered it; innermost last.
_active: list[tuple[GlueSecurityMock, int]] = []
_installed: weakref.WeakSet[Any] = weakref.WeakSet()  # emitters whose emit is wrapped
_calling = threading.local()  # .client: the client whose call this thread is making
_original_make_api_call: Callable[..., Any] | None = None


def _wrap_emit(events: Any) -> None:
    emit, emit_until_response = events.emit, events.emit_until_response

    def choose_no_signer(event_name: str, **kwargs: Any) -> tuple[Any, Any]:
        # The fake checks no signature: the ten operations go unsigned, so that they cost
        # no signing and need no credentials. So do the others, where nothing will be sent:
        # they meet UnservedOperationError, not a missing-credentials error.
        mock = _current() if event_name.startswith(_CHOOSE_SIGNER) else None
        if mock is not None:
            operation = event_name[len(_CHOOSE_SIGNER) :]
            if operation in OPERATIONS or not mock.passthrough:
                return choose_no_signer, botocore.UNSIGNED
        return emit_until_response(event_name, **kwargs)  # type: ignore[no-any-return]

    def emit_answering_glue_security(event_name: str, **kwargs: Any) -> list[tuple[Any, Any]]:
        mock = _current() if event_name.startswith(_BEFORE_SEND) else None
        if mock is not None:
            operation = event_name[len(_BEFORE_SEND) :]
            if operation in OPERATIONS:
                return [(emit_answering_glue_security, mock.respond(operation, kwargs["request"]))]
            if not mock.passthrough:
                raise UnservedOperationError(
                    f"Glue {operation} is not one of the ten security operations "
                    "mock_glue_security serves, and nothing was sent; use "
                    "mock_glue_security(passthrough=True) to let it through (to moto's "
                    "mock_aws, for instance)"
                )
        return emit(event_name, **kwargs)  # type: ignore[no-any-return]

    emit_answering_glue_security.glue_security_mock = True  # type: ignore[attr-defined]
    events.emit = emit_answering_glue_security
    events.emit_until_response = choose_no_signer


def _make_api_call(client: Any, operation_name: str, api_params: Any) -> Any:
    events = client.meta.events
    installed = getattr(vars(events).get("emit"), "glue_security_mock", False)
    if not installed and client.meta.service_model.service_name == "glue":
        with _lock:
            if events not in _installed:
                _wrap_emit(events)
                _installed.add(events)
    assert _original_make_api_call is not None
    previous, _calling.client = getattr(_calling, "client", None), client
    try:
        return _original_make_api_call(client, operation_name, api_params)
    finally:
        _calling.client = previous


def _current() -> GlueSecurityMock | None:
    """The mock that answers this thread: the innermost context it entered itself, so that
    tests running side by side in threads keep their own services; in a thread that entered
    none (a worker started inside a context), the innermost of all."""
    active = list(_active)
    me = threading.get_ident()
    for mock, thread in reversed(active):
        if thread == me:
            return mock
    return active[-1][0] if active else None


def _activate(mock: GlueSecurityMock) -> None:
    """Add an activation of `mock` for this thread (with `_lock` held)."""
    global _original_make_api_call
    if not _active:
        # A private method, so not in botocore's stubs.
        _original_make_api_call = botocore.client.BaseClient._make_api_call  # type: ignore[attr-defined]
        botocore.client.BaseClient._make_api_call = _make_api_call  # type: ignore[attr-defined]
    _active.append((mock, threading.get_ident()))


def _deactivate(mock: GlueSecurityMock) -> None:
    """End the innermost activation of `mock`, this thread's if it has one (with `_lock`
    held): contexts may end out of order, and in another thread than entered them."""
    global _original_make_api_call
    me = threading.get_ident()
    mine = [i for i, (active, thread) in enumerate(_active) if active is mock and thread == me]
    anyone = [i for i, (active, _) in enumerate(_active) if active is mock]
    if mine or anyone:
        del _active[(mine or anyone)[-1]]
    if not _active and _original_make_api_call is not None:
        botocore.client.BaseClient._make_api_call = _original_make_api_call  # type: ignore[attr-defined]
        _original_make_api_call = None
        for events in list(_installed):
            vars(events).pop("emit", None)  # the class's methods again
            vars(events).pop("emit_until_response", None)
        _installed.clear()
