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


def test_yaml_expansion_is_bounded_and_measured_once() -> None:
    # Nine aliases to nine aliases ... thirty levels deep: 9**30 values once expanded.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 30)]
    raw = "\n".join(lines).encode()
    with pytest.raises(SourceError) as caught:
        load("x", raw, "yaml", max_size=16 << 20)
    assert caught.value.code == "size"
    assert load("x", "\n".join(lines[:2]).encode(), "yaml", max_size=1000).data is not None
    # What a file holds counts, aliases expanded: three uses of 100 characters.
    used = b"a: &a '" + b"x" * 100 + b"'\nb: *a\nc: *a\n"
    assert load("x", used, "yaml", max_size=330).data["c"] == "x" * 100
    with pytest.raises(SourceError, match="aliases expanded"):
        load("x", used, "yaml", max_size=300)
    # Without aliases a file measures no more than its text: the limit is the file's size.
    for text in [
        "k: 1\nl: [a, b, {c: d, e}]\nm: |\n  x\n",
        "\n".join(f"- {i}" for i in range(999)),
    ]:
        assert load("x", text.encode(), "yaml", max_size=len(text)).data

    looped = load("x", b"a: &a {b: *a, c: 1}", "yaml", max_size=100).data
    assert looped["a"]["b"] is looped["a"]


@pytest.mark.parametrize(
    ("raw", "format", "code", "line", "column"),
    [
        (b'{"a": 1,\n "b": }', "json", "json", 2, 7),
        (b'{"a": NaN}', "json", "json", None, None),
        (b'{"a": "\xff"}', "json", "json", 1, 8),
        (b"a: [1,\n  b", "yaml", "yaml", 2, 4),  # the end of the text
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


@pytest.mark.parametrize("loader", ["libyaml", "python"])
@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        ("a: é\U0001f600\nb: x\x00y\n".encode(), 2, 5),
        ("a: é\U0001f600\nb: \x07\n".encode(), 2, 4),
    ],
)
def test_a_character_yaml_refuses_is_one_line_at_its_place(
    raw: bytes, line: int, column: int, loader: str
) -> None:
    yaml = pytest.importorskip("yaml")
    with pytest.raises(SourceError) as caught:
        load("x", raw, "yaml", yaml_loader=_loader(yaml, loader))
    assert (caught.value.line, caught.value.column) == (line, column)
    assert "\n" not in caught.value.message and caught.value.message.startswith("not valid YAML")


def _loader(yaml: Any, kind: str) -> Any:
    return default_yaml_loader(yaml) if kind == "libyaml" else yaml.SafeLoader


# Characters YAML reads as line breaks and JSON, SARIF and editors do not.
OTHER_BREAKS = ["\u2028", "\u2029", "\x85", "\r"]


@pytest.mark.parametrize("loader", ["libyaml", "python"])
@pytest.mark.parametrize("other", OTHER_BREAKS, ids=repr)
def test_lines_break_at_line_feeds_only(other: str, loader: str) -> None:
    yaml = pytest.importorskip("yaml")
    text = f'k: "a{other}b"\nz: \U0001f600é\nw: [1,\n  {other}]\n'
    # JSON allows a raw CR only between values.
    member = '"ab"\r' if other == "\r" else f'"a{other}b"'
    json_text = f'{{"k": {member},\n"z": "\U0001f600é"}}'
    loaded = load("x", text.encode(), "yaml", yaml_loader=_loader(yaml, loader))
    assert loaded.position(("z",)) == (2, 4)
    assert load("x", json_text.encode(), "json").position(("z",)) == (2, 6)
    with pytest.raises(SourceError) as caught:
        load("x", (text + "bad: [").encode(), "yaml", yaml_loader=_loader(yaml, loader))
    assert caught.value.line == 5


@pytest.mark.parametrize(
    ("raw", "format", "line", "column"),
    [
        ('{"a":\n "é\U0001f600'.encode() + b'\xff"}', "json", 2, 5),
        ('a:\n "é\U0001f600'.encode() + b'\xff"', "yaml", 2, 5),
        ('{"a":\n "é\U0001f600'.encode("utf-16-le") + b"\x00\xdc", "json", 2, 5),
    ],
)
def test_decoding_errors_count_columns_in_code_points(
    raw: bytes, format: Literal["json", "yaml"], line: int, column: int
) -> None:
    with pytest.raises(SourceError) as caught:
        load("x", raw, format)
    assert (caught.value.line, caught.value.column) == (line, column)


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
        # Different text that constructs to one key is one key: the later hides the earlier.
        (b"1: a\n0x1: b\nk: c\n", "yaml", {(1,): (2, 6)}, {1: "b", "k": "c"}),
        (b"Yes: a\nOn: b\n", "yaml", {(True,): (2, 5)}, {True: "b"}),
        (b"~: a\nnull: b\n", "yaml", {(None,): (2, 7)}, {None: "b"}),
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
    ("key", "path", "position"),
    [
        ("2024-05-06", "$.A[2024-05-06]", (2, 15)),
        ("null", "$.A[null]", (2, 9)),
        ("~", "$.A[null]", (2, 6)),
        ("yes", "$.A[true]", (2, 8)),
        ("1.5", "$.A[1.5]", (2, 8)),
        ("0x10", "$.A[16]", (2, 9)),
    ],
)
def test_keys_that_are_not_strings_have_paths_and_positions(
    key: str, path: str, position: tuple[int, int]
) -> None:
    loaded = load("x", f"A:\n  {key}: v\n".encode(), "yaml")
    (constructed,) = loaded.data["A"]
    assert wire_path(("A", constructed)) == path
    assert loaded.position(split_path(path)) == position


@pytest.mark.parametrize(
    "path", ["$.A[null].B", "$[true]", "$[1.5]", "$.A[2024-05-06]", "$[2024-05-06T07:08:09]"]
)
def test_paths_of_keys_that_are_not_strings_read_back_as_written(path: str) -> None:
    assert wire_path(split_path(path)) == path


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


def test_a_recursive_glob_follows_a_link_back_up_the_tree_once(tmp_path: Path) -> None:
    (tmp_path / "conf" / "sub").mkdir(parents=True)
    (tmp_path / "conf" / "a.json").write_text("{}")
    (tmp_path / "conf" / "sub" / "b.json").write_text("{}")
    (tmp_path / "conf" / "here").symlink_to(".")
    found = [str(tmp_path / "conf" / "a.json"), str(tmp_path / "conf" / "sub" / "b.json")]
    pattern = str(tmp_path / "conf" / "**" / "*.json")
    assert list(find_files([pattern])) == found
    # Two links: glob alone would never end, each turn doubling the paths.
    (tmp_path / "conf" / "sub" / "up").symlink_to("..")
    assert list(find_files([pattern])) == found
    assert list(find_files([str(tmp_path / "conf" / "**")])) == found


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
    loaded = load("long.json", b'{"MaxResults": ' + b"9" * digits + b"}", "json")
    assert loaded.too_long == (
        (("MaxResults",), f"is an integer of {digits} digits, out of every range"),
    )
    assert loaded.position(("MaxResults",)) == (1, 16)


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
