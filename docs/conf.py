"""Sphinx configuration for geotext."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

project = "geotext"
author = "geotext developers"
copyright = "2026, geotext developers"
release = "0.1.0"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True  # attrs fields are documented by autodoc already


def _online(host: str) -> bool:
    try:
        with socket.create_connection((host, 443), timeout=3):
            return True
    except OSError:
        return False


# Links to the Python and attrs docs need their inventories from the network. Build
# machines without one (CI here) would turn the fetch failure into an error under -W,
# so intersphinx is only configured when the hosts answer; offline, those references
# render as plain text.
intersphinx_mapping = {
    name: (url, None)
    for name, url, host in (
        ("python", "https://docs.python.org/3", "docs.python.org"),
        ("attrs", "https://www.attrs.org/en/stable/", "www.attrs.org"),
    )
    if _online(host)
}
intersphinx_timeout = 5
nitpicky = False
html_theme = "alabaster"
exclude_patterns = ["_build"]
# Docstring examples pulled in by autodoc run here without their module's globals;
# give them the public names they use (pytest runs them in-module as well).
doctest_global_setup = """
import datetime
import geotext
from geotext import *
from geotext.actors import *
from geotext.quotes import *
from geotext.hedges import *
"""
os.environ.setdefault(
    "GEOTEXT_STANZA_DIR", str(Path(__file__).resolve().parents[2] / "shared" / "stanza_resources")
)
