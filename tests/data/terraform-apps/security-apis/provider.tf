# No AWS account: static made-up keys, no credential, account, metadata or region look-up,
# and every endpoint on loopback. Planning reads nothing (-refresh=false); `endpoint` is a
# closed port unless a test points it at `glue-security serve`.
variable "endpoint" {
  type    = string
  default = "http://127.0.0.1:1"
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "AKIAIOSFODNN7EXAMPLE"
  secret_key                  = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  max_retries                 = 1

  endpoints {
    glue = var.endpoint
    iam  = var.endpoint
    kms  = var.endpoint
    s3   = var.endpoint
    sts  = var.endpoint
  }
}
