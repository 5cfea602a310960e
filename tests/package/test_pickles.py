"""Pickles written by glue-security 0.2.0 (tests/data/pickles-0.2.0, by its write.py) still
load, and equal the same objects built with today's API."""

from __future__ import annotations

import pickle
from datetime import datetime, timezone

import pytest

import glue_security as gs

from ..helpers import ROOT

PICKLES = ROOT / "tests" / "data" / "pickles-0.2.0"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def _validation_error() -> gs.ValidationError:
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.S3Encryption, {"S3EncryptionMode": "SSE-KMZ", "KmsKeyArn": 7})
    return info.value


def _today() -> dict[str, object]:
    """What write.py built, with today's API (a positional message, a Python-style alias)."""
    service_error = gs.EntityNotFoundException("Security configuration not found")
    service_error.add_response_metadata(request_id="req-1", http_status_code=400)
    validation_error = _validation_error()
    return {
        "request": gs.CreateSecurityConfigurationRequest(
            name="nightly-etl",
            encryption_configuration=gs.EncryptionConfiguration(
                s3_encryption=[
                    gs.S3Encryption(s3_encryption_mode=gs.S3EncryptionMode.SSE_KMS, kms_key_arn=KEY)
                ],
                cloud_watch_encryption=gs.CloudWatchEncryption(
                    cloud_watch_encryption_mode=gs.CloudWatchEncryptionMode.DISABLED
                ),
            ),
        ),
        "response": gs.CreateSecurityConfigurationResponse(
            name="nightly-etl",
            created_timestamp=datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc),
        ),
        "enum": gs.CatalogEncryptionMode.SSE_KMS,
        "validation_error": validation_error,
        "error_detail": validation_error.errors[0],
        "service_error": service_error,
    }


@pytest.mark.parametrize("name", sorted(_today()))
def test_a_0_2_0_pickle_loads_as_todays_object(name: str) -> None:
    loaded = pickle.loads((PICKLES / f"{name}.pickle").read_bytes())
    expected = _today()[name]
    assert type(loaded) is type(expected)
    if isinstance(expected, gs.ValidationError):
        assert isinstance(loaded, gs.ValidationError)
        assert loaded.errors == expected.errors
    else:
        assert loaded == expected
    if isinstance(expected, gs.GlueServiceError):
        assert isinstance(loaded, gs.GlueServiceError)
        assert (loaded.request_id, loaded.http_status_code) == ("req-1", 400)
        assert str(loaded) == str(expected)


def test_every_pickle_is_tested() -> None:
    assert {path.stem for path in PICKLES.glob("*.pickle")} == set(_today())
