// A security configuration with every mode DISABLED, a job and a crawler that use it (by Ref),
// and a job and crawlers with no security configuration at all.
const cdk = require("aws-cdk-lib");
const glue = require("aws-cdk-lib/aws-glue");

const app = new cdk.App();
const stack = new cdk.Stack(app, "InsecureSecurityConfiguration");

const disabled = new glue.CfnSecurityConfiguration(stack, "Disabled", {
  name: "disabled",
  encryptionConfiguration: {
    s3Encryptions: [{ s3EncryptionMode: "DISABLED" }],
    cloudWatchEncryption: { cloudWatchEncryptionMode: "DISABLED" },
    jobBookmarksEncryption: { jobBookmarksEncryptionMode: "DISABLED" },
  },
});

const role = "arn:aws:iam::111122223333:role/glue-etl";
const command = { name: "glueetl", scriptLocation: "s3://example-scripts/etl.py" };
const targets = { s3Targets: [{ path: "s3://example-data/raw/" }] };

new glue.CfnJob(stack, "JobWithDisabled", { role, command, securityConfiguration: disabled.ref });
new glue.CfnCrawler(stack, "CrawlerWithDisabled", {
  role,
  targets,
  crawlerSecurityConfiguration: disabled.ref,
});
new glue.CfnJob(stack, "JobWithout", { role, command });
new glue.CfnCrawler(stack, "CrawlerWithout", { role, targets });

// A crawler whose output is not sensitive, its finding suppressed in its metadata (beside
// the aws:cdk:path the CDK writes there).
const accepted = new glue.CfnCrawler(stack, "CrawlerAccepted", { role, targets });
accepted.addMetadata("glue-security", { ignore: ["GS212"] });

app.synth();
