"""Base classes of every model: validation on construction, one role per base."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar, cast

import attrs

from ..spec.plan import model_plan
from ..validation.error import ValidationError, describe_value
from ..validation.instances import check_instance

__all__ = [
    "GlueServiceError",
    "Model",
    "NotAModelError",
    "Request",
    "Response",
    "WireForm",
    "is_model_class",
    "require_model_class",
    "require_strict_argument",
]


class Model:
    """Base of all models. Construction checks every member and reports all problems."""

    __slots__ = ()

    # Responses and errors come from the service, which adds members and enum values over
    # time; parsing them is lenient by default. Everything else is strict.
    lenient_by_default: ClassVar[bool] = False

    if TYPE_CHECKING:  # every model is an attrs class (for attrs.fields and attrs.evolve)
        __attrs_attrs__: ClassVar[tuple[attrs.Attribute[Any], ...]]

    def __attrs_post_init__(self) -> None:
        errors = check_instance(self)
        if errors:
            raise ValidationError(errors)

    # Equality, hashing and repr are written once here, not generated per class by attrs:
    # generating them for every model doubled the package's import time.

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        values = model_plan(type(self)).values
        return bool(values(self) == values(other))

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((type(self), model_plan(type(self)).values(self)))

    def __repr__(self) -> str:
        plan = model_plan(type(self))
        members = ", ".join(f"{f.attr_name}={getattr(self, f.attr_name)!r}" for f in plan.fields)
        return f"{type(self).__name__}({members})"


_W_co = TypeVar("_W_co", covariant=True)


class WireForm(Protocol[_W_co]):
    """A model whose wire form is the TypedDict `_W_co`: the stubs give each model its own,
    so `to_wire(model)` is typed as exactly that TypedDict. Static typing only."""

    @property
    def _glue_wire_form(self) -> _W_co: ...


def is_model_class(cls: object) -> bool:
    """Whether `cls` is a model: a concrete shape, not one of the abstract bases."""
    return isinstance(cls, type) and issubclass(cls, Model) and attrs.has(cls)


class NotAModelError(TypeError):
    """A class that is not a model, passed where one is needed (a programming error)."""


def require_model_class(cls: object) -> None:
    """Passing something that is not a model class is a programming error: TypeError."""
    if not is_model_class(cls):
        if not isinstance(cls, type):
            raise NotAModelError(f"expected a glue_security model class, got {describe_value(cls)}")
        abstract = " (an abstract base: pass a concrete model)" if issubclass(cls, Model) else ""
        raise NotAModelError(
            f"expected a glue_security model class, got {type.__repr__(cls)}{abstract}"
        )


def require_strict_argument(strict: object) -> None:
    """`strict` is True, False or None (the model's default); anything else is a
    programming error: TypeError (`strict="false"` must not mean strict)."""
    if strict is not None and strict is not True and strict is not False:
        raise TypeError(f"strict must be True, False or None, got {describe_value(strict)}")


class Request(Model):
    """Base of the `<Operation>Request` models: unknown members are rejected, and a request
    cannot hold a value that only a response may (`NonconformingStr`, an unknown enum
    value), nested instances included: construction and `to_wire` report it."""

    __slots__ = ()
    _sent_to_service: ClassVar[bool] = True


class Response(Model):
    """Base of the `<Operation>Response` models: unknown members and enum values are kept
    or ignored when parsing, so that newer service answers still parse."""

    __slots__ = ()
    lenient_by_default = True


class GlueServiceError(Model, Exception):
    """Base of the API's error shapes, raised or returned by `error_from_wire`.

    `request_id` and `http_status_code` come from a boto3 response's `ResponseMetadata`
    (None where the body had none). They say which request failed, not what the error
    is, so equality and hashing leave them out; copies and pickles keep them.
    """

    lenient_by_default = True
    message: str | None
    request_id: str | None = None
    http_status_code: int | None = None

    def __str__(self) -> str:
        return f"{type(self).__name__}: {self.message}" if self.message else type(self).__name__

    def add_response_metadata(
        self, *, request_id: str | None, http_status_code: int | None
    ) -> None:
        """Record which request failed (the error is frozen otherwise)."""
        object.__setattr__(self, "request_id", request_id)
        object.__setattr__(self, "http_status_code", http_status_code)

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only attrs exceptions do not unpickle through BaseException.args. Every
        # attrs field is kept (UnknownServiceError's error_type too), and the metadata.
        fields = attrs.fields(cast(Any, type(self)))
        values = {a.alias: getattr(self, a.name) for a in fields if a.init}
        metadata = (self.request_id, self.http_status_code)
        return (_rebuild_error, (type(self), values, metadata))


def _rebuild_error(
    cls: type[GlueServiceError],
    values: dict[str, Any],
    metadata: tuple[str | None, int | None] = (None, None),
) -> GlueServiceError:
    error = cls(**values)
    if metadata != (None, None):
        error.add_response_metadata(request_id=metadata[0], http_status_code=metadata[1])
    return error
