"""The fault injector of the strategies: valid payloads with exactly one fault put in.

Each fault knows its wire path and the `ValidationError` code it must raise; together they
cover every code a model can raise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import attrs
from hypothesis import strategies as st

from ..models.base import Model, require_model_class
from ..spec.kinds import (
    BooleanShape,
    EnumShape,
    IntegerShape,
    ListShape,
    Shape,
    StringShape,
    StructureShape,
    TimestampShape,
    Utf8Length,
    assert_never,
)
from ..spec.plan import model_plan
from ..spec.utf8 import utf8_length
from ..validation.paths import child_path
from .layout import Strategy, strategy_of
from .scalars import string_gen
from .values import wire_payloads

__all__ = ["invalid_wire_payloads"]


_WRONG_TYPES: dict[type, tuple[Any, ...]] = {
    StringShape: (0, 1.5, True, [], {}),
    EnumShape: (1, False, ["DISABLED"], {}),
    IntegerShape: ("1", 1.0, True, [], {}),
    BooleanShape: ("true", 1, 0, [], {}),
    TimestampShape: (True, "not a timestamp", [], {}),
    StructureShape: ([], "{}", 1, True),
    ListShape: ({}, "[]", 1, True),
}
_BAD_PATTERN_CHARS = ("\n", "\x00", "\x1f")
_ROOT_WRONG_TYPES: tuple[Any, ...] = ([], "payload", 1, None, True)
_UNKNOWN_KEYS = ("Unknown", "ExtraMember", "my key")

# A value fault: where, which code, and the bad values to put there.
_ValueFault = tuple[str, str, Callable[[], Strategy[Any]]]


@attrs.frozen
class _Fault:
    """One way to break a valid payload: `apply(bad_value)` puts the fault in place."""

    path: str
    code: str
    apply: Callable[[Any], None]
    values: Callable[[], Strategy[Any]] = lambda: st.just(None)


def _lone_surrogate_strings(valid: Any) -> Strategy[str]:
    base = valid if isinstance(valid, str) else ""
    return st.integers(0, len(base)).map(lambda i: base[:i] + "\ud800" + base[i:])


def _value_faults(shape: Shape, value: Any, path: str, strict: bool) -> Iterator[_ValueFault]:
    """Ways to break one member's value, and the code each must raise. Lenient parsing
    (responses) does not enforce lengths, patterns, JSON documents, ranges or enum values."""
    wrong = _WRONG_TYPES[type(shape)]
    yield path, "type", lambda: st.sampled_from(wrong)
    if isinstance(shape, StringShape):
        yield path, "type", lambda: _lone_surrogate_strings(value)
        if strict:
            yield from _string_faults(shape, value, path)
    elif isinstance(shape, EnumShape):
        if not strict:
            return
        candidates = [n for n in shape.enum.__members__ if n not in shape.enum.wire_values()]
        candidates += [v.lower() for v in shape.enum.wire_values()]
        candidates.append("NOT-A-MODE")
        yield path, "enum", lambda: st.sampled_from(candidates)
    elif isinstance(shape, IntegerShape):
        bounds = shape.range
        if bounds is None or not strict:
            return
        outside = []
        if bounds.minimum is not None:
            outside += [bounds.minimum - 1, bounds.minimum - 1000]
        if bounds.maximum is not None:
            outside += [bounds.maximum + 1, bounds.maximum * 1000]
        yield path, "range", lambda: st.sampled_from(outside)
    elif isinstance(shape, (BooleanShape, TimestampShape, StructureShape, ListShape)):
        pass  # a wrong type only (a structure's and a list's members: `_faults`)
    else:
        assert_never(shape)


def _string_faults(shape: StringShape, value: Any, path: str) -> Iterator[_ValueFault]:
    length = shape.length
    if length is not None and length.max_length is not None:
        over = Utf8Length(length.max_length + 1, length.max_length + 8)
        yield path, "length", lambda: strategy_of(string_gen(shape, over))
    if length is not None and length.min_length and shape.json is None:
        under = Utf8Length(0, length.min_length - 1)
        # Only where a too-short string can still match the pattern (e.g. "" for `[...]*`).
        if shape.pattern is None or shape.pattern.matches(""):
            yield path, "length", lambda: strategy_of(string_gen(shape, under))
    if shape.pattern is not None and isinstance(value, str):
        pattern = shape.pattern
        # Swap the first character for a 1-byte control, padded so the size is unchanged.
        head = utf8_length(value[:1])
        candidates = [c + "a" * (head - 1) + value[1:] if value else c for c in _BAD_PATTERN_CHARS]
        broken = [c for c in candidates if not pattern.matches(c)]
        yield path, "pattern", lambda: st.sampled_from(broken)
    if shape.json is not None:
        depth = shape.json.max_depth
        not_objects = ["[]", '"policy"', "null", "17", '{"a":1', "{'a': 1}", '{"a": NaN}']
        not_objects.append('{"a":' + "[" * depth + "]" * depth + "}")
        yield path, "json", lambda: st.sampled_from(not_objects)


def _faults(cls: type[Model], payload: dict[str, Any], path: str, strict: bool) -> Iterator[_Fault]:
    """Every single-fault mutation of a valid payload of `cls`, with its path and code."""
    for field in model_plan(cls).fields:
        key, shape = field.wire_name, field.member.shape
        member_path = f"{path}.{key}"
        put = _setter(payload, key)
        for where, code, values in _value_faults(shape, payload.get(key), member_path, strict):
            yield _Fault(where, code, put, values)
        if key not in payload:
            continue
        if field.member.required:
            yield _Fault(member_path, "required", _deleter(payload, key))
        if isinstance(shape, StructureShape):
            yield from _faults(shape.model, payload[key], member_path, strict)
        elif isinstance(shape, ListShape):
            items = payload[key]
            wrong = _sampler((*_WRONG_TYPES[type(shape.item)], None))
            for index, item in enumerate(items):
                item_path = f"{member_path}[{index}]"
                yield _Fault(item_path, "type", _setter(items, index), wrong)
                if isinstance(shape.item, StructureShape):
                    yield from _faults(shape.item.model, item, item_path, strict)
        elif isinstance(
            shape, (StringShape, EnumShape, IntegerShape, BooleanShape, TimestampShape)
        ):
            pass  # no members of their own
        else:
            assert_never(shape)
    if strict:
        for unknown in _UNKNOWN_KEYS:
            yield _Fault(child_path(path, unknown), "unknown", _setter(payload, unknown), _one)


def _sampler(values: tuple[Any, ...]) -> Callable[[], Strategy[Any]]:
    return lambda: st.sampled_from(values)


def _one() -> Strategy[Any]:
    return st.just(1)


def _deleter(container: dict[str, Any], key: str) -> Callable[[Any], None]:
    def delete(_: Any) -> None:
        del container[key]

    return delete


def _setter(container: Any, key: Any) -> Callable[[Any], None]:
    def put(value: Any) -> None:
        container[key] = value

    return put


def invalid_wire_payloads(cls: type[Model], /) -> Strategy[tuple[Any, str, str]]:
    """`(payload, path, code)`: a payload with exactly one fault, where it is, and the code
    `from_wire(cls, payload)` must report there. Covers every code the model can raise:
    type, required, unknown, length, pattern, enum, range and json."""
    require_model_class(cls)
    strict = not cls.lenient_by_default

    @st.composite
    def draw_invalid(draw: st.DrawFn) -> tuple[Any, str, str]:
        payload = draw(wire_payloads(cls))
        faults = list(_faults(cls, payload, "$", strict))
        choice = draw(st.integers(-1, len(faults) - 1))
        if choice < 0:
            return draw(st.sampled_from(_ROOT_WRONG_TYPES)), "$", "type"
        fault = faults[choice]
        fault.apply(draw(fault.values()))
        return payload, fault.path, fault.code

    return draw_invalid()
