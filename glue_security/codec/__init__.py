"""The wire codec: from_wire/to_wire and their JSON-text twins, the generated parsers and
writers, the cattrs converter, and reading errors and operations by name.
"""
