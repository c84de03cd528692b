"""The store end to end: ingest, idempotence, increments, order independence, queries. The
tests taking ``make_any_corpus`` run against both stores (SQLite and PostgreSQL)."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from storydiff.analyse.codec import decode_document, encode_document
from storydiff.corpus import Corpus, StoreError, UnknownIdError
from storydiff.corpus.clustering import ComponentLinks
from storydiff.corpus.store import LinkColumns

from .conftest import RECORDS, STORIES, partition, write_jsonl

MakeCorpus = Callable[..., Corpus]


def _expected() -> set[frozenset[str]]:
    return {frozenset(r["title"] for r in story) for story in STORIES}


def test_ingest_groups_records_into_their_stories(make_any_corpus: MakeCorpus,
                                                  tmp_path: Path) -> None:
    corpus = make_any_corpus()
    summary = corpus.add([write_jsonl(tmp_path / "in.jsonl", RECORDS)])
    assert (summary.added, summary.duplicates, summary.failed) == (len(RECORDS), 0, 0)
    assert partition(corpus) == _expected()
    storm = corpus.stories(min_size=3)
    assert len(storm) == 1 and storm[0].first_seen == "2024-01-08"
    assert storm[0].headline == "Storm floods Brittany"


def test_ingest_is_idempotent(make_any_corpus: MakeCorpus, tmp_path: Path) -> None:
    corpus = make_any_corpus()
    path = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    corpus.add([path])
    before = corpus.stats()
    again = corpus.add([path])
    assert (again.added, again.duplicates) == (0, len(RECORDS))
    assert corpus.stats() == before


def test_new_articles_join_existing_stories(make_any_corpus: MakeCorpus, tmp_path: Path) -> None:
    whole = make_any_corpus("whole")
    whole.add(RECORDS)
    parts = make_any_corpus("parts")
    parts.add(RECORDS[::2])
    parts.add(RECORDS[1::2])
    assert partition(parts) == partition(whole) == _expected()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stories_do_not_depend_on_input_order(make_any_corpus: MakeCorpus, seed: int) -> None:
    records = list(RECORDS)
    random.Random(seed).shuffle(records)
    corpus = make_any_corpus(f"s{seed}", batch_size=2)
    corpus.add(records)
    reference = make_any_corpus(f"r{seed}")
    reference.add(RECORDS)
    assert partition(corpus) == partition(reference)
    assert _duplicate_titles(corpus) == _duplicate_titles(reference)


def _duplicate_titles(corpus: Corpus) -> set[frozenset[str]]:
    """The near-duplicate groups of a corpus as sets of member titles (independent of ids)."""
    groups: dict[tuple[int, int], set[str]] = {}
    for story in corpus.stories():
        for member in corpus._store.members(story.id):
            groups.setdefault((story.id, member.duplicate_group), set()).add(member.title or "")
    return {frozenset(titles) for titles in groups.values()}


@pytest.mark.parametrize("batch_size", [1, 3, 64])
def test_components_over_max_component_are_reclustered_around_new_articles(
        make_any_corpus: MakeCorpus, batch_size: int) -> None:
    """With max_component 1 every linked component is "large": each batch re-clusters only
    the stories its new articles link to, and the stories still come out right."""
    corpus = make_any_corpus(f"local{batch_size}", max_component=1, batch_size=batch_size)
    corpus.add(RECORDS[::2])
    corpus.add(RECORDS[1::2])
    assert partition(corpus) == _expected()
    sizes = {s.id: s.size for s in corpus.stories()}
    assert sum(sizes.values()) == len(RECORDS)


def test_copies_are_linked_once_per_near_duplicate_group(make_any_corpus: MakeCorpus) -> None:
    """Four copies of one text and a shorter report of it: each new copy gets one
    near-duplicate link (to its group), the report one story link to the group, not one per
    copy, and the five make one story."""
    first = STORIES[0][0]
    copies = [dict(first, id=f"copy-{k}", title=f"Copy {k}",
                  text=first["text"].replace("Monday", day))
              for k, day in enumerate(["Monday", "Sunday", "Saturday", "Friday"])]
    rewrite = {"id": "rewrite", "title": "Brittany storm", "date": "2024-01-09",
               "text": "A violent storm hit the coast of Brittany on Monday night. Streets in "
                       "Brest were flooded and 20,000 homes lost power, the prefecture said."}
    corpus = make_any_corpus("copies", batch_size=1)
    corpus.add(copies)
    corpus.add([rewrite])
    stats = corpus.stats()
    assert stats["duplicate_groups"] == 1
    assert stats["duplicate_links"] == len(copies) - 1
    assert stats["story_links"] == 1
    assert partition(corpus) == {frozenset([*(c["title"] for c in copies), "Brittany storm"])}


def _rewrites(count: int) -> list[dict[str, Any]]:
    """Rewrites of the first storm report, each without another seventh of its words: one
    story, no two of them near-duplicates."""
    first = STORIES[0][0]
    return [dict(first, id=f"rewrite-{k}", title=f"Rewrite {k}",
                 text=" ".join(w for n, w in enumerate(first["text"].split()) if n % 7 != k))
            for k in range(count)]


def test_a_batch_reads_each_stored_profile_once(make_corpus: MakeCorpus,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Rewrites of one report in one batch all link to the earlier ones: the linker reads
    each stored article's profile once a batch, not once for every new article, and the
    stories are those of one article a batch."""
    rewrites = _rewrites(6)
    corpus = make_corpus("batch", batch_size=64)
    store = corpus._store
    asked: list[int] = []
    read = type(store).profiles

    def counting(self: object, ids: object) -> object:
        wanted = list(ids)  # type: ignore[call-overload]
        asked.extend(wanted)
        return read(self, wanted)  # type: ignore[arg-type]

    monkeypatch.setattr(type(store), "profiles", counting)
    corpus.add(rewrites)
    assert corpus.stats()["story_links"] > len(rewrites)  # later rewrites link to several
    assert sorted(asked) == sorted(set(asked))
    one_by_one = make_corpus("one-by-one", batch_size=1)
    one_by_one.add(rewrites)
    assert partition(corpus) == partition(one_by_one) == {
        frozenset(r["title"] for r in rewrites)}


def _link_set(columns: LinkColumns) -> set[tuple[int, int, bool, float]]:
    return set(zip(columns.a.tolist(), columns.b.tolist(), columns.duplicate.tolist(),
                   columns.score.tolist(), strict=True))


@pytest.mark.parametrize("max_component", [2000, 1])
def test_links_kept_between_batches_are_the_stored_links(
        make_any_corpus: MakeCorpus, monkeypatch: pytest.MonkeyPatch,
        max_component: int) -> None:
    """Articles re-clustered again read only the links their new articles brought
    (``ComponentLinks``); at every re-clustering those links with the kept ones are exactly
    the stored links: from batch to batch and from one ``add`` to the next, where another
    writer added to the story in between, and where a batch joins components. The stories
    are those of one ingest in one batch. With ``max_component`` 1, where only the stories
    around the new articles are re-clustered, the links are checked alike."""
    rewrites = _rewrites(6)
    bridge = dict(rewrites[0], id="bridge", title="Storm, match and vote",
                  text=" ".join(r["text"] for r in (rewrites[0], STORIES[-2][0],
                                                    STORIES[-1][0])))
    reads: list[str] = []
    read = ComponentLinks.read

    def checked(self: ComponentLinks, store: Any, ids: Sequence[int],
                new: frozenset[int]) -> LinkColumns:
        ending = store.links_ending
        ended: list[int] = []

        def counting(wanted: Sequence[int]) -> LinkColumns:
            ended.append(len(wanted))
            return ending(wanted)

        monkeypatch.setattr(store, "links_ending", counting)
        columns = read(self, store, ids, new)
        monkeypatch.setattr(store, "links_ending", ending)
        assert _link_set(columns) == _link_set(store.link_columns(ids))
        reads.append("kept" if ended else "whole")
        return columns

    monkeypatch.setattr(ComponentLinks, "read", checked)
    records = [STORIES[-2][0], STORIES[-1][0], *rewrites[:4]]
    corpus = make_any_corpus("kept", batch_size=2, max_component=max_component)
    corpus.add(records[:4])
    corpus.add(records[4:])
    assert reads[-1] == "kept"  # the story of rewrites again, from one add to the next
    make_any_corpus("kept", max_component=max_component).add(rewrites[4:5])  # another writer
    corpus.add(rewrites[5:])
    assert reads[-1] == "whole"  # a member it had not read
    corpus.add([bridge])
    assert reads[-1] == "whole"  # the story joined to two others
    if max_component == 2000:
        assert len(set(corpus._store.components(range(1, 10)).values())) == 1
        reference = make_any_corpus("whole")
        reference.add([*records, *rewrites[4:], bridge])
        assert partition(corpus) == partition(reference)


def test_a_rolled_back_batch_drops_the_kept_links(make_corpus: MakeCorpus,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch that fails after reading links (here: writing the stories) rolls back and
    drops the links kept; the same ingest run again ends as one ingest without the failure."""
    rewrites = _rewrites(6)
    corpus = make_corpus("rollback", batch_size=2)
    corpus.add(rewrites[:2])
    assert corpus._links._held

    def failing(story_of: object) -> None:
        raise StoreError("the disk went away")

    with monkeypatch.context() as patch:
        patch.setattr(corpus._store, "assign_stories", failing)
        with pytest.raises(StoreError, match="went away"):
            corpus.add(rewrites[2:4])
    assert not corpus._links._held
    corpus.add(rewrites[2:])
    reference = make_corpus("reference")
    reference.add(rewrites)
    assert partition(corpus) == partition(reference)
    assert corpus.stats()["articles"] == len(rewrites)


def test_malformed_lines_are_reported_and_skipped(make_corpus: MakeCorpus,
                                                  tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", RECORDS[:2], extra=["{not json", '{"title": 1}'])
    summary = make_corpus().add([path])
    assert summary.added == 2 and summary.failed == 2
    assert summary.errors[0].startswith(f"{path}:3: ")
    assert summary.errors[1].startswith(f"{path}:4: ")


def test_csv_rows_are_read_and_bad_rows_reported(make_corpus: MakeCorpus,
                                                 tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text('title,text,date\n"Storm",' f'"{RECORDS[0]["text"]}",2024-01-08\n'
                    'only one field\n', encoding="utf-8")
    summary = make_corpus().add([path])
    assert summary.added == 1 and summary.failed == 1
    assert summary.errors[0].startswith(f"{path}:3: ")


def test_folder_of_text_files(make_corpus: MakeCorpus, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Storm\n\n{RECORDS[0]['text']}", encoding="utf-8")
    (folder / "b.txt").write_text("", encoding="utf-8")
    summary = make_corpus().add([folder])
    assert (summary.added, summary.failed) == (1, 1)
    assert "b.txt" in summary.errors[0]


def test_story_detail_names_origin_chain_and_divergences(make_any_corpus: MakeCorpus) -> None:
    corpus = make_any_corpus()
    corpus.add(RECORDS)
    storm = corpus.stories(min_size=3)[0]
    detail = corpus.story(storm.id)
    titles = {m.article_id: m.title for m in detail.members}
    assert [m.published for m in detail.members] == sorted(m.published or ""
                                                           for m in detail.members)
    assert titles[detail.origin or -1] == "Storm floods Brittany"
    assert {child for _, child in detail.chain} == set(titles) - {detail.origin}
    changed = next(d for d in detail.divergences
                   if titles[d.article_id] == "Storm floods Brittany coast")
    assert changed.by_type.get("number", 0) >= 1
    assert any(len(g) >= 2 for g in detail.duplicate_groups)


def test_unknown_ids_raise(make_any_corpus: MakeCorpus) -> None:
    corpus = make_any_corpus()
    with pytest.raises(UnknownIdError):
        corpus.story(99)
    with pytest.raises(UnknownIdError):
        corpus.article(99)


def test_near_duplicates_and_similar(make_any_corpus: MakeCorpus) -> None:
    corpus = make_any_corpus()
    corpus.add(RECORDS)
    found = corpus.near_duplicates("Storm floods Brittany\n\n" + RECORDS[0]["text"])
    titles = [corpus.article(i).title for i, _ in found]
    assert titles[0] == "Storm floods Brittany" and found[0][1] == 1.0
    assert "Storm floods Brittany coast" in titles
    assert "ECB raises rates again" not in titles
    best = corpus.similar(RECORDS[3]["text"], k=2)
    assert corpus.article(best[0][0]).title in {"ECB raises rates again", "ECB lifts interest rate"}


def test_locked_store_gives_a_clear_error(make_corpus: MakeCorpus) -> None:
    first = make_corpus()
    first._store.lock()
    second = make_corpus()
    with pytest.raises(StoreError, match="locked"):
        second.add(RECORDS[:1])


def test_corrupt_store_gives_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "corpus.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="corrupt"):
        Corpus(folder)


def test_another_encoder_is_refused(make_corpus: MakeCorpus, tmp_path: Path) -> None:
    from storydiff.embed import HashingEncoder

    make_corpus().add(RECORDS[:1])
    other = Corpus(tmp_path / "store", encoder=HashingEncoder(dim=64))
    with pytest.raises(StoreError, match="encoder"):
        other.add(RECORDS[1:2])
    other.close()


def test_stored_documents_keep_exact_spans(make_corpus: MakeCorpus) -> None:
    corpus = make_corpus()
    corpus.add(RECORDS[:1])
    doc = corpus._document(1)
    assert decode_document(encode_document(doc)) == doc
    for item in [*doc.sentences, *doc.claims, *doc.entities, *doc.quantities, *doc.dates]:
        assert doc.clean_text[item.start:item.end] == item.text


def test_stats_and_filters(make_any_corpus: MakeCorpus) -> None:
    corpus = make_any_corpus()
    corpus.add(RECORDS)
    stats = corpus.stats()
    assert stats["articles"] == len(RECORDS) and stats["stories"] == len(STORIES)
    assert stats["largest_story"] == 3 and stats["database_bytes"] > 0
    assert [s.headline for s in corpus.stories(lang="de")] == ["Bayern schlägt Dortmund"]
    assert {s.headline for s in corpus.stories(since="2024-01-12")} == {
        "ECB raises rates again", "Bayern schlägt Dortmund"}
    assert [s.size for s in corpus.stories(query="ECB")] == [2]
    assert len(corpus.stories(limit=1, offset=1)) == 1


def test_an_article_the_analysis_refuses_is_skipped_and_the_rest_ingested(
        tmp_path: Path) -> None:
    """One record over ``max_claims`` is reported and skipped; the batch goes on."""
    from storydiff import Settings
    from storydiff.embed import HashingEncoder

    from .conftest import HASHING_CONFIG

    long_text = " ".join(f"Official number {i} said the river rose again on Tuesday."
                         for i in range(60))
    items = [*RECORDS, {"id": "long", "title": "Long", "text": long_text}]
    corpus = Corpus(tmp_path / "s", settings=Settings(max_claims=40), encoder=HashingEncoder(),
                    claim_encoder=HashingEncoder(), config=HASHING_CONFIG)
    try:
        summary = corpus.add(items)
    finally:
        corpus.close()
    assert (summary.added, summary.failed) == (len(RECORDS), 1)
    assert "max_claims" in summary.errors[0]
