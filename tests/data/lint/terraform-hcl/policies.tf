resource "aws_glue_resource_policy" "heredoc" {
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "glue:*", "Resource": "*"}]
    }
  POLICY
}

resource "aws_glue_resource_policy" "encoded" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["glue:GetTable"]
      Resource  = ["arn:aws:glue:us-east-1:111122223333:catalog"]
    }]
  })
}

resource "aws_glue_resource_policy" "unknown" {
  policy = data.aws_iam_policy_document.elsewhere.json
}
