"""Embed the sentences of every training text ahead of analysis (claims are mostly sentences).

Usage: ``OMP_NUM_THREADS=1 python -m training.scorer.prewarm``
"""

from __future__ import annotations

from storydiff.analyse import split_sentences
from storydiff.evaluate.semeval import load_semeval, semeval_clean_text

from .embed_texts import TRAIN_CSV
from .store_encoder import StoreEncoder


def main() -> None:
    """Split each text as the pipeline would and embed the sentences in batches."""
    pairs = load_semeval(TRAIN_CSV)
    encoder = StoreEncoder()
    seen: set[str] = set()
    batch: list[str] = []
    for pair in pairs:
        for text, lang in ((pair.text1, pair.lang1), (pair.text2, pair.lang2)):
            if text in seen:
                continue
            seen.add(text)
            clean = semeval_clean_text(text, pair.pair_id, lang)
            batch += [s.text for s in split_sentences(clean.text, lang)]
            if len(batch) >= 64:
                encoder.encode(batch)
                batch = []
                print(f"{len(seen)} texts, {len(encoder.store)} sentences", flush=True)
    encoder.encode(batch)
    encoder.save()


if __name__ == "__main__":
    main()
