"""`glue-security lint` on Terraform configurations: `.tf` (python-hcl2) and `.tf.json`,
each directory read as one module, with variables' defaults, the provider's defaults,
policies in every form the corpus has, suppression comments and bad input."""

from __future__ import annotations

import io
import json
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import glue_security as gs
from glue_security.cli.main import main
from glue_security.documents.hcl import MAX_DEPTH, HclError, read_hcl
from glue_security.documents.sources import SourceError, load

from ..helpers import run_main

pytest.importorskip("hcl2", reason="python-hcl2 is not installed (the hcl extra)")

DATA = Path(__file__).resolve().parents[1] / "data" / "lint" / "terraform-hcl"


def lint(*args: str) -> tuple[int, dict[str, list[dict[str, Any]]], str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["lint", "--format", "json", *args])
    by_file = {
        Path(entry["file"]).relative_to(DATA).as_posix() if entry["file"] != "-" else "-": (
            [entry["error"]] if entry["error"] else []
        )
        + entry["errors"]
        for entry in json.loads(out.getvalue())
    }
    return code, by_file, err.getvalue()


def summary(findings: list[dict[str, Any]]) -> list[str]:
    return [f"{f['line']}:{f['column']} {f['code']} {f.get('resource')}" for f in findings]


def test_a_directory_is_one_module_and_a_variables_default_decides() -> None:
    code, found, _ = lint(str(DATA / "module"))
    assert code == 1
    assert summary(found["module/main.tf"]) == [
        "8:7 GS102 aws_glue_security_configuration.x",
        "11:7 GS103 aws_glue_security_configuration.x",
        "17:3 GS211 aws_glue_resource_policy.p",
        "17:3 GS207 aws_glue_resource_policy.p",
        "31:5 GS202 aws_glue_data_catalog_encryption_settings.c",
        "34:5 GS112 aws_glue_data_catalog_encryption_settings.c",
    ]
    # The empty key comes from variables.tf: the finding says so.
    assert "default of variable kms" in found["module/main.tf"][0]["message"]
    assert found["module/variables.tf"] == []


def test_naming_one_file_still_reads_its_module() -> None:
    _, found, _ = lint(str(DATA / "module" / "main.tf"))
    assert list(found) == ["module/main.tf"]
    assert "default of variable kms" in found["module/main.tf"][0]["message"]


def test_a_provider_default_counts_and_a_comment_suppresses() -> None:
    # cloudwatch_encryption {} is DISABLED by the provider's default; GS204 is suppressed
    # by the comment in the block, so only the other rules fire.
    _, found, _ = lint(str(DATA / "module" / "main.tf"), "--ignore", "GS1,GS207,GS211,GS202")
    assert found["module/main.tf"] == []
    _, found, _ = lint(str(DATA / "json"))
    assert [f["code"] for f in found["json/main.tf.json"]] == ["GS204", "GS207"]


def test_a_tfvars_file_makes_the_variable_unknown() -> None:
    code, found, _ = lint(str(DATA / "tfvars"))
    assert (code, found["tfvars/main.tf"]) == (0, [])


def test_policies_as_heredoc_jsonencode_and_unknown_data() -> None:
    _, found, _ = lint(str(DATA / "policies.tf"))
    assert summary(found["policies.tf"]) == [
        "2:3 GS207 aws_glue_resource_policy.heredoc",
        "11:3 GS209 aws_glue_resource_policy.encoded",
        "11:3 GS208 aws_glue_resource_policy.encoded",
    ]


def test_stdin_with_a_tf_name() -> None:
    text = (DATA / "policies.tf").read_text()
    out, err = io.StringIO(), io.StringIO()
    with (
        redirect_stdout(out),
        redirect_stderr(err),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        code = main(["lint", "--stdin-filename", "main.tf", "-"])
    assert code == 1
    assert "main.tf:2:3: aws_glue_resource_policy.heredoc" in out.getvalue()


def test_unparsable_tf_reports_where_and_why() -> None:
    bad = DATA / "broken" / "broken.tf"
    code, found, _ = lint(str(bad))
    (finding,) = found["broken/broken.tf"]
    assert code == 1
    assert (finding["code"], finding["line"], finding["column"]) == ("hcl", 6, 1)
    assert finding["message"].startswith("not valid HCL:")


@pytest.mark.parametrize(
    "text",
    [
        'resource "a" "b" {\n' + "x {\n" * 2000 + "}\n" * 2000 + "}\n",
        "x = " + "{a = " * (MAX_DEPTH + 5) + "1" + "}" * (MAX_DEPTH + 5) + "\n",
    ],
    ids=["blocks", "objects"],
)
def test_deep_nesting_is_refused_quickly(text: str) -> None:
    started = time.perf_counter()
    with pytest.raises(SourceError) as caught:
        load("bomb.tf", text.encode(), "hcl")
    assert caught.value.code == "hcl"
    assert "nested deeper" in caught.value.message
    assert time.perf_counter() - started < 30  # bounded, not a timing claim: no hang


def test_a_large_heredoc_is_read_in_one_pass() -> None:
    body = ("a" * 79 + "\n") * 20_000
    parsed = read_hcl(f"x = <<EOT\n{body}EOT\n")
    assert parsed.data["x"] == body


def test_values_and_expressions() -> None:
    parsed = read_hcl(
        'a = "x\\ty${var.k}"\nb = -2\nc = [true, null, 1.5]\nd = "$${literal}"\n'
        "e = cond ? 1 : 2\nf = <<EOT\n${var.x}\nEOT\n"
    )
    data = parsed.data
    assert data["b"] == -2 and data["c"] == [True, None, 1.5] and data["d"] == "${literal}"
    assert data["a"].parts[0] == "x\ty" and data["a"].parts[1].text == "var.k"
    assert data["e"].text == "cond ? 1 : 2"
    assert data["f"].text == "heredoc with interpolation"


def test_directories_are_searched_for_tf_files(tmp_path: Path) -> None:
    (tmp_path / "other.tf").write_text('resource "aws_s3_bucket" "b" {}\n')
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["lint", str(tmp_path)])
    assert code == 0
    assert out.getvalue() == f"{tmp_path / 'other.tf'}: ok (nothing to check)\n"


def test_state_is_read_as_a_plan() -> None:
    values = {
        "name": "s",
        "encryption_configuration": [
            {
                "cloudwatch_encryption": [{"cloudwatch_encryption_mode": "DISABLED"}],
                "job_bookmarks_encryption": [{"job_bookmarks_encryption_mode": "DISABLED"}],
                "s3_encryption": [{"s3_encryption_mode": "SSE-S3", "kms_key_arn": None}],
            }
        ],
    }
    resource = {
        "address": "aws_glue_security_configuration.s",
        "mode": "managed",
        "type": "aws_glue_security_configuration",
        "name": "s",
        "values": values,
    }
    state = {"format_version": "1.0", "values": {"root_module": {"resources": [resource]}}}
    found = gs.lint(state)
    assert [(f.rule, f.resource) for f in found] == [
        ("GS204", "aws_glue_security_configuration.s"),
        ("GS205", "aws_glue_security_configuration.s"),
    ]


def test_the_api_reads_terraform_json_syntax() -> None:
    data = json.loads((DATA / "json" / "main.tf.json").read_text())
    assert [f.rule for f in gs.lint(data)] == ["GS204", "GS207"]


SNIPPETS = [
    'a = "x\\ty${var.k}"\nb = -2\nc = [true, null, 1.5, 1e3]\nd = "$${literal}"\n',
    "f = <<EOT\n${var.x}\nEOT\ng = <<-E\n   x\n  E\nl = [1]\n",
    'h = {"k" = 1, j: 2,}\ni = foo(1, [2], "s",)\nj = a.b[0].c["d"].1\n',
    'resource "a" "b" { x = 1 }\nresource "a" "c" {}\n',
    '# top\nresource "a" "b" { // c\n  /* inline */ x = 1 # tail\n  y = "#not"\n}\n',
    'resource "a" "b" {\r\n  x = "1"\r\n}\r\n',
    'p = jsonencode({ V = "1", S = [{ E = "A", n = -1, b = true }] })\nq = <<EOT\n{}\nEOT\n',
    "x = a ? b : c\n",
    "x = [for v in var.l : v]\n",
    'x = "%{if a}b%{endif}"\n',
    "a = 1 b = 2\n",
    "x = [1 2]\n",
    "x = 1.\n",
    'resource "a" "b"\n{\n}\n',
    "x = a-b\ny = 01\n",
    'dynamic "s3" {\n  for_each = var.l\n  content {\n    m = s3.value\n  }\n}\n',
    # The one-match attribute (a plain string or a dotted reference, then the line's end)
    # and its near misses.
    'x = "plain" # c\ny = a.b.c // d\nz = "" \nw=a.b\n',
    'x = "a" /* c */\ny = true.z\nw = a.b /* c */\nv = null\n',
    'x = "a$b%c"\ny = a.b-c.d\nz = a.b.0\nu = a.b[0]\nt = a.b()\n',
    'x == "a"\n',
    'x = "a"}\n',
    'r "a" "b" { x = "a" }\n',
    'x = "a"\ty\n',
    # The one-match block header (a kind and plain quoted labels) and its near misses.
    'x {\n}\nr "a"{\n}\nr "a" b {\n}\n',
    'r "a$" {\n}\nr "a\\"b" {\n}\n',
    'r "a" /* c */ {\n}\n',
    "x = [1, /* c */ 2]\n",
    'r "" "" {\n  y {\n    z = 1\n  }\n}\n',
]


@pytest.mark.parametrize("text", SNIPPETS)
def test_the_quick_reader_agrees_with_python_hcl2(text: str) -> None:
    assert_readers_agree(text)


# Mostly valid text (an invalid line makes the whole file python-hcl2's to refuse), with
# near misses of the quick reader's forms among it.
_NAMES = st.sampled_from(["a", "b-c", "var", "true", "null", "mode", "x_1"])
_STRINGS = st.one_of(
    st.text(st.sampled_from("ab-. /"), max_size=6),
    st.text(st.sampled_from('ab $%{}\\"#/.-'), max_size=4),
).map(lambda s: f'"{s}"')
_VALUES = st.one_of(
    _STRINGS,
    st.lists(_NAMES, min_size=1, max_size=3).map(".".join),
    st.sampled_from(["1", "-2", "1.5", "true", "false", "null", "[]", "a.b[0]", "f(a.b)"]),
)
_SPACE = st.sampled_from(["", " ", "\t", "  "])
_EQUALS = st.sampled_from(["=", "=", "=", "=", "=", "==", "=>"])
_TAIL = st.sampled_from(["", "", "", " ", " # c", " // c", " /* c */", "}", " x"])
_ATTRIBUTE = st.builds(
    lambda name, before, equals, after, value, tail: f"{name}{before}{equals}{after}{value}{tail}",
    _NAMES,
    _SPACE,
    _EQUALS,
    _SPACE,
    _VALUES,
    _TAIL,
)


@st.composite
def _configurations(draw: st.DrawFn) -> str:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = draw(st.lists(_ATTRIBUTE, min_size=1, max_size=3))
    if draw(st.booleans()):  # the attributes in a resource block
        lines = ['resource "a" "b" {', *lines, "}"]
    return newline.join(lines) + newline


@pytest.mark.parametrize(
    "text",
    ['r "a" /* c */ "b" {\n}\n', 'r /* c */ "a" {\n}\n', "x /* c */ = 1\n", "x = /* c */ 1\n"],
)
def test_inline_comments_python_hcl2_refuses_are_read_as_terraform_reads_them(text: str) -> None:
    # HCL takes a comment wherever it takes a space; python-hcl2 refuses these. The quick
    # reader reads them as the same text without the comment.
    from glue_security.documents import hcl, hcl_fast

    with pytest.raises(HclError):
        hcl._lark_items(text)
    plain = text.replace("/* c */ ", "")
    assert hcl._assemble(text, hcl_fast.parse_items(text)).data == (
        hcl._assemble(plain, hcl._lark_items(plain)).data
    )


@given(_configurations())
def test_the_quick_reader_agrees_with_python_hcl2_on_generated_text(text: str) -> None:
    assert_readers_agree(text)


def assert_readers_agree(text: str) -> None:
    """What the quick reader reads, python-hcl2 reads the same way (the quick reader may
    leave any text to python-hcl2, but never read what python-hcl2 refuses)."""
    from glue_security.documents import hcl, hcl_fast

    try:
        slow: object = hcl._assemble(text, hcl._lark_items(text))
    except HclError:
        slow = "not valid"
    try:
        fast: object = hcl._assemble(text, hcl_fast.parse_items(text))
    except hcl_fast.Unsupported:
        return  # left to python-hcl2, whatever it says
    assert fast == slow


@pytest.mark.parametrize(
    "path", sorted(DATA.rglob("*.tf")), ids=lambda path: path.relative_to(DATA).as_posix()
)
def test_the_quick_reader_reads_the_corpus_as_python_hcl2_does(path: Path) -> None:
    from glue_security.documents import hcl, hcl_fast

    text = path.read_text()
    try:
        expected = hcl._assemble(text, hcl._lark_items(text))
    except HclError:
        with pytest.raises(hcl_fast.Unsupported):
            hcl_fast.parse_items(text)
        return
    assert hcl._assemble(text, hcl_fast.parse_items(text)) == expected


def test_a_heredoc_larger_than_the_limit_is_not_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.tf"
    body = ("x" * 99 + "\n") * 30_000  # 3 MB: a 100 MB one is refused the same way
    resource = 'resource "aws_glue_resource_policy" "p" {\n  policy = <<EOT\n'
    huge.write_text(f"{resource}{body}EOT\n}}\n")
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["lint", "--format", "json", "--max-file-size", "1M", str(huge)])
    (result,) = json.loads(out.getvalue())
    assert code == 1 and result["error"]["code"] == "size"


COUNTED = """
variable "enabled" {
  type    = bool
  default = false
}

resource "aws_glue_resource_policy" "p" {
  count  = COUNT
  policy = var.policy_unset
}

resource "aws_glue_job" "j" {
  count    = COUNT
  name     = "j"
  role_arn = "arn:aws:iam::111122223333:role/r"
  command {
    script_location = "s3://bucket/script.py"
  }
}
"""


@pytest.mark.parametrize(
    ("count", "tfvars", "checked"),
    [
        ("0", None, False),
        ("1", None, True),
        ("var.enabled ? 1 : 0", None, False),
        ("var.enabled ? 0 : 1", None, True),
        ("!var.enabled ? 1 : 0", None, True),
        ("var.enabled == true ? 1 : 0", None, False),
        ("var.enabled != true ? 1 : 0", None, True),
        ("var.enabled ? 1 : 0", "enabled = true\n", True),  # the .tfvars file decides
        ("length(var.names)", None, True),  # not decided: checked as one
    ],
)
def test_a_resource_whose_count_is_decided_zero_is_not_created(
    tmp_path: Path, count: str, tfvars: str | None, checked: bool
) -> None:
    (tmp_path / "main.tf").write_text(COUNTED.replace("COUNT", count))
    if tfvars is not None:
        (tmp_path / "terraform.tfvars").write_text(tfvars)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["lint", "--format", "json", str(tmp_path)])
    results = {Path(r["file"]).name: r for r in json.loads(out.getvalue())}
    found = sorted(f["code"] for f in results["main.tf"]["errors"])
    if checked:
        assert code == 1
        assert "GS212" in found  # the job, with no security configuration
    else:
        assert (code, found, results["main.tf"]["shapes"]) == (0, [], [])


def test_a_count_in_terraform_json_syntax_is_decided_too(tmp_path: Path) -> None:
    resource = {
        "aws_glue_resource_policy": {"p": {"count": "${var.on ? 1 : 0}", "policy": "{}"}}
    }
    variable = {"on": {"default": False}}
    (tmp_path / "main.tf.json").write_text(json.dumps({"variable": variable, "resource": resource}))
    code, out, _ = run_main("lint", str(tmp_path / "main.tf.json"))
    assert (code, out.strip()) == (0, f"{tmp_path / 'main.tf.json'}: ok (nothing to check)")



CALLED_JOB = """
variable "name" {
  type = string
}

variable "security_configuration" {
  type    = string
  default = null
}

resource "aws_glue_job" "this" {
  name                   = var.name
  role_arn               = "arn:aws:iam::111122223333:role/r"
  security_configuration = var.security_configuration
  command {
    script_location = "s3://bucket/script.py"
  }
}
"""

CALLED_CONFIGURATION = """
variable "s3_mode" {
  type    = string
  default = "SSE-S3"
}

resource "aws_glue_security_configuration" "this" {
  name = "etl"
  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "DISABLED"
    }
    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "DISABLED"
    }
    s3_encryption {
      s3_encryption_mode = var.s3_mode
    }
  }
}

module "nested" {
  source = "../job"
  name   = "inner"
}
"""


def test_a_local_module_is_checked_as_its_call_sets_it(tmp_path: Path) -> None:
    """A root module's call of `../modules/job` sets that module's variables: its
    resources are checked with them, each finding placed at the call, naming the
    resource as Terraform does (`module.NAME.TYPE.NAME`) and where it is in the module."""
    (tmp_path / "modules" / "job").mkdir(parents=True)
    (tmp_path / "modules" / "job" / "main.tf").write_text(CALLED_JOB)
    (tmp_path / "modules" / "configuration").mkdir()
    (tmp_path / "modules" / "configuration" / "main.tf").write_text(CALLED_CONFIGURATION)
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "main.tf").write_text(
        'module "no_configuration" {\n'
        '  source = "../modules/job"\n'
        '  name   = "etl"\n'
        "}\n"
        "\n"
        'module "with_one" {\n'
        '  source                 = "../modules/job"\n'
        '  name                   = "etl2"\n'
        '  security_configuration = "shared"\n'
        "}\n"
        "\n"
        'module "off" {\n'
        '  source = "../modules/job"\n'
        "  count  = 0\n"
        '  name   = "etl3"\n'
        "}\n"
        "\n"
        'module "configuration" {\n'
        '  source  = "../modules/configuration"\n'
        '  s3_mode = "DISABLED"\n'
        "}\n"
        "\n"
        'module "remote" {\n'
        '  source = "terraform-aws-modules/glue/aws"\n'
        "}\n"
    )
    code, out, _ = run_main("lint", "--format", "json", str(tmp_path / "root"))
    assert code == 1
    (result,) = json.loads(out)
    found = [(f["line"], f["code"], f["resource"]) for f in result["errors"]]
    assert found == [
        (1, "GS212", "module.no_configuration.aws_glue_job.this"),
        (6, "GS901", "module.with_one.aws_glue_job.this"),
        (18, "GS203", "module.configuration.aws_glue_security_configuration.this"),
        (18, "GS204", "module.configuration.aws_glue_security_configuration.this"),
        (18, "GS205", "module.configuration.aws_glue_security_configuration.this"),
        # A call inside a called module is followed too.
        (18, "GS212", "module.configuration.module.nested.aws_glue_job.this"),
    ]
    s3 = result["errors"][2]["message"]
    assert "Amazon S3 encryption is disabled" in s3  # the caller's argument, not the default
    assert f"in {tmp_path / 'modules' / 'configuration' / 'main.tf'}:" in s3
    assert "as module.configuration sets it" in s3


def test_module_calls_that_loop_end(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "main.tf").write_text('module "b" {\n  source = "../b"\n}\n')
    (tmp_path / "b" / "main.tf").write_text(
        'module "a" {\n  source = "../a"\n}\n' + CALLED_JOB.replace("var.name", '"j"')
    )
    code, out, _ = run_main("lint", "--format", "json", str(tmp_path / "a"))
    (result,) = json.loads(out)
    assert code == 1
    assert [f["resource"] for f in result["errors"]] == ["module.b.aws_glue_job.this"]


def test_module_calls_are_bounded_and_each_module_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tree of calls multiplies: ten calls a level, eight levels, would be 10**8 checks.
    A run follows at most MAX_MODULE_CALLS calls (each called directory read once); a
    call past that, or nested too deep, is GS902 at the call, never silently passed."""
    from glue_security.cli import common
    from glue_security.linter.rules.notes import MAX_MODULE_CALLS

    levels = 6
    for level in range(levels):
        module = tmp_path / f"m{level}"
        module.mkdir()
        calls = "".join(
            f'module "c{i}" {{\n  source = "../m{level + 1}"\n}}\n' for i in range(10)
        )
        (module / "main.tf").write_text(calls if level < levels - 1 else CALLED_JOB)
    loads: list[str] = []
    load_file = common.load_file

    def counting(path: str, *args: Any, **kwargs: Any) -> Any:
        loads.append(path)
        return load_file(path, *args, **kwargs)

    monkeypatch.setattr("glue_security.cli.lint_files.load_file", counting)
    code, out, _ = run_main("lint", "--format", "json", str(tmp_path / "m0"))
    (result,) = json.loads(out)
    codes = [f["code"] for f in result["errors"]]
    assert code == 1  # the jobs that were checked have no security configuration
    assert codes.count("GS902") > 0
    # One job a leaf module: at most one finding a followed call, one note a refused one.
    assert codes.count("GS212") <= MAX_MODULE_CALLS
    assert len(codes) <= MAX_MODULE_CALLS * 11
    assert len(loads) == len(set(loads))  # each file read once
    note = next(f for f in result["errors"] if f["code"] == "GS902")
    assert "is not followed" in note["message"] and note["severity"] == "note"


def test_a_call_not_followed_names_its_source_cut_short(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("glue_security.cli.lint_files.MAX_MODULE_DEPTH", -1)
    source = "./" + "m" * 5000
    (tmp_path / "main.tf").write_text(f'module "far" {{\n  source = "{source}"\n}}\n')
    code, out, _ = run_main("lint", "--format", "json", str(tmp_path))
    ((note,),) = [result["errors"] for result in json.loads(out)]
    assert (code, note["code"], note["resource"]) == (0, "GS902", "module.far")
    assert "(5002 characters)" in note["message"] and len(note["message"]) < 400
