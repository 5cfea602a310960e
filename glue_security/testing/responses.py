"""The in-memory service's protocol: a wire request in, checked, dispatched to the state's
handler, and a wire response or the API's error out; with the faults tests inject.

`dispatch` is the one entry point every transport calls (`testing.botocore_bridge` in
process, through `GlueSecurityService.handle`).
"""

from __future__ import annotations

import copy
import itertools
import os
from collections import deque
from collections.abc import Mapping
from typing import Any

import attrs

from ..codec.operations import validate_request
from ..models.base import GlueServiceError
from ..models.operations import operation as operation_named
from ..models.service_errors import (
    InternalServiceException,
    InvalidInputException,
    UnknownServiceError,
)
from ..validation.error import ValidationError
from .models import GlueSecurityBackend

__all__ = [
    "THROTTLING",
    "InjectedFault",
    "InjectedFaults",
    "dispatch",
    "error_answer",
    "new_request_id",
]

THROTTLING = "ThrottlingException"


@attrs.define
class InjectedFault:
    kind: str  # "error", "throttle" or "timeout"
    #: The error to answer with: each call raises a fresh copy, so that tracebacks and
    #: notes do not pile up on one instance call after call.
    error: GlueServiceError | None = None
    applied: bool = False  # a timeout after the operation took effect


class _Timeout(TimeoutError):
    """An injected timeout; `applied` says whether the operation took effect first."""

    def __init__(self, operation: str, applied: bool) -> None:
        super().__init__(f"{operation} timed out (injected by glue_security.testing)")
        self.applied = applied


class InjectedFaults:
    """The faults waiting for each operation, by its canonical name, in order."""

    def __init__(self) -> None:
        self._queues: dict[str, deque[InjectedFault]] = {}

    def add(self, name: str, fault: InjectedFault, times: int) -> None:
        self._queues.setdefault(name, deque()).extend([fault] * times)

    def next(self, name: str) -> InjectedFault | None:
        queue = self._queues.get(name)
        return queue.popleft() if queue else None

    def clear(self) -> None:
        self._queues.clear()


def dispatch(
    backend: GlueSecurityBackend,
    faults: InjectedFaults,
    operation: str,
    payload: Mapping[str, Any],
    *,
    account_id: str | None = None,
    region: str | None = None,
) -> dict[str, Any]:
    """Run one operation on a wire request; return the wire response (the awsJson body:
    timestamps as epoch seconds). Raises the API's exceptions (`GlueServiceError`),
    `UnknownServiceError` for an injected throttle, and `TimeoutError` for an injected
    timeout."""
    name = operation_named(operation).name
    account_id = account_id or backend.account_id
    region = region or backend.region
    with backend.lock:
        fault = faults.next(name)
        if fault is not None and fault.error is not None:
            raise copy.copy(fault.error)
        if fault is not None and fault.kind == "throttle":
            raise _throttled()
        if fault is not None and not fault.applied:
            raise _Timeout(name, applied=False)  # lost on the way in
        try:
            request = validate_request(name, payload)
        except ValidationError as error:
            if fault is not None:  # nothing took effect; the answer was lost all the same
                raise _Timeout(name, applied=False) from None
            raise InvalidInputException(
                message="; ".join(str(problem) for problem in error.errors)
            ) from None
        try:
            response = backend.run(name, request, account_id, region)
        except GlueServiceError:
            if fault is not None:  # refused, so nothing took effect; the error was lost
                raise _Timeout(name, applied=False) from None
            raise
        if fault is not None:  # applied, and the answer lost on the way out
            raise _Timeout(name, applied=True)
        return response


def _throttled() -> UnknownServiceError:
    return UnknownServiceError(message="Rate exceeded", error_type=THROTTLING)


def error_answer(error: GlueServiceError) -> tuple[int, dict[str, Any]]:
    """The HTTP status and awsJson body the service answers an error with: `__type`, the
    message, and any other member the error shape has."""
    name = error.error_type if isinstance(error, UnknownServiceError) else type(error).__name__
    body: dict[str, Any] = {"__type": name}
    if error.message is not None:
        body["Message"] = error.message
    if getattr(error, "from_federation_source", None) is not None:
        body["FromFederationSource"] = error.from_federation_source  # type: ignore[attr-defined]
    # A service fault is a 5xx (clients retry it); the rest are the caller's, 400.
    return (500 if isinstance(error, InternalServiceException) else 400), body


_request_ids = itertools.count()
_REQUEST_ID_PREFIX = os.urandom(8).hex()


def new_request_id() -> str:
    """A unique id shaped like the service's (a UUID), cheaper than uuid4()."""
    low = f"{_REQUEST_ID_PREFIX}{next(_request_ids) & (1 << 64) - 1:016x}"
    return f"{low[:8]}-{low[8:12]}-{low[12:16]}-{low[16:20]}-{low[20:]}"
