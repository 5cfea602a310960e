"""`python -m glue_security.docs DIRECTORY`: the shape reference, as 0.2.0 wrote it.

Kept for scripts written for 0.2.0; `python -m glue_security.generate` writes every generated
file at once. The code is `glue_security.generate.reference`.
"""

from .generate.reference import generate, main, pages_main, render, write_pages

__all__ = ["generate", "main", "pages_main", "render", "write_pages"]

if __name__ == "__main__":
    raise SystemExit(main())
