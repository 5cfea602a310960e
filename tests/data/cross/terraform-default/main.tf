variable "security_configuration" {
  default = null
}
resource "aws_glue_job" "etl" {
  name                   = "etl"
  role_arn               = "r"
  security_configuration = var.security_configuration
  command {
    script_location = "s3://b/s.py"
  }
}
