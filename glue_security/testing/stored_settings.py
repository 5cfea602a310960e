"""What the in-memory service fills in and answers beyond the shapes: catalog encryption
settings as the service stores them, and its answer to `ResourceArn` on PutResourcePolicy.
The rules themselves are data in `models.service_rules`; docs/semantics.md says where each
comes from.

`SSE-KMS` without `SseAwsKmsKeyId`, and connection password encryption without
`AwsKmsKeyId` (lint's GS107), are stored with the AWS-managed key.
"""

from __future__ import annotations

import attrs

from ..models.data_types import DataCatalogEncryptionSettings, EncryptionAtRest
from ..models.service_rules import AWS_MANAGED_KEY, KEYED_MODES

__all__ = [
    "RESOURCE_LEVEL_POLICY_MESSAGE",
    "settings_as_stored",
]

(_CATALOG_KEY,) = (rule for rule in KEYED_MODES if rule.model is EncryptionAtRest)
#: What the service has answered a PutResourcePolicy with ResourceArn.
RESOURCE_LEVEL_POLICY_MESSAGE = "Glue resource level policy is not currently supported"



def settings_as_stored(settings: DataCatalogEncryptionSettings) -> DataCatalogEncryptionSettings:
    """The settings as the service keeps (and reads back) them: the AWS-managed key filled
    in where a mode that defaults to it names none (the service rules' `defaulted_modes`),
    and for connection passwords encrypted without a key (lint's GS107). What the service
    refuses (a role mode without its role) is refused before, by `breaches`."""
    at_rest = settings.encryption_at_rest
    if (
        at_rest is not None
        and at_rest.sse_aws_kms_key_id is None
        and at_rest.catalog_encryption_mode in _CATALOG_KEY.defaulted_modes
    ):
        at_rest = attrs.evolve(at_rest, sse_aws_kms_key_id=AWS_MANAGED_KEY)
    passwords = settings.connection_password_encryption
    if (
        passwords is not None
        and passwords.return_connection_password_encrypted
        and passwords.aws_kms_key_id is None
    ):
        passwords = attrs.evolve(passwords, aws_kms_key_id=AWS_MANAGED_KEY)
    unchanged = passwords is settings.connection_password_encryption
    if unchanged and at_rest is settings.encryption_at_rest:
        return settings
    return attrs.evolve(
        settings, encryption_at_rest=at_rest, connection_password_encryption=passwords
    )
