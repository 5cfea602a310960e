// The account's Data Catalog encryption settings (one per account and region, so one stack
// each): SSE-KMS with a key of the stack and connection passwords encrypted with it; SSE-KMS
// with no key (the AWS-managed alias/aws/glue); nothing encrypted.
const { App, TerraformStack } = require("cdktf");
const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const { KmsKey } = require("@cdktf/provider-aws/lib/kms-key");
const { DataAwsCallerIdentity } = require("@cdktf/provider-aws/lib/data-aws-caller-identity");
const {
  GlueDataCatalogEncryptionSettings,
} = require("@cdktf/provider-aws/lib/glue-data-catalog-encryption-settings");

const app = new App();

function settings(name, dataCatalogEncryptionSettings) {
  const stack = new TerraformStack(app, name);
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const key = new KmsKey(stack, "key", { enableKeyRotation: true });
  const caller = new DataAwsCallerIdentity(stack, "current", {});
  new GlueDataCatalogEncryptionSettings(stack, "settings", {
    catalogId: caller.accountId,
    dataCatalogEncryptionSettings: dataCatalogEncryptionSettings(key),
  });
}

settings("catalog-with-key", (key) => ({
  encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: key.arn },
  connectionPasswordEncryption: {
    returnConnectionPasswordEncrypted: true,
    awsKmsKeyId: key.arn,
  },
}));
settings("catalog-aws-managed-key", () => ({
  encryptionAtRest: { catalogEncryptionMode: "SSE-KMS" },
  connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true },
}));
settings("catalog-unencrypted", () => ({
  encryptionAtRest: { catalogEncryptionMode: "DISABLED" },
  connectionPasswordEncryption: { returnConnectionPasswordEncrypted: false },
}));

app.synth();
