"""Checking a model instance built in Python: every member against its shape, with the
reference walk of `checks`, and the values lenient parsing kept although they break a rule."""

from __future__ import annotations

from typing import Any

from ..spec.kinds import (
    NONCONFORMING,
    BooleanShape,
    EnumShape,
    IntegerShape,
    ListShape,
    Shape,
    StringShape,
    StructureShape,
    TimestampShape,
    WireEnum,
    assert_never,
)
from ..spec.plan import model_plan
from .checks import INVALID, PYTHON, STRICT, Errors, add_problem, check_value
from .error import ErrorDetail, prefix_message

__all__ = ["check_instance", "nonconforming_problems"]


def check_instance(instance: Any) -> list[ErrorDetail]:
    """Check a directly constructed instance in place, normalising what is equal but looser.

    Normalised: a wire string becomes its enum member, a sequence becomes a tuple, and a
    datetime becomes aware UTC. Each message names the class, the Python attribute and its
    wire name (`S3Encryption.kms_key_arn (KmsKeyArn): ...`), so that a nested model's own
    fault, raised before the model holding it is built, says what its path starts from. A
    request must not hold what only the service may send, nested instances included: those
    faults carry the path from the request.
    """
    model = type(instance)
    plan = model_plan(model)
    errors: Errors = []
    for field in plan.fields:
        value = getattr(instance, field.attr_name)
        path = f"$.{field.wire_name}"
        if value is None:
            if field.member.required:
                named = _named(model, field.attr_name, field.wire_name)
                add_problem(errors, path, "required", f"{named} is required")
            continue
        before = len(errors)
        checked = check_value(field.member.shape, value, path, errors, PYTHON)
        if len(errors) != before:
            named = _named(model, field.attr_name, field.wire_name)
            for problem in errors[before:]:
                prefix_message(problem, f"{named}: ")
        if checked is INVALID:
            continue
        if checked is not value:
            object.__setattr__(instance, field.attr_name, checked)
        if plan.is_request:
            _nonconforming(field.member.shape, checked, path, field.attr_name, errors, model)
    return errors


def _named(model: type, attr_path: str, wire_name: str) -> str:
    """How a construction message names a member: `Model.attribute (WireName)`."""
    return f"{model.__name__}.{attr_path} ({wire_name})"


def nonconforming_problems(instance: Any) -> list[ErrorDetail]:
    """What `instance` holds that only the service may send, with the constraint each value
    breaks: a request holding any of it cannot be sent."""
    errors: Errors = []
    model = type(instance)
    for attr_name, wire_name, shape, _ in model_plan(model).rows:
        value = getattr(instance, attr_name)
        if value is not None:
            _nonconforming(shape, value, f"$.{wire_name}", attr_name, errors, model)
    return errors


def _nonconforming(
    shape: Shape, value: Any, path: str, attr_path: str, errors: Errors, model: type
) -> None:
    if isinstance(shape, StructureShape):
        for attr_name, wire_name, inner, _ in model_plan(shape.model).rows:
            member = getattr(value, attr_name)
            if member is not None:
                inner_path = f"{path}.{wire_name}"
                attr_inner = f"{attr_path}.{attr_name}"
                _nonconforming(inner, member, inner_path, attr_inner, errors, model)
    elif isinstance(shape, ListShape):
        for index, item in enumerate(value):
            inner_path = f"{path}[{index}]"
            attr_item = f"{attr_path}[{index}]"
            _nonconforming(shape.item, item, inner_path, attr_item, errors, model)
    elif isinstance(shape, (StringShape, EnumShape, IntegerShape, BooleanShape, TimestampShape)):
        if type(value) in NONCONFORMING or (isinstance(value, WireEnum) and value.unknown):
            plain: object = int(value) if isinstance(value, int) else str.__str__(value)
            before = len(errors)
            check_value(shape, plain, path, errors, STRICT)  # the message of the broken constraint
            wire_name = path.rsplit(".", 1)[-1]
            for problem in errors[before:]:
                prefix_message(
                    problem,
                    f"{_named(model, attr_path, wire_name)}: a request cannot send a value only "
                    "a response may hold: ",
                )
    else:
        assert_never(shape)
