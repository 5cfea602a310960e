// A security configuration that encrypts everything with a key of the stack, and a job, a
// crawler and a development endpoint that use it: lint must say nothing. The job and the
// crawler name it by reference (`${aws_glue_security_configuration.encrypted.name}`), the
// endpoint by its name as a literal.
const { App, TerraformStack } = require("cdktf");
const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const { KmsKey } = require("@cdktf/provider-aws/lib/kms-key");
const { GlueSecurityConfiguration } = require("@cdktf/provider-aws/lib/glue-security-configuration");
const { GlueJob } = require("@cdktf/provider-aws/lib/glue-job");
const { GlueCrawler } = require("@cdktf/provider-aws/lib/glue-crawler");
const { GlueDevEndpoint } = require("@cdktf/provider-aws/lib/glue-dev-endpoint");

const app = new App();
const stack = new TerraformStack(app, "secure");
new AwsProvider(stack, "aws", { region: "us-east-1" });

const key = new KmsKey(stack, "key", { enableKeyRotation: true });
const encrypted = new GlueSecurityConfiguration(stack, "encrypted", {
  name: "encrypted-everywhere",
  encryptionConfiguration: {
    s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: key.arn },
    cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: key.arn },
    jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: key.arn },
  },
});

const roleArn = "arn:aws:iam::111122223333:role/glue-etl";
new GlueJob(stack, "job", {
  name: "etl",
  roleArn,
  command: { scriptLocation: "s3://example-scripts/etl.py" },
  securityConfiguration: encrypted.name,
});
new GlueCrawler(stack, "crawler", {
  name: "raw",
  role: roleArn,
  databaseName: "raw",
  s3Target: [{ path: "s3://example-data/raw/" }],
  securityConfiguration: encrypted.name,
});
new GlueDevEndpoint(stack, "endpoint", {
  name: "notebooks",
  roleArn,
  securityConfiguration: "encrypted-everywhere",
});

app.synth();
