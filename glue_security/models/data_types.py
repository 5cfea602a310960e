"""The data types of the Glue Security API: the nine of the developer guide's Security APIs
page, and one added since."""

from __future__ import annotations

from datetime import datetime

import attrs

from ..spec.kinds import ADDED_AFTER_GUIDE_NOTE, EnumShape, ListShape, StructureShape, member
from ..spec.shapes import (
    BOOLEAN,
    HASH_STRING,
    IAM_ROLE_ARN_STRING,
    KMS_KEY_ARN_STRING,
    NAME_STRING,
    POLICY_JSON_STRING,
    TIMESTAMP,
    TIMESTAMP_VALUE,
)
from .base import Model
from .enums import (
    CatalogEncryptionMode,
    CloudWatchEncryptionMode,
    DataQualityEncryptionMode,
    JobBookmarksEncryptionMode,
    S3EncryptionMode,
)

__all__ = [
    "CloudWatchEncryption",
    "ConnectionPasswordEncryption",
    "DataCatalogEncryptionSettings",
    "DataQualityEncryption",
    "EncryptionAtRest",
    "EncryptionConfiguration",
    "GluePolicy",
    "JobBookmarksEncryption",
    "S3Encryption",
    "SecurityConfiguration",
]

_KMS_KEY_DOC = "ARN of the KMS key that encrypts the data; the empty string means none."


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class EncryptionAtRest(Model):
    """How the Data Catalog encrypts its metadata at rest."""

    catalog_encryption_mode: CatalogEncryptionMode = member(
        "CatalogEncryptionMode",
        EnumShape("CatalogEncryptionMode", CatalogEncryptionMode),
        required=True,
        doc="Whether catalog metadata is encrypted, and how.",
    )
    sse_aws_kms_key_id: str | None = member(
        "SseAwsKmsKeyId",
        NAME_STRING,
        doc="The KMS key (id, alias or ARN) that encrypts catalog metadata.",
    )
    catalog_encryption_service_role: str | None = member(
        "CatalogEncryptionServiceRole",
        IAM_ROLE_ARN_STRING,
        doc="ARN of the IAM role AWS Glue assumes to use the key for the catalog.",
        added=ADDED_AFTER_GUIDE_NOTE,
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class ConnectionPasswordEncryption(Model):
    """Encryption of connection passwords stored in the Data Catalog.

    Independent of catalog encryption: with it on, a password is encrypted with its own
    key before the connection object is (optionally) encrypted as a whole.
    """

    return_connection_password_encrypted: bool = member(
        "ReturnConnectionPasswordEncrypted",
        BOOLEAN,
        required=True,
        doc="When true, GetConnection and GetConnections return passwords still encrypted.",
    )
    aws_kms_key_id: str | None = member(
        "AwsKmsKeyId",
        NAME_STRING,
        doc="The KMS key (id, alias or ARN) that encrypts connection passwords.",
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class DataCatalogEncryptionSettings(Model):
    """The Data Catalog's security settings: metadata encryption and password encryption."""

    encryption_at_rest: EncryptionAtRest | None = member(
        "EncryptionAtRest",
        StructureShape(EncryptionAtRest),
        doc="Encryption of catalog metadata at rest.",
    )
    connection_password_encryption: ConnectionPasswordEncryption | None = member(
        "ConnectionPasswordEncryption",
        StructureShape(ConnectionPasswordEncryption),
        doc="Encryption of connection passwords, on its own or beside catalog encryption.",
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class S3Encryption(Model):
    """How data that AWS Glue writes to Amazon S3 is encrypted."""

    s3_encryption_mode: S3EncryptionMode | None = member(
        "S3EncryptionMode",
        EnumShape("S3EncryptionMode", S3EncryptionMode),
        doc="No encryption, SSE-KMS with the given key, or SSE-S3.",
    )
    kms_key_arn: str | None = member("KmsKeyArn", KMS_KEY_ARN_STRING, doc=_KMS_KEY_DOC)


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class CloudWatchEncryption(Model):
    """How logs that AWS Glue writes to Amazon CloudWatch are encrypted."""

    cloud_watch_encryption_mode: CloudWatchEncryptionMode | None = member(
        "CloudWatchEncryptionMode",
        EnumShape("CloudWatchEncryptionMode", CloudWatchEncryptionMode),
        doc="No encryption, or SSE-KMS with the given key.",
    )
    kms_key_arn: str | None = member("KmsKeyArn", KMS_KEY_ARN_STRING, doc=_KMS_KEY_DOC)


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class JobBookmarksEncryption(Model):
    """How job bookmarks are encrypted."""

    job_bookmarks_encryption_mode: JobBookmarksEncryptionMode | None = member(
        "JobBookmarksEncryptionMode",
        EnumShape("JobBookmarksEncryptionMode", JobBookmarksEncryptionMode),
        doc="No encryption, or client-side encryption (CSE-KMS) with the given key.",
    )
    kms_key_arn: str | None = member("KmsKeyArn", KMS_KEY_ARN_STRING, doc=_KMS_KEY_DOC)


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class DataQualityEncryption(Model):
    """How data-quality results are encrypted (added after the developer guide's Security
    APIs page)."""

    data_quality_encryption_mode: DataQualityEncryptionMode | None = member(
        "DataQualityEncryptionMode",
        EnumShape("DataQualityEncryptionMode", DataQualityEncryptionMode),
        doc="No encryption, or SSE-KMS with the given key.",
    )
    kms_key_arn: str | None = member("KmsKeyArn", KMS_KEY_ARN_STRING, doc=_KMS_KEY_DOC)


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class EncryptionConfiguration(Model):
    """The encryption settings a security configuration applies, one block per target."""

    s3_encryption: tuple[S3Encryption, ...] | None = member(
        "S3Encryption",
        ListShape("S3EncryptionList", StructureShape(S3Encryption)),
        doc="Encryption of data written to Amazon S3 (a list; the API takes one entry).",
    )
    cloud_watch_encryption: CloudWatchEncryption | None = member(
        "CloudWatchEncryption",
        StructureShape(CloudWatchEncryption),
        doc="Encryption of logs written to Amazon CloudWatch.",
    )
    job_bookmarks_encryption: JobBookmarksEncryption | None = member(
        "JobBookmarksEncryption",
        StructureShape(JobBookmarksEncryption),
        doc="Encryption of job bookmarks.",
    )
    data_quality_encryption: DataQualityEncryption | None = member(
        "DataQualityEncryption",
        StructureShape(DataQualityEncryption),
        doc="Encryption of data-quality results.",
        added=ADDED_AFTER_GUIDE_NOTE,
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class SecurityConfiguration(Model):
    """A named set of encryption settings that jobs, crawlers and endpoints can use."""

    name: str | None = member("Name", NAME_STRING, doc="The security configuration's name.")
    # The wire spells this `CreatedTimeStamp`, unlike CreateSecurityConfigurationResponse.
    created_time_stamp: datetime | None = member(
        "CreatedTimeStamp", TIMESTAMP_VALUE, doc="When the configuration was created (UTC)."
    )
    encryption_configuration: EncryptionConfiguration | None = member(
        "EncryptionConfiguration",
        StructureShape(EncryptionConfiguration),
        doc="The encryption settings the configuration applies.",
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class GluePolicy(Model):
    """A resource policy as GetResourcePolicies returns it."""

    policy_in_json: str | None = member(
        "PolicyInJson", POLICY_JSON_STRING, doc="The policy document, as JSON text."
    )
    policy_hash: str | None = member(
        "PolicyHash", HASH_STRING, doc="Hash of the policy, for conditional updates."
    )
    create_time: datetime | None = member(
        "CreateTime", TIMESTAMP, doc="When the policy was created (UTC)."
    )
    update_time: datetime | None = member(
        "UpdateTime", TIMESTAMP, doc="When the policy was last updated (UTC)."
    )
