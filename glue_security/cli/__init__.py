"""The `glue-security` command: one module per command (`validate` and its tools, `lint`),
what they share, and the report formats (text, json, sarif, github).
"""
