"""Near-duplicate groups, story links, components and stories of a whole ingest as Daft jobs
over Parquet stages, for a bulk load into an empty store (``bulk``; issue #15). No stage needs
the corpus in one process: each is a join, a group-by, or a function of one time block, one
near-duplicate group or one component.

The input is the ``signatures`` stage: one row a new article, ``line`` being its future id
(1..n in the order the single-process ingest would commit them), with its MinHash signature,
band keys, content hash, time bucket, language, entity keys, title+lead vector and the number
of the batch that would commit it.

1. **near-duplicates**: the LSH shuffle, verification and connected components of
   ``dedup_engine`` (``_groups``), every bucket giving all its pairs as ``Writer`` checks
   every stored article of a bucket (the dedup command checks a chain and a star in buckets
   over 24); ``groups``: each article's group, named by its smallest id.
2. **story-pairs**: the articles grouped by time bucket (``day // time_window_days``); each
   bucket is compared with itself, the one before and the undated one (``story_parts``);
   pairs within the window whose cosine passes the vector index's floor.
3. **replay**: each near-duplicate group replayed in id order (``story_parts.groups_at_time``)
   gives the near-duplicate links ``Writer`` stores (one per group an article joins) and the
   group each story candidate belonged to when the later article of the pair came.
4. **story-links**: an article with no earlier near-duplicate links to the best candidate of
   each such group (highest cosine, then smallest id) when its similarity passes
   ``candidate_cosine``: ``Writer._story_links``.
5. **components** of all links (``dedup_engine.star_forest``), and **stories**: each
   component clustered whole (``story_parts.component_stories``), or, over ``max_component``
   articles, re-clustered batch by batch as the single process does
   (``story_parts.replayed_stories``); ``labels``: every article's group, component and story.

Every stage is written whole into the job folder, so a killed job resumes from its finished
stages.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# first: engine_daft turns Daft's usage reports off before Daft is imported
from .engine_daft import DaftEngine  # noqa: F401  # isort: skip

import daft
import numpy as np
import pyarrow as pa
from daft import DataFrame, DataType, col

from .config import CorpusConfig
from .dedup_engine import (
    _count,
    _groups,
    _read,
    _records,
    _stars,
    _step,
    _write,
    jaccard_of,
    rows_of,
    star_forest,
    with_signatures,
)
from .dedup_job import JobFolder
from .story_parts import Block, block_pairs, component_stories, groups_at_time

__all__ = ["label_rows", "largest_component", "link_rows", "run_story_job", "signature_table"]

_PAIRS = DataType.list(DataType.struct({"hi": DataType.int64(), "lo": DataType.int64(),
                                        "cosine": DataType.float64(),
                                        "score": DataType.float64()}))
_PAIRS_PA = pa.large_list(pa.struct([("hi", pa.int64()), ("lo", pa.int64()),
                                     ("cosine", pa.float64()), ("score", pa.float64())]))


def signature_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Rows of the ``signatures`` stage as a table (``dedup_job.signature_schema``'s columns
    and the story columns)."""
    schema = pa.schema([("line", pa.int64()), ("error", pa.string()), ("ident", pa.binary()),
                        ("signature", pa.binary()), ("keys", pa.list_(pa.int64())),
                        ("hash", pa.string()), ("day", pa.int64()), ("bucket", pa.int64()),
                        ("partners", pa.list_(pa.int64())), ("language", pa.string()),
                        ("entities", pa.string()), ("vector", pa.binary()),
                        ("batch", pa.int64())])
    return pa.Table.from_pylist(rows, schema=schema)


def run_story_job(job: JobFolder, config: CorpusConfig) -> dict[str, Any]:
    """Run every stage after ``signatures`` that is not done yet; the job's figures (pairs,
    links, rounds, seconds a stage)."""
    seconds: dict[str, float] = {}
    figures: dict[str, Any] = _groups(job, config.dedup_threshold, seconds, full=0,
                                      command="ingest")
    rounds = figures["rounds"]
    stages = [
        ("groups", lambda: _dup_groups(job, rounds)),
        ("edge-scores", lambda: _edge_scores(job)),
        ("story-pairs", lambda: _story_pairs(job, config)),
        ("dup-links", lambda: _dup_links(job)),
        ("story-groups", lambda: _story_groups(job)),
        ("story-links", lambda: _story_links(job, config.candidate_cosine)),
        ("link-edges", lambda: _link_edges(job)),
    ]
    for stage, frame in stages:
        _stage(job, stage, frame, seconds)
    with _step("link-components", seconds, "ingest"):
        link_rounds = star_forest(job, "link-edges", folder="link-components")
    _stage(job, "stories", lambda: _stories(job, link_rounds, config.story_threshold,
                                            config.max_component), seconds)
    _stage(job, "labels", lambda: _labels(job, link_rounds), seconds)
    with _step("counts", None, "ingest"):
        figures |= {"story_pairs": _count(_read(job.path("story-pairs"))),
                    "story_links": _count(_read(job.path("story-links"))),
                    "link_rounds": link_rounds, "seconds": seconds}
    return figures


def _stage(job: JobFolder, stage: str, frame: Any, seconds: dict[str, float]) -> None:
    """Write ``frame()`` as stage ``stage`` unless it is done (its time into ``seconds``)."""
    with _step(stage, seconds, "ingest"):
        job.run(stage, lambda tmp: _write(frame(), tmp))


# -- 1. near-duplicate groups --------------------------------------------------------------------

def _dup_groups(job: JobFolder, rounds: int) -> DataFrame:
    """(line, group) of every article: its near-duplicate group's smallest id."""
    grouped = _records(job).select("line").join(_stars(job, rounds), on="line", how="left")
    return grouped.select("line", col("group").fill_null(col("line")).alias("group"))


@daft.func.batch(return_dtype=DataType.float64())
def _jaccard(first: daft.Series, second: daft.Series) -> np.ndarray:
    """The estimated Jaccard similarity of each pair of signatures."""
    return jaccard_of(first, second)


def _edge_scores(job: JobFolder) -> DataFrame:
    """The verified pairs ``(hi, lo, score, group)``: estimated Jaccard and their group."""
    edges = with_signatures(job, _read(job.path("edges")), "hi", "lo")
    edges = edges.join(_groups_of_job(job, "lo"), on="lo")
    return edges.select("hi", "lo", _jaccard(col("sig_hi"), col("sig_lo")).alias("score"),
                        "group")


# -- 2. story candidates by time block ------------------------------------------------------------

_BLOCK = ("line", "day", "language", "entities", "vector")


def _story_pairs(job: JobFolder, config: CorpusConfig) -> DataFrame:
    """Candidate pairs of each bucket with itself, the bucket before and the undated one."""
    records = _records(job)
    blocks = records.groupby("bucket").agg(*[col(c).list_agg().alias(c) for c in _BLOCK])
    homes = records.select("bucket", "partners").distinct().explode("partners")
    others = blocks.select(col("bucket").alias("partners"),
                           *[col(c).alias(f"o_{c}") for c in _BLOCK])
    pairs = homes.join(blocks, on="bucket").join(others, on="partners")
    found = pairs.select(_block_pairs(*[col(c) for c in _BLOCK],
                                      *[col(f"o_{c}") for c in _BLOCK],
                                      col("bucket") == col("partners"), config).alias("pair"))
    found = found.explode("pair", ignore_empty_and_null=True)
    return found.select(*[col("pair")[name].alias(name)
                          for name in ("hi", "lo", "cosine", "score")])


@daft.func.batch(return_dtype=_PAIRS)
def _block_pairs(*columns: Any) -> pa.Array:
    """``story_parts.block_pairs`` of each row (a home block, a partner block)."""
    *series, same, config = columns
    values = [s.to_pylist() for s in series]
    out = []
    for n, is_same in enumerate(same.to_pylist()):
        home, other = (Block(*[values[k + offset][n] for k in range(len(_BLOCK))])
                       for offset in (0, len(_BLOCK)))
        out.append([dict(zip(("hi", "lo", "cosine", "score"), p, strict=True))
                    for p in block_pairs(home, other, bool(is_same), config)])
    return pa.array(out, type=_PAIRS_PA)


# -- 3. near-duplicate groups replayed in commit order -------------------------------------------

_LINKS_PA = pa.large_list(pa.struct([("lo", pa.int64()), ("hi", pa.int64()),
                                     ("score", pa.float64())]))
_ANSWERS_PA = pa.large_list(pa.struct([("hi", pa.int64()), ("lo", pa.int64()),
                                       ("at", pa.int64())]))


def _edge_lists(job: JobFolder) -> DataFrame:
    """Each group's verified pairs, as lists."""
    return _read(job.path("edge-scores")).groupby("group").agg(
        col("hi").list_agg().alias("e_hi"), col("lo").list_agg().alias("e_lo"),
        col("score").list_agg().alias("e_score"))


@daft.func.batch(return_dtype=DataType.from_arrow_type(_LINKS_PA))
def _replay_links(hi: daft.Series, lo: daft.Series, score: daft.Series) -> pa.Array:
    """The near-duplicate links of each group (``groups_at_time``)."""
    out = []
    for h, low, s in zip(hi.to_pylist(), lo.to_pylist(), score.to_pylist(), strict=True):
        links, _ = groups_at_time(list(zip(h, low, s, strict=True)), [])
        out.append([{"lo": a, "hi": b, "score": v} for a, b, v in links])
    return pa.array(out, type=_LINKS_PA)


def _dup_links(job: JobFolder) -> DataFrame:
    """The near-duplicate links ``(lo, hi, score)`` that ``Writer`` stores."""
    found = _edge_lists(job).select(
        _replay_links(col("e_hi"), col("e_lo"), col("e_score")).alias("link"))
    found = found.explode("link", ignore_empty_and_null=True)
    return found.select(*[col("link")[name].alias(name) for name in ("lo", "hi", "score")])


@daft.func.batch(return_dtype=DataType.from_arrow_type(_ANSWERS_PA))
def _replay_queries(*columns: daft.Series) -> pa.Array:
    """The group each candidate ``lo`` belonged to when ``hi`` was added (``groups_at_time``)."""
    e_hi, e_lo, e_score, q_hi, q_lo = (c.to_pylist() for c in columns)
    out = []
    for n in range(len(q_hi)):
        edges = list(zip(e_hi[n] or [], e_lo[n] or [], e_score[n] or [], strict=True))
        _, answers = groups_at_time(edges, list(zip(q_hi[n], q_lo[n], strict=True)))
        out.append([{"hi": x, "lo": y, "at": g} for x, y, g in answers])
    return pa.array(out, type=_ANSWERS_PA)


def _story_groups(job: JobFolder) -> DataFrame:
    """``(hi, lo, at)``: for each candidate pair of an article ``hi`` with no earlier
    near-duplicate, the group ``lo`` belonged to when ``hi`` was added."""
    copies = _read(job.path("edges")).select("hi").distinct()
    pairs = _read(job.path("story-pairs")).join(copies, on="hi", how="anti")
    queries = pairs.join(_groups_of_job(job, "lo"), on="lo").groupby("group").agg(
        col("hi").list_agg().alias("q_hi"), col("lo").list_agg().alias("q_lo"))
    both = queries.join(_edge_lists(job), on="group", how="left")
    found = both.select(_replay_queries(col("e_hi"), col("e_lo"), col("e_score"), col("q_hi"),
                                        col("q_lo")).alias("answer"))
    found = found.explode("answer", ignore_empty_and_null=True)
    return found.select(*[col("answer")[name].alias(name) for name in ("hi", "lo", "at")])


def _groups_of_job(job: JobFolder, name: str) -> DataFrame:
    """The ``groups`` stage with its line column called ``name``."""
    return _read(job.path("groups")).select(col("line").alias(name), "group")


# -- 4. story links ------------------------------------------------------------------------------

def _story_links(job: JobFolder, candidate_cosine: float) -> DataFrame:
    """``(lo, hi, score)``: of each group an article ``hi`` met, the member of highest cosine
    (then smallest id), kept when its similarity reaches ``candidate_cosine``."""
    pairs = _read(job.path("story-groups")).join(_read(job.path("story-pairs")), on=["hi", "lo"])
    best = pairs.groupby("hi", "at").agg(col("cosine").max().alias("best"))
    top = pairs.join(best, on=["hi", "at"]).where(col("cosine") == col("best"))
    chosen = top.groupby("hi", "at").agg(col("lo").min().alias("lo"))
    links = chosen.select("hi", "lo").join(pairs.select("hi", "lo", "score"), on=["hi", "lo"])
    return links.where(col("score") >= daft.lit(candidate_cosine)).select("lo", "hi", "score")


def _link_edges(job: JobFolder) -> DataFrame:
    """Every link as an edge ``(hi, lo)``, for the components."""
    dup = _read(job.path("dup-links")).select("hi", "lo")
    story = _read(job.path("story-links")).select("hi", "lo")
    return dup.union_all(story).distinct()


# -- 5. stories ----------------------------------------------------------------------------------

_STORIES_PA = pa.large_list(pa.struct([("line", pa.int64()), ("story", pa.int64())]))


def _all_links(job: JobFolder) -> DataFrame:
    """``(lo, hi, kind, score)`` of every link."""
    dup = _read(job.path("dup-links")).select("lo", "hi", daft.lit("dup").alias("kind"),
                                              "score")
    story = _read(job.path("story-links")).select("lo", "hi", daft.lit("story").alias("kind"),
                                                  "score")
    return dup.union_all(story)


def _components(job: JobFolder, rounds: int) -> DataFrame:
    """``(line, component)`` of the articles with a link (the others are their own)."""
    return _stars(job, rounds, "link-edges", "link-components").select(
        "line", col("group").alias("component"))


@daft.func.batch(return_dtype=DataType.from_arrow_type(_STORIES_PA))
def _cluster(ids: daft.Series, hashes: daft.Series, batches: daft.Series, lo: daft.Series,
             hi: daft.Series, kind: daft.Series, score: daft.Series, threshold: float,
             limit: int) -> pa.Array:
    """``story_parts.component_stories`` of each component."""
    out = []
    for members, digests, commits, a, b, k, s in zip(
            *(c.to_pylist() for c in (ids, hashes, batches, lo, hi, kind, score)), strict=True):
        stories = component_stories(members, digests, commits,
                                    list(zip(a, b, k, s, strict=True)), threshold, limit)
        out.append([{"line": i, "story": story} for i, story in stories])
    return pa.array(out, type=_STORIES_PA)


def _stories(job: JobFolder, rounds: int, threshold: float, limit: int) -> DataFrame:
    """``(line, story)`` of every article with a link."""
    components = _components(job, rounds)
    roots = components.select(col("component").alias("line")).distinct()
    linked = components.union_all(roots.select("line", col("line").alias("component")))
    members = linked.join(_records(job).select("line", "hash", "batch"), on="line").groupby(
        "component").agg(*[col(c).list_agg().alias(name) for c, name in
                           (("line", "ids"), ("hash", "hashes"), ("batch", "batches"))])
    links = _all_links(job).join(linked.select(col("line").alias("lo"), "component"), on="lo")
    links = links.groupby("component").agg(*[col(c).list_agg().alias(c)
                                             for c in ("lo", "hi", "kind", "score")])
    both = members.join(links, on="component")
    found = both.select(_cluster(col("ids"), col("hashes"), col("batches"), col("lo"),
                                 col("hi"), col("kind"), col("score"), threshold,
                                 limit).alias("member"))
    found = found.explode("member", ignore_empty_and_null=True)
    return found.select(col("member")["line"].alias("line"),
                        col("member")["story"].alias("story"))


def _labels(job: JobFolder, rounds: int) -> DataFrame:
    """``(line, group, component, story)`` of every article."""
    frame = _read(job.path("groups")).join(_components(job, rounds), on="line", how="left")
    frame = frame.join(_read(job.path("stories")), on="line", how="left")
    return frame.select("line", "group", col("component").fill_null(col("line")),
                        col("story").fill_null(col("line")))


# -- what the bulk load reads --------------------------------------------------------------------

def largest_component(job: JobFolder) -> int:
    """How many articles the largest linked component of the finished job holds."""
    sizes = _read(job.path("labels")).groupby("component").agg(col("line").count().alias("n"))
    largest = sizes.agg(col("n").max().alias("largest")).to_pydict()["largest"]
    return int(largest[0] or 0) if largest else 0


def label_rows(job: JobFolder) -> Iterator[tuple[Any, ...]]:
    """``(id, group, component, story)`` of every article, in id order."""
    return rows_of(_read(job.path("labels")).sort("line"),
                   ("line", "group", "component", "story"))


def link_rows(job: JobFolder) -> Iterator[tuple[Any, ...]]:
    """``(a, b, kind, score)`` of every link (``a < b``)."""
    return rows_of(_all_links(job), ("lo", "hi", "kind", "score"))
