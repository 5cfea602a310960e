// Values a module's variables decide: a variable whose default is DISABLED (lint reports it,
// naming the variable, as a .tfvars file may set another value), one whose default is SSE-KMS,
// and one with no default (unknown until plan: nothing to report).
const { App, TerraformStack, TerraformVariable } = require("cdktf");
const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const { GlueSecurityConfiguration } = require("@cdktf/provider-aws/lib/glue-security-configuration");

const app = new App();
const stack = new TerraformStack(app, "variables");
new AwsProvider(stack, "aws", { region: "us-east-1" });

const s3Mode = new TerraformVariable(stack, "s3_encryption_mode", {
  type: "string",
  default: "DISABLED",
});
const logsMode = new TerraformVariable(stack, "logs_encryption_mode", {
  type: "string",
  default: "SSE-KMS",
});
const keyArn = new TerraformVariable(stack, "kms_key_arn", { type: "string" });

new GlueSecurityConfiguration(stack, "configured", {
  name: "configured",
  encryptionConfiguration: {
    s3Encryption: { s3EncryptionMode: s3Mode.stringValue, kmsKeyArn: keyArn.stringValue },
    cloudwatchEncryption: {
      cloudwatchEncryptionMode: logsMode.stringValue,
      kmsKeyArn: keyArn.stringValue,
    },
    jobBookmarksEncryption: {
      jobBookmarksEncryptionMode: "CSE-KMS",
      kmsKeyArn: keyArn.stringValue,
    },
  },
});

app.synth();
