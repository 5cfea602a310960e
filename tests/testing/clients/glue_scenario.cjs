// The client scenario of tests/testing/test_serve_clients.py, through the AWS SDK for JavaScript v3.
// The endpoint, region and credentials come from the environment (AWS_ENDPOINT_URL_GLUE,
// AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), as a user's program would read them.
// Prints one JSON object: what each step observed.
"use strict";
const glue = require("@aws-sdk/client-glue");

const policy = process.env.SCENARIO_POLICY;
const encryption = JSON.parse(process.env.SCENARIO_ENCRYPTION);

async function code(promise) {
  try {
    await promise;
    return "no error";
  } catch (error) {
    return error.name;
  }
}

async function main() {
  const client = new glue.GlueClient({ maxAttempts: 1 });
  const seen = {};
  seen.created = [];
  for (const name of ["cfg-a", "cfg-b", "cfg-c"]) {
    const out = await client.send(
      new glue.CreateSecurityConfigurationCommand({ Name: name, EncryptionConfiguration: encryption })
    );
    seen.created.push(out.Name);
  }
  seen.duplicate = await code(
    client.send(new glue.CreateSecurityConfigurationCommand({ Name: "cfg-a", EncryptionConfiguration: encryption }))
  );
  const got = await client.send(new glue.GetSecurityConfigurationCommand({ Name: "cfg-a" }));
  seen.got = {
    encryption: got.SecurityConfiguration.EncryptionConfiguration,
    created_is_date: got.SecurityConfiguration.CreatedTimeStamp instanceof Date,
  };
  seen.pages = [];
  for await (const page of glue.paginateGetSecurityConfigurations({ client, pageSize: 2 }, {})) {
    seen.pages.push(page.SecurityConfigurations.map((c) => c.Name));
  }
  const first = await client.send(
    new glue.PutResourcePolicyCommand({ PolicyInJson: policy, PolicyExistsCondition: "NOT_EXIST" })
  );
  const read = await client.send(new glue.GetResourcePolicyCommand({}));
  seen.policy_read_back = read.PolicyInJson === policy && read.PolicyHash === first.PolicyHash;
  const second = await client.send(
    new glue.PutResourcePolicyCommand({
      PolicyInJson: policy.replace("GetTable", "GetTables"),
      PolicyExistsCondition: "MUST_EXIST",
      PolicyHashCondition: first.PolicyHash,
    })
  );
  seen.stale_hash = await code(
    client.send(new glue.PutResourcePolicyCommand({ PolicyInJson: policy, PolicyHashCondition: first.PolicyHash }))
  );
  await client.send(new glue.DeleteResourcePolicyCommand({ PolicyHashCondition: second.PolicyHash }));
  seen.policy_after_delete = await code(client.send(new glue.GetResourcePolicyCommand({})));
  await client.send(new glue.DeleteSecurityConfigurationCommand({ Name: "cfg-b" }));
  seen.deleted = await code(client.send(new glue.GetSecurityConfigurationCommand({ Name: "cfg-b" })));
  seen.invalid = await code(
    client.send(new glue.CreateSecurityConfigurationCommand({ Name: "x".repeat(256), EncryptionConfiguration: {} }))
  );
  seen.unknown_operation = await code(client.send(new glue.GetDatabasesCommand({})));
  process.stdout.write(JSON.stringify(seen) + "\n");
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
