"""The in-memory Glue security service beside moto, on the same sequence of operations.

Run from the README's environment (moto and boto3 are test dependencies):

    .venv/bin/python benchmarks/service.py [--rounds 7] [--quick]

One sequence is nine operations: create, get, list and delete a security configuration;
put a resource policy (NOT_EXIST), get it, put it again with MUST_EXIST and its hash,
get it, delete it with its hash. Contenders, each on its own client:

- moto: boto3 inside moto's `mock_aws`;
- glue_security.testing: boto3 inside `mock_glue_security`;
- floor: boto3 with a `before-send` handler returning a canned answer per operation,
  i.e. botocore's own pipeline with no service behind it;
- in-process: `GlueSecurityService.handle` on the same wire dicts, no boto3;
- in-process, models: `GlueSecurityService.call` with request models.

Rounds interleave the contenders (one timed sample each per round, after an untimed
warm-up) and the median is reported, as operations per second and as a ratio to moto's
rate in the same run. Only ratios from one run compare: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import itertools
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import boto3
from botocore.awsrequest import AWSResponse, HeadersDict
from moto import mock_aws

import glue_security as gs
from glue_security.testing import GlueSecurityService, mock_glue_security

KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ENCRYPTION = {
    "S3Encryption": [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": KMS}],
    "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": KMS},
    "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "CSE-KMS", "KmsKeyArn": KMS},
}
POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                "Action": ["glue:GetDatabase", "glue:GetTable"],
                "Resource": "arn:aws:glue:us-east-1:123456789012:catalog",
            }
        ],
    }
)
OPERATIONS_PER_SEQUENCE = 9
_names = itertools.count()

Call = Callable[[str, dict[str, Any]], dict[str, Any]]


def sequence(call: Call) -> None:
    """The nine operations; `call(operation, wire_request)` returns the wire answer."""
    name = f"config-{next(_names)}"
    call("CreateSecurityConfiguration", {"Name": name, "EncryptionConfiguration": ENCRYPTION})
    call("GetSecurityConfiguration", {"Name": name})
    call("GetSecurityConfigurations", {"MaxResults": 10})
    call("DeleteSecurityConfiguration", {"Name": name})
    first = call(
        "PutResourcePolicy", {"PolicyInJson": POLICY, "PolicyExistsCondition": "NOT_EXIST"}
    )
    call("GetResourcePolicy", {})
    second = call(
        "PutResourcePolicy",
        {
            "PolicyInJson": POLICY,
            "PolicyExistsCondition": "MUST_EXIST",
            "PolicyHashCondition": first["PolicyHash"],
        },
    )
    call("GetResourcePolicy", {})
    call("DeleteResourcePolicy", {"PolicyHashCondition": second["PolicyHash"]})


def boto3_call(client: Any) -> Call:
    methods = {name: getattr(client, op.python_name) for name, op in gs.OPERATIONS.items()}
    return lambda name, request: methods[name](**request)  # type: ignore[no-any-return]


def new_client() -> Any:
    return boto3.client(
        "glue",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


# -- the floor: botocore's pipeline, a canned answer ---------------------------------------------

_CANNED = {
    "CreateSecurityConfiguration": {"Name": "config", "CreatedTimestamp": 1.7e9},
    "GetSecurityConfiguration": {
        "SecurityConfiguration": {
            "Name": "config",
            "CreatedTimeStamp": 1.7e9,
            "EncryptionConfiguration": ENCRYPTION,
        }
    },
    "GetSecurityConfigurations": {
        "SecurityConfigurations": [
            {"Name": "config", "CreatedTimeStamp": 1.7e9, "EncryptionConfiguration": ENCRYPTION}
        ]
    },
    "DeleteSecurityConfiguration": {},
    "PutResourcePolicy": {"PolicyHash": "u2y1xo30ZSlByvZSo2by2A=="},
    "GetResourcePolicy": {
        "PolicyInJson": POLICY,
        "PolicyHash": "u2y1xo30ZSlByvZSo2by2A==",
        "CreateTime": 1.7e9,
        "UpdateTime": 1.7e9,
    },
    "DeleteResourcePolicy": {},
}


class _Raw:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def stream(self, **kwargs: Any) -> Iterator[bytes]:
        yield self.data


def canned_client() -> Any:
    client = new_client()
    bodies = {name: json.dumps(body).encode() for name, body in _CANNED.items()}

    def answer(request: Any, event_name: str, **kwargs: Any) -> AWSResponse:
        body = bodies[event_name.rsplit(".", 1)[-1]]
        headers = HeadersDict({"x-amzn-RequestId": "canned", "Content-Length": str(len(body))})
        return AWSResponse(request.url, 200, headers, _Raw(body))

    client.meta.events.register_first("before-send.glue", answer)
    return client


# -- contenders ----------------------------------------------------------------------------------


class Contender:
    def __init__(self, label: str, context: Callable[[], AbstractContextManager[Any]]) -> None:
        self.label = label
        self.context = context
        self.rates: list[float] = []
        self.sequences = 1

    def run(self, call: Call, count: int) -> float:
        start = time.perf_counter()
        for _ in range(count):
            sequence(call)
        return time.perf_counter() - start


def contenders() -> list[tuple[Contender, Callable[[], Call]]]:
    moto_client = new_client()
    ours_client = new_client()
    floor_client = canned_client()
    service = GlueSecurityService()

    def in_process_models() -> Call:
        def call(name: str, request: dict[str, Any]) -> dict[str, Any]:
            model = gs.from_wire(gs.OPERATIONS[name].input, request)
            return gs.to_wire(service.call(model))

        return call

    return [
        (Contender("moto (boto3, mock_aws)", mock_aws), lambda: boto3_call(moto_client)),
        (
            Contender("glue_security.testing (boto3, mock_glue_security)", mock_glue_security),
            lambda: boto3_call(ours_client),
        ),
        (Contender("floor (boto3, canned answer)", nullcontext), lambda: boto3_call(floor_client)),
        (Contender("in-process: service.handle (wire dicts)", nullcontext), lambda: service.handle),
        (Contender("in-process: service.call (models)", nullcontext), in_process_models),
    ]


def calibrate(contender: Contender, make_call: Callable[[], Call], target: float) -> None:
    with contender.context():
        call = make_call()
        count = 1
        while True:
            elapsed = contender.run(call, count)
            if elapsed >= target / 4:
                break
            count *= 2
    contender.sequences = max(1, round(count * target / max(elapsed, 1e-9)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    args = parser.parse_args()
    rounds, target = (2, 0.05) if args.quick else (args.rounds, 0.4)
    runs = contenders()
    for contender, make_call in runs:
        calibrate(contender, make_call, target)
    for _ in range(rounds):
        for contender, make_call in runs:
            with contender.context():
                call = make_call()
                contender.run(call, 1)  # warm-up, untimed
                elapsed = contender.run(call, contender.sequences)
            contender.rates.append(contender.sequences * OPERATIONS_PER_SEQUENCE / elapsed)
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}" for name in ("boto3", "botocore", "moto")
    )
    print(
        f"Python {platform.python_version()}, {versions}, {platform.machine()}, "
        f"{rounds} rounds, median"
    )
    print()
    print("| contender | operations/s | ÷ moto |")
    print("|---|---:|---:|")
    moto_rate = statistics.median(runs[0][0].rates)
    for contender, _ in runs:
        rate = statistics.median(contender.rates)
        print(f"| {contender.label} | {rate:,.0f} | {rate / moto_rate:.1f}x |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
