# The provider block of docs/serve.md ("Configuring clients"), with every endpoint a
# variable: no AWS account, no credential, account, metadata or region look-up, and every
# endpoint on loopback. Planning reads nothing (-refresh=false); `endpoint` is a closed
# port unless a test points it at `glue-security serve`. The test copies this file into
# each app, and checks that it is the docs' block.
variable "endpoint" {
  type    = string
  default = "http://127.0.0.1:1"
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true # no STS to ask
  skip_requesting_account_id  = true # the account is not looked up
  skip_metadata_api_check     = true # no instance metadata
  skip_region_validation      = true
  max_retries                 = 1    # an error is final: no back-off

  endpoints {
    glue = var.endpoint
    # Everything else on loopback too, so that nothing reaches AWS by mistake.
    iam = var.endpoint
    kms = var.endpoint
    s3  = var.endpoint
    sts = var.endpoint
  }
}
