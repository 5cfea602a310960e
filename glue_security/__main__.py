"""`python -m glue_security`: the same as the `glue-security` command."""

import sys

from ._cli import main

if __name__ == "__main__":
    sys.exit(main())
