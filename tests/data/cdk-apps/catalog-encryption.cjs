// The account's Data Catalog encrypted with SSE-KMS, in two stacks (one setting per account
// and region): with a customer managed key, and with no key (the AWS-managed alias/aws/glue).
const cdk = require("aws-cdk-lib");
const glue = require("aws-cdk-lib/aws-glue");
const kms = require("aws-cdk-lib/aws-kms");

const app = new cdk.App();

const withKey = new cdk.Stack(app, "CatalogWithKey");
const key = new kms.Key(withKey, "CatalogKey", { enableKeyRotation: true });
new glue.CfnDataCatalogEncryptionSettings(withKey, "Settings", {
  catalogId: cdk.Aws.ACCOUNT_ID,
  dataCatalogEncryptionSettings: {
    encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: key.keyId },
    connectionPasswordEncryption: {
      returnConnectionPasswordEncrypted: true,
      kmsKeyId: key.keyArn,
    },
  },
});

const awsManaged = new cdk.Stack(app, "CatalogAwsManagedKey");
new glue.CfnDataCatalogEncryptionSettings(awsManaged, "Settings", {
  catalogId: awsManaged.account,
  dataCatalogEncryptionSettings: {
    encryptionAtRest: { catalogEncryptionMode: "SSE-KMS" },
    connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true },
  },
});

app.synth();
