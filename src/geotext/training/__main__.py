"""``python -m geotext.training MODEL ...``: see :mod:`geotext.training`."""

from __future__ import annotations

import sys

from geotext.training import main

if __name__ == "__main__":
    sys.exit(main())
