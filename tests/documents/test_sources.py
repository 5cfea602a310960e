"""The command line's file layer: decoding JSON and YAML, positions, paths, finding files.

The positions below were counted by hand in the files under tests/data/positions.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import pytest

from glue_security.codec.json_text import MAX_INTEGER_DIGITS
from glue_security.documents.discovery import Missing, find_files
from glue_security.documents.sources import (
    Source,
    SourceError,
    default_yaml_loader,
    format_of,
    load,
)
from glue_security.validation.paths import split_path, wire_path

DATA = Path(__file__).resolve().parents[1] / "data" / "positions"


def source(name: str) -> Source:
    path = DATA / name
    return load(str(path), path.read_bytes(), format_of(name))


# (path within the file, line, column): a value, or the parent object of a missing member.
REQUEST_JSON = [
    ((), 1, 1),
    (("Request",), 4, 14),
    (("Request", "Name"), 5, 13),
    (("Request", "EncryptionConfiguration", "S3Encryption", 0, "S3EncryptionMode"), 8, 30),
    (("Request", "EncryptionConfiguration", "S3Encryption", 0, "KmsKeyArn"), 8, 53),
    (("Request", "Tags"), 12, 13),
    (("Request", "EncryptionConfiguration", "CloudWatchEncryption", "Missing"), 10, 31),
    (("Request", "EncryptionConfiguration", "S3Encryption", 7), 7, 23),
]
REQUEST_YAML = [
    ((), 2, 1),
    (("Request", "Name"), 5, 9),
    (("Request", "EncryptionConfiguration", "S3Encryption", 0, "S3EncryptionMode"), 8, 27),
    (("Request", "EncryptionConfiguration", "S3Encryption", 0, "KmsKeyArn"), 9, 20),
    (("Request", "Tags"), 12, 5),
    (("Request", "EncryptionConfiguration", "CloudWatchEncryption", "Missing"), 10, 27),
]
LIST_YAML = [
    ((1, "Request", "MaxResults"), 6, 17),
    ((2, "Request", "Name"), 8, 12),
]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("request.json", REQUEST_JSON), ("request.yaml", REQUEST_YAML), ("list.yaml", LIST_YAML)],
)
def test_hand_checked_positions(
    name: str, expected: list[tuple[tuple[str | int, ...], int, int]]
) -> None:
    loaded = source(name)
    for parts, line, column in expected:
        assert loaded.position(parts) == (line, column), parts


def test_json_and_yaml_hold_the_same_data() -> None:
    assert source("request.json").data == source("request.yaml").data


@pytest.mark.parametrize("format", ["json", "yaml"])
def test_columns_count_code_points(format: str) -> None:
    loaded = load("x", '{"é😀": 1, "b": 2}'.encode(), format)  # type: ignore[arg-type]
    assert loaded.position(("b",)) == (1, 16)


def test_deep_json_costs_no_recursion() -> None:
    depth = 100_000
    text = '{"a": ' + "[" * depth + "]" * depth + ', "b": 1}'
    # The json module refuses this depth; the position pass alone must still manage it.
    loaded = Source("x", "json", text, None)
    assert loaded.position(("b",)) == (1, len(text) - 1)
    assert loaded.position(("a", 0, 0, 0)) == (1, 10)


def test_yaml_aliases_cost_their_size() -> None:
    # Nine aliases to nine aliases ... ten levels deep: 9**10 values once expanded.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    loaded = load("x", "\n".join(lines).encode(), "yaml")
    assert loaded.position(("a9", 8, 8, 8, 8)) is not None


@pytest.mark.parametrize(
    ("raw", "format", "code", "line", "column"),
    [
        (b'{"a": 1,\n "b": }', "json", "json", 2, 7),
        (b'{"a": NaN}', "json", "json", None, None),
        (b'{"a": "\xff"}', "json", "json", 1, 8),
        (b"a: [1,\n  b", "yaml", "yaml", 3, 1),
        (b"a: 1\na: [\n", "yaml", "yaml", 3, 1),
        (b"a: 1\n---\nb: 2\n", "yaml", "yaml", 2, 1),
    ],
)
def test_syntax_errors_have_positions(
    raw: bytes, format: str, code: str, line: int | None, column: int | None
) -> None:
    with pytest.raises(SourceError) as caught:
        load("x", raw, format)  # type: ignore[arg-type]
    assert (caught.value.code, caught.value.line, caught.value.column) == (code, line, column)


def test_yaml_is_loaded_safely() -> None:
    with pytest.raises(SourceError, match="not valid YAML"):
        load("x", b"!!python/object/apply:os.system ['true']", "yaml")


def test_byte_order_mark_is_read() -> None:
    assert load("x", b'\xef\xbb\xbf{"a": 1}', "json").data == {"a": 1}
    assert load("x", b"\xef\xbb\xbfa: 1", "yaml").data == {"a": 1}


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        ("$", ()),
        ("$.Name", ("Name",)),
        ("$.S3Encryption[0].KmsKeyArn", ("S3Encryption", 0, "KmsKeyArn")),
        ('$.Tags["odd key"]', ("Tags", "odd key")),
        ('$["a\\"]b"][2]', ('a"]b', 2)),
        ('$.A["cut short', ("A",)),
        ("$.A[not a key].B", ("A",)),
        ("nonsense", ()),
    ],
)
def test_split_path(path: str, parts: tuple[object, ...]) -> None:
    assert split_path(path) == parts


def test_find_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = ["a.json", "b.yaml", "c.yml", "d.txt", "sub/e.JSON", ".hidden/f.json", "skip/g.json"]
    for name in names:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("{}")
    monkeypatch.chdir(tmp_path)
    found = list(find_files(["."], exclude=["skip"]))
    assert found == ["a.json", "b.yaml", "c.yml", "sub/e.JSON"]
    assert list(find_files([str(tmp_path / "sub")])) == [str(tmp_path / "sub" / "e.JSON")]
    assert list(find_files(["**/*.json", "a.json", "d.txt"])) == [
        "a.json",
        "skip/g.json",
        "d.txt",
    ]
    assert list(find_files(["-", "nope.json", "*.nothing"], exclude=["*.json"])) == [
        "-",
        Missing("nope.json", "no such file or directory"),
        Missing("*.nothing", "no file matches this pattern"),
    ]


def test_yaml_uses_libyaml_where_present_and_safe_loading_only() -> None:
    import yaml

    loader = default_yaml_loader(yaml)
    assert issubclass(loader, yaml.SafeLoader) or loader is getattr(yaml, "CSafeLoader", None)
    if hasattr(yaml, "CSafeLoader"):
        assert loader is yaml.CSafeLoader


def test_a_yaml_loader_of_ones_own_for_more_tags() -> None:
    import yaml

    class TemplateLoader(yaml.SafeLoader):  # type: ignore[misc]
        pass

    def tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, object]:
        return {suffix: loader.construct_scalar(node)}

    TemplateLoader.add_multi_constructor("!", tagged)
    raw = b"Resources:\n  Name: !Ref NameParameter\n"
    with pytest.raises(SourceError, match="not valid YAML"):
        load("t.yaml", raw, "yaml")
    loaded = load("t.yaml", raw, "yaml", yaml_loader=TemplateLoader)
    assert loaded.data == {"Resources": {"Name": {"Ref": "NameParameter"}}}
    assert loaded.position(("Resources", "Name")) == (2, 9)


@pytest.mark.parametrize(
    ("raw", "format", "duplicates", "data"),
    [
        (
            b'{"a": 1, "b": {"c": 1, "c": 2},\n "a": [{"x": 1, "x": 2}]}',
            "json",
            {("a",): (2, 7), ("a", 0, "x"): (2, 22), ("b", "c"): (1, 29)},
            {"a": [{"x": 2}], "b": {"c": 2}},
        ),
        (
            b"a: 1\nb:\n  c: 1\n  c: 2\na:\n  - x: 1\n    x: 2\n",
            "yaml",
            {("a",): (6, 3), ("a", 0, "x"): (7, 8), ("b", "c"): (4, 6)},
            {"a": [{"x": 2}], "b": {"c": 2}},
        ),
        # A merge key's values are overridden by design, not repeated.
        (b"base: &b {k: 1}\nm:\n  <<: *b\n  k: 2\n", "yaml", {}, {"base": {"k": 1}, "m": {"k": 2}}),
        # The same text with different tags is two keys.
        (b"1: int\n'1': str\n", "yaml", {}, {1: "int", "1": "str"}),
        (b'{"a": 1, "b": 1}', "json", {}, {"a": 1, "b": 1}),
    ],
)
def test_repeated_keys_are_found_with_their_positions(
    raw: bytes,
    format: str,
    duplicates: dict[tuple[str | int, ...], tuple[int, int]],
    data: object,
) -> None:
    loaded = load("x", raw, format)  # type: ignore[arg-type]
    assert loaded.data == data
    assert {parts: loaded.position(parts) for parts in loaded.duplicates} == duplicates


@pytest.mark.parametrize(
    "parts",
    [(), ("Name",), ("S3Encryption", 0, "KmsKeyArn"), ("odd key", 'q"uote', "é", "1a", 3)],
)
def test_split_path_reverses_wire_path(parts: tuple[str | int, ...]) -> None:
    assert split_path(wire_path(parts)) == parts


def test_a_link_back_up_the_tree_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "a.json").write_text("{}")
    (tmp_path / "conf" / "up").symlink_to(tmp_path)
    (tmp_path / "conf" / "self").symlink_to(tmp_path / "conf")
    assert list(find_files([str(tmp_path)])) == [str(tmp_path / "conf" / "a.json")]


def test_a_directory_that_cannot_be_read_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "a.json").write_text("{}")
    scandir = os.scandir

    def refuse(path: Any) -> Any:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    assert list(find_files([str(tmp_path)])) == [
        str(tmp_path / "a.json"),
        Missing(str(tmp_path / "locked"), "cannot read this directory: Permission denied"),
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_found_by_a_walk_or_a_glob_is_reported_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")  # reading it would wait for a writer forever
    (tmp_path / "a.json").write_text("{}")
    pipe = str(tmp_path / "pipe.json")
    not_regular = Missing(pipe, "not a regular file (a pipe, socket or device); name it to read it")
    expected = [str(tmp_path / "a.json"), not_regular]
    assert list(find_files([str(tmp_path)])) == expected
    assert list(find_files([str(tmp_path / "*.json")])) == expected
    assert list(find_files([pipe])) == [pipe]  # named on the command line: read as asked


def test_an_integer_too_long_to_read_is_explained_to_users() -> None:
    # Not Python's advice to programmers (sys.set_int_max_str_digits): what is wrong, where.
    digits = MAX_INTEGER_DIGITS + 1
    with pytest.raises(SourceError) as info:
        load("long.json", b'{"MaxResults": ' + b"9" * digits + b"}", "json")
    assert info.value.code == "range"
    assert info.value.path == "$.MaxResults"
    assert (info.value.line, info.value.column) == (1, 16)
    assert info.value.message == f"is an integer of {digits} digits, out of every range"


@pytest.mark.parametrize("format", ["json", "yaml"])
def test_key_positions(format: Literal["json", "yaml"]) -> None:
    text = (
        b'{"a": {"b":\n  [1, {"c": 2}]}}'
        if format == "json"
        else b"a:\n  b:\n    - 1\n    - c: 2\n"
    )
    source = load("t", text, format)
    parts: list[tuple[str | int, ...]] = [("a",), ("a", "b"), ("a", "b", 1), ("a", "b", 1, "c")]
    keys = [source.position(p, key=True) for p in parts]
    if format == "json":
        assert keys == [(1, 2), (1, 8), (2, 7), (2, 8)]
        assert source.position(("a", "b", 1, "c")) == (2, 13)
    else:
        assert keys == [(1, 1), (2, 3), (4, 7), (4, 7)]
        assert source.position(("a", "b", 1, "c")) == (4, 10)
