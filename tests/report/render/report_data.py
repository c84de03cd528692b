"""A hand-built comparison report (two short flood stories), optionally laced with an attack."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Payloads that must come out as text in every renderer, never as markup or code.
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "[bold red]RED[/bold red] | cell | `code` *em*",
)

Builder = Callable[[str], dict[str, Any]]


def _claims(text: str, sentences: list[str]) -> list[dict[str, Any]]:
    """Claim dicts for ``sentences``, found in order in ``text``."""
    out, pos = [], 0
    for index, sentence in enumerate(sentences):
        start = text.index(sentence, pos)
        pos = start + len(sentence)
        out.append({"index": index, "sentence": index, "start": start, "end": pos,
                    "text": sentence})
    return out


def _span(text: str, part: str, after: int = 0) -> dict[str, Any]:
    """The span dict of ``part`` inside ``text`` (first occurrence from ``after``)."""
    start = text.index(part, after)
    return {"start": start, "end": start + len(part), "text": part}


def _cspan(claim: dict[str, Any]) -> dict[str, Any]:
    """The span dict of a claim."""
    return {"start": claim["start"], "end": claim["end"], "text": claim["text"]}


def _document(side: str, meta: dict[str, Any], sentences: list[str], sep: str) -> dict[str, Any]:
    """A document dict whose clean text is ``sentences`` joined by ``sep``."""
    text = sentences[0] + "\n" + sep.join(sentences[1:])
    claims = _claims(text, sentences)
    return {"side": side, **meta, "clean_text": text,
            "sentences": [{"start": c["start"], "end": c["end"]} for c in claims],
            "claims": claims}


def build_report(payload: str = "") -> dict[str, Any]:
    """A realistic report dict; ``payload`` is injected into every article-derived string."""
    p = f" {payload}" if payload else ""
    a_sentences = [
        f"Flood forces 1,200 from homes in Riverton{p}",
        "Heavy rain caused the Mill River to burst its banks on Tuesday, officials said.",
        "About 1,200 residents were evacuated from low-lying districts.",
        "Mayor Ana Ruiz said the city had opened three shelters.",
        f'"We are doing everything we can{p}," she told reporters.',
        "Forecasters expect more rain on Thursday.",
    ]
    b_sentences = [
        "Riverton flood: 1,500 evacuated",
        f"The Mill River burst its banks on Tuesday after heavy rain{p}, officials said.",
        "Some 1,500 residents were evacuated from low-lying districts.",
        "Mayor Ana Ruiz said the city had opened three shelters.",
        f"Schools will stay closed until Friday{p}.",
        "Forecasters expect more rain on Thursday.",
    ]
    a = _document("a", {"source": f"wire/riverton.txt{p}", "title": a_sentences[0],
                        "author": f"Jo Park{p}", "published": "2024-03-12", "language": "en",
                        "removed_lines": [
                            {"line_no": 2, "text": f"Share this article{p}",
                             "reason": "share button"},
                            {"line_no": 9, "text": "Pin It", "reason": "share button"},
                            {"line_no": 10, "text": f"© Wire 2024{p}", "reason": f"copyright{p}"},
                        ]}, a_sentences, " ")
    b = _document("b", {"source": f"https://example.org/flood{p}", "title": b_sentences[0],
                        "author": None, "published": "2024-03-13", "language": "en",
                        "removed_lines": []}, b_sentences, "\n\n")
    return _assemble(a, b, payload)


def _link(a: dict[str, Any], b: dict[str, Any], i: int, j: int, relation: str,
          sim: float) -> dict[str, Any]:
    """A link dict between claim ``i`` of ``a`` and claim ``j`` of ``b``."""
    ca, cb = a["claims"][i], b["claims"][j]
    return {"a": i, "b": j, "relation": relation, "similarity": sim,
            "lexical": 1.0 if relation == "same_wording" else 0.4,
            "a_span": _cspan(ca), "b_span": _cspan(cb)}


def _assemble(a: dict[str, Any], b: dict[str, Any], payload: str) -> dict[str, Any]:
    """The whole report around two documents."""
    p = f" {payload}" if payload else ""
    links = [_link(a, b, *spec) for spec in [
        (0, 0, "paraphrase", 0.81), (0, 2, "partial", 0.55), (1, 1, "paraphrase", 0.93),
        (2, 2, "paraphrase", 0.88), (3, 3, "same_wording", 1.0), (5, 5, "same_wording", 1.0)]]
    ta, tb = a["clean_text"], b["clean_text"]
    disc_a = _span(ta, "About 1,200", a["claims"][2]["start"])
    disc_b = _span(tb, "Some 1,500", b["claims"][2]["start"])
    summary = ("Same story (p=0.91); 6 linked claims, 1 only in A, 1 only in B; 1 discrepancies; "
               "83% of A and 83% of B matched.")
    return {
        "schema_version": "1.2",
        "identical": False,
        "verdict": {"same_story": 0.91, "label": "same story", "method": "test-scorer",
                    "summary": summary,
                    "dimensions": {"geography": 1.1, "entities": 1.4, "time": 1.2,
                                   "narrative": 1.8, "overall": 1.5, "style": 2.6, "tone": 2.2}},
        "documents": [a, b],
        "alignment": {"links": links,
                      "only_a": [_cspan(a["claims"][4]) | {"claim": 4}],
                      "only_b": [_cspan(b["claims"][4]) | {"claim": 4}],
                      "coverage": {"a": 0.8333, "b": 0.8333}},
        "discrepancies": [{"type": "number", "a": disc_a, "b": disc_b, "claim_a": 2,
                           "claim_b": 2, "reason": f"A counts 1,200 evacuated, B 1,500{p}",
                           "confidence": 0.9, "method": "number_heuristic"}],
        "discrepancies_set_aside": [],
        "reuse": [
            {"kind": "verbatim", "a": _cspan(a["claims"][3]), "b": _cspan(b["claims"][3]),
             "words": 10, "overlap": 1.0},
            {"kind": "near_verbatim", "a": _span(ta, "were evacuated from low-lying districts."),
             "b": _span(tb, "were evacuated from low-lying districts."), "words": 5,
             "overlap": 1.0},
        ],
        "likely_source": {"side": "a", "confidence": 0.72,
                          "reasons": [f"A was published a day earlier{p}.",
                                      "B's extra sentence reads as an update."]},
    }
