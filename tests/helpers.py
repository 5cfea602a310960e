"""Helpers the test modules share (test modules never import each other)."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

import glue_security as gs
from glue_security.spec.plan import model_plan

ROOT = Path(__file__).resolve().parent.parent
#: The files the tests read, all inside the repository (tests/data/README.md names sources).
DATA = ROOT / "tests" / "data"
#: OASIS's SARIF 2.1.0 JSON schema.
SARIF_SCHEMA = DATA / "sarif-schema-2.1.0.json"
#: The AWS Glue Developer Guide's page "Security APIs in AWS Glue", as Markdown.
DEVELOPER_GUIDE = DATA / "developer-guide" / "security-apis.md"
#: An environment with no AWS account in reach: no credentials, no config files, no
#: instance metadata (a machine with no AWS set-up). Give it a HOME of its own.
NO_AWS_ACCOUNT = {
    **{k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
    "AWS_CONFIG_FILE": "/nonexistent/aws/config",
    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/aws/credentials",
    "AWS_EC2_METADATA_DISABLED": "true",
}

#: Any JSON-like value: what a careless or hostile caller might pass.
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def member_keyed(model: type[gs.Model]) -> st.SearchStrategy[dict[str, Any]]:
    """Dicts whose keys are mostly the model's own wire names, so the fuzz reaches members."""
    names = [m.wire_name for m in gs.members(model).values()] or ["X"]
    return st.dictionaries(st.sampled_from(names) | st.text(max_size=4), JSON_VALUES, max_size=5)


def python_blocks(path: Path) -> list[tuple[str, str]]:
    """(code, expected output) per ```python block; the block's closing `# ` lines are output."""
    blocks = []
    for block in re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
        lines = block.rstrip("\n").split("\n")
        expected: list[str] = []
        while lines and lines[-1].startswith("# "):
            expected.insert(0, lines.pop()[2:])
        blocks.append(("\n".join(lines), "\n".join(expected)))
    return blocks


#: The first line of a block that goes on from the block before it (same namespace).
CONTINUED = "# (continued)"


def python_examples(path: Path) -> list[list[tuple[str, str]]]:
    """The ```python blocks as examples: a block that opens with `CONTINUED` joins the
    example of the block before it, as a reader runs a tutorial's steps in one session."""
    examples: list[list[tuple[str, str]]] = []
    for code, expected in python_blocks(path):
        if code.startswith(CONTINUED) and examples:
            examples[-1].append((code, expected))
        else:
            examples.append([(code, expected)])
    return examples


def sarif_schema() -> dict[str, Any]:
    """The SARIF 2.1.0 JSON schema (the copy in tests/data), parsed."""
    schema: dict[str, Any] = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return schema


# -- hostile input -----------------------------------------------------------------------


def members_of_every_model() -> list[Any]:
    """pytest params: (model, attribute name, wire name) for every member of every model."""
    return [
        pytest.param(model, field.attr_name, field.wire_name, id=f"{name}.{field.wire_name}")
        for name, model in sorted(gs.MODELS.items())
        for field in model_plan(model).fields
    ]


def parse_or_validation_error(model: type[gs.Model], payload: Any, **kwargs: Any) -> None:
    """Parse `payload`; a `ValidationError` is fine, any other exception fails the test."""
    try:
        gs.from_wire(model, payload, **kwargs)
    except gs.ValidationError as error:
        check_readable(error)


def construct_or_validation_error(model: type[gs.Model], **values: Any) -> None:
    try:
        model(**values)
    except gs.ValidationError as error:
        check_readable(error)


# A message quotes a value cut to 60 characters; with its constraint it stays short.
MAX_MESSAGE = 600


def check_readable(error: gs.ValidationError) -> None:
    text = str(error)
    for detail in error.errors:
        assert len(detail.message) <= MAX_MESSAGE, detail.message[:200]
        assert len(detail.path) <= MAX_MESSAGE, detail.path[:200]
    assert isinstance(text, str)


def codes(error: gs.ValidationError) -> list[tuple[str, str]]:
    return [(e.path, e.code) for e in error.errors]


def errors_of(model: type[gs.Model], payload: Any, **kwargs: Any) -> list[tuple[str, str]]:
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(model, payload, **kwargs)
    check_readable(info.value)
    return codes(info.value)


# -- glue-security serve: what the client tests share ----------------------------------------

#: The account and region a client with a made-up access key acts in on `serve`.
SERVE_ACCOUNT = "123456789012"
SERVE_REGION = "us-east-1"
#: A catalog policy `serve` accepts: a principal, and Glue ARNs of the caller's catalog.
SERVE_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                "Action": ["glue:GetDatabase", "glue:GetTable"],
                "Resource": [
                    f"arn:aws:glue:{SERVE_REGION}:{SERVE_ACCOUNT}:catalog",
                    f"arn:aws:glue:{SERVE_REGION}:{SERVE_ACCOUNT}:database/*",
                ],
            }
        ],
    }
)
SERVE_ENCRYPTION = {"S3Encryption": [{"S3EncryptionMode": "SSE-S3"}]}


def raw_http(
    url: str,
    method: str,
    path: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """One request with the standard library's client: status, headers (lower-case), body."""
    import http.client
    from urllib.parse import urlsplit

    where = urlsplit(url)
    connection = http.client.HTTPConnection(where.hostname or "", where.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data
    finally:
        connection.close()


def signed_headers(target: str) -> dict[str, str]:
    """Headers of an awsJson request with a well-formed (unchecked) SigV4 Authorization."""
    return {
        "X-Amz-Target": f"AWSGlue.{target}",
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Date": "20260101T000000Z",
        "Authorization": "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/glue/"
        "aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0" * 64,
    }


def run_main(*args: str) -> tuple[int, str, str]:
    """`glue-security ARGS` run in this process: the exit status, stdout and stderr."""
    from glue_security.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def lint_report(*args: str) -> tuple[int, list[dict[str, Any]]]:
    """`glue-security lint --format json ARGS`: the exit status and the parsed report."""
    code, out, _ = run_main("lint", "--format", "json", *args)
    return code, json.loads(out)


#: Where .ci/run installs the Node packages the tests run (`npm install --prefix .node`).
NODE_MODULES = Path(os.environ.get("GLUE_SECURITY_NODE_MODULES", ROOT / ".node" / "node_modules"))


def missing(reason: str) -> None:
    """Skip with a plain reason on a developer's machine; fail in CI, where every client and
    tool the tests run is installed."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI installs it: see .ci/run)")
    pytest.skip(reason)


def node_with(packages: Sequence[str], what: str) -> str:
    """The `node` executable, where Node.js and `packages` (in NODE_MODULES) are installed;
    otherwise `missing` (a skip on a developer's machine, a failure in CI)."""
    node = shutil.which("node")
    if node is None:
        missing(f"Node.js is not installed (the {what} apps are Node scripts)")
    if not all((NODE_MODULES / package).is_dir() for package in packages):
        missing(
            f"{what} ({', '.join(packages)}) is not installed in {NODE_MODULES} "
            "(.ci/run's npm install line installs the versions the tests expect)"
        )
    assert node is not None
    return node


def run_node_apps(
    node: str, apps: Sequence[Path], root: Path, environment: Callable[[Path], dict[str, str]]
) -> dict[str, Path]:
    """Run each app with `node`, one process per app, all at once, each in its own output
    directory under `root` (its working directory too; `environment(outdir)` is its
    environment). The output directories, by app name; an app that fails fails the test."""
    runs = {}
    for app in apps:
        outdir = root / app.stem
        outdir.mkdir()
        runs[app.stem] = (
            outdir,
            subprocess.Popen(
                [node, str(app)],
                cwd=outdir,
                env=environment(outdir),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
    outdirs = {}
    for name, (outdir, run) in runs.items():
        _, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, f"{name}: {stderr}"
        outdirs[name] = outdir
    return outdirs
