"""The API's enums. A member's value is its wire string; its name is the label the developer
guide's Security APIs page gives it (`SSEKMS`), and its Python-style name (`SSE_KMS`, the wire
value with `_` for `-`) is an alias of the same member, added by `with_python_aliases`."""

from __future__ import annotations

from collections.abc import Mapping

from ..spec.kinds import WireEnum, with_python_aliases

__all__ = [
    "ADDED_AFTER_DEVELOPER_GUIDE",
    "CatalogEncryptionMode",
    "CloudWatchEncryptionMode",
    "DataQualityEncryptionMode",
    "EnableHybridValues",
    "ExistCondition",
    "JobBookmarksEncryptionMode",
    "S3EncryptionMode",
]


@with_python_aliases
class CatalogEncryptionMode(WireEnum):
    """How the Data Catalog encrypts its metadata at rest."""

    DISABLED = "DISABLED"
    SSEKMS = "SSE-KMS"
    #: SSE-KMS through a service role you name (added after the developer guide's Security
    #: APIs page).
    SSEKMSWITHSERVICEROLE = "SSE-KMS-WITH-SERVICE-ROLE"


@with_python_aliases
class S3EncryptionMode(WireEnum):
    """How AWS Glue encrypts the data it writes to Amazon S3."""

    DISABLED = "DISABLED"
    SSEKMS = "SSE-KMS"
    SSES3 = "SSE-S3"


@with_python_aliases
class CloudWatchEncryptionMode(WireEnum):
    """How AWS Glue encrypts the logs it writes to Amazon CloudWatch."""

    DISABLED = "DISABLED"
    SSEKMS = "SSE-KMS"


@with_python_aliases
class JobBookmarksEncryptionMode(WireEnum):
    """How AWS Glue encrypts job bookmarks (client-side, with a KMS key)."""

    DISABLED = "DISABLED"
    CSEKMS = "CSE-KMS"


@with_python_aliases
class DataQualityEncryptionMode(WireEnum):
    """How AWS Glue encrypts data-quality results (added after the developer guide's
    Security APIs page)."""

    DISABLED = "DISABLED"
    SSEKMS = "SSE-KMS"


@with_python_aliases
class ExistCondition(WireEnum):
    """Whether `PutResourcePolicy` requires a policy to exist, not to exist, or neither."""

    MUST_EXIST = "MUST_EXIST"
    NOT_EXIST = "NOT_EXIST"
    NONE = "NONE"


@with_python_aliases
class EnableHybridValues(WireEnum):
    """Whether the resource policy is combined with Lake Formation-style grants."""

    TRUE = "TRUE"
    FALSE = "FALSE"


#: Enum values that today's service model has and the developer guide's Security APIs page
#: does not.
ADDED_AFTER_DEVELOPER_GUIDE: Mapping[type[WireEnum], frozenset[str]] = {
    CatalogEncryptionMode: frozenset({CatalogEncryptionMode.SSEKMSWITHSERVICEROLE.value}),
    DataQualityEncryptionMode: frozenset(DataQualityEncryptionMode.wire_values()),
}
