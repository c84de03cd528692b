from __future__ import annotations

from typing import Any

import pytest

from storydiff.analyse import capitalised_spans_heuristic, find_entities

LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "MISC"}


def test_english_model_finds_people_places_and_groups(spans_ok: Any) -> None:
    text = "Angela Merkel met officials of the World Bank in Paris.\n\nFrench voters were angry."
    found = find_entities(text, "en")
    spans_ok(text, found)
    pairs = {(e.text, e.label) for e in found}
    assert ("Angela Merkel", "PERSON") in pairs
    assert ("Paris", "GPE") in pairs
    assert any(e.text.endswith("World Bank") and e.label == "ORG" for e in found)
    assert ("French", "NORP") in pairs
    assert {e.label for e in found} <= LABELS


def test_numeric_labels_are_dropped_and_spans_never_cross_lines(spans_ok: Any) -> None:
    text = "Photo Jane Doe\n\nThree hundred people came on Monday to London."
    found = find_entities(text, "en")
    spans_ok(text, found)
    assert all("\n" not in e.text and e.text == e.text.strip() for e in found)
    assert not any(e.text in ("Three hundred", "Monday") for e in found)


def test_french_model_maps_per_to_person(spans_ok: Any) -> None:
    text = "Le président Emmanuel Macron a rencontré Angela Merkel à Berlin, selon l'AFP."
    found = find_entities(text, "fr")
    spans_ok(text, found)
    labels = {e.text: e.label for e in found}
    assert labels.get("Emmanuel Macron") == "PERSON"
    assert labels.get("Angela Merkel") == "PERSON"
    assert labels.get("Berlin") in ("LOC", "GPE")


def test_other_languages_use_the_capitalisation_heuristic(spans_ok: Any) -> None:
    text = "Dün akşam Ankara'da Recep Tayyip Erdoğan konuştu. Bakan geldi."
    found = find_entities(text, "tr")
    spans_ok(text, found)
    assert [e.text for e in found] == ["Ankara", "Recep Tayyip Erdoğan"]
    assert {e.label for e in found} == {"MISC"}


def test_heuristic_keeps_connectors_and_drops_sentence_initial_words(spans_ok: Any) -> None:
    text = "Kemarin Bank of England dan Presiden Joko Widodo bertemu. Mereka bertemu kemarin."
    found = capitalised_spans_heuristic(text, "id")
    spans_ok(text, found)
    assert [e.text for e in found] == ["Bank of England", "Presiden Joko Widodo"]


def test_heuristic_needs_two_words_in_german() -> None:
    found = capitalised_spans_heuristic("Gestern traf der Kanzler Olaf Scholz die Presse.", "de")
    assert [e.text for e in found] == ["Kanzler Olaf Scholz"]


@pytest.mark.parametrize(("text", "names"), [
    ("Das sagte Chefvolkswirt Thomas Gitzel von der VP Bank aus Liechtenstein.",
     ["Chefvolkswirt Thomas Gitzel", "VP Bank"]),
    ("Nach den Drohungen von US-Präsident Donald Trump reagierte Iran.",
     ["US-Präsident Donald Trump"]),
    ("Der Sicherheitsrat der Vereinten Nationen tagt.", ["Vereinten Nationen"]),
    # a name with a particle stays one name
    ("Gestern sprach Ursula von der Leyen in Brüssel.", ["Ursula von der Leyen"]),
    ("Karl-Theodor zu Guttenberg trat zurück.", ["Karl-Theodor zu Guttenberg"]),
])
def test_german_particles_join_only_a_name(text: str, names: list[str], spans_ok: Any) -> None:
    found = capitalised_spans_heuristic(text, "de")
    spans_ok(text, found)
    assert [e.text for e in found] == names


def test_spacy_loads_without_importing_torch() -> None:
    """Where torch is installed (the gpu extra), loading a spaCy pipeline leaves it unimported
    (1.4 s of cold start), and ``import torch`` still works afterwards."""
    import subprocess
    import sys

    pytest.importorskip("torch")
    code = ("import sys; from storydiff.analyse.entities import find_entities; "
            "find_entities('Angela Merkel visited Paris on Monday.', 'en'); "
            "print('torch' in sys.modules); import torch; print(bool(torch.__version__))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "True"]


def test_a_paragraph_read_once_is_not_read_again(monkeypatch: pytest.MonkeyPatch,
                                                  spans_ok: Any) -> None:
    """A text analysed again up to a cut (the second-story reading) reuses the spans of the
    paragraphs spaCy already read, and they are the spans a first reading gives."""
    from storydiff.analyse import entities

    monkeypatch.setattr(entities, "_CHUNK_SPANS", entities._ChunkSpans(8))
    text = ("Angela Merkel met officials of the World Bank in Paris.\n\n"
            "Boris Johnson flew to Madrid on Monday.\n\nThe Red Cross sent aid to Haiti.")
    first = find_entities(text, "en")
    spans_ok(text, first)
    read: list[str] = []
    nlp = entities._pipeline("en")
    pipe = type(nlp).pipe

    def counted(self: Any, texts: Any, **kwargs: Any) -> Any:
        chunks = list(texts)
        read.extend(chunks)
        return pipe(self, chunks, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", counted)
    cut = text[: text.index("The Red")] + "The Red Cross"
    again = find_entities(cut, "en")
    assert read == ["The Red Cross"]  # only the paragraph the cut changed
    before = [(e.start, e.text, e.label) for e in first if e.end <= text.index("The Red")]
    assert [(e.start, e.text, e.label) for e in again][: len(before)] == before
    assert len(before) >= 4


def test_the_paragraph_spans_kept_are_bounded() -> None:
    from storydiff.analyse.entities import _ChunkSpans

    kept, nlp = _ChunkSpans(2), object()
    for chunk in ("one", "two", "three"):
        kept.put(nlp, chunk, ((0, 1, "ORG"),))
    assert kept.get(nlp, "one") is None
    assert kept.get(nlp, "three") == ((0, 1, "ORG"),)
    assert kept.get(object(), "three") is None  # another pipeline's spans are its own
