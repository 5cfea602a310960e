"""YAML positions found from the node graph as they are asked for, and the alias measure
skipped where a file can hold no alias: the same answers as the full walk, for less."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from glue_security.documents import sources
from glue_security.documents.sources import Source, SourceError, load
from glue_security.documents.yaml_nodes import expand_node, key_reader
from glue_security.linter.inputs import cloudformation_yaml_loader

DATA = Path(__file__).resolve().parents[1] / "data"
TEMPLATE = """\
Resources:
  Key: {Type: "AWS::KMS::Key"}
  Conf:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: !Sub "${AWS::StackName}-conf"
      EncryptionConfiguration:
        S3Encryptions:
          - {S3EncryptionMode: SSE-KMS, KmsKeyArn: !GetAtt Key.Arn}
          - S3EncryptionMode: DISABLED
        1: a key that is not a string
        true: another
        CloudWatchEncryption: {CloudWatchEncryptionMode: DISABLED}
        CloudWatchEncryption: {CloudWatchEncryptionMode: SSE-KMS}
"""


def _paths(data: Any, parts: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield parts
    yield (*parts, "Missing", 0)
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*parts, key))
    elif isinstance(data, list):
        yield (*parts, len(data))
        for index, value in enumerate(data):
            yield from _paths(value, (*parts, index))


def _texts() -> list[str]:
    files = sorted((DATA / "positions").glob("*.yaml"))
    return [TEMPLATE, *(path.read_text(encoding="utf-8") for path in files)]


def _load(text: str) -> Source:
    loader = cloudformation_yaml_loader()
    return load("t.yaml", text.encode(), "yaml", yaml_loader=loader, max_size=10**6)


@pytest.mark.parametrize("text", _texts())
def test_positions_found_as_asked_match_the_full_walk(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "&" not in text
    asked, walked = _load(text), _load(text)
    paths = list(_paths(asked.data))
    with monkeypatch.context() as patch:
        patch.setattr(sources, "may_alias", lambda text: True)  # the whole graph walked
        answers = [(walked.position(p), walked.position(p, key=True)) for p in paths]
    assert [(asked.position(p), asked.position(p, key=True)) for p in paths] == answers


def test_a_position_expands_only_the_nodes_on_its_path(monkeypatch: pytest.MonkeyPatch) -> None:
    expanded: list[Any] = []

    def expand(yaml: Any, tree: list[Any]) -> None:
        expanded.append(tree[-1])
        expand_node(yaml, tree)

    monkeypatch.setattr(sources, "expand_node", expand)
    source = _load(TEMPLATE)
    path = ("Resources", "Conf", "Properties", "Name")
    assert source.position(path) == (6, 13)
    assert len(expanded) == len(path)
    assert source.position(path[:2], key=True) == (3, 3)
    assert len(expanded) == len(path)  # already expanded: kept


def _refuse_to_measure(*args: Any) -> bool:
    raise AssertionError("measured")


def test_only_a_file_that_can_hold_an_alias_is_measured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sources, "expands_past", _refuse_to_measure)
    assert _load(TEMPLATE).data["Resources"]["Key"] == {"Type": "AWS::KMS::Key"}
    assert _load("a: '*'\nb: [x]\n").data == {"a": "*", "b": ["x"]}
    with pytest.raises(AssertionError, match="measured"):
        _load("a: &x [1]\nb: *x\n")
    monkeypatch.undo()
    with pytest.raises(SourceError, match="aliases expanded"):
        load("t.yaml", b"a: &x [1, 2, 3, 4]\nb: [*x, *x, *x, *x]\n", "yaml", max_size=40)


def test_the_key_reader_is_built_once_and_keeps_no_nodes() -> None:
    read = key_reader(yaml)
    assert key_reader(yaml) is read
    for text in ("1: a", "1: b", "0x1: c", "!custom k: d"):
        node = yaml.compose(text).value[0][0]
        assert read(node) == (1 if text[0] in "01" else "k")
