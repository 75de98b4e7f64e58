"""Offset-preserving text repair (see :mod:`geotext.repair.fixes`)."""

from geotext.repair.fixes import repair
from geotext.repair.offsets import Edit, OffsetMap

__all__ = ["Edit", "OffsetMap", "repair"]
