"""bench.py's targets: one row per paired measurement or whole-process figure, with the
limit the project holds it to (None: shown, no target). Written to
`benchmarks/results/bench.json` by bench.py."""

from __future__ import annotations

import statistics

from results import Row, row

# Per pair: (median ratio, lowest, highest, ours' median seconds, peer's median seconds).
Paired = dict[str, tuple[float, float, float, float, float]]


def _paired_row(
    paired: Paired,
    id: str,
    group: str,
    title: str,
    pair: str,
    peer: str,
    limit: float | None,
    unit: str = "per call",
) -> Row:
    median, low, high, ours, theirs = paired[pair]
    return row(
        id,
        group,
        title,
        peer=peer,
        ratio=median,
        spread=(low, high),
        limit=limit,
        ours_seconds=ours,
        peer_seconds=theirs,
        unit=unit,
    )


def target_rows(
    paired: Paired,
    ours_import: list[float],
    peers_import: list[float],
    dicts: int,
    models: int,
) -> list[Row]:
    import_ratios = [o / p for o, p in zip(ours_import, peers_import, strict=True)]
    return [
        _paired_row(
            paired,
            "typical-request",
            "Requests",
            "Typical request, parsed and validated",
            "typical request: ÷ pydantic",
            "pydantic",
            0.6,
        ),
        _paired_row(
            paired,
            "fresh-kms-arns",
            "Requests",
            "Typical request, three KMS keys new to the process",
            "typical, three new keys per request: ÷ pydantic",
            "pydantic",
            0.8,
            "per 100 requests",
        ),
        _paired_row(
            paired,
            "one-fresh-kms-arn",
            "Requests",
            "Typical request, one KMS key new to the process",
            "typical, a new key per request: ÷ pydantic",
            "pydantic",
            None,
            "per 100 requests",
        ),
        _paired_row(
            paired,
            "typical-request-botocore",
            "Requests",
            "Typical request, against botocore's ParamValidator",
            "typical request: ÷ botocore",
            "botocore",
            0.35,
        ),
        _paired_row(
            paired,
            "typical-request-fastjsonschema",
            "Requests",
            "Typical request, against fastjsonschema",
            "typical request: ÷ fastjsonschema",
            "fastjsonschema",
            1.0,
        ),
        _paired_row(
            paired,
            "to-wire",
            "Requests",
            "to_wire of the typical request, against model_dump",
            "to_wire, typical request: ÷ pydantic model_dump",
            "pydantic",
            1.0,
        ),
        _paired_row(
            paired,
            "configurations-1000",
            "Responses",
            "GetSecurityConfigurationsResponse, 1000 configurations",
            "1000 configurations: ÷ pydantic",
            "pydantic",
            0.6,
        ),
        _paired_row(
            paired,
            "errors-5-dropped",
            "Invalid payloads",
            "Invalid request, 5 faults, raised and caught",
            "5 errors collected: ÷ pydantic",
            "pydantic",
            0.8,
        ),
        _paired_row(
            paired,
            "errors-7-dropped",
            "Invalid payloads",
            "Invalid request, 7 faults with misspellings, raised and caught",
            "7 errors, misspelt enums: ÷ pydantic",
            "pydantic",
            0.8,
        ),
        _paired_row(
            paired,
            "errors-5-read",
            "Invalid payloads",
            "Invalid request, 5 faults, every error read",
            "5 errors, every error read: ÷ pydantic",
            "pydantic",
            1.0,
        ),
        _paired_row(
            paired,
            "errors-7-read",
            "Invalid payloads",
            "Invalid request, 7 faults with misspellings, every error read",
            "7 errors, misspelt, every error read: ÷ pydantic",
            "pydantic",
            1.0,
        ),
        _paired_row(
            paired,
            "errors-over-valid",
            "Invalid payloads",
            "5 faults raised and caught, against the valid request",
            "glue-security: 5 errors ÷ valid request",
            "glue-security, valid request",
            5.0,
        ),
        _paired_row(
            paired,
            "growth-ours",
            "Growth, 100 to 1000 configurations",
            "glue-security: 1000 ÷ 100 configurations",
            "glue-security: 1000 ÷ 100 configurations",
            "glue-security, 100 configurations",
            11.0,
        ),
        _paired_row(
            paired,
            "growth-pydantic",
            "Growth, 100 to 1000 configurations",
            "pydantic: 1000 ÷ 100 configurations",
            "pydantic: 1000 ÷ 100 configurations",
            "pydantic, 100 configurations",
            None,
        ),
        _paired_row(
            paired,
            "growth-msgspec",
            "Growth, 100 to 1000 configurations",
            "msgspec: 1000 ÷ 100 configurations",
            "msgspec: 1000 ÷ 100 configurations",
            "msgspec, 100 configurations",
            None,
        ),
        _paired_row(
            paired,
            "growth-floor-read",
            "Growth, 100 to 1000 configurations",
            "Floor, reading every value: 1000 ÷ 100",
            "floor, reading every value: 1000 ÷ 100",
            "the same, 100 configurations",
            None,
        ),
        _paired_row(
            paired,
            "growth-floor-objects",
            "Growth, 100 to 1000 configurations",
            "Floor, plain objects without checks: 1000 ÷ 100",
            "floor, plain objects, no checks: 1000 ÷ 100",
            "the same, 100 configurations",
            None,
        ),
        row(
            "Import",
            "Import",
            "import glue_security, against import attrs, cattrs (whole process)",
            peer="attrs, cattrs",
            ratio=statistics.median(import_ratios),
            spread=(min(import_ratios), max(import_ratios)),
            limit=1.3,
            ours_seconds=statistics.median(ours_import),
            peer_seconds=statistics.median(peers_import),
            unit="per process",
        ),
        row(
            "memory-1000",
            "Memory",
            "Memory kept, 1000 configurations: models against the wire dicts",
            peer="json.loads dicts",
            ratio=models / dicts,
            spread=(models / dicts, models / dicts),
            limit=1.0,
            unit="bytes",
        ),
    ]
