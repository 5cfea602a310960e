variable "kms" {
  type    = string
  default = ""
}
variable "mode" {
  default = "SSE-S3"
}
