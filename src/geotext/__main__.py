"""``python -m geotext`` runs the command-line interface."""

import sys

from geotext.cli import main

sys.exit(main())
