"""glue-security beside pydantic v2, msgspec, botocore and JSON Schema validators.

Run from the README's environment plus the `bench` extra:

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/bench.py [--quick] [--only TEXT ...]

`--only TEXT` (repeatable) measures just the paired rows whose name holds TEXT, such as
`--only "errors collected"`, and prints them with the machine's load; it writes nothing.

Every figure is a median of timeit repeats, taken in this one run; the table gives each
time and its ratio to glue-security's (below 1.0: the peer is faster). Only ratios from
the same run compare: these machines are shared and noisy.

The rows with a target are paired (each round runs both sides back to back) and are
written to `benchmarks/results/bench.json` (see `results.py`): `ratio` is the median of
the rounds' ratios and `spread` their lowest and highest; for import time, the median and
range of alternated process pairs; memory is measured once (its spread is that one value).
"""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import timeit
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import botocore
import fastjsonschema
import msgspec
import peers
import pydantic
from results import write_results
from targets import target_rows

import glue_security as gs

KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ENCRYPTION = {
    "S3Encryption": [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": KMS}],
    "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": KMS},
    "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "CSE-KMS", "KmsKeyArn": KMS},
}
TYPICAL_REQUEST = {"Name": "prod-etl-encryption", "EncryptionConfiguration": ENCRYPTION}
INVALID_REQUEST = {  # five faults
    "Name": "prod\netl",
    "EncryptionConfiguration": {
        "S3Encryption": [{"S3EncryptionMode": "SSEKMS", "KmsKeyArn": "alias/key"}],
        "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": 7},
        "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "CSE-KMS", "KmsKeyArn": KMS},
    },
    "Tags": {},
}
# Seven faults: the five above, the enum value and the unknown member misspelt as people
# misspell them, and two more misspelt enum values. Each "did you mean" needs difflib,
# which runs only when the message is read.
MISSPELT_REQUEST = {
    "Name": "prod\netl",
    "EncryptionConfiguration": {
        "S3Encryption": [{"S3EncryptionMode": "SSE-KSM", "KmsKeyArn": "alias/key"}],
        "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE_KMS", "KmsKeyArn": 7},
        "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "CSE-KSM", "KmsKeyArn": KMS},
    },
    "Tag": {},
}


def requests_with_new_keys(count: int, keys_per_request: int) -> list[dict[str, Any]]:
    """`count` typical requests, no two with a key in common: the fast path's memory of
    the last matched ARN never helps across requests, and with three keys per request not
    within one either. These show the other end from the repeated typical request."""
    payloads = []
    for i in range(count):
        keys = [f"{KMS[:-8]}{i:06x}{k % keys_per_request:02x}" for k in range(3)]
        payloads.append(
            {
                "Name": f"prod-etl-encryption-{i}",
                "EncryptionConfiguration": {
                    "S3Encryption": [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": keys[0]}],
                    "CloudWatchEncryption": {
                        "CloudWatchEncryptionMode": "SSE-KMS",
                        "KmsKeyArn": keys[1],
                    },
                    "JobBookmarksEncryption": {
                        "JobBookmarksEncryptionMode": "CSE-KMS",
                        "KmsKeyArn": keys[2],
                    },
                },
            }
        )
    return payloads


def each_in_turn(parse: Callable[[Any], Any], payloads: list[Any]) -> Callable[[], None]:
    """A function that parses the next 100 payloads of the pool each time it is called.
    `parse` is a C-level callable on both sides (a bound method, a partial), so that
    neither pays a Python frame the other does not."""
    batches = itertools.cycle([payloads[i : i + 100] for i in range(0, len(payloads), 100)])

    def run() -> None:
        for payload in next(batches):
            parse(payload)

    return run


def configurations(count: int) -> dict[str, Any]:
    return {
        "SecurityConfigurations": [
            {
                "Name": f"configuration-{i}",
                "CreatedTimeStamp": 1700000000 + i + 0.25,
                "EncryptionConfiguration": ENCRYPTION,
            }
            for i in range(count)
        ],
        "NextToken": "eyJvZmZzZXQiOjEwMDB9",
    }


def policies(count: int) -> dict[str, Any]:
    statement = {
        "Effect": "Allow",
        "Principal": {"AWS": [f"arn:aws:iam::{111122223333 + i}:root" for i in range(8)]},
        "Action": ["glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetPartitions"],
        "Resource": [f"arn:aws:glue:us-east-1:111122223333:table/db{i}/*" for i in range(8)],
    }
    document = json.dumps({"Version": "2012-10-17", "Statement": [statement] * 3})
    return {
        "GetResourcePoliciesResponseList": [
            {
                "PolicyInJson": document,
                "PolicyHash": f"hash{i}",
                "CreateTime": 1700000000 + i,
                "UpdateTime": 1700000000 + i,
            }
            for i in range(count)
        ]
    }


def per_call(functions: dict[str, Callable[[], Any]], quick: bool) -> dict[str, float]:
    """Median seconds per call of each function.

    Each is calibrated once (timeit's autorange), then the rounds interleave them, one
    sample of each per round, so that a change in machine load hits every contender alike.
    """
    timers = {name: timeit.Timer(function) for name, function in functions.items()}
    numbers = {name: timer.autorange()[0] for name, timer in timers.items()}
    samples: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(5 if quick else 11):
        for name, timer in timers.items():
            samples[name].append(timer.timeit(numbers[name]) / numbers[name])
    return {name: statistics.median(values) for name, values in samples.items()}


def paired_ratios(
    pairs: dict[str, tuple[Callable[[], Any], Callable[[], Any]]], quick: bool
) -> dict[str, tuple[float, float, float, float, float]]:
    """Median over rounds of numerator time ÷ denominator time, per pair, with the range
    and each side's median seconds per call.

    The two sides of a pair run back to back in every round, in alternating order, so each
    round's ratio sees one machine load; the median of those ratios is steadier than a
    ratio of two medians.
    """
    timers = {
        name: (timeit.Timer(top), timeit.Timer(bottom)) for name, (top, bottom) in pairs.items()
    }
    numbers = {
        name: (top.autorange()[0], bottom.autorange()[0]) for name, (top, bottom) in timers.items()
    }
    ratios: dict[str, list[float]] = {name: [] for name in pairs}
    tops: dict[str, list[float]] = {name: [] for name in pairs}
    bottoms: dict[str, list[float]] = {name: [] for name in pairs}
    for round_number in range(7 if quick else 21):
        for name, (top, bottom) in timers.items():
            n_top, n_bottom = numbers[name]
            if round_number % 2:  # alternate which side runs first, so order cannot bias
                top_time = top.timeit(n_top) / n_top
                bottom_time = bottom.timeit(n_bottom) / n_bottom
            else:
                bottom_time = bottom.timeit(n_bottom) / n_bottom
                top_time = top.timeit(n_top) / n_top
            ratios[name].append(top_time / bottom_time)
            tops[name].append(top_time)
            bottoms[name].append(bottom_time)
    return {
        name: (
            statistics.median(r),
            min(r),
            max(r),
            statistics.median(tops[name]),
            statistics.median(bottoms[name]),
        )
        for name, r in ratios.items()
    }


def read_every_item(payload: dict[str, Any]) -> int:
    """The floor of any parser of a configurations list: read each value, build nothing."""
    touched = 0
    for item in payload["SecurityConfigurations"]:
        encryption = item["EncryptionConfiguration"]
        for entry in encryption["S3Encryption"]:
            touched += len(entry["S3EncryptionMode"]) + len(entry["KmsKeyArn"])
        cloud_watch = encryption["CloudWatchEncryption"]
        touched += len(cloud_watch["CloudWatchEncryptionMode"]) + len(cloud_watch["KmsKeyArn"])
        bookmarks = encryption["JobBookmarksEncryption"]
        touched += len(bookmarks["JobBookmarksEncryptionMode"]) + len(bookmarks["KmsKeyArn"])
        touched += len(item["Name"]) + int(item["CreatedTimeStamp"] > 0)
    return touched


class _Plain:
    __slots__ = ("a", "b", "c")
    a: Any
    b: Any
    c: Any


def build_plain_objects(payload: dict[str, Any]) -> tuple[_Plain, ...]:
    """The floor of any parser into objects: the same objects, built by hand, no checks."""
    built = []
    for item in payload["SecurityConfigurations"]:
        encryption = item["EncryptionConfiguration"]
        entries = []
        for entry in encryption["S3Encryption"]:
            s3 = _Plain()
            s3.a, s3.b = entry["S3EncryptionMode"], entry["KmsKeyArn"]
            entries.append(s3)
        cloud_watch, bookmarks, parsed, configuration = _Plain(), _Plain(), _Plain(), _Plain()
        cloud_watch.a = encryption["CloudWatchEncryption"]["KmsKeyArn"]
        bookmarks.a = encryption["JobBookmarksEncryption"]["KmsKeyArn"]
        parsed.a, parsed.b, parsed.c = tuple(entries), cloud_watch, bookmarks
        configuration.a, configuration.c = item["Name"], parsed
        configuration.b = datetime.fromtimestamp(item["CreatedTimeStamp"], timezone.utc)
        built.append(configuration)
    return tuple(built)


def check(function: Callable[[], Any], expect_valid: bool, name: str) -> None:
    """Each contender must judge the payload as expected, or its time means nothing."""
    try:
        result = function()
    except Exception:
        valid = False
    else:
        if hasattr(result, "has_errors"):  # botocore's report
            valid = not result.has_errors()
        elif isinstance(result, bool):  # jsonschema's is_valid
            valid = result
        else:
            valid = True
    if valid != expect_valid:
        raise SystemExit(f"{name} judged the payload {'valid' if valid else 'invalid'}")


def swallowing(function: Callable[[], Any]) -> Callable[[], Any]:
    def run() -> Any:
        try:
            return function()
        except Exception as error:
            return error

    return run


def every_error_read(model: type[gs.Model], payload: Any) -> Callable[[], Any]:
    """glue-security on an invalid payload, each error's path, code and message read."""

    def run() -> Any:
        try:
            gs.from_wire(model, payload)
        except gs.ValidationError as error:
            return [(e.path, e.code, e.message) for e in error.errors]
        raise AssertionError("the invalid payload parsed")

    return run


def pydantic_every_error_read(model: type[pydantic.BaseModel], payload: Any) -> Callable[[], Any]:
    """pydantic on an invalid payload, each error's location, type and message read."""

    def run() -> Any:
        try:
            model.model_validate(payload)
        except pydantic.ValidationError as error:
            return [(e["loc"], e["type"], e["msg"]) for e in error.errors()]
        raise AssertionError("the invalid payload parsed")

    return run


def scenario(
    title: str,
    model: type[gs.Model],
    payload: Any,
    quick: bool,
    *,
    valid: bool = True,
) -> dict[str, float]:
    text = json.dumps(payload)
    instance = gs.from_wire(model, payload) if valid else None
    pyd = peers.pydantic_model(model)
    pyd_instance = pyd.model_validate(payload) if valid else None
    ms_convert = peers.msgspec_convert(model)
    ms_struct = peers.msgspec_struct(model)
    ms_instance = ms_convert(payload) if valid else None
    fjs = peers.fastjsonschema_validate(model)
    js = peers.jsonschema_validate(model)
    js_all = peers.jsonschema_errors(model)

    # On an invalid payload both sides raise: each is timed raising and being caught, the
    # errors unread (as a test that expects the error, or a check that counts bad
    # files, uses them), and then with every error's path, code and message read.
    ours: dict[str, Callable[[], Any]] = {
        "glue-security from_wire": (lambda: gs.from_wire(model, payload))
        if valid
        else swallowing(lambda: gs.from_wire(model, payload)),
    }
    if not valid:
        ours["glue-security, every error read"] = every_error_read(model, payload)
    if valid:
        ours.update(
            {
                "glue-security to_wire": lambda: gs.to_wire(instance),  # type: ignore[arg-type]
                "glue-security from_json": lambda: gs.from_json(model, text),
                "glue-security to_json": lambda: gs.to_json(instance),  # type: ignore[arg-type]
            }
        )
    contenders: dict[str, Callable[[], Any]] = {
        "pydantic model_validate": lambda: pyd.model_validate(payload),
        "msgspec convert": lambda: ms_convert(payload),
        "fastjsonschema": lambda: fjs(payload),
        "jsonschema is_valid": lambda: js(payload),
    }
    if valid:
        contenders.update(
            {
                "pydantic model_dump": lambda: pyd_instance.model_dump(  # type: ignore[union-attr]
                    by_alias=True, exclude_none=True
                ),
                "pydantic model_validate_json": lambda: pyd.model_validate_json(text),
                "msgspec to_builtins": lambda: msgspec.to_builtins(ms_instance),
                "msgspec json.decode": lambda: msgspec.json.decode(
                    text, type=ms_struct, strict=False
                ),
            }
        )
    if issubclass(model, gs.Request):
        botocore_validate = peers.botocore_validate(model)
        contenders["botocore ParamValidator"] = lambda: botocore_validate(payload)
    if not valid:
        # A peer reports bad input by raising; catching it is part of its cost. jsonschema
        # is asked for every error, as glue-security and pydantic give them.
        contenders["jsonschema is_valid"] = lambda: list(js_all(payload))
        contenders = {name: swallowing(function) for name, function in contenders.items()}
        contenders["pydantic, every error read"] = pydantic_every_error_read(pyd, payload)
    for name, function in {**ours, **contenders}.items():
        if valid and name.startswith(("glue-security", "pydantic", "msgspec")):
            check(function, True, name)

    times = per_call({**ours, **contenders}, quick)
    base = times["glue-security from_wire"]
    print(f"\n## {title}\n")
    print(f"| {'contender':<32} | {'time':>10} | {'÷ from_wire':>11} |")
    print(f"|{'-' * 34}|{'-' * 12}|{'-' * 13}|")
    for name, seconds in times.items():
        print(f"| {name:<32} | {seconds * 1e6:>8.1f}µs | {seconds / base:>10.2f}x |")
    return times


def import_times(runs: int) -> tuple[list[float], list[float]]:
    """Whole-process seconds of `import glue_security` and of `import attrs, cattrs`.

    The package's bytecode is compiled first, as `pip install` does: an editable checkout
    run with PYTHONDONTWRITEBYTECODE would otherwise recompile its source on every start,
    while attrs and cattrs load compiled files.
    """
    import compileall

    compileall.compile_dir(str(Path(gs.__file__).parent), quiet=1)

    def once(statement: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        return time.perf_counter() - start

    ours, theirs = [], []
    for _ in range(runs):  # alternated, so load drift hits both alike
        ours.append(once("import glue_security"))
        theirs.append(once("import attrs, cattrs"))
    return ours, theirs


def memory(model: type[gs.Model], payload: Any) -> tuple[int, int]:
    text = json.dumps(payload)

    def retained(build: Callable[[], Any]) -> int:
        tracemalloc.start()
        kept = build()
        size, _peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del kept
        return size

    return retained(lambda: json.loads(text)), retained(lambda: gs.from_json(model, text))


def the_pairs() -> dict[str, tuple[Callable[[], Any], Callable[[], Any]]]:
    """The paired rows: each name, and its two sides (numerator, denominator)."""
    response = gs.GetSecurityConfigurationsResponse
    pyd, ms_convert = peers.pydantic_model(response), peers.msgspec_convert(response)
    request_model = gs.CreateSecurityConfigurationRequest
    pyd_request = peers.pydantic_model(request_model)
    botocore_validate = peers.botocore_validate(request_model)
    fjs_request = peers.fastjsonschema_validate(request_model)
    typical_instance = gs.from_wire(request_model, TYPICAL_REQUEST)
    pyd_typical = pyd_request.model_validate(TYPICAL_REQUEST)
    one_new_key, three_new_keys = requests_with_new_keys(3000, 1), requests_with_new_keys(3000, 3)
    hundred, thousand = configurations(100), configurations(1000)
    return {
        "typical request: ÷ pydantic": (
            lambda: gs.from_wire(request_model, TYPICAL_REQUEST),
            lambda: pyd_request.model_validate(TYPICAL_REQUEST),
        ),
        "typical request: ÷ botocore": (
            lambda: gs.from_wire(request_model, TYPICAL_REQUEST),
            lambda: botocore_validate(TYPICAL_REQUEST),
        ),
        "typical request: ÷ fastjsonschema": (
            lambda: gs.from_wire(request_model, TYPICAL_REQUEST),
            lambda: fjs_request(TYPICAL_REQUEST),
        ),
        "to_wire, typical request: ÷ pydantic model_dump": (
            lambda: gs.to_wire(typical_instance),
            lambda: pyd_typical.model_dump(by_alias=True, exclude_none=True),
        ),
        "1000 configurations: ÷ pydantic": (
            lambda: gs.from_wire(response, thousand),
            lambda: pyd.model_validate(thousand),
        ),
        "5 errors collected: ÷ pydantic": (
            swallowing(lambda: gs.from_wire(request_model, INVALID_REQUEST)),
            swallowing(lambda: pyd_request.model_validate(INVALID_REQUEST)),
        ),
        "7 errors, misspelt enums: ÷ pydantic": (
            swallowing(lambda: gs.from_wire(request_model, MISSPELT_REQUEST)),
            swallowing(lambda: pyd_request.model_validate(MISSPELT_REQUEST)),
        ),
        "5 errors, every error read: ÷ pydantic": (
            every_error_read(request_model, INVALID_REQUEST),
            pydantic_every_error_read(pyd_request, INVALID_REQUEST),
        ),
        "7 errors, misspelt, every error read: ÷ pydantic": (
            every_error_read(request_model, MISSPELT_REQUEST),
            pydantic_every_error_read(pyd_request, MISSPELT_REQUEST),
        ),
        "typical, a new key per request: ÷ pydantic": (
            each_in_turn(functools.partial(gs.from_wire, request_model), one_new_key),
            each_in_turn(pyd_request.model_validate, one_new_key),
        ),
        "typical, three new keys per request: ÷ pydantic": (
            each_in_turn(functools.partial(gs.from_wire, request_model), three_new_keys),
            each_in_turn(pyd_request.model_validate, three_new_keys),
        ),
        "glue-security: 5 errors ÷ valid request": (
            swallowing(lambda: gs.from_wire(request_model, INVALID_REQUEST)),
            lambda: gs.from_wire(gs.CreateSecurityConfigurationRequest, TYPICAL_REQUEST),
        ),
        "glue-security: 1000 ÷ 100 configurations": (
            lambda: gs.from_wire(response, thousand),
            lambda: gs.from_wire(response, hundred),
        ),
        "pydantic: 1000 ÷ 100 configurations": (
            lambda: pyd.model_validate(thousand),
            lambda: pyd.model_validate(hundred),
        ),
        "msgspec: 1000 ÷ 100 configurations": (
            lambda: ms_convert(thousand),
            lambda: ms_convert(hundred),
        ),
        "floor, reading every value: 1000 ÷ 100": (
            lambda: read_every_item(thousand),
            lambda: read_every_item(hundred),
        ),
        "floor, plain objects, no checks: 1000 ÷ 100": (
            lambda: build_plain_objects(thousand),
            lambda: build_plain_objects(hundred),
        ),
    }


def paired_only(names: list[str], quick: bool) -> int:
    """Measure only the paired rows whose name contains one of `names`, and print them."""
    pairs = {name: sides for name, sides in the_pairs().items() if any(n in name for n in names)}
    if not pairs:
        raise SystemExit(f"no paired row matches {names}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    paired = paired_ratios(pairs, quick)
    for name, (median, low, high, top, bottom) in paired.items():
        print(
            f"| {name:<48} | {median:>5.2f}x | {f'{low:.2f}–{high:.2f}x':>11} "
            f"| {top * 1e6:>6.2f}µs ÷ {bottom * 1e6:>6.2f}µs |"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, for a smoke run")
    parser.add_argument(
        "--only",
        action="append",
        metavar="TEXT",
        help="run only the paired rows whose name contains TEXT (repeatable); a partial "
        "run prints its ratios and writes no results",
    )
    args = parser.parse_args(argv)

    print(f"python {platform.python_version()} on {platform.machine()}, {platform.platform()}")
    versions = {
        "glue-security": gs.__version__,
        "pydantic": pydantic.VERSION,
        "msgspec": msgspec.__version__,
        "botocore": botocore.__version__,
        "fastjsonschema": fastjsonschema.VERSION,
        "jsonschema": importlib.metadata.version("jsonschema"),
    }
    print(", ".join(f"{k} {v}" for k, v in versions.items()))

    if args.only:
        return paired_only(args.only, args.quick)

    scenario(
        "Typical CreateSecurityConfigurationRequest",
        gs.CreateSecurityConfigurationRequest,
        TYPICAL_REQUEST,
        args.quick,
    )
    sizes = {}
    for count in (10, 100, 1000):
        sizes[count] = scenario(
            f"GetSecurityConfigurationsResponse, {count} configurations",
            gs.GetSecurityConfigurationsResponse,
            configurations(count),
            args.quick,
        )
    scenario(
        "GetResourcePoliciesResponse, 100 policies of about 2 KB",
        gs.GetResourcePoliciesResponse,
        policies(100),
        args.quick,
    )
    scenario(
        "Invalid CreateSecurityConfigurationRequest, 5 faults (all collected)",
        gs.CreateSecurityConfigurationRequest,
        INVALID_REQUEST,
        args.quick,
        valid=False,
    )
    scenario(
        "Invalid CreateSecurityConfigurationRequest, 7 faults, 3 misspelt enums (all collected)",
        gs.CreateSecurityConfigurationRequest,
        MISSPELT_REQUEST,
        args.quick,
        valid=False,
    )

    # Ratios of two scenarios are measured together, round by round, not across the run.
    print("\n## Paired measurements (each round runs both sides back to back)\n")
    paired = paired_ratios(the_pairs(), args.quick)
    print(f"| {'pair':<48} | {'median':>6} | {'range':>11} |")
    print(f"|{'-' * 50}|{'-' * 8}|{'-' * 13}|")
    for name, (median, low, high, _, _) in paired.items():
        print(f"| {name:<48} | {median:>5.2f}x | {f'{low:.2f}–{high:.2f}x':>11} |")

    runs = 7 if args.quick else 25
    ours_import, peers_import = import_times(runs)
    dicts, models = memory(gs.GetSecurityConfigurationsResponse, configurations(1000))

    rows = target_rows(paired, ours_import, peers_import, dicts, models)
    print("\n## Targets\n")
    print(f"| {'measure':<64} | {'ratio':>6} | {'range':>11} | {'target':>7} | met |")
    print(f"|{'-' * 66}|{'-' * 8}|{'-' * 13}|{'-' * 9}|-----|")
    for entry in rows:
        low, high = entry["spread"]
        limit = "" if entry["limit"] is None else f"≤ {entry['limit']}"
        met = {None: "", True: "yes", False: "NO"}[entry["met"]]
        print(
            f"| {entry['title']:<64} | {entry['ratio']:>6.2f} | {f'{low:.2f}–{high:.2f}':>11} "
            f"| {limit:>7} | {met:>3} |"
        )
    ours_ms, peers_ms = statistics.median(ours_import) * 1e3, statistics.median(peers_import) * 1e3
    print(
        f"\nimport (whole process): glue_security {ours_ms:.0f} ms, attrs+cattrs {peers_ms:.0f} ms"
    )
    print(f"memory, 1000 configurations: dicts {dicts / 1e6:.2f} MB, models {models / 1e6:.2f} MB")
    if not args.quick:  # a smoke run is not a result
        print(f"written to {write_results(__file__, rows, versions)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
