"""``python -m geotext`` runs the command-line interface.

The guard matters: ``--jobs`` starts worker processes with ``spawn``, which import the
main module again; unguarded, each worker would run the command line itself.
"""

import sys

from geotext.cli import main

if __name__ == "__main__":
    sys.exit(main())
