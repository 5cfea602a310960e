"""Build-time generators: the typing stubs and `glue_security.wire`, the shape reference and
the lint rule pages. `python -m glue_security.generate [--check]` runs them all.
"""
