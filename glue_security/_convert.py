"""Wire conversion: `from_wire`/`to_wire`, their JSON-text twins, and reading JSON text."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar, overload

from ._checks import LENIENT, STRICT, Mode, nonconforming_problems
from ._from_wire_codegen import DECLINED, DECLINING_ERRORS, collector, fast_structure
from ._model import Model, WireForm, require_model_class
from ._to_wire_codegen import HoldsNonconforming, fast_unstructure
from ._validation_error import ErrorDetail, ValidationError

__all__ = ["from_json", "from_wire", "to_json", "to_wire"]

M = TypeVar("M", bound=Model)
W = TypeVar("W")


def from_wire(cls: type[M], data: object, *, strict: bool | None = None) -> M:
    """Parse a wire dict (as boto3 sends or returns it) into a `cls` instance.

    Raises `ValidationError` listing every problem. `strict` rejects unknown members and
    enum values; by default it is on for requests and data types and off for responses
    and errors, so that a boto3 response (`ResponseMetadata` included) parses as it is.
    """
    fast = _FAST_DEFAULT.get(cls) if strict is None else _FAST.get((cls, strict))
    if fast is None:
        fast = _fast_entry(cls, strict)
    try:
        result = fast(data)
    except DECLINING_ERRORS:
        result = DECLINED
    if result is not DECLINED:
        return result  # type: ignore[no-any-return]
    # Something is off: the error path finds every problem, with its path.
    errors: list[ErrorDetail] = []
    collect = _COLLECT.get((cls, strict))
    if collect is None:
        collect = _COLLECT[(cls, strict)] = collector(cls, _mode(cls, strict))
    result = collect(data, "$", errors)
    if errors:
        raise ValidationError(errors)
    assert isinstance(result, cls)
    return result


def _mode(cls: type[Model], strict: bool | None) -> Mode:
    if strict is None:
        strict = not cls.lenient_by_default
    return STRICT if strict else LENIENT


# (model class, strict argument) -> its generated parser: one lookup per call.
_FAST: dict[tuple[type, bool | None], Callable[[object], Any]] = {}


_FAST_DEFAULT: dict[type, Callable[[object], Any]] = {}  # strict=None, the common call

# (model class, strict argument) -> its generated error-collecting parser.
_COLLECT: dict[tuple[type, bool | None], Callable[[object, str, list[ErrorDetail]], Any]] = {}


def _fast_entry(cls: type[Model], strict: bool | None) -> Callable[[object], Any]:
    require_model_class(cls)
    fast = _FAST[(cls, strict)] = fast_structure(cls, _mode(cls, strict))
    if strict is None:
        _FAST_DEFAULT[cls] = fast
    return fast


@overload
def to_wire(obj: WireForm[W]) -> W: ...  # the shape's TypedDict, from glue_security.wire
@overload
def to_wire(obj: Model) -> dict[str, Any]: ...
def to_wire(obj: object) -> Any:
    """The wire dict of a model: PascalCase keys, JSON types only, absent members left out."""
    if not isinstance(obj, Model):
        raise TypeError(f"expected a glue_security model instance, got {type(obj).__name__}")
    try:
        return fast_unstructure(type(obj))(obj)
    except HoldsNonconforming:  # a request parsed leniently: say what it cannot send
        raise ValidationError(nonconforming_problems(obj)) from None


def from_json(cls: type[M], text: str | bytes | bytearray, *, strict: bool | None = None) -> M:
    """Parse JSON text into a `cls` instance; malformed JSON is a `ValidationError` at `$`."""
    require_model_class(cls)
    return from_wire(cls, decode_json(text), strict=strict)


def decode_json(text: str | bytes | bytearray) -> Any:
    """The value JSON text holds; text that is not JSON is a `ValidationError` at `$`."""
    try:
        return json.loads(text)
    except RecursionError:
        message = "JSON nested too deeply to read"
    except (ValueError, TypeError) as exc:
        # JSONDecodeError and UnicodeDecodeError are ValueErrors; TypeError: not text at all.
        message = f"not valid JSON: {exc}"
    raise ValidationError([ErrorDetail("$", "json", message)]) from None


def to_json(obj: Model) -> str:
    """JSON text of `to_wire(obj)`."""
    return json.dumps(to_wire(obj), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
