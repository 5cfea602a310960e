"""The one exception type for bad input, and its per-problem details."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, cast

import attrs

__all__ = [
    "KEPT_CHARS",
    "MAX_SUGGESTED",
    "SHOWN_CHARS",
    "SUGGESTING",
    "ErrorCode",
    "ErrorDetail",
    "FaultPath",
    "Problem",
    "ValidationError",
    "class_name",
    "cut_text",
    "describe_value",
    "detail",
    "fault_path",
    "found_invalid",
    "json_type_name",
    "prefix_message",
    "problems",
    "record",
    "report",
    "with_article",
]

ErrorCode = Literal[
    "type", "required", "unknown", "length", "pattern", "enum", "range", "json", "duplicate"
]

# A message or path quotes at most this many characters of a value or key.
SHOWN_CHARS = 60


@attrs.frozen
class ErrorDetail:
    """One problem: where (wire-name path), what kind (`code`) and a readable `message`."""

    path: str
    code: ErrorCode
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.code}]"

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "code": self.code, "message": self.message}


_SET_MESSAGE = ErrorDetail.__dict__["message"].__set__

# The attrs __init__ of the frozen ErrorDetail sets each slot through
# object.__setattr__, which costs more than finding a fault; the slots' own descriptors
# set the same slots (ErrorDetail has no validators). A test checks the result is
# indistinguishable from ErrorDetail(...).
_NEW = object.__new__
_SET_PATH = ErrorDetail.__dict__["path"].__set__
_SET_CODE = ErrorDetail.__dict__["code"].__set__


def detail(path: str, code: ErrorCode, message: str) -> ErrorDetail:
    """`ErrorDetail(path, code, message)`, made faster."""
    made = _NEW(ErrorDetail)
    _SET_PATH(made, path)
    _SET_CODE(made, code)
    _SET_MESSAGE(made, message)
    return made


# The longest offending string kept in a `Fault` for a message written when the errors
# are read; a longer one is described at once (the message shows only its start), so an
# error list never keeps a large part of a payload alive.
KEPT_CHARS = 256


# Suggestions (difflib) cost far more than the rest of a message: a payload gets them for
# its first errors only, so that a million unknown keys cost a million short messages.
MAX_SUGGESTED = 100

# The message writers that may add one (see `messages`); each takes `suggest=False`.
SUGGESTING: set[Callable[..., str]] = set()


def report(
    errors: list[ErrorDetail], path: str, code: ErrorCode, write: Callable[..., str], *args: Any
) -> None:
    """Append the problem whose message is `write(*args)`, the offending value last, as an
    ErrorDetail: the reference walk's errors are read at once (construction raises them
    with the attribute's name put before each message). A suggestion only among the
    first MAX_SUGGESTED problems, as `problems` decides for the parsers' faults."""
    if len(errors) >= MAX_SUGGESTED and write in SUGGESTING:
        errors.append(detail(path, code, write(*args, suggest=False)))
    else:
        errors.append(detail(path, code, write(*args)))


def prefix_message(problem: ErrorDetail, prefix: str) -> None:
    """Put `prefix` before a problem's message (construction names the Python attribute)."""
    _SET_MESSAGE(problem, prefix + problem.message)


# A problem the generated error-collecting parsers found, not yet an ErrorDetail: the
# flat tuple (path, code, write, *args), of what `report` takes. Such a parser's error
# list holds these beside ErrorDetails (those the reference checks add); `problems` turns
# the list into ErrorDetails, each message written by its writer, when someone reads it.
# A caller that only learns that the input is invalid (a test asserting that it raises, a
# check counting bad files) never pays for objects or messages it does not read; one that
# reads the errors pays for each once: a message is written from a template its writer
# prepared once (see `messages`), straight into its detail.
#
# A fault's path below a list is not written while the payload is walked: it waits as a
# `FaultPath`, the tuple of its text and list indexes in turn (`("$.A[", 0, "].B")`), and
# is joined only when the errors are read. Both hold only immutable parts.
#
# A writer that may add a suggestion ("did you mean", see `messages`) is in SUGGESTING
# and takes `suggest=False`; a fault's position in the list says whether it gets one
# (the first MAX_SUGGESTED problems of a payload), so the walk records no flag.
Fault = tuple[Any, ...]  # (path or FaultPath, code, write, *args)
Problem = ErrorDetail | Fault
FaultPath = tuple[str | int, ...]  # (text, index, text, ...)


def fault_path(path: str | FaultPath) -> str:
    """A fault's path as text (see `FaultPath`)."""
    if type(path) is str:
        return path
    if len(path) == 3:  # below one list: the common case, one string build
        return f"{path[0]}{path[1]}{path[2]}"
    return "".join([str(part) for part in path])


def record(errors: list[Problem], *fault: Any) -> None:
    """Append `fault`, (path, code, write, *args): the problem whose message is
    `write(*args)`, the offending value last. It stays a `Fault` if that value may wait
    with it, else it becomes an ErrorDetail written now.

    Only a small immutable value may wait (the other arguments are immutable), so that an
    error list never keeps a large part of a payload alive, and a message written later
    is the one that would have been written now. The generated parsers inline the case of
    a plain `str`."""
    value = fault[-1]
    kind = type(value)
    if (
        (kind is str and len(value) <= KEPT_CHARS)
        or kind is float
        or kind is bool
        or value is None
        or (kind is int and value.bit_length() <= KEPT_CHARS)
    ):
        errors.append(fault)
    else:
        message = _written(fault, suggest=len(errors) < MAX_SUGGESTED)
        errors.append(detail(fault_path(fault[0]), fault[1], message))


def _written(fault: Fault, *, suggest: bool) -> str:
    """A fault's message, without a suggestion unless `suggest`."""
    write = fault[2]
    if not suggest and write in SUGGESTING:
        return cast(str, write(*fault[3:], suggest=False))
    return cast(str, write(*fault[3:]))


def problems(entries: Sequence[Problem]) -> tuple[ErrorDetail, ...]:
    """The ErrorDetails of an error list that may hold `Fault`s, in the list's order."""
    made: list[ErrorDetail] = []
    append = made.append
    for entry in entries if len(entries) <= MAX_SUGGESTED else entries[:MAX_SUGGESTED]:
        if type(entry) is tuple:  # a Fault: `detail(path, code, write(*args))`, inline
            problem = _NEW(ErrorDetail)
            path = entry[0]
            if type(path) is not str:  # a FaultPath: below one list (inline), or deeper
                path = f"{path[0]}{path[1]}{path[2]}" if len(path) == 3 else fault_path(path)
            _SET_PATH(problem, path)
            _SET_CODE(problem, entry[1])
            _SET_MESSAGE(problem, entry[2](*entry[3:]))
            append(problem)
        else:
            append(cast(ErrorDetail, entry))
    for entry in entries[MAX_SUGGESTED:]:  # no suggestions past the first problems
        if type(entry) is tuple:
            append(detail(fault_path(entry[0]), entry[1], _written(entry, suggest=False)))
        else:
            append(cast(ErrorDetail, entry))
    return tuple(made)


_EXCEPTION_ARGS: Any = BaseException.__dict__["args"]


class ValidationError(ValueError):
    """Raised for invalid input; `.errors` holds every problem found, not just the first."""

    # Until `.errors` is first read, a raised error holds only what the parser found, as
    # Exception's own args (`found_invalid`): setting an attribute would cost a __dict__.
    # Python-level code reads `args` through the property below; only C code reading the
    # slot itself (BaseException.__str__, PyException_GetArgs) would see that list.
    _errors: tuple[ErrorDetail, ...] | None = None
    _args: tuple[Any, ...] | None = None

    def __init__(self, errors: Iterable[ErrorDetail]) -> None:
        super().__init__()  # Exception's own args would keep the caller's iterable alive
        self._errors = tuple(errors)

    @property
    def errors(self) -> tuple[ErrorDetail, ...]:
        """Every problem, in the order found."""
        errors = self._errors
        if errors is None:
            found = _EXCEPTION_ARGS.__get__(self)
            built = problems(found[0]) if found else ()
            # Published before the found list is dropped, and only if no other thread
            # published first: a reader that comes late finds the tuple, not an empty list.
            errors = self.__dict__.setdefault("_errors", built)
            _EXCEPTION_ARGS.__set__(self, ())
        return errors

    @errors.setter
    def errors(self, errors: tuple[ErrorDetail, ...]) -> None:
        self._errors = errors
        _EXCEPTION_ARGS.__set__(self, ())

    # Exception.args stays what it was when the errors were built at once: (errors,),
    # unless someone sets it.
    @property
    def args(self) -> tuple[Any, ...]:
        return (self.errors,) if self._args is None else self._args

    @args.setter
    def args(self, value: Iterable[Any]) -> None:
        self._args = tuple(value)

    def __str__(self) -> str:
        count = len(self.errors)
        head = f"{count} validation error{'s' if count != 1 else ''}"
        return "\n".join([head, *(f"  {error}" for error in self.errors)])

    def __repr__(self) -> str:
        return f"ValidationError({list(self.errors)!r})"

    def __reduce__(
        self,
    ) -> tuple[type[ValidationError], tuple[tuple[ErrorDetail, ...]], dict[str, Any] | None]:
        # The instance's attributes too: notes (add_note), a set `args`.
        return (type(self), (self.errors,), self.__dict__ or None)


# found_invalid(found): the ValidationError of a generated parser's error list, its
# ErrorDetails built when `.errors` is first read; the list is the error's from now on.
# A partial, not a function: every invalid payload pays for the call.
found_invalid: Callable[[list[Problem]], ValidationError] = functools.partial(
    ValidationError.__new__, ValidationError
)


_JSON_TYPE_NAMES: dict[type, str] = {
    dict: "object",
    list: "array",
    tuple: "array",
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


_JSON_CONSTANTS = {None: "null", True: "true", False: "false"}


def json_type_name(value: object) -> str:
    """The JSON name of a value's type where it has one, else the Python class name."""
    name = _JSON_TYPE_NAMES.get(type(value))
    if name is not None:
        return name
    for cls in _MRO(type(value)):
        name = _JSON_TYPE_NAMES.get(cls)
        if name is not None:
            return name
    return class_name(value)


# Read through type's own descriptors: a metaclass can define properties of these names.
_MRO = type.__dict__["__mro__"].__get__
_NAME = type.__dict__["__name__"].__get__

# Collections shown by size (their repr could be huge or recurse without end).
_SIZED = (set, frozenset, bytes, bytearray)


def class_name(value: object) -> str:
    """The name of `value`'s class, cut to a readable length."""
    name: str = _NAME(type(value))
    return name if len(name) <= SHOWN_CHARS else name[:SHOWN_CHARS] + "..."


def cut_text(text: str) -> str:
    """`text` quoted (repr), cut to a readable length with a marker saying it was cut."""
    if len(text) > SHOWN_CHARS:
        return repr(text[:SHOWN_CHARS]) + f"... ({len(text)} characters)"
    return repr(text)


def describe_value(value: object) -> str:
    """A short, safe rendering of an offending value for a message.

    It never fails and is never long, whatever the value: the builtin types are read
    through their own (not a subclass's) methods, and any other object's repr is cut, or
    replaced by its class name where it fails (a repr that recurses without end).
    """
    if type(value) is str:  # the common cases, whose methods are their own
        return repr(value) if len(value) <= SHOWN_CHARS else cut_text(value)
    if type(value) is int and value.bit_length() <= _SHOWN_BITS:
        return int.__repr__(value)
    try:
        return _describe(value)
    except Exception:  # a hostile object must not turn a report into a crash
        return f"a {class_name(value)} object"


# An integer longer than this is described by its size (its digits would fill the screen).
_SHOWN_BITS = 200


def _items(count: int) -> str:
    return f"{count} item{'s' if count != 1 else ''}"


def _describe(value: Any) -> str:
    # By type(), not isinstance(): an object can claim any class through __class__.
    kind = type(value)
    if issubclass(kind, str):
        return cut_text(str.__str__(value))
    if value is None or value is True or value is False:
        return _JSON_CONSTANTS[value]
    if issubclass(kind, int):
        plain = int.__int__(value)  # never a subclass's __int__
        if plain.bit_length() > _SHOWN_BITS:
            return f"an integer of {plain.bit_length()} bits"
        return int.__repr__(plain)
    if issubclass(kind, float):
        return json.dumps(float.__float__(value))
    for base in (dict, list, tuple):
        if issubclass(kind, base):
            return f"{json_type_name(value)} of {_items(base.__len__(value))}"
    if issubclass(kind, _SIZED):
        sized = kind in _SIZED  # a subclass's __len__ is not asked
        return f"{class_name(value)} of {_items(len(value)) if sized else 'some items'}"
    text = str.__str__(repr(value))  # repr may return a str subclass
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "..."


# Initial letters whose name starts with a vowel sound when read as a letter ("an S3...").
_VOWEL_SOUNDING_LETTERS = frozenset("AEFHILMNORSX")


def with_article(noun: str) -> str:
    """`noun` after "a" or "an", by sound: "an object", "a SecurityConfiguration", and "an
    S3Encryption" (an initialism, read letter by letter)."""
    if not noun:
        return noun
    first = noun[0]
    initialism = len(noun) > 1 and (noun[1].isupper() or noun[1].isdigit())
    if first in "aeiou" or (first in "AEIOU" and not initialism):
        return f"an {noun}"
    if initialism and first in _VOWEL_SOUNDING_LETTERS:
        return f"an {noun}"
    return f"a {noun}"
