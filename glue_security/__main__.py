"""`python -m glue_security`: the same as the `glue-security` command."""

import sys

from .cli.main import main

if __name__ == "__main__":
    sys.exit(main())
