"""The package's layout: imports point one way, and private modules export what others use.

Read from the source with `ast`, so the rules hold for imports that only serve types too.
An import inside a function serves laziness (a cost paid on first use) and is not counted.
"""

from __future__ import annotations

import ast
from functools import cache
from importlib.metadata import distribution

import pytest

from .helpers import ROOT

PACKAGE = ROOT / "glue_security"
MODULES = sorted(path.stem for path in PACKAGE.glob("*.py"))
PRIVATE = [m for m in MODULES if m.startswith("_") and m not in {"__init__", "__main__"}]
# Outside the package, these read private modules too: the tests, the benchmarks, and the
# entry points the package installs.
OUTSIDE = sorted([*ROOT.joinpath("tests").glob("*.py"), *ROOT.joinpath("benchmarks").glob("*.py")])


@cache
def tree(module: str) -> ast.Module:
    return ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))


def _module_level_imports(module: str) -> list[ast.ImportFrom]:
    """Relative imports outside functions (`if TYPE_CHECKING:` blocks included)."""
    found: list[ast.ImportFrom] = []
    stack: list[ast.AST] = list(tree(module).body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found.append(node)
        elif isinstance(node, (ast.If, ast.Try)):
            stack.extend(ast.iter_child_nodes(node))
    return found


def imported_modules(module: str) -> set[str]:
    names: set[str] = set()
    for node in _module_level_imports(module):
        if node.module is None:  # `from . import _x`
            names.update(alias.name for alias in node.names)
        else:
            names.add(node.module)
    return names


def test_imports_point_one_way() -> None:
    """No module imports, directly or through others, one that imports it back."""
    graph = {module: imported_modules(module) & set(MODULES) for module in MODULES}
    done: set[str] = set()

    def visit(module: str, trail: tuple[str, ...]) -> None:
        if module in trail:
            cycle = [*trail[trail.index(module) :], module]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        for imported in sorted(graph[module]):
            visit(imported, (*trail, module))
        done.add(module)

    for module in MODULES:
        visit(module, ())


def _all(module: str) -> list[str]:
    for node in tree(module).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return value
    raise AssertionError(f"{module} has no __all__")


def _entry_points() -> list[str]:
    """`module:name` of each entry point the package installs."""
    return [point.value for point in distribution("glue-security").entry_points]


def used_from(module: str) -> set[str]:
    """Names other modules take from `module`, by import or by attribute."""
    used: set[str] = set()
    for target in _entry_points():
        where, _, name = target.partition(":")
        if where == f"glue_security.{module}":
            # A module entry point (pytest's) is used whole: every name it exports.
            used.update([name] if name else _all(module))
    for path in OUTSIDE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == f"glue_security.{module}":
                used.update(alias.name for alias in node.names)
    for other in MODULES:
        if other == module:
            continue
        aliases: set[str] = set()
        for node in ast.walk(tree(other)):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module == module:
                    used.update(alias.name for alias in node.names)
                elif node.module is None:
                    aliases.update(
                        alias.asname or alias.name for alias in node.names if alias.name == module
                    )
        for node in ast.walk(tree(other)):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
            ):
                if node.attr == "__all__":
                    used.update(_all(module))
                else:
                    used.add(node.attr)
    return used


@pytest.mark.parametrize("module", PRIVATE)
def test_a_private_module_exports_exactly_what_others_use(module: str) -> None:
    exported, used = set(_all(module)), used_from(module)
    assert (sorted(exported - used), sorted(used - exported)) == ([], [])


def test_the_public_face_only_reexports() -> None:
    """`glue_security/__init__.py` defines nothing but the lazy attributes and the version."""
    defined = [
        node.name
        for node in tree("__init__").body
        if isinstance(node, (ast.FunctionDef, ast.ClassDef))
    ]
    assert defined == ["__getattr__"]
