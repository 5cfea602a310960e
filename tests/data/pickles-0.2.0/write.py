"""Wrote the pickles beside this file, with glue-security 0.2.0 (commit 2a04ac0), protocol 4.

Kept for the record: tests/validation/test_strictness.py loads them with today's code and
compares each with the object this script built, rebuilt from today's public API.
"""

import pickle
import sys
from datetime import datetime, timezone
from pathlib import Path

import glue_security as gs


def objects() -> dict[str, object]:
    request = gs.CreateSecurityConfigurationRequest(
        name="nightly-etl",
        encryption_configuration=gs.EncryptionConfiguration(
            s3_encryption=[
                gs.S3Encryption(
                    s3_encryption_mode=gs.S3EncryptionMode.SSEKMS,
                    kms_key_arn="arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                )
            ],
            cloud_watch_encryption=gs.CloudWatchEncryption(
                cloud_watch_encryption_mode=gs.CloudWatchEncryptionMode.DISABLED
            ),
        ),
    )
    response = gs.CreateSecurityConfigurationResponse(
        name="nightly-etl", created_timestamp=datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)
    )
    try:
        gs.from_wire(gs.S3Encryption, {"S3EncryptionMode": "SSE-KMZ", "KmsKeyArn": 7})
    except gs.ValidationError as error:
        validation_error = error
    if sys.version_info >= (3, 11):  # they were written on 3.11, with the note
        validation_error.add_note("while reading nightly.json")
    service_error = gs.EntityNotFoundException(message="Security configuration not found")
    service_error.add_response_metadata(request_id="req-1", http_status_code=400)
    return {
        "request": request,
        "response": response,
        "enum": gs.CatalogEncryptionMode.SSEKMS,
        "validation_error": validation_error,
        "error_detail": validation_error.errors[0],
        "service_error": service_error,
    }


if __name__ == "__main__":
    here = Path(__file__).parent
    for name, value in objects().items():
        (here / f"{name}.pickle").write_bytes(pickle.dumps(value, protocol=4))
