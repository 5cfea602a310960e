resource "aws_glue_security_configuration" "x" {
  name = "n-${var.mode}"
  # glue-security:ignore GS204
  encryption_configuration {
    cloudwatch_encryption {}
    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn = var.kms
    }
    s3_encryption {
      kms_key_arn = aws_kms_key.k.arn
      s3_encryption_mode = var.mode
    }
  }
}
resource "aws_glue_resource_policy" "p" {
  policy = data.aws_iam_policy_document.p.json
}
data "aws_iam_policy_document" "p" {
  statement {
    actions = ["glue:*", "s3:GetObject"]
    resources = ["arn:aws:glue:us-east-1:111122223333:*"]
    principals {
      type = "AWS"
      identifiers = ["*"]
    }
  }
}
resource "aws_glue_data_catalog_encryption_settings" "c" {
  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = false
    }
    encryption_at_rest {
      catalog_encryption_mode = "SSE-KMS"
    }
  }
}
