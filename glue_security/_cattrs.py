"""The cattrs converter that knows every model, for composing them into larger structures.

Loaded on first use of `glue_security.converter`: nothing else needs cattrs at run time, and
importing it costs more than the rest of the package.
"""

from __future__ import annotations

import cattrs

from ._convert import from_wire, to_wire
from ._model import is_model_class

__all__ = ["converter"]


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter()
    conv.register_structure_hook_func(is_model_class, lambda data, cls: from_wire(cls, data))
    conv.register_unstructure_hook_func(is_model_class, to_wire)
    return conv


#: A cattrs converter that knows every model
#: (`converter.structure(data, list[SecurityConfiguration])`).
converter: cattrs.Converter = _make_converter()
