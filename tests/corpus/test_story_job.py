"""The bulk ingest (``Corpus.add(..., engine=daft)`` into an empty store: the story job, then one
bulk load): the store of the single-process ingest, table by table, on every store; resumable
between stages; a non-empty store keeps the per-article path; later ingests go on updating
the stories. And the job's parts against the rules of ``Writer`` they replay."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff.corpus import Corpus
from storydiff.corpus.corpus import BULK_JOB
from storydiff.corpus.store import LinkColumns
from storydiff.corpus.story_parts import bucket_of, groups_at_time

from .conftest import ENGINE_INPUT, RECORDS, write_jsonl

pytest.importorskip("daft", reason="the engine extra is not installed")

# Daft's worker pool leaves a pipe of a finished worker process to the garbage collector.
pytestmark = [pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
              pytest.mark.filterwarnings("ignore::ResourceWarning")]

FIXTURE = ENGINE_INPUT


def generated(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` records in stories of 1-6 reports (a third of the words changed between reports),
    some reports copied with 2% of the words edited (near-duplicates) or exactly; dates spread
    over 0-14 days around each story's day (pairs across time buckets and outside the
    window), one in eight undated."""
    rng = random.Random(seed)
    vocabulary = [f"{rng.choice('bdfgklmnprst')}{rng.choice('aeiou')}{rng.randrange(400)}"
                  for _ in range(1500)]
    start = date(2024, 1, 1)
    records: list[dict[str, Any]] = []
    story = 0
    while len(records) < n:
        base = rng.choices(vocabulary, k=rng.randint(50, 90))
        day = rng.randrange(80)
        for report in range(rng.randint(1, 6)):
            words = [w if rng.random() > 0.33 else rng.choice(vocabulary) for w in base]
            for copy in range(1 + (rng.random() < 0.3) * rng.randint(1, 3)):
                edited = [w if copy == 0 or rng.random() > 0.02 else rng.choice(vocabulary)
                          for w in words]
                text = ". ".join(" ".join(edited[i:i + 10]).capitalize()
                                 for i in range(0, len(edited), 10)) + "."
                published = (None if rng.random() < 0.125 else
                             (start + timedelta(days=day + rng.randrange(15))).isoformat())
                records.append({"id": f"s{story}-r{report}-c{copy}", "text": text,
                                "title": " ".join(edited[:6]).capitalize(), "date": published})
        story += 1
    records = records[:n]
    rng.shuffle(records)
    records += [dict(r, id=f"{r['id']}-exact") for r in records[::17]]  # exact copies
    return records


def _tables(corpus: Corpus) -> dict[str, Any]:
    """Everything a store holds that ingest writes, by id."""
    query = corpus._store.query  # type: ignore[attr-defined]
    return {
        "articles": query("SELECT id, content_hash, source, url, title, published, language, "
                          "clean_text, story_id, dup_group, component FROM articles "
                          "ORDER BY id"),
        "documents": query("SELECT article_id, data FROM documents ORDER BY article_id"),
        "features": query("SELECT article_id, signature, embedding, entities FROM features "
                          "ORDER BY article_id"),
        "lsh": query("SELECT key, article_id FROM lsh ORDER BY key, article_id"),
        "links": query("SELECT a, b, kind, score FROM links ORDER BY a, b, kind"),
        "stories": query("SELECT * FROM stories ORDER BY id"),
    }


class InProcess:
    """The daft engine's map stage run in this process (its workers would load the analysis
    models again: 10 s a test); the bulk job's Daft stages run as with the daft engine."""

    name = "daft"

    def prepare(self, batches: list[list[Any]], encoder: Any, config: Any,
                settings: Any) -> list[list[Any]]:
        from storydiff.corpus.batches import prepare_each

        return [prepare_each(batch, encoder, config, settings) for batch in batches]


def _ingest(make: Callable[..., Corpus], name: str, sources: list[Path], *,
            engine: Any = None, **options: Any) -> tuple[dict[str, Any], list[Any]]:
    """Ingest each source in turn (the first on ``engine``); the store's tables and the
    summaries."""
    corpus = make(name, **options)
    summaries = []
    for n, source in enumerate(sources):
        summary = corpus.add([source], engine=engine if n == 0 else None)
        summaries.append((summary.added, summary.duplicates, summary.failed, summary.errors))
    tables = _tables(corpus)
    # the vector index: built by the load, or rebuilt from the database, it finds the same
    tables["similar"] = corpus.similar(RECORDS[0]["text"], k=5)
    return tables, summaries


def _same(got: tuple[dict[str, Any], list[Any]],
          expected: tuple[dict[str, Any], list[Any]], exact: bool = True) -> None:
    """The two ingests' tables and summaries are equal, table by table (for a short report).
    Scores too, to the bit: the job computes cosines by the vector index's own routine; not
    ``exact``, the index was pgvector's (cosines computed by the database: scores to 1e-6)."""
    for name, rows in expected[0].items():
        if not exact and name in ("links", "similar"):
            assert [r[:-1] for r in got[0][name]] == [r[:-1] for r in rows], name
            assert [r[-1] for r in got[0][name]] == pytest.approx([r[-1] for r in rows],
                                                                  abs=1e-6), name
        else:
            assert got[0][name] == rows, name
    assert got[1] == expected[1]


def _pgvector(request: pytest.FixtureRequest) -> bool:
    """Whether a test runs on a pgvector store (``make_any_corpus``)."""
    return bool(request.node.callspec.params.get("make_any_corpus") == "pgvector")


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the bulk jobs run (``bulk.run_job``)."""
    from storydiff.corpus import bulk

    calls: list[str] = []
    run = bulk.run_job

    def counting(*args: Any) -> Any:
        calls.append(str(args[0].folder))
        return run(*args)

    monkeypatch.setattr(bulk, "run_job", counting)
    return calls


def test_the_bulk_path_gives_the_store_of_the_single_process_ingest(
        make_any_corpus: Callable[..., Corpus], tmp_path: Path, counted: list[str],
        request: pytest.FixtureRequest) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", FIXTURE + generated(60),
                         extra=["{not json"])
    single = _ingest(make_any_corpus, "single", [source])
    bulk = _ingest(make_any_corpus, "bulk", [source], engine=InProcess())
    assert len(counted) == 1  # the bulk path ran
    _same(bulk, single, exact=not _pgvector(request))
    assert not list(tmp_path.glob("**/engine-shards"))  # done: removed


@pytest.mark.slow(seconds=15)
def test_the_daft_engine_takes_the_bulk_path(make_corpus: Callable[..., Corpus],
                                             tmp_path: Path, counted: list[str]) -> None:
    """The same with the daft engine's worker processes (which load the models: 10 s)."""
    from storydiff.corpus.engine import open_engine

    source = write_jsonl(tmp_path / "in.jsonl", FIXTURE + generated(30))
    single = _ingest(make_corpus, "single", [source])
    bulk = _ingest(make_corpus, "bulk", [source], engine=open_engine("daft", workers=1))
    assert len(counted) == 1
    _same(bulk, single)


def test_a_generated_corpus_across_time_buckets(make_corpus: Callable[..., Corpus],
                                                tmp_path: Path, counted: list[str]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", generated(250))
    single = _ingest(make_corpus, "single", [source], batch_size=16)
    bulk = _ingest(make_corpus, "bulk", [source], engine=InProcess(), batch_size=16)
    assert counted
    _same(bulk, single)
    tables = single[0]
    days = {row[0]: row[5] for row in tables["articles"]}
    kinds = {kind for *_, kind, _ in tables["links"]}
    assert kinds == {"dup", "story"}
    story_links = [(a, b) for a, b, kind, _ in tables["links"] if kind == "story"]
    buckets = {(bucket_of(_day(days[a]), 10)[0] != bucket_of(_day(days[b]), 10)[0])
               for a, b in story_links if days[a] and days[b]}
    assert buckets == {True, False}  # links within and across time buckets
    assert any(days[a] is None or days[b] is None for a, b in story_links)  # undated ones
    assert sum(1 for s in tables["stories"] if s[1] >= 3) >= 10


@pytest.mark.slow(seconds=15)
def test_the_semeval_articles(make_corpus: Callable[..., Corpus], tmp_path: Path,
                              counted: list[str]) -> None:
    """150 SemEval-2022 Task 8 articles (undated: one time bucket, every pair compared) with
    their light and exact copies, in a shuffled order (``test_dedup_engine``)."""
    from .test_dedup_engine import _semeval_records

    records = _semeval_records()
    chosen = {r["id"] for r in records if not r["id"].endswith(("-edit", "-copy"))}
    chosen = set(sorted(chosen)[:150])
    source = write_jsonl(tmp_path / "in.jsonl", [
        r for r in records if r["id"].removesuffix("-edit").removesuffix("-copy") in chosen])
    single = _ingest(make_corpus, "single", [source], batch_size=32)
    bulk = _ingest(make_corpus, "bulk", [source], engine=InProcess(), batch_size=32)
    assert counted
    _same(bulk, single)
    counts = single[0]
    assert sum(1 for *_, kind, _ in counts["links"] if kind == "dup") >= 15
    # 19: six of the records are bot-check pages (Polish and English copies of two), which
    # made stories of their own until ingest refused such pages (``ingest.blocked``)
    assert sum(1 for s in counts["stories"] if s[1] >= 2) >= 19


def _day(published: str | None) -> int | None:
    from storydiff.corpus.linking import day_number

    return day_number(published)


def test_a_killed_job_resumes_between_stages(make_corpus: Callable[..., Corpus],
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from storydiff.corpus import story_job

    source = write_jsonl(tmp_path / "in.jsonl", FIXTURE + generated(40))
    single = _ingest(make_corpus, "single", [source])
    made: list[str] = []
    real = story_job._story_links

    def killed(*args: Any) -> Any:
        made.append("story-links")
        raise KeyboardInterrupt  # a kill between two stages

    monkeypatch.setattr(story_job, "_story_links", killed)
    corpus = make_corpus("bulk")
    with pytest.raises(KeyboardInterrupt):
        corpus.add([source], engine=InProcess())  # type: ignore[arg-type]
    assert corpus.stats()["articles"] == 0  # nothing half loaded
    job = next(tmp_path.glob(f"bulk/engine-shards/*/{BULK_JOB}"))
    assert (job / "story-groups").is_dir() and not (job / "story-links").exists()
    pairs = story_job._story_pairs
    monkeypatch.setattr(story_job, "_story_links", real)

    def counted_pairs(*args: Any) -> Any:
        made.append("story-pairs")
        return pairs(*args)

    monkeypatch.setattr(story_job, "_story_pairs", counted_pairs)
    corpus.add([source], engine=InProcess())  # type: ignore[arg-type]
    assert made == ["story-links"]  # the finished stages were not run again
    _same((_tables(corpus) | {"similar": single[0]["similar"]}, single[1]), single)
    assert not (tmp_path / "bulk" / "engine-shards").exists()


def test_a_component_over_max_component_is_replayed_batch_by_batch(
        make_corpus: Callable[..., Corpus], tmp_path: Path, counted: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """There the single process re-clusters around each batch's new articles, so its stories
    may depend on the batches: the job replays them, and the bulk-loaded store is the single
    process's (the parts' tests below show a component where clustering it whole differs)."""
    from storydiff.corpus import story_parts

    source = write_jsonl(tmp_path / "in.jsonl", FIXTURE + generated(60))
    options = {"max_component": 3, "batch_size": 8}
    single = _ingest(make_corpus, "single", [source], **options)
    replayed: list[int] = []
    replay = story_parts.replayed_stories

    def spying(*args: Any) -> Any:
        replayed.append(len(args[0]))
        return replay(*args)

    monkeypatch.setattr(story_parts, "replayed_stories", spying)
    engine = _ingest(make_corpus, "engine", [source], engine=InProcess(), **options)
    assert len(counted) == 1 and max(replayed) > 3  # loaded in bulk, a component replayed
    _same(engine, single)
    assert not list(tmp_path.glob("**/engine-shards"))  # done: removed


def test_a_store_with_articles_keeps_the_per_article_path(
        make_corpus: Callable[..., Corpus], tmp_path: Path, counted: list[str]) -> None:
    first = write_jsonl(tmp_path / "first.jsonl", RECORDS[:3])
    rest = write_jsonl(tmp_path / "rest.jsonl", FIXTURE[3:] + generated(30))
    single = _ingest(make_corpus, "single", [first, rest])
    corpus = make_corpus("engine")
    corpus.add([first])
    corpus.add([rest], engine=InProcess())  # type: ignore[arg-type]
    assert not counted  # no bulk job on a store with articles
    _same((_tables(corpus) | {"similar": single[0]["similar"]}, single[1]), single)


def test_ingests_after_a_bulk_load_update_the_stories(
        make_any_corpus: Callable[..., Corpus], tmp_path: Path, counted: list[str],
        request: pytest.FixtureRequest) -> None:
    records = generated(80, seed=11)
    first = write_jsonl(tmp_path / "first.jsonl", records[:50])
    # copies and new reports of stories already stored, and stories of their own
    rest = write_jsonl(tmp_path / "rest.jsonl", records[50:] + FIXTURE)
    single = _ingest(make_any_corpus, "single", [first, rest])
    bulk = _ingest(make_any_corpus, "bulk", [first, rest], engine=InProcess())
    assert len(counted) == 1
    _same(bulk, single, exact=not _pgvector(request))


def test_a_borderline_judge_keeps_the_per_article_path(make_corpus: Callable[..., Corpus],
                                                       tmp_path: Path) -> None:
    from storydiff.corpus.bulk import bulk_applies
    from storydiff.corpus.engine import open_engine

    engine = open_engine("daft", workers=1)
    config = make_corpus("store").config
    assert bulk_applies(engine, config)
    assert not bulk_applies(engine, config.with_(borderline_margin=0.05))


# -- the job's parts ---------------------------------------------------------------------------

def _replayed(edges: list[tuple[int, int, float]], queries: list[tuple[int, int]]
              ) -> tuple[list[tuple[int, int, float]], list[tuple[int, int, int]]]:
    """What ``Writer`` does, article by article: groups as they stand at each new id."""
    last = max([n for hi, lo, _ in edges for n in (hi, lo)] + [x for x, _ in queries],
               default=0)
    group = {node: node for node in range(1, last + 1)}
    links, answers = [], []
    for node in range(1, last + 1):
        answers += [(x, y, group[y]) for x, y in queries if x == node]
        best: dict[int, tuple[int, float]] = {}
        for lo, score in sorted((lo, s) for hi, lo, s in edges if hi == node):
            if group[lo] not in best or score > best[group[lo]][1]:
                best[group[lo]] = (lo, score)
        links += [(lo, node, score) for lo, score in sorted(best.values())]
        merged = {*best, node}
        for member in group:
            if group[member] in merged:
                group[member] = min(merged)
    return links, sorted(answers)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 12), st.integers(1, 12), st.sampled_from([0.7, 0.8,
                                                                                   0.9])),
                max_size=20),
       st.lists(st.tuples(st.integers(2, 14), st.integers(1, 13)), max_size=8))
def test_groups_at_time_replays_the_writer(raw: list[tuple[int, int, float]],
                                           raw_queries: list[tuple[int, int]]) -> None:
    edges = sorted({(max(a, b), min(a, b), s) for a, b, s in raw if a != b})
    edges = list({(hi, lo): (hi, lo, s) for hi, lo, s in edges}.values())
    queries = sorted({(x, y) for x, y in raw_queries if y < x})
    links, answers = groups_at_time(edges, queries)
    expected_links, expected_answers = _replayed(edges, queries)
    assert sorted(links) == sorted(expected_links)
    assert sorted(answers) == expected_answers


@given(st.integers(1, 10**6), st.integers(0, 30), st.integers(1, 30))
def test_days_within_the_window_meet_in_a_bucket(day: int, gap: int, window: int) -> None:
    _, partners = bucket_of(day + gap, window)
    second, _ = bucket_of(day, window)
    if gap <= window:
        assert second in partners
    assert bucket_of(None, window)[0] in partners


class _ClusteringStore:
    """The reads and writes of ``Writer.finish`` and ``clustering`` on articles (id → content
    hash, story, component) and links, as the SQL store answers them."""

    def __init__(self, hashes: dict[int, str]) -> None:
        self.hash = hashes
        self.story: dict[int, int] = {}
        self.component: dict[int, int] = {}
        self.links: list[tuple[int, int, str, float]] = []

    def component_size(self, component: int, at_most: int) -> int:
        return min(sum(1 for c in self.component.values() if c == component), at_most)

    def components(self, ids: Any) -> dict[int, int]:
        return {i: self.component[i] for i in ids}

    def component_articles(self, component: int) -> list[tuple[int, int]]:
        ids = sorted((i for i, c in self.component.items() if c == component),
                     key=lambda i: self.hash[i])
        return [(i, self.story[i]) for i in ids]

    def story_articles(self, stories: Any) -> list[tuple[int, int]]:
        ids = sorted((i for i, s in self.story.items() if s in set(stories)),
                     key=lambda i: (self.hash[i], i))
        return [(i, self.story[i]) for i in ids]

    def stories_of(self, ids: Any) -> set[int]:
        return {self.story[i] for i in ids}

    def link_columns(self, ids: Any) -> LinkColumns:
        rows = [link for link in self.links if link[0] in set(ids)]
        return LinkColumns(np.array([r[0] for r in rows], dtype=np.int64),
                           np.array([r[1] for r in rows], dtype=np.int64),
                           np.array([r[2] == "dup" for r in rows], dtype=bool),
                           np.array([r[3] for r in rows], dtype=np.float64))

    def links_touching(self, ids: Any, min_score: float) -> list[tuple[int, int]]:
        return [(a, b) for a, b, kind, score in self.links
                if (a in set(ids) or b in set(ids)) and (kind == "dup" or score >= min_score)]

    def assign_stories(self, story_of: dict[int, int]) -> None:
        self.story.update(story_of)


def _writer_stories(ids: list[int], hashes: list[str], batches: list[int], threshold: float,
                    links: list[tuple[int, int, str, float]], limit: int) -> dict[int, int]:
    """Each article's story after the single process's batches: ``Writer.finish`` itself on
    the store above, articles added and components merged as ``Writer.add`` does."""
    from storydiff.corpus.config import CorpusConfig
    from storydiff.corpus.writer import Writer

    store = _ClusteringStore(dict(zip(ids, hashes, strict=True)))
    config = CorpusConfig(max_component=limit, story_threshold=threshold)
    for batch in sorted(set(batches)):
        writer = Writer(store, None, config)  # type: ignore[arg-type]
        for article in sorted(i for i, b in zip(ids, batches, strict=True) if b == batch):
            store.story[article] = store.component[article] = article
            mine = [link for link in links if link[1] == article]
            store.links += mine
            merged = {store.component[i] for i in {article, *(a for a, *_ in mine)}}
            for other, component in store.component.items():
                if component in merged:
                    store.component[other] = min(merged)
            writer.touched.add(min(merged))
            writer.added.append(article)
        writer.finish()
    return store.story


def test_a_replayed_component_keeps_a_story_no_new_article_reaches() -> None:
    """Over ``max_component`` (2), the batch of articles 1-3 makes stories {1, 2} and {3}
    (average linkage at 0.6: 1-2 and 1-3 tie at 0.7, 2 comes first by content hash); article
    4 then reaches story {1, 2} through 2 (0.9) and splits it into {2, 4} and {1}, while 3's
    story, which no new article reaches, stays alone. Clustered whole, 1 and 3 make a story."""
    from storydiff.corpus.story_parts import component_stories, replayed_stories

    ids, hashes, batches = [1, 2, 3, 4], ["b", "a", "d", "c"], [0, 0, 0, 1]
    links = [(1, 2, "story", 0.7), (1, 3, "story", 0.7), (2, 4, "story", 0.9)]
    replayed = dict(replayed_stories(ids, hashes, batches, links, 0.6, 2))
    assert replayed == {1: 1, 2: 2, 3: 3, 4: 2} == _writer_stories(ids, hashes, batches, 0.6,
                                                                   links, 2)
    whole = dict(component_stories(ids, hashes, batches, links, 0.6, 100))
    assert whole == {1: 1, 2: 2, 3: 1, 4: 2}


@settings(max_examples=80, deadline=None)
@given(st.integers(3, 9).flatmap(lambda n: st.tuples(
    st.permutations([f"{k:02d}" for k in range(n)]),
    st.lists(st.integers(0, 3), min_size=n, max_size=n),
    st.lists(st.tuples(st.integers(1, n), st.integers(1, n),
                       st.sampled_from(["story", "story", "dup"]),
                       st.sampled_from([0.45, 0.6, 0.7, 0.7, 0.85, 0.9])), max_size=14),
    st.integers(1, 4))))
def test_replayed_stories_are_the_writers(drawn: tuple[Any, ...]) -> None:
    from storydiff.corpus.story_parts import replayed_stories

    hashes, raw_batches, raw_links, limit = drawn
    ids = list(range(1, len(hashes) + 1))
    batches = sorted(raw_batches)  # ids are numbered in commit order
    links = sorted({(min(a, b), max(a, b)): (min(a, b), max(a, b), kind, score)
                    for a, b, kind, score in raw_links if a != b}.values())
    expected = _writer_stories(ids, list(hashes), batches, 0.6, links, limit)
    got = dict(replayed_stories(ids, list(hashes), batches, links, 0.6, limit))
    assert got == expected
