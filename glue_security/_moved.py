"""The module paths of glue-security 0.2.0, as aliases of the modules that now hold their code.

Pickles name a class by its module (`glue_security._data_types.S3Encryption`), and code written
for 0.2.0 may have reached into a private module. Importing an old path gives the new module
itself, so both keep working; nothing is imported until an old path is asked for.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
from types import ModuleType
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

# 0.2.0's path -> today's home, below glue_security.
MOVED = {
    "_botocore_mock": "testing.botocore_bridge",
    "_cattrs": "codec.converter",
    "_checks": "validation.checks",
    "_cli": "cli.main",
    "_codegen": "codec.codegen",
    "_convert": "codec.convert",
    "_data_types": "models.data_types",
    "_did_you_mean": "validation.suggestions",
    "_enums": "models.enums",
    "_envelope": "documents.envelope",
    "_from_wire_codegen": "codec.from_wire",
    "_json_schema": "schema.export",
    "_json_text": "codec.json_text",
    "_lint": "linter.engine",
    "_lint_cli": "cli.lint",
    "_lint_inputs": "linter.inputs",
    "_lint_rules": "linter.rules",
    "_model": "models.base",
    "_operations": "models.operations",
    "_patterns": "spec.patterns",
    "_plan": "spec.plan",
    "_registry": "models.registry",
    "_report": "cli.report",
    "_requests_responses": "models.requests_responses",
    "_service": "testing.service",
    "_service_errors": "models.service_errors",
    "_service_strategies": "testing.states",
    "_shapes": "spec.shapes",
    "_sources": "documents.sources",
    "_spec": "spec.kinds",
    "_strategy_faults": "strategies.faults",
    "_strategy_layout": "strategies.layout",
    "_strategy_values": "strategies.values",
    "_timestamps": "spec.timestamps",
    "_to_wire_codegen": "codec.to_wire",
    "_typegen": "generate.stubs",
    "_validation_error": "validation.error",
}
_PREFIX = "glue_security."


class _Alias:
    """A meta path finder and loader (the protocol, not importlib.abc's classes: importing
    importlib.abc imports importlib.resources, tempfile and shutil, a tenth of the
    command's start-up)."""

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith(_PREFIX) or fullname[len(_PREFIX) :] not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, cast("Loader", self))

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        # The new module itself: its own __name__ and __spec__ are kept (not overridden).
        return importlib.import_module(_PREFIX + MOVED[spec.name[len(_PREFIX) :]])

    def exec_module(self, module: ModuleType) -> None:
        pass  # imported already, by create_module


def install() -> None:
    if not any(isinstance(finder, _Alias) for finder in sys.meta_path):
        sys.meta_path.append(_Alias())
