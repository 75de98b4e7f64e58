"""Shared pieces of geotext's learned components.

Every shipped model is one ``.pt`` file under ``geotext/data/models/``: a plain
dictionary of tensors and JSON-like metadata, written with :func:`save_weights` and read
with :func:`load_weights` through ``torch.load(..., weights_only=True)``, so loading never
runs pickled code. Files are read lazily, once per process.
"""

from geotext.learn.weights import ModelWeights, load_weights, read_weights, save_weights, weights_path

__all__ = ["ModelWeights", "load_weights", "read_weights", "save_weights", "weights_path"]
