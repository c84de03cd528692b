"""The store-backed routes against the real ``storydiff.corpus.Corpus`` in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydiff.web import ServeConfig, create_app

from .conftest import local_client

ARTICLES = [
    {"title": "Dam breaks near Velmar", "source": "north.test", "published": "2025-05-01",
     "text": "Dam breaks near Velmar\n\nA dam broke near Velmar on Thursday, flooding 300 homes. "
             "The regional authority said the dam had been inspected in March. Rescue teams "
             "evacuated 2,000 people overnight, the mayor said."},
    {"title": "Velmar dam failure floods homes", "source": "south.test",
     "published": "2025-05-02",
     "text": "Velmar dam failure floods homes\n\nA dam broke near Velmar on Thursday, flooding "
             "350 homes. The regional authority said the dam had been inspected in April. "
             "Rescue teams evacuated 2,000 people overnight, the mayor said."},
    {"title": "Chess club wins cup", "source": "sport.test", "published": "2025-05-03",
     "text": "Chess club wins cup\n\nThe Orlen chess club won the national cup on Saturday "
             "after beating the champions in a long final."},
]


@pytest.mark.slow(seconds=2)
def test_ingest_then_browse_a_real_store(tmp_path: Path, comparer) -> None:  # type: ignore[no-untyped-def]
    config = ServeConfig(store=tmp_path / "news.store", token="a-long-test-token")
    with local_client(create_app(config, comparer=comparer)) as client:
        auth = {"authorization": "Bearer a-long-test-token"}
        added = client.post("/api/articles", json=ARTICLES, headers=auth)
        assert added.status_code == 201, added.text
        assert added.json()["added"] == 3
        again = client.post("/api/articles", json=ARTICLES[0], headers=auth).json()
        assert again["added"] == 0 and again["duplicates"] == 1
        stories = client.get("/api/stories").json()["stories"]
        assert sum(s["size"] for s in stories) == 3
        biggest = max(stories, key=lambda s: s["size"])
        detail = client.get(f"/api/stories/{biggest['id']}").json()
        assert len(detail["members"]) == biggest["size"]
        first = detail["members"][0]["article_id"]
        record = client.get(f"/api/articles/{first}").json()
        assert record["clean_text"].startswith(record["title"])
        similar = client.get(f"/api/articles/{first}/similar?k=2").json()["similar"]
        assert first not in [hit["id"] for hit in similar]
        assert client.get("/stories?q=Velmar").status_code == 200
        page = client.get(f"/stories/{biggest['id']}")
        assert page.status_code == 200 and 'id="timeline"' in page.text
