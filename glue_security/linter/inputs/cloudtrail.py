"""CloudTrail events of the ten operations, read as the requests they record.

Read from a log file (`{"Records": [...]}`), a list of events (a JSON Lines export), one
event, or an EventBridge event that carries one in `detail`. Each event of
`glue.amazonaws.com` whose `eventName` is one of the operations becomes a `Subject`: the
operation's request, from `requestParameters`.

CloudTrail writes member names in lowerCamelCase (`encryptionConfiguration`): each is found
by lowering the first letter of the model's wire name (`EncryptionConfiguration`), so there
is no table of names here. A value CloudTrail redacts (`HIDDEN_DUE_TO_SECURITY_REASONS`), and
a member the event does not record, are unknown: never a finding by themselves. An event
with an `errorCode` records a call that failed and changed nothing: it is not checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from ...models.base import Model
from ...models.operations import OPERATIONS
from ...spec.kinds import ListShape, StructureShape
from ...spec.plan import model_plan
from ..subject import NOT_RECORDED, Subject, Unknown

__all__ = ["REDACTED", "recognises", "subjects"]

EVENT_SOURCE = "glue.amazonaws.com"
REDACTED = "HIDDEN_DUE_TO_SECURITY_REASONS"
_NOT_RECORDED = Unknown(NOT_RECORDED)
_MAX_DEPTH = 16  # deeper than any request's structure

Parts = tuple[str | int, ...]


def _is_event(item: Any) -> bool:
    return isinstance(item, dict) and (
        ("eventSource" in item and "eventName" in item)
        or (isinstance(item.get("detail"), dict) and "detail-type" in item)
    )


def _lookup_events(data: Any) -> bool:
    """`aws cloudtrail lookup-events` output: each event as JSON text in `CloudTrailEvent`."""
    events = data.get("Events") if isinstance(data, dict) else None
    return (
        isinstance(events, list)
        and bool(events)
        and all(isinstance(item, dict) and "CloudTrailEvent" in item for item in events)
    )


def recognises(data: Any) -> bool:
    """Whether `data` is a CloudTrail log file, `lookup-events` output, a list of events,
    or one event."""
    if isinstance(data, dict) and isinstance(data.get("Records"), list):
        return True
    if _lookup_events(data):
        return True
    if isinstance(data, list):
        return bool(data) and all(_is_event(item) for item in data)
    return _is_event(data)


def _events(data: Any) -> Iterator[tuple[Any, Parts, Any]]:
    """Each event, where it sits, and the account of the EventBridge event that carried it
    (None for a CloudTrail event on its own)."""
    if isinstance(data, dict) and isinstance(data.get("Records"), list):
        items: list[tuple[Any, Parts]] = [
            (item, ("Records", index)) for index, item in enumerate(data["Records"])
        ]
    elif _lookup_events(data):
        items = [
            (_event_text(item.get("CloudTrailEvent")), ("Events", index, "CloudTrailEvent"))
            for index, item in enumerate(data["Events"])
        ]
    elif isinstance(data, list):
        items = [(item, (index,)) for index, item in enumerate(data)]
    else:
        items = [(data, ())]
    for item, at in items:
        if isinstance(item, dict) and isinstance(item.get("detail"), dict):
            yield item["detail"], (*at, "detail"), item.get("account")  # EventBridge
        else:
            yield item, at, None


def _event_text(text: Any) -> Any:
    """An event given as JSON text (findings in it are placed at the text); None where it
    is not an object."""
    if not isinstance(text, str):
        return None
    try:
        event = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return event if isinstance(event, dict) else None


def _describe(event: Mapping[str, Any], carrier_account: Any) -> str:
    identity = event.get("userIdentity")
    identity = identity if isinstance(identity, dict) else {}
    # EventBridge's copy of an event may leave out recipientAccountId: its own `account`,
    # then the caller's, name the same account.
    account = next(
        (
            found
            for found in (
                event.get("recipientAccountId"),
                carrier_account,
                identity.get("accountId"),
            )
            if isinstance(found, str) and found
        ),
        "?",
    )
    return (
        f"{event.get('eventName')} at {event.get('eventTime', '?')} by "
        f"{identity.get('arn') or '?'} (event {event.get('eventID', '?')}, account {account}, "
        f"{event.get('awsRegion', '?')})"
    )


def subjects(data: Any) -> Iterator[Subject]:
    """A subject for each event of the ten operations that succeeded."""
    for event, at, carrier_account in _events(data):
        if not isinstance(event, dict) or event.get("eventSource") != EVENT_SOURCE:
            continue
        operation = OPERATIONS.get(str(event.get("eventName")))
        if operation is None or event.get("errorCode"):
            continue
        parameters = event.get("requestParameters")
        where: Parts = (*at, "requestParameters")
        locations: dict[Parts, Parts] = {(): where}
        payload = _request(operation.input, parameters, (), where, locations, 0)
        if at[-1:] == ("CloudTrailEvent",):  # JSON text: every finding at the text
            locations = {(): at}
        yield Subject(
            operation.input,
            payload if isinstance(payload, dict) else {},
            "api",
            resource=_describe(event, carrier_account),
            locations=locations,
        )


def _lookup(value: Mapping[str, Any], wire: str) -> tuple[str, Any] | None:
    """The event's member for the wire name `wire`: `encryptionConfiguration` (as
    CloudTrail writes it), the wire name itself, or one that differs only in case."""
    for name in (wire[:1].lower() + wire[1:], wire):
        if name in value:
            return name, value[name]
    folded = wire.lower()
    for name, item in value.items():
        if isinstance(name, str) and name.lower() == folded:
            return name, item
    return None


def _request(
    model: type[Model],
    value: Any,
    wire: Parts,
    at: Parts,
    locations: dict[Parts, Parts],
    depth: int,
) -> Any:
    if value == REDACTED:
        return Unknown("redacted by CloudTrail")
    if not isinstance(value, dict) or depth > _MAX_DEPTH:
        return value
    payload: dict[str, Any] = {}
    for spec in model_plan(model).members.values():
        found = _lookup(value, spec.wire_name)
        if found is None:
            payload[spec.wire_name] = _NOT_RECORDED
            continue
        name, item = found
        member_wire, member_at = (*wire, spec.wire_name), (*at, name)
        locations[member_wire] = member_at
        payload[spec.wire_name] = _member(
            spec.shape, item, member_wire, member_at, locations, depth + 1
        )
    return payload


def _member(
    shape: Any, value: Any, wire: Parts, at: Parts, locations: dict[Parts, Parts], depth: int
) -> Any:
    if value == REDACTED:
        return Unknown("redacted by CloudTrail")
    if isinstance(shape, StructureShape):
        return _request(shape.model, value, wire, at, locations, depth)
    if isinstance(shape, ListShape) and isinstance(value, list):
        items = []
        for index, item in enumerate(value):
            item_wire, item_at = (*wire, index), (*at, index)
            locations[item_wire] = item_at
            items.append(_member(shape.item, item, item_wire, item_at, locations, depth))
        return items
    return value
