"""The version of glue-security: one place, read by the package and by its build."""

__version__ = "0.2.0"
