"""`python -m glue_security.lint_docs DIRECTORY`: the lint rule pages, as 0.2.0 wrote them.

Kept for scripts written for 0.2.0; `python -m glue_security.generate` writes every generated
file at once. The code is `glue_security.generate.rule_pages`.
"""

from .generate.rule_pages import main, render

__all__ = ["main", "render"]

if __name__ == "__main__":
    raise SystemExit(main())
