"""Hypothesis strategies for every model, derived from the same metadata as the validators.

- `models(Model, **overrides)`: valid instances (`st.from_type(Model)` gives the same, through
  the `hypothesis` entry point this package installs);
- `wire_payloads(Model, **overrides)`: valid wire dicts, as `to_wire` writes them;
- `invalid_wire_payloads(Model)`: `(payload, path, code)`, a payload that breaks exactly one
  constraint, the wire path of that member and the `ValidationError` code it must raise.

Strings are drawn within their UTF-8 byte bounds by construction (never filtered), from
alphabets read off the patterns; ARNs, policies and timestamps look like real ones.

Hypothesis' cost is per draw, so a whole model tree takes **one** draw, a fixed-length byte
string: each member (nested models and lists included) reads its own slice, scalars as
mixed-radix digits (enums, booleans, numbers, timestamps, ARNs, policy documents); only free
text draws again. Hypothesis draws those bytes uniformly and shrinks them towards zero,
front first. A model's presence bytes come first and a list's length byte comes first, so
shrinking removes members and items first and ends at small, readable examples.

Needs the `hypothesis` extra: `pip install glue-security[hypothesis]`.
"""

from __future__ import annotations

from hypothesis import strategies as st

from ..models.registry import MODELS
from .faults import invalid_wire_payloads
from .scalars import (
    glue_resource_arns,
    iam_role_arns,
    kms_key_arns,
    policy_documents,
    timestamps,
    utf8_text,
)
from .values import member_values, models, wire_payloads

__all__ = [
    "glue_resource_arns",
    "iam_role_arns",
    "invalid_wire_payloads",
    "kms_key_arns",
    "member_values",
    "models",
    "policy_documents",
    "register_type_strategies",
    "timestamps",
    "utf8_text",
    "wire_payloads",
]


def register_type_strategies() -> None:
    """Make `st.from_type(Model)` yield valid instances of every model. The `hypothesis`
    entry point does this when the package is installed; call it where it is not."""
    for cls in MODELS.values():
        st.register_type_strategy(cls, models(cls))
