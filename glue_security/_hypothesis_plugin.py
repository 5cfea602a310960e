"""Hypothesis entry point: registers a strategy for every model with `st.from_type`.

Hypothesis calls `_hypothesis_setup_hook` while it is being imported, so users need no
import of their own, and `import glue_security` alone never imports Hypothesis. The hook
must not import `glue_security.strategies` (which imports Hypothesis, and may be the very
module whose import started this); each registered strategy imports it on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["_hypothesis_setup_hook"]


def _models_of(cls: type[Any]) -> Callable[[], Any]:
    def definition() -> Any:
        from .strategies import models

        return models(cls)

    return definition


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from .models.registry import MODELS

    for cls in MODELS.values():
        st.register_type_strategy(cls, st.deferred(_models_of(cls)))
