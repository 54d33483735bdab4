"""``python -m hskg.cli``: the ``hskg`` command."""

import sys

from . import main

sys.exit(main())
