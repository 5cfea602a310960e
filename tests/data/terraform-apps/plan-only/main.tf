# Resources that Terraform plans but `glue-security serve` cannot create (jobs, crawlers and
# development endpoints are other operations), and a second resource policy and catalog
# setting (one of each per catalog: the applied app has the others).
#
# Jobs, crawlers and a development endpoint naming a security configuration by `.name` and by
# `.id` (the same value; `.id` is known only after apply), and one of each naming none.

resource "aws_glue_security_configuration" "weak" {
  name = "weak"

  # Empty blocks: each mode is the provider's default, DISABLED.
  encryption_configuration {
    cloudwatch_encryption {}
    job_bookmarks_encryption {}
    s3_encryption {}
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

resource "aws_glue_job" "weak_by_name" {
  name                   = "weak-by-name"
  role_arn               = "arn:aws:iam::123456789012:role/glue"
  security_configuration = aws_glue_security_configuration.weak.name

  command {
    script_location = "s3://example-bucket/job.py"
  }
}

resource "aws_glue_job" "weak_by_id" {
  name                   = "weak-by-id"
  role_arn               = "arn:aws:iam::123456789012:role/glue"
  security_configuration = aws_glue_security_configuration.weak.id

  command {
    script_location = "s3://example-bucket/job.py"
  }
}

resource "aws_glue_job" "strong_by_id" {
  name                   = "strong-by-id"
  role_arn               = "arn:aws:iam::123456789012:role/glue"
  security_configuration = aws_glue_security_configuration.strong.id

  command {
    script_location = "s3://example-bucket/job.py"
  }
}

resource "aws_glue_job" "without" {
  name     = "without"
  role_arn = "arn:aws:iam::123456789012:role/glue"

  command {
    script_location = "s3://example-bucket/job.py"
  }
}

resource "aws_glue_crawler" "weak_by_id" {
  name                   = "weak-by-id"
  role                   = "arn:aws:iam::123456789012:role/glue"
  database_name          = "example"
  security_configuration = aws_glue_security_configuration.weak.id

  s3_target {
    path = "s3://example-bucket/data/"
  }
}

resource "aws_glue_crawler" "strong_by_name" {
  name                   = "strong-by-name"
  role                   = "arn:aws:iam::123456789012:role/glue"
  database_name          = "example"
  security_configuration = aws_glue_security_configuration.strong.name

  s3_target {
    path = "s3://example-bucket/data/"
  }
}

resource "aws_glue_crawler" "without" {
  name          = "without"
  role          = "arn:aws:iam::123456789012:role/glue"
  database_name = "example"

  s3_target {
    path = "s3://example-bucket/data/"
  }
}

resource "aws_glue_dev_endpoint" "weak_by_id" {
  name                   = "weak-by-id"
  role_arn               = "arn:aws:iam::123456789012:role/glue"
  security_configuration = aws_glue_security_configuration.weak.id
}

# The catalog's resource policy, open to every principal with no condition.
resource "aws_glue_resource_policy" "open" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["glue:GetDatabase", "glue:GetTable"]
      Resource  = ["arn:aws:glue:us-east-1:123456789012:catalog", "arn:aws:glue:us-east-1:123456789012:database/*"]
    }]
  })
}

# The catalog's encryption, all of it with the AWS managed key.
resource "aws_glue_data_catalog_encryption_settings" "aws_managed_key" {
  catalog_id = "123456789012"

  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = true
    }
    encryption_at_rest {
      catalog_encryption_mode = "SSE-KMS"
    }
  }
}
