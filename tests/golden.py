"""One table of golden cases, (model instance, wire dict), used in both directions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import glue_security as gs

UTC = timezone.utc
KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
KMS_CN = "arn:aws-cn:kms:cn-north-1:111122223333:key/abc"
ROLE = "arn:aws:iam::111122223333:role/GlueCatalogEncryption"
GLUE_ARN = "arn:aws:glue:us-east-1:111122223333:catalog"
POLICY = (
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'
    '"Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"glue:GetDatabase",'
    '"Resource":"arn:aws:glue:us-east-1:111122223333:catalog"}]}'
)
WHEN = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
WHEN_FRACTION = WHEN + timedelta(microseconds=250000)

FULL_ENCRYPTION = gs.EncryptionConfiguration(
    s3_encryption=(
        gs.S3Encryption(s3_encryption_mode=gs.S3EncryptionMode.SSEKMS, kms_key_arn=KMS),
    ),
    cloud_watch_encryption=gs.CloudWatchEncryption(
        cloud_watch_encryption_mode=gs.CloudWatchEncryptionMode.SSEKMS, kms_key_arn=KMS_CN
    ),
    job_bookmarks_encryption=gs.JobBookmarksEncryption(
        job_bookmarks_encryption_mode=gs.JobBookmarksEncryptionMode.CSEKMS, kms_key_arn=KMS
    ),
    data_quality_encryption=gs.DataQualityEncryption(
        data_quality_encryption_mode=gs.DataQualityEncryptionMode.DISABLED, kms_key_arn=""
    ),
)
FULL_ENCRYPTION_WIRE: dict[str, Any] = {
    "S3Encryption": [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": KMS}],
    "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": KMS_CN},
    "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "CSE-KMS", "KmsKeyArn": KMS},
    "DataQualityEncryption": {"DataQualityEncryptionMode": "DISABLED", "KmsKeyArn": ""},
}
CATALOG_SETTINGS = gs.DataCatalogEncryptionSettings(
    encryption_at_rest=gs.EncryptionAtRest(
        catalog_encryption_mode=gs.CatalogEncryptionMode.SSEKMSWITHSERVICEROLE,
        sse_aws_kms_key_id="alias/catalog",
        catalog_encryption_service_role=ROLE,
    ),
    connection_password_encryption=gs.ConnectionPasswordEncryption(
        return_connection_password_encrypted=True, aws_kms_key_id=KMS
    ),
)
CATALOG_SETTINGS_WIRE: dict[str, Any] = {
    "EncryptionAtRest": {
        "CatalogEncryptionMode": "SSE-KMS-WITH-SERVICE-ROLE",
        "SseAwsKmsKeyId": "alias/catalog",
        "CatalogEncryptionServiceRole": ROLE,
    },
    "ConnectionPasswordEncryption": {"ReturnConnectionPasswordEncrypted": True, "AwsKmsKeyId": KMS},
}

REQUESTS: list[tuple[gs.Request, dict[str, Any]]] = [
    (gs.GetDataCatalogEncryptionSettingsRequest(), {}),
    (
        gs.GetDataCatalogEncryptionSettingsRequest(catalog_id="111122223333"),
        {"CatalogId": "111122223333"},
    ),
    (
        gs.PutDataCatalogEncryptionSettingsRequest(
            catalog_id="111122223333", data_catalog_encryption_settings=CATALOG_SETTINGS
        ),
        {"CatalogId": "111122223333", "DataCatalogEncryptionSettings": CATALOG_SETTINGS_WIRE},
    ),
    (
        gs.PutDataCatalogEncryptionSettingsRequest(
            data_catalog_encryption_settings=gs.DataCatalogEncryptionSettings(
                encryption_at_rest=gs.EncryptionAtRest(
                    catalog_encryption_mode=gs.CatalogEncryptionMode.DISABLED
                )
            )
        ),
        {
            "DataCatalogEncryptionSettings": {
                "EncryptionAtRest": {"CatalogEncryptionMode": "DISABLED"}
            }
        },
    ),
    (
        gs.PutResourcePolicyRequest(
            policy_in_json=POLICY,
            resource_arn=GLUE_ARN,
            policy_hash_condition="abc123==",
            policy_exists_condition=gs.ExistCondition.MUST_EXIST,
            enable_hybrid=gs.EnableHybridValues.FALSE,
        ),
        {
            "PolicyInJson": POLICY,
            "ResourceArn": GLUE_ARN,
            "PolicyHashCondition": "abc123==",
            "PolicyExistsCondition": "MUST_EXIST",
            "EnableHybrid": "FALSE",
        },
    ),
    (gs.PutResourcePolicyRequest(policy_in_json="{}"), {"PolicyInJson": "{}"}),
    (gs.GetResourcePolicyRequest(), {}),
    (gs.GetResourcePolicyRequest(resource_arn=GLUE_ARN), {"ResourceArn": GLUE_ARN}),
    (
        gs.DeleteResourcePolicyRequest(policy_hash_condition="h", resource_arn=GLUE_ARN),
        {"PolicyHashCondition": "h", "ResourceArn": GLUE_ARN},
    ),
    (
        gs.CreateSecurityConfigurationRequest(
            name="prod-etl", encryption_configuration=FULL_ENCRYPTION
        ),
        {"Name": "prod-etl", "EncryptionConfiguration": FULL_ENCRYPTION_WIRE},
    ),
    (
        gs.CreateSecurityConfigurationRequest(
            name="é\U0001f600\tname", encryption_configuration=gs.EncryptionConfiguration()
        ),
        {"Name": "é\U0001f600\tname", "EncryptionConfiguration": {}},
    ),
    (gs.DeleteSecurityConfigurationRequest(name="prod-etl"), {"Name": "prod-etl"}),
    (gs.GetSecurityConfigurationRequest(name="prod-etl"), {"Name": "prod-etl"}),
    (
        gs.GetSecurityConfigurationsRequest(max_results=1000, next_token="tok"),
        {"MaxResults": 1000, "NextToken": "tok"},
    ),
    (gs.GetResourcePoliciesRequest(max_results=1), {"MaxResults": 1}),
]

RESPONSES: list[tuple[gs.Response, dict[str, Any]]] = [
    (
        gs.GetDataCatalogEncryptionSettingsResponse(
            data_catalog_encryption_settings=CATALOG_SETTINGS
        ),
        {"DataCatalogEncryptionSettings": CATALOG_SETTINGS_WIRE},
    ),
    (gs.PutDataCatalogEncryptionSettingsResponse(), {}),
    (gs.PutResourcePolicyResponse(policy_hash="h=="), {"PolicyHash": "h=="}),
    (
        gs.GetResourcePolicyResponse(
            policy_in_json=POLICY, policy_hash="h", create_time=WHEN, update_time=WHEN_FRACTION
        ),
        {
            "PolicyInJson": POLICY,
            "PolicyHash": "h",
            "CreateTime": 1714979289,
            "UpdateTime": 1714979289.25,
        },
    ),
    (gs.DeleteResourcePolicyResponse(), {}),
    (
        gs.CreateSecurityConfigurationResponse(name="prod-etl", created_timestamp=WHEN),
        {"Name": "prod-etl", "CreatedTimestamp": 1714979289},
    ),
    (gs.DeleteSecurityConfigurationResponse(), {}),
    (
        gs.GetSecurityConfigurationResponse(
            security_configuration=gs.SecurityConfiguration(
                name="prod-etl", created_time_stamp=WHEN, encryption_configuration=FULL_ENCRYPTION
            )
        ),
        {
            "SecurityConfiguration": {
                "Name": "prod-etl",
                "CreatedTimeStamp": 1714979289,
                "EncryptionConfiguration": FULL_ENCRYPTION_WIRE,
            }
        },
    ),
    (
        gs.GetSecurityConfigurationsResponse(
            security_configurations=(
                gs.SecurityConfiguration(name="a"),
                gs.SecurityConfiguration(name="b", created_time_stamp=WHEN_FRACTION),
            ),
            next_token="more",
        ),
        {
            "SecurityConfigurations": [
                {"Name": "a"},
                {"Name": "b", "CreatedTimeStamp": 1714979289.25},
            ],
            "NextToken": "more",
        },
    ),
    (
        gs.GetSecurityConfigurationsResponse(security_configurations=()),
        {"SecurityConfigurations": []},
    ),
    (
        gs.GetResourcePoliciesResponse(
            get_resource_policies_response_list=(
                gs.GluePolicy(policy_in_json=POLICY, policy_hash="h", create_time=WHEN),
            )
        ),
        {
            "GetResourcePoliciesResponseList": [
                {"PolicyInJson": POLICY, "PolicyHash": "h", "CreateTime": 1714979289}
            ]
        },
    ),
]

ERRORS: list[tuple[gs.GlueServiceError, dict[str, Any]]] = [
    (
        gs.EntityNotFoundException(message="gone", from_federation_source=False),
        {
            "Message": "gone",
            "FromFederationSource": False,
        },
    ),
    (gs.InvalidInputException(message="bad"), {"Message": "bad"}),
    (gs.AlreadyExistsException(), {}),
]

ALL: list[tuple[gs.Model, dict[str, Any]]] = [*REQUESTS, *RESPONSES, *ERRORS]
