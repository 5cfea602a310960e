resource "aws_glue_security_configuration" "weak" {
  name = "etl"
  encryption_configuration {
    cloudwatch_encryption {}
    job_bookmarks_encryption {}
    s3_encryption {
      s3_encryption_mode = "SSE-S3"
    }
  }
}

resource "aws_glue_job" "uses_weak" {
  name                   = "j"
  role_arn               = "r"
  security_configuration = aws_glue_security_configuration.weak.name
  command {
    script_location = "s3://b/s.py"
  }
}

resource "aws_glue_crawler" "none" {
  name          = "c"
  role          = "r"
  database_name = "d"
}

resource "aws_glue_dev_endpoint" "by_name" {
  name                   = "e"
  role_arn               = "r"
  security_configuration = "etl"
}

resource "aws_glue_data_catalog_encryption_settings" "a" {
  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = true
      aws_kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
    encryption_at_rest {
      catalog_encryption_mode = "SSE-KMS"
      sse_aws_kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

resource "aws_glue_data_catalog_encryption_settings" "b" {
  catalog_id = data.aws_caller_identity.current.account_id
  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = true
      aws_kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
    encryption_at_rest {
      catalog_encryption_mode = "SSE-KMS"
      sse_aws_kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

# A crawler writes only CloudWatch logs through its configuration: weak here (GS213);
# the development endpoint above writes only Amazon S3 output, encrypted here (no GS213).
resource "aws_glue_crawler" "by_name" {
  name                           = "c2"
  role                           = "r"
  database_name                  = "d"
  security_configuration         = "etl"
}
