// The Data Catalog's resource policy, written three ways: an aws_iam_policy_document data
// source (its `json`), Fn.jsonencode of an object, and a literal JSON string. The first two
// grant this account read access to one database; the jsonencode one in the last stack is open
// to every principal.
const { App, TerraformStack, Fn } = require("cdktf");
const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const {
  DataAwsIamPolicyDocument,
} = require("@cdktf/provider-aws/lib/data-aws-iam-policy-document");
const { GlueResourcePolicy } = require("@cdktf/provider-aws/lib/glue-resource-policy");

const app = new App();
const account = "111122223333";
const actions = ["glue:GetDatabase", "glue:GetTable", "glue:GetTables"];
const resources = [
  `arn:aws:glue:us-east-1:${account}:catalog`,
  `arn:aws:glue:us-east-1:${account}:database/sales`,
  `arn:aws:glue:us-east-1:${account}:table/sales/*`,
];

function stack(name) {
  const made = new TerraformStack(app, name);
  new AwsProvider(made, "aws", { region: "us-east-1" });
  return made;
}

const fromDocument = stack("policy-document");
const document = new DataAwsIamPolicyDocument(fromDocument, "read_sales", {
  statement: [
    {
      actions,
      resources,
      principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${account}:root`] }],
    },
  ],
});
new GlueResourcePolicy(fromDocument, "policy", { policy: document.json });

function policy(principal) {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: principal, Action: actions, Resource: resources }],
  };
}

new GlueResourcePolicy(stack("literal"), "policy", {
  policy: JSON.stringify(policy({ AWS: `arn:aws:iam::${account}:root` })),
});
new GlueResourcePolicy(stack("jsonencode-open"), "policy", {
  policy: Fn.jsonencode(policy("*")),
});

app.synth();
