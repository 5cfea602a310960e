// A mistake the types let through: a key's ID (key.keyId, a Ref) or an alias's name where
// a security configuration takes a KMS key ARN. CloudFormation's Ref of a key is its ID;
// key.keyArn (Fn::GetAtt) is what belongs there, as in the bookmarks' part.
const cdk = require("aws-cdk-lib");
const glue = require("aws-cdk-lib/aws-glue");
const kms = require("aws-cdk-lib/aws-kms");

const app = new cdk.App();
const stack = new cdk.Stack(app, "KeyIdWhereAnArnBelongs");

const key = new kms.Key(stack, "Key", { enableKeyRotation: true });
const alias = new kms.Alias(stack, "Alias", { aliasName: "alias/etl", targetKey: key });
new glue.CfnSecurityConfiguration(stack, "KeyIds", {
  name: "key-ids",
  encryptionConfiguration: {
    s3Encryptions: [{ s3EncryptionMode: "SSE-KMS", kmsKeyArn: key.keyId }],
    cloudWatchEncryption: { cloudWatchEncryptionMode: "SSE-KMS", kmsKeyArn: alias.aliasName },
    jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: key.keyArn },
  },
});

app.synth();
