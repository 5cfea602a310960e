"""`glue-security lint`'s engine: the rules (records and checks), and the inputs
(API payloads, CloudFormation, Terraform plans) mapped to the API's wire payloads.
"""
