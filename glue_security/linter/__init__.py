"""`glue-security lint`: the engine, the rules (`rules/`, one module per family, each rule's
record next to its check) and the inputs (`inputs/`, one module per kind of document).
"""
