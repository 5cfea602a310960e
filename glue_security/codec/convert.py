"""Wire conversion: `from_wire`/`to_wire`, their JSON-text twins, and reading JSON text."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar, overload

from ..models.base import (
    Model,
    Response,
    WireForm,
    require_model_class,
    require_strict_argument,
)
from ..validation.checks import LENIENT, STRICT, Mode
from ..validation.error import ErrorDetail, Problem, ValidationError, class_name, found_invalid
from ..validation.instances import nonconforming_problems
from ..validation.paths import wire_path
from .from_wire import collector, fast_structure
from .json_text import JsonTextError, read_json_text
from .parser_runtime import DECLINED
from .to_wire import HoldsNonconforming, fast_unstructure

__all__ = [
    "collect_safely",
    "from_json",
    "from_wire",
    "to_json",
    "to_wire",
    "unreadable",
]

M = TypeVar("M", bound=Model)
W = TypeVar("W")


def from_wire(cls: type[M], data: object, *, strict: bool | None = None) -> M:
    """Parse a wire dict (as boto3 sends or returns it) into a `cls` instance.

    Raises `ValidationError` listing every problem. `strict` rejects unknown members and
    enum values; by default it is on for requests and data types and off for responses
    and errors, so that a boto3 response (`ResponseMetadata` included) parses as it is.
    """
    try:
        if strict is None:
            fast = _FAST_DEFAULT.get(cls)
        elif strict is True or strict is False:  # 1 == True would share True's cache entry
            fast = _FAST.get((cls, strict))
        else:
            require_strict_argument(strict)  # raises
    except TypeError:  # an unhashable cls (a list): say what was expected, not Python's word
        require_model_class(cls)
        raise
    if fast is None:
        fast = _fast_entry(cls, strict)
    try:
        result = fast(data)
    except Exception:  # DECLINING_ERRORS, or what a hostile key's own __eq__ or __hash__ raises
        result = DECLINED
    if result is not DECLINED:
        return result  # type: ignore[no-any-return]
    # Something is off: the error path finds every problem, with its path.
    errors: list[Problem] = []
    collect = _COLLECT_DEFAULT.get(cls) if strict is None else _COLLECT.get((cls, strict))
    if collect is None:
        collect = _collect_entry(cls, strict)
    try:  # collect_safely, inline: every invalid payload pays for a call
        result = collect(data, errors)
    except MemoryError:
        raise
    except Exception as exc:
        errors.append(unreadable(exc))
        result = None
    if errors:
        data = None  # the traceback keeps this frame: not the payload too
        raise found_invalid(errors)
    assert isinstance(result, cls)
    return result


def collect_safely(
    collect: Callable[[object, list[Problem]], object],
    data: object,
    errors: list[Problem],
) -> object:
    """Run an error-collecting parser on `data`: the instance, or INVALID with `errors`.

    A key or value whose own methods raise (a dict key whose `__eq__` does) cannot be read;
    that is reported at `$`, after the problems found before it, rather than escaping.
    """
    try:
        return collect(data, errors)
    except MemoryError:
        raise
    except Exception as exc:
        errors.append(unreadable(exc))
        return None


def unreadable(exc: Exception) -> ErrorDetail:
    """The problem of a payload that raised `exc` while being read."""
    return ErrorDetail("$", "type", f"could not be read: a key or value raised {class_name(exc)}")


def _mode(cls: type[Model], strict: bool | None) -> Mode:
    if strict is None:
        strict = not cls.lenient_by_default
    return STRICT if strict else LENIENT


# (model class, strict argument) -> its generated parser: one lookup per call.
_FAST: dict[tuple[type, bool | None], Callable[[object], Any]] = {}


_FAST_DEFAULT: dict[type, Callable[[object], Any]] = {}  # strict=None, the common call

# (model class, strict argument) -> its generated error-collecting parser.
_COLLECT: dict[tuple[type, bool | None], Callable[[object, list[Problem]], Any]] = {}


_COLLECT_DEFAULT: dict[type, Callable[[object, list[Problem]], Any]] = {}


#: What boto3 adds to every response, beside the members the service sent.
RESPONSE_METADATA = "ResponseMetadata"


def _without_metadata(data: object) -> object:
    if type(data) is dict and RESPONSE_METADATA in data:
        return {key: value for key, value in data.items() if key != RESPONSE_METADATA}
    return data


def _takes_metadata(cls: type[Model], strict: bool | None) -> bool:
    """A strict parser of a response takes a boto3 response as it is: its top-level
    `ResponseMetadata` is boto3's, not an unknown member (lenient parsers ignore it anyway)."""
    return issubclass(cls, Response) and _mode(cls, strict) is STRICT


def _collect_entry(cls: type[Model], strict: bool | None) -> Callable[[object, list[Problem]], Any]:
    collect_members = collector(cls, _mode(cls, strict))
    collect = collect_members
    if _takes_metadata(cls, strict):

        def collect_response(data: object, errors: list[Problem]) -> Any:
            return collect_members(_without_metadata(data), errors)

        collect = collect_response
    _COLLECT[(cls, strict)] = collect
    if strict is None:
        _COLLECT_DEFAULT[cls] = collect
    return collect


def _fast_entry(cls: type[Model], strict: bool | None) -> Callable[[object], Any]:
    require_model_class(cls)
    parse_members = fast_structure(cls, _mode(cls, strict))
    fast = parse_members
    if _takes_metadata(cls, strict):

        def parse_response(data: object) -> Any:
            return parse_members(_without_metadata(data))

        fast = parse_response
    _FAST[(cls, strict)] = fast
    if strict is None:
        _FAST_DEFAULT[cls] = fast
    return fast


@overload
def to_wire(obj: WireForm[W]) -> W: ...  # the shape's TypedDict, from glue_security.wire
@overload
def to_wire(obj: Model) -> dict[str, Any]: ...
def to_wire(obj: object) -> Any:
    """The wire dict of a model: PascalCase keys, JSON types only, absent members left out."""
    if not issubclass(type(obj), Model):
        raise TypeError(f"expected a glue_security model instance, got {type(obj).__name__}")
    try:
        return fast_unstructure(type(obj))(obj)
    except HoldsNonconforming:  # a request parsed leniently: say what it cannot send
        raise ValidationError(nonconforming_problems(obj)) from None


def from_json(cls: type[M], text: str | bytes | bytearray, *, strict: bool | None = None) -> M:
    """Parse JSON text into a `cls` instance; malformed JSON is a `ValidationError` at `$`."""
    require_model_class(cls)
    require_strict_argument(strict)
    return from_wire(cls, decode_json(text), strict=strict)


def decode_json(text: str | bytes | bytearray) -> Any:
    """The value JSON text holds. Text that is not JSON (`NaN` and `Infinity` included) is
    a `json` error at `$`; a key given twice in one object is a `duplicate` error at its
    path, and an integer of more than `MAX_INTEGER_DIGITS` digits a `range` error at its
    path (see `_json_text`, which the command line reads JSON text with too)."""
    try:
        document, problems = read_json_text(text)
    except JsonTextError as exc:
        raise ValidationError([ErrorDetail("$", "json", exc.detail)]) from None
    if problems:
        raise ValidationError(
            [ErrorDetail(wire_path(p.parts), p.code, p.message) for p in problems]
        )
    return document


def to_json(obj: Model) -> str:
    """JSON text of `to_wire(obj)`."""
    return json.dumps(to_wire(obj), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
