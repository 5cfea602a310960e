"""JSON Schema (draft 2020-12) export of every shape, and the schema of envelope files for
editors, read from the same member metadata as the validators.
"""
