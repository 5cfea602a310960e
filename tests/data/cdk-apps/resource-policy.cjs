// The Data Catalog's resource policy. CloudFormation has no resource type for it, so CDK apps
// set it with a custom resource that calls PutResourcePolicy (custom-resources'
// AwsCustomResource), the policy written with aws-iam's PolicyDocument. Two stacks: one
// granting this account read access to one database, one open to every principal.
const cdk = require("aws-cdk-lib");
const cr = require("aws-cdk-lib/custom-resources");
const iam = require("aws-cdk-lib/aws-iam");

const app = new cdk.App();

function putResourcePolicy(stack, principal) {
  const arn = (resource, resourceName) =>
    stack.formatArn({ service: "glue", resource, resourceName });
  const policy = new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        principals: [principal],
        actions: ["glue:GetDatabase", "glue:GetTable", "glue:GetTables"],
        resources: [arn("catalog"), arn("database", "sales"), arn("table", "sales/*")],
      }),
    ],
  });
  // Create only where no policy is, update only the policy there is: a policy written by
  // anybody else (Lake Formation writes grants there too) is not overwritten unseen.
  const put = (condition) => ({
    service: "Glue",
    action: "putResourcePolicy",
    parameters: { PolicyInJson: stack.toJsonString(policy), PolicyExistsCondition: condition },
    physicalResourceId: cr.PhysicalResourceId.of("catalog-resource-policy"),
  });
  new cr.AwsCustomResource(stack, "CatalogResourcePolicy", {
    onCreate: put("NOT_EXIST"),
    onUpdate: put("MUST_EXIST"),
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
      resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE,
    }),
  });
}

putResourcePolicy(new cdk.Stack(app, "ScopedResourcePolicy"), new iam.AccountRootPrincipal());
putResourcePolicy(new cdk.Stack(app, "OpenResourcePolicy"), new iam.AnyPrincipal());

app.synth();
