"""The encryption settings the service and posture rules read: for each, its mode member,
key member, the modes that need the key and the mode that leaves data unencrypted."""

from __future__ import annotations

from typing import Any

import attrs

from ...models.base import Model
from ...models.data_types import (
    CloudWatchEncryption,
    DataQualityEncryption,
    EncryptionAtRest,
    JobBookmarksEncryption,
    S3Encryption,
)
from ...models.enums import (
    CatalogEncryptionMode,
    CloudWatchEncryptionMode,
    DataQualityEncryptionMode,
    JobBookmarksEncryptionMode,
    S3EncryptionMode,
)
from ...spec.kinds import WireEnum
from ..subject import Unknown
from .record import wire_name

__all__ = ["BLOCKS", "Block", "mode_of"]


@attrs.frozen
class Block:
    """An encryption setting: its mode member, key member, the modes that need the key,
    and the modes that encrypt (the others leave the data unencrypted)."""

    model: type[Model]
    mode: str
    key: str
    kms_modes: frozenset[WireEnum]
    disabled: WireEnum


BLOCKS: dict[type[Model], Block] = {
    block.model: block
    for block in (
        Block(
            S3Encryption,
            wire_name(S3Encryption, "s3_encryption_mode"),
            wire_name(S3Encryption, "kms_key_arn"),
            frozenset({S3EncryptionMode.SSEKMS}),
            S3EncryptionMode.DISABLED,
        ),
        Block(
            JobBookmarksEncryption,
            wire_name(JobBookmarksEncryption, "job_bookmarks_encryption_mode"),
            wire_name(JobBookmarksEncryption, "kms_key_arn"),
            frozenset({JobBookmarksEncryptionMode.CSEKMS}),
            JobBookmarksEncryptionMode.DISABLED,
        ),
        Block(
            DataQualityEncryption,
            wire_name(DataQualityEncryption, "data_quality_encryption_mode"),
            wire_name(DataQualityEncryption, "kms_key_arn"),
            frozenset({DataQualityEncryptionMode.SSEKMS}),
            DataQualityEncryptionMode.DISABLED,
        ),
        Block(
            EncryptionAtRest,
            wire_name(EncryptionAtRest, "catalog_encryption_mode"),
            wire_name(EncryptionAtRest, "sse_aws_kms_key_id"),
            frozenset({CatalogEncryptionMode.SSEKMS, CatalogEncryptionMode.SSEKMSWITHSERVICEROLE}),
            CatalogEncryptionMode.DISABLED,
        ),
        Block(
            CloudWatchEncryption,
            wire_name(CloudWatchEncryption, "cloud_watch_encryption_mode"),
            wire_name(CloudWatchEncryption, "kms_key_arn"),
            frozenset({CloudWatchEncryptionMode.SSEKMS}),
            CloudWatchEncryptionMode.DISABLED,
        ),
    )
}


def mode_of(block: Block, value: dict[str, Any]) -> WireEnum | Unknown | None:
    """The block's mode as its enum member; DISABLED where left out (the service's
    default); an `Unknown` where not known; None where not a valid mode (a schema rule
    reports that)."""
    mode = value.get(block.mode)
    if isinstance(mode, Unknown):
        return mode
    if mode is None:
        return block.disabled
    enum = type(block.disabled)
    return enum(mode) if isinstance(mode, str) and mode in enum.wire_values() else None
