# Only resources whose create, read, update and delete are the Glue security operations, so
# that `terraform apply` and `terraform destroy` run against `glue-security serve`.

resource "aws_glue_security_configuration" "weak" {
  name = "weak"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "DISABLED"
    }
    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "DISABLED"
    }
    s3_encryption {
      s3_encryption_mode = "SSE-S3"
    }
  }
}

resource "aws_glue_security_configuration" "strong" {
  name = "strong"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
    s3_encryption {
      s3_encryption_mode = "SSE-KMS"
      kms_key_arn        = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

# The account's catalog, named literally, left unencrypted.
resource "aws_glue_data_catalog_encryption_settings" "unencrypted" {
  catalog_id = "123456789012"

  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = false
    }
    encryption_at_rest {
      catalog_encryption_mode = "DISABLED"
    }
  }
}

# The catalog's resource policy from a policy document data source (computed by the
# provider at plan time, no request): open to every principal, with no condition.

data "aws_iam_policy_document" "open" {
  statement {
    effect    = "Allow"
    actions   = ["glue:GetDatabase", "glue:GetTable"]
    resources = [
      "arn:aws:glue:us-east-1:123456789012:catalog",
      "arn:aws:glue:us-east-1:123456789012:database/*",
    ]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_glue_resource_policy" "open" {
  policy = data.aws_iam_policy_document.open.json
}

