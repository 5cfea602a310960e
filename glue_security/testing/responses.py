"""The in-memory service's protocol: a wire request in, checked, dispatched to the state's
handler, and a wire response or the API's error out; with the faults tests inject.

`dispatch` is the one entry point every transport calls (`testing.botocore_bridge` in
process, through `GlueSecurityService.handle`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import Any

import attrs

from ..codec.operations import validate_request
from ..models.base import GlueServiceError
from ..models.operations import operation as operation_named
from ..models.service_errors import InvalidInputException, UnknownServiceError
from ..validation.error import ValidationError
from .models import GlueSecurityBackend

__all__ = ["THROTTLING", "InjectedFault", "InjectedFaults", "dispatch"]

THROTTLING = "ThrottlingException"


@attrs.define
class InjectedFault:
    kind: str  # "error", "throttle" or "timeout"
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
            raise fault.error
        if fault is not None and fault.kind == "throttle":
            raise _throttled()
        if fault is not None and not fault.applied:
            raise _Timeout(name, applied=False)  # lost on the way in
        try:
            request = validate_request(name, payload)
            return backend.run(name, request, account_id, region)
        except ValidationError as error:
            raise InvalidInputException(
                message="; ".join(str(problem) for problem in error.errors)
            ) from None
        finally:
            if fault is not None:  # applied, and the answer (or error) lost on the way out
                raise _Timeout(name, applied=True)


def _throttled() -> UnknownServiceError:
    return UnknownServiceError(message="Rate exceeded", error_type=THROTTLING)
