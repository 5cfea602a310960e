"""Python-style enum aliases: `S3EncryptionMode.SSE_KMS is S3EncryptionMode.SSEKMS`."""

from __future__ import annotations

import pytest

import glue_security as gs
from glue_security.spec.kinds import WireEnum, python_aliases, with_python_aliases


@pytest.mark.parametrize(
    ("alias", "member"),
    [
        (gs.S3EncryptionMode.SSE_KMS, gs.S3EncryptionMode.SSEKMS),
        (gs.S3EncryptionMode.SSE_S3, gs.S3EncryptionMode.SSES3),
        (gs.CatalogEncryptionMode.SSE_KMS, gs.CatalogEncryptionMode.SSEKMS),
        (
            gs.CatalogEncryptionMode.SSE_KMS_WITH_SERVICE_ROLE,
            gs.CatalogEncryptionMode.SSEKMSWITHSERVICEROLE,
        ),
        (gs.CloudWatchEncryptionMode.SSE_KMS, gs.CloudWatchEncryptionMode.SSEKMS),
        (gs.JobBookmarksEncryptionMode.CSE_KMS, gs.JobBookmarksEncryptionMode.CSEKMS),
        (gs.DataQualityEncryptionMode.SSE_KMS, gs.DataQualityEncryptionMode.SSEKMS),
    ],
)
def test_an_alias_is_the_same_member(alias: WireEnum, member: WireEnum) -> None:
    assert alias is member
    assert type(member)[alias.value.replace("-", "_")] is member


@pytest.mark.parametrize("enum_cls", list(gs.ENUMS.values()), ids=list(gs.ENUMS))
def test_every_member_answers_to_its_python_style_name(enum_cls: type[WireEnum]) -> None:
    for item in enum_cls:
        assert getattr(enum_cls, item.value.replace("-", "_")) is item
        assert getattr(enum_cls, item.name) is item  # the API document's name stays
    # Aliases are not members of their own: iteration and the wire values are unchanged.
    assert len(list(enum_cls)) == len(enum_cls.wire_values())
    assert set(enum_cls.__members__) == {m.name for m in enum_cls} | set(python_aliases(enum_cls))


def test_aliases_change_nothing_on_the_wire() -> None:
    s3 = gs.S3Encryption(s3_encryption_mode=gs.S3EncryptionMode.SSE_KMS, kms_key_arn="")
    assert gs.to_wire(s3) == {"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": ""}
    assert repr(gs.S3EncryptionMode.SSE_KMS) == "<S3EncryptionMode.SSEKMS: 'SSE-KMS'>"
    # On the wire only the wire value is valid; the alias's spelling is suggested against.
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.S3Encryption, {"S3EncryptionMode": "SSE_KMS"})
    assert "did you mean 'SSE-KMS'?" in info.value.errors[0].message


def test_an_alias_never_hides_a_member() -> None:
    with pytest.raises(TypeError, match="SSE_KMS is already defined"):

        @with_python_aliases
        class Clash(WireEnum):
            SSEKMS = "SSE-KMS"
            SSE_KMS = "SSE_KMS"
