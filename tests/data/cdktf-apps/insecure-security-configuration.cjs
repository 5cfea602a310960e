// Security configurations that leave data unencrypted: one with every mode DISABLED, one with
// empty blocks (the provider's default mode is DISABLED). A job uses the first by reference, a
// crawler by its name; a job, a crawler and a development endpoint have none at all.
const { App, TerraformStack } = require("cdktf");
const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const { GlueSecurityConfiguration } = require("@cdktf/provider-aws/lib/glue-security-configuration");
const { GlueJob } = require("@cdktf/provider-aws/lib/glue-job");
const { GlueCrawler } = require("@cdktf/provider-aws/lib/glue-crawler");
const { GlueDevEndpoint } = require("@cdktf/provider-aws/lib/glue-dev-endpoint");

const app = new App();
const stack = new TerraformStack(app, "insecure");
new AwsProvider(stack, "aws", { region: "us-east-1" });

const disabled = new GlueSecurityConfiguration(stack, "disabled", {
  name: "disabled",
  encryptionConfiguration: {
    s3Encryption: { s3EncryptionMode: "DISABLED" },
    cloudwatchEncryption: { cloudwatchEncryptionMode: "DISABLED" },
    jobBookmarksEncryption: { jobBookmarksEncryptionMode: "DISABLED" },
  },
});
new GlueSecurityConfiguration(stack, "defaults", {
  name: "defaults",
  encryptionConfiguration: {
    s3Encryption: {},
    cloudwatchEncryption: {},
    jobBookmarksEncryption: {},
  },
});

const roleArn = "arn:aws:iam::111122223333:role/glue-etl";
const command = { scriptLocation: "s3://example-scripts/etl.py" };
const s3Target = [{ path: "s3://example-data/raw/" }];
new GlueJob(stack, "job_with_disabled", {
  name: "with-disabled",
  roleArn,
  command,
  securityConfiguration: disabled.name,
});
new GlueCrawler(stack, "crawler_with_disabled", {
  name: "with-disabled",
  role: roleArn,
  databaseName: "raw",
  s3Target,
  securityConfiguration: "disabled",
});
new GlueJob(stack, "job_without", { name: "without", roleArn, command });
new GlueCrawler(stack, "crawler_without", {
  name: "without",
  role: roleArn,
  databaseName: "raw",
  s3Target,
});
new GlueDevEndpoint(stack, "endpoint_without", { name: "without", roleArn });

// A crawler whose output is not sensitive, its finding suppressed in its comment property
// ("//", beside the metadata cdktf writes there).
const accepted = new GlueCrawler(stack, "crawler_accepted", {
  name: "accepted",
  role: roleArn,
  databaseName: "public",
  s3Target: [{ path: "s3://example-data/public/" }],
});
accepted.addOverride("//.glue-security", "ignore GS212");

app.synth();
