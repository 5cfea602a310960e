// The Data Catalog's resource policy, written three ways: an aws_iam_policy_document data
// source (its `json`), Fn.jsonencode of an object, and a literal JSON string. The first two
// grant this account read access to one database; the jsonencode one in the third stack is
// open to every principal. Then policies that name the account aws_caller_identity reads.
const { App, TerraformStack, Fn } = require("cdktf");
const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const {
  DataAwsIamPolicyDocument,
} = require("@cdktf/provider-aws/lib/data-aws-iam-policy-document");
const { GlueResourcePolicy } = require("@cdktf/provider-aws/lib/glue-resource-policy");
const { DataAwsCallerIdentity } = require("@cdktf/provider-aws/lib/data-aws-caller-identity");

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

// The account read at plan time (aws_caller_identity), in the resources' ARNs and in the
// principal: those parts are unknown, the rest still decides what the policy grants.
function inThisAccount(name, principal, condition) {
  const made = stack(name);
  const caller = new DataAwsCallerIdentity(made, "current", {});
  const resource = `arn:aws:glue:us-east-1:${caller.accountId}:catalog`;
  const statement = { Effect: "Allow", Action: actions, Resource: [resource] };
  statement.Principal = principal(caller);
  if (condition) statement.Condition = condition(caller);
  const document = { Version: "2012-10-17", Statement: [statement] };
  new GlueResourcePolicy(made, "policy", { policy: Fn.jsonencode(document) });
}

inThisAccount("caller-account", (caller) => ({ AWS: `arn:aws:iam::${caller.accountId}:root` }));
inThisAccount("caller-account-open", () => "*");
inThisAccount(
  "caller-account-open-with-condition",
  () => "*",
  (caller) => ({ StringEquals: { "aws:PrincipalAccount": caller.accountId } }),
);

app.synth();
