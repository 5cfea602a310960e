"""validate_request, parse_response, from_wire and to_wire: their return types."""

from __future__ import annotations

from typing import Any

from typing_extensions import assert_type

import glue_security as gs
from glue_security import wire

PAYLOAD: dict[str, Any] = {}

# validate_request and parse_response are overloaded on the operation's name, wire or boto3.
assert_type(
    gs.validate_request("CreateSecurityConfiguration", PAYLOAD),
    gs.CreateSecurityConfigurationRequest,
)
assert_type(
    gs.validate_request("create_security_configuration", PAYLOAD),
    gs.CreateSecurityConfigurationRequest,
)
assert_type(gs.validate_request("PutResourcePolicy", PAYLOAD), gs.PutResourcePolicyRequest)
assert_type(
    gs.validate_request("GetDataCatalogEncryptionSettings", PAYLOAD),
    gs.GetDataCatalogEncryptionSettingsRequest,
)
assert_type(
    gs.parse_response("GetSecurityConfigurations", PAYLOAD),
    gs.GetSecurityConfigurationsResponse,
)
assert_type(gs.parse_response("get_resource_policies", PAYLOAD), gs.GetResourcePoliciesResponse)
assert_type(gs.parse_response("DeleteResourcePolicy", PAYLOAD), gs.DeleteResourcePolicyResponse)


def by_name(name: str) -> None:
    assert_type(gs.validate_request(name, PAYLOAD), gs.Request)
    assert_type(gs.parse_response(name, PAYLOAD), gs.Response)


# from_wire returns the class it is given.
assert_type(gs.from_wire(gs.S3Encryption, PAYLOAD), gs.S3Encryption)
assert_type(gs.from_json(gs.GluePolicy, "{}"), gs.GluePolicy)
gs.from_wire(dict, PAYLOAD)  # type: ignore[type-var]  # pyright: ignore[reportArgumentType]

# to_wire returns the shape's TypedDict, with required keys required.
request = gs.DeleteSecurityConfigurationRequest(name="prod-etl")
wire_form = gs.to_wire(request)
assert_type(wire_form, wire.DeleteSecurityConfigurationRequest)
assert_type(wire_form["Name"], str)
at_rest = gs.to_wire(gs.EncryptionAtRest(catalog_encryption_mode="DISABLED"))
assert_type(at_rest["CatalogEncryptionMode"], wire.CatalogEncryptionMode)
assert_type(
    gs.to_wire(gs.EncryptionConfiguration()).get("S3Encryption"), list[wire.S3Encryption] | None
)
gs.to_wire({"Name": "prod-etl"})  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
missing: wire.DeleteSecurityConfigurationRequest = {}  # type: ignore[typeddict-item]  # pyright: ignore[reportAssignmentType]
misspelt: wire.S3Encryption = {"S3EncryptionMode": "SSEKMS"}  # type: ignore[typeddict-item]  # pyright: ignore[reportAssignmentType]


def any_model(model: gs.Model) -> dict[str, Any]:
    return gs.to_wire(model)
