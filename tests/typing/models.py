"""Constructing and reading models: what a type checker must accept and reject."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Literal

import attrs
from typing_extensions import assert_type

import glue_security as gs

KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd"

# A list where a sequence is expected passes; the model holds a tuple.
config = gs.EncryptionConfiguration(
    s3_encryption=[gs.S3Encryption(s3_encryption_mode="SSE-KMS", kms_key_arn=KEY)],
    cloud_watch_encryption=gs.CloudWatchEncryption(
        cloud_watch_encryption_mode=gs.CloudWatchEncryptionMode.DISABLED
    ),
)
assert_type(config.s3_encryption, tuple[gs.S3Encryption, ...] | None)
gs.EncryptionConfiguration(s3_encryption=(gs.S3Encryption(),))

# Required members are required, and reading one gives its exact type.
request = gs.CreateSecurityConfigurationRequest(name="prod-etl", encryption_configuration=config)
assert_type(request.name, str)
assert_type(request.encryption_configuration, gs.EncryptionConfiguration)
gs.CreateSecurityConfigurationRequest(name="prod-etl")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
gs.EncryptionAtRest()  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
gs.CreateSecurityConfigurationRequest(name=None, encryption_configuration=config)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]

# Optional members stay optional.
assert_type(gs.S3Encryption().kms_key_arn, str | None)
assert_type(gs.GluePolicy().create_time, datetime | None)

# Enum members: the enum, or its wire string; nothing else.
at_rest = gs.EncryptionAtRest(catalog_encryption_mode="SSE-KMS-WITH-SERVICE-ROLE")
assert_type(at_rest.catalog_encryption_mode, gs.CatalogEncryptionMode)
gs.S3Encryption(s3_encryption_mode="SSEKMS")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
gs.S3Encryption(s3_encryption_mode=gs.CloudWatchEncryptionMode.SSEKMS)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
gs.PutResourcePolicyRequest(policy_in_json="{}", enable_hybrid=True)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def describe(encryption: gs.S3Encryption) -> str:
    mode = encryption.s3_encryption_mode
    assert_type(mode, gs.S3EncryptionMode | None)
    match mode:
        case gs.S3EncryptionMode.SSEKMS:
            return "KMS"
        case gs.S3EncryptionMode.SSES3:
            return "S3"
        case gs.S3EncryptionMode.DISABLED:
            return "off"
        case None:
            return "absent"


assert_type(gs.S3EncryptionMode.SSEKMS.unknown, bool)

# Nested members take the model, not another model or a dict.
gs.EncryptionConfiguration(cloud_watch_encryption=gs.S3Encryption())  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
gs.EncryptionConfiguration(cloud_watch_encryption={"CloudWatchEncryptionMode": "DISABLED"})  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
gs.EncryptionConfiguration(s3_encryption=[gs.CloudWatchEncryption()])  # type: ignore[list-item]  # pyright: ignore[reportArgumentType]
gs.EncryptionConfiguration(s3_encryption=gs.S3Encryption())  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
gs.GetSecurityConfigurationsRequest(max_results="10")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
gs.GluePolicy(create_time=1700000000)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
gs.GluePolicy(create_time=datetime(2024, 5, 6, tzinfo=timezone.utc))

# Models are frozen; attrs.evolve makes a changed copy of the same type.
request.name = "other"  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]
assert_type(attrs.evolve(request, name="other"), gs.CreateSecurityConfigurationRequest)
attrs.fields(gs.S3Encryption)  # every model is an attrs class

# Service errors are exceptions with typed members.
try:
    pass
except gs.EntityNotFoundException as error:
    assert_type(error.from_federation_source, bool | None)
assert_type(gs.error_from_wire({"__type": "EntityNotFoundException"}), gs.GlueServiceError)

# A service error's message is positional, as with any exception; the rest are keywords.
assert_type(gs.EntityNotFoundException("gone").message, str | None)
gs.InvalidInputException("bad", from_federation_source=True)
gs.InvalidInputException("bad", True)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]

# Enum members have Python-style aliases: the same members, to the type checkers too.
assert_type(gs.S3EncryptionMode.SSE_KMS, Literal[gs.S3EncryptionMode.SSEKMS])
assert_type(gs.CatalogEncryptionMode.SSE_KMS_WITH_SERVICE_ROLE, Literal[gs.CatalogEncryptionMode.SSEKMSWITHSERVICEROLE])
assert_type(gs.JobBookmarksEncryptionMode.CSE_KMS, Literal[gs.JobBookmarksEncryptionMode.CSEKMS])
gs.S3Encryption(s3_encryption_mode=gs.S3EncryptionMode.SSE_S3)


def describe_by_alias(encryption: gs.S3Encryption) -> str:
    """Matching on the aliases is exhaustive: they are not members of their own."""
    mode = encryption.s3_encryption_mode
    if mode is None:
        return "absent"
    match mode:
        case gs.S3EncryptionMode.SSE_KMS:
            return "KMS"
        case gs.S3EncryptionMode.SSE_S3:
            return "S3"
        case gs.S3EncryptionMode.DISABLED:
            return "off"
