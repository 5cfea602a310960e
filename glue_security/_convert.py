"""Wire conversion: `from_wire`/`to_wire`, their JSON-text twins, and reading JSON text."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from ._checks import LENIENT, STRICT, Mode, child_path
from ._from_wire_codegen import DECLINED, collector, fast_structure
from ._model import Model, require_model_class, require_strict_argument
from ._to_wire_codegen import fast_unstructure
from ._validation_error import ErrorDetail, ValidationError, class_name, cut_text

__all__ = [
    "MAX_INTEGER_DIGITS",
    "collect_safely",
    "decode_json",
    "from_json",
    "from_wire",
    "to_json",
    "to_wire",
    "unreadable",
]

M = TypeVar("M", bound=Model)


def from_wire(cls: type[M], data: object, *, strict: bool | None = None) -> M:
    """Parse a wire dict (as boto3 sends or returns it) into a `cls` instance.

    Raises `ValidationError` listing every problem. `strict` rejects unknown members and
    enum values; by default it is on for requests and data types and off for responses
    and errors, so that a boto3 response (`ResponseMetadata` included) parses as it is.
    """
    if strict is None:
        fast = _FAST_DEFAULT.get(cls)
    elif strict is True or strict is False:  # 1 == True would share True's cache entry
        fast = _FAST.get((cls, strict))
    else:
        require_strict_argument(strict)  # raises
    if fast is None:
        fast = _fast_entry(cls, strict)
    try:
        result = fast(data)
    except Exception:  # DECLINING_ERRORS, or what a hostile key's own __eq__ or __hash__ raises
        result = DECLINED
    if result is not DECLINED:
        return result  # type: ignore[no-any-return]
    # Something is off: the error path finds every problem, with its path.
    errors: list[ErrorDetail] = []
    collect = _COLLECT.get((cls, strict))
    if collect is None:
        collect = _COLLECT[(cls, strict)] = collector(cls, _mode(cls, strict))
    result = collect_safely(collect, data, errors)
    if errors:
        raise ValidationError(errors)
    assert isinstance(result, cls)
    return result


def collect_safely(
    collect: Callable[[object, str, list[ErrorDetail]], object],
    data: object,
    errors: list[ErrorDetail],
) -> object:
    """Run an error-collecting parser on `data`: the instance, or INVALID with `errors`.

    A key or value whose own methods raise (a dict key whose `__eq__` does) cannot be read;
    that is reported at `$`, after the problems found before it, rather than escaping.
    """
    try:
        return collect(data, "$", errors)
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
_COLLECT: dict[tuple[type, bool | None], Callable[[object, str, list[ErrorDetail]], Any]] = {}


def _fast_entry(cls: type[Model], strict: bool | None) -> Callable[[object], Any]:
    require_model_class(cls)
    fast = _FAST[(cls, strict)] = fast_structure(cls, _mode(cls, strict))
    if strict is None:
        _FAST_DEFAULT[cls] = fast
    return fast


def to_wire(obj: Model) -> dict[str, Any]:
    """The wire dict of a model: PascalCase keys, JSON types only, absent members left out."""
    if not issubclass(type(obj), Model):
        raise TypeError(f"expected a glue_security model instance, got {type(obj).__name__}")
    return fast_unstructure(type(obj))(obj)


def from_json(cls: type[M], text: str | bytes | bytearray, *, strict: bool | None = None) -> M:
    """Parse JSON text into a `cls` instance; malformed JSON is a `ValidationError` at `$`."""
    require_model_class(cls)
    require_strict_argument(strict)
    return from_wire(cls, decode_json(text), strict=strict)


def decode_json(text: str | bytes | bytearray) -> Any:
    """The value JSON text holds. Text that is not JSON is a `ValidationError` at `$`
    (`NaN` and `Infinity` included: they are not JSON); a key given twice in one object
    is an `unknown` error at its path (the earlier value would go unchecked), and an
    integer of more than `MAX_INTEGER_DIGITS` digits a `range` error at its path."""
    reading = _Reading()
    kind = type(text)
    if kind is not str and kind is not bytes and kind is not bytearray:
        # A subclass's decode, startswith or __len__ may lie (or raise): read what it holds.
        if issubclass(kind, str):
            text = str.__str__(text)
        elif issubclass(kind, (bytes, bytearray)):
            text = bytes(memoryview(text))  # type: ignore[arg-type]
    try:
        document = json.loads(
            text,
            object_pairs_hook=reading.object,
            parse_int=reading.integer,
            parse_constant=_not_json,
        )
    except RecursionError:
        message = "JSON nested too deeply to read"
    except (ValueError, TypeError) as exc:
        # JSONDecodeError and UnicodeDecodeError are ValueErrors; TypeError: not text at all.
        message = f"not valid JSON: {exc}"
    else:
        if reading.faulty:
            raise ValidationError(reading.problems(document))
        return document
    raise ValidationError([ErrorDetail("$", "json", message)]) from None


# Longer integers are out of every range the API has (and Python converts them to int in
# time that grows with the square of their length; 3.11 and later refuse them).
MAX_INTEGER_DIGITS = 4300


class _Oversized:
    """Stands for an integer too long to convert, where the document holds it."""

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits


class _Reading:
    """What one `decode_json` call notices while the parser builds the document."""

    def __init__(self) -> None:
        self.faulty = False
        self.repeated: dict[int, list[str]] = {}  # id of an object -> its repeated keys

    def object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            self.faulty = True
            counts: dict[str, int] = {}
            for key, _ in pairs:
                counts[key] = counts.get(key, 0) + 1
            self.repeated[id(result)] = [key for key, count in counts.items() if count > 1]
        return result

    def integer(self, digits: str) -> Any:
        size = len(digits) - digits.startswith("-")
        if size <= MAX_INTEGER_DIGITS:
            return int(digits)
        self.faulty = True
        return _Oversized(size)

    def problems(self, document: Any) -> list[ErrorDetail]:
        """Every problem noticed, with its path, in document order."""
        errors: list[ErrorDetail] = []
        stack: list[tuple[Any, str]] = [(document, "$")]
        while stack:
            node, path = stack.pop()
            if isinstance(node, _Oversized):
                message = f"is an integer of {node.digits} digits, out of every range"
                errors.append(ErrorDetail(path, "range", message))
            elif type(node) is dict:
                for key in self.repeated.get(id(node), ()):
                    message = f"key {cut_text(key)} appears more than once in one object"
                    errors.append(ErrorDetail(child_path(path, key), "unknown", message))
                stack.extend((v, child_path(path, k)) for k, v in reversed(node.items()))
            elif type(node) is list:
                stack.extend((v, f"{path}[{i}]") for i, v in reversed(list(enumerate(node))))
        return errors


def _not_json(name: str) -> Any:
    raise ValueError(f"{name} is not JSON (JSON has no NaN or Infinity)")


def to_json(obj: Model) -> str:
    """JSON text of `to_wire(obj)`."""
    return json.dumps(to_wire(obj), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
