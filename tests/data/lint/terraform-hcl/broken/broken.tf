resource "aws_glue_security_configuration" "broken" {
  name = "x"
  encryption_configuration {
    s3_encryption = {
  }
