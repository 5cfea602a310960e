"""The service model's named shapes that members reuse, each declared exactly once.

Constants are named after the service model's shape (`NameString` -> `NAME_STRING`);
the conformance tests compare each one with botocore's copy of that shape.
"""

from __future__ import annotations

from .kinds import (
    BooleanShape,
    IntegerShape,
    IntRange,
    JsonDocument,
    StringShape,
    TimestampShape,
    Utf8Length,
)
from .patterns import GLUE_RESOURCE_ARN, IAM_ROLE_ARN, KMS_KEY_ARN, SINGLE_LINE

__all__ = [
    "BOOLEAN",
    "CATALOG_ID_STRING",
    "GENERIC_STRING",
    "GLUE_RESOURCE_ARN_STRING",
    "HASH_STRING",
    "IAM_ROLE_ARN_STRING",
    "KMS_KEY_ARN_STRING",
    "MESSAGE_STRING",
    "NAME_STRING",
    "NULLABLE_BOOLEAN",
    "PAGE_SIZE",
    "POLICY_JSON_STRING",
    "TIMESTAMP",
    "TIMESTAMP_VALUE",
    "TOKEN",
]

_SINGLE_LINE_1_255 = Utf8Length(min_length=1, max_length=255)

NAME_STRING = StringShape("NameString", length=_SINGLE_LINE_1_255, pattern=SINGLE_LINE)
CATALOG_ID_STRING = StringShape("CatalogIdString", length=_SINGLE_LINE_1_255, pattern=SINGLE_LINE)
HASH_STRING = StringShape("HashString", length=_SINGLE_LINE_1_255, pattern=SINGLE_LINE)
KMS_KEY_ARN_STRING = StringShape("KmsKeyArn", pattern=KMS_KEY_ARN)
GLUE_RESOURCE_ARN_STRING = StringShape(
    "GlueResourceArn", length=Utf8Length(min_length=1, max_length=10240), pattern=GLUE_RESOURCE_ARN
)
IAM_ROLE_ARN_STRING = StringShape("IAMRoleArn", pattern=IAM_ROLE_ARN)
# The developer guide's Security APIs page bounds policies at 10240 bytes; today's model
# states only the minimum.
POLICY_JSON_STRING = StringShape(
    "PolicyJsonString",
    length=Utf8Length(min_length=2, max_length=10240),
    json=JsonDocument(max_depth=64),
)
GENERIC_STRING = StringShape("GenericString")
TOKEN = StringShape("Token")
MESSAGE_STRING = StringShape("MessageString")

PAGE_SIZE = IntegerShape("PageSize", range=IntRange(minimum=1, maximum=1000))
BOOLEAN = BooleanShape("Boolean")
NULLABLE_BOOLEAN = BooleanShape("NullableBoolean")
TIMESTAMP = TimestampShape("Timestamp")
TIMESTAMP_VALUE = TimestampShape("TimestampValue")
