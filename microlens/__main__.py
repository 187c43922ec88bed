import sys

from .cli import main

try:
    sys.exit(main())
except BrokenPipeError:   # output piped into `head`: stop quietly like other command-line tools
    sys.exit(0)
