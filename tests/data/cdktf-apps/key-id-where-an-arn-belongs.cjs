// A mistake the types let through: a key's ID (key.keyId, or key.id) or an alias's name
// where a security configuration takes a KMS key ARN. All are strings to cdktf; key.arn is
// what belongs there, as in the bookmarks' part.
const { App, TerraformStack } = require("cdktf");
const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const { KmsKey } = require("@cdktf/provider-aws/lib/kms-key");
const { KmsAlias } = require("@cdktf/provider-aws/lib/kms-alias");
const { GlueSecurityConfiguration } = require("@cdktf/provider-aws/lib/glue-security-configuration");

const app = new App();
const stack = new TerraformStack(app, "key-ids");
new AwsProvider(stack, "aws", { region: "us-east-1" });

const key = new KmsKey(stack, "key", { enableKeyRotation: true });
const alias = new KmsAlias(stack, "alias", { name: "alias/etl", targetKeyId: key.keyId });
new GlueSecurityConfiguration(stack, "key_ids", {
  name: "key-ids",
  encryptionConfiguration: {
    s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: key.keyId },
    cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: alias.name },
    jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: key.arn },
  },
});

app.synth();
