// Security configurations that encrypt everything, and jobs that use them: lint must say nothing.
// The L1 construct takes the key's ARN (a Fn::GetAtt); the L2 one makes a key per part itself.
const cdk = require("aws-cdk-lib");
const glue = require("aws-cdk-lib/aws-glue");
const iam = require("aws-cdk-lib/aws-iam");
const kms = require("aws-cdk-lib/aws-kms");
const s3 = require("aws-cdk-lib/aws-s3");
const glueAlpha = require("@aws-cdk/aws-glue-alpha");

const app = new cdk.App();
const stack = new cdk.Stack(app, "SecureSecurityConfigurations");

const key = new kms.Key(stack, "EtlKey", { enableKeyRotation: true });
const l1 = new glue.CfnSecurityConfiguration(stack, "EncryptedEverywhere", {
  name: "encrypted-everywhere",
  encryptionConfiguration: {
    s3Encryptions: [{ s3EncryptionMode: "SSE-KMS", kmsKeyArn: key.keyArn }],
    cloudWatchEncryption: { cloudWatchEncryptionMode: "SSE-KMS", kmsKeyArn: key.keyArn },
    jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: key.keyArn },
  },
});

const l2 = new glueAlpha.SecurityConfiguration(stack, "L2Encrypted", {
  s3Encryption: { mode: glueAlpha.S3EncryptionMode.KMS },
  cloudWatchEncryption: { mode: glueAlpha.CloudWatchEncryptionMode.KMS },
  jobBookmarksEncryption: { mode: glueAlpha.JobBookmarksEncryptionMode.CLIENT_SIDE_KMS },
});

const scripts = new s3.Bucket(stack, "Scripts");
const role = new iam.Role(stack, "JobRole", {
  assumedBy: new iam.ServicePrincipal("glue.amazonaws.com"),
});

// An L2 job with the L2 configuration: its name is a Ref to the configuration.
new glueAlpha.PythonShellJob(stack, "L2Job", {
  script: glueAlpha.Code.fromBucket(scripts, "etl.py"),
  role,
  securityConfiguration: l2,
});

// L1 jobs, a crawler and a development endpoint with the L1 configuration: its name as a
// Ref, and as the literal name.
new glue.CfnJob(stack, "L1Job", {
  role: role.roleArn,
  command: { name: "glueetl", scriptLocation: scripts.s3UrlForObject("etl.py") },
  securityConfiguration: l1.ref,
});
new glue.CfnCrawler(stack, "Crawler", {
  role: role.roleArn,
  targets: { s3Targets: [{ path: scripts.s3UrlForObject("data/") }] },
  crawlerSecurityConfiguration: "encrypted-everywhere",
});
new glue.CfnDevEndpoint(stack, "Endpoint", {
  roleArn: role.roleArn,
  securityConfiguration: l1.ref,
});

app.synth();
