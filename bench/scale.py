"""Scale-out measurements (issue #15), side by side in one run (see bench/README.md, "scale.py").

    python bench/scale.py [--sizes 10000 100000 1000000] [--per-day 1000 10000]
                          [--queries 500] [--stores 600] [--postgres URI] [--stages 100]
                          [--pgvector DOCS PER_DAY] [--pgvector-graphs 16:64 16:96 ...]
                          [--ef-factors 4 8] [--pgvector-inserts 2000]
                          [--maintenance-work-mem 2GB] [--build-workers 0]

1. **Candidate search** at each corpus size and daily volume: the vector index corpus mode uses
   (``WindowedIndex`` with the default options: time shards of ``time_window_days``, a shard
   over ``exact_shard_size`` vectors searched by HNSW) against the same index kept exact and
   against the release before it (one exact faiss index over everything, the window applied
   after). Per article: milliseconds of search, candidates found; recall of the candidates
   (pair cosine >= ``candidate_cosine - cross_language_bonus``, within the time window)
   against exact search; build time; index bytes per vector. Documents are generated from the
   real title+lead vectors (USE) of the SemEval-2022 Task 8 articles, so that their pair cosines
   follow the real ones (both distributions are printed): story centres mix two real articles'
   residuals from the mean vector, members add noise tuned to the real same-story cosines.
   The same search in a pgvector store (``--pgvector``), for each HNSW graph and ``ef_search``
   factor: recall, ms per article, bulk build and single-row insert time per document, size.
2. **Stores**: the same default ingest of real SemEval articles into a SQLite folder and into a
   PostgreSQL schema: documents per second, store size, ``stories`` and ``story_parts`` latency.
3. **Cost model** for 100M articles, from per-document costs measured here (stage times of the
   ingest, the search figures of part 1) and the LSH band-key volume.

Writes bench/out/scale.json. Texts come from ../shared/data at run time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import semeval_rows

from corpus import _ingest_records, _stage_times, _table, semeval_articles
from storydiff.corpus.store.pgvector import EF_FACTOR, HNSW_EF_CONSTRUCTION, HNSW_M

OUT = Path(__file__).resolve().parent / "out"
#: Noise of story members around their centre, in units of the typical residual per dimension,
#: and the weight of the mean vector: chosen so that random pairs and same-story pairs have
#: about the cosines of real ones (both printed by the run).
MEMBER_NOISE, MEAN_WEIGHT = 0.7, 1.3
#: Share of undated articles in the generated corpora (``--undated``).
UNDATED_SHARE = 0.05
#: pgvector part: ``maintenance_work_mem`` of the bulk index build (holds the graph of 100,000
#: vectors of 512; PostgreSQL's default, 64 MB, sends pgvector to its slower on-disk build),
#: and how many rows are inserted one at a time into the built index (``--pgvector-inserts``).
BUILD_MEMORY, INSERTS = "2GB", 2_000


# -- real and generated vectors -------------------------------------------------------------------

def real_vectors() -> tuple[np.ndarray, list[str]]:
    """The story encoder's title+lead vectors of every SemEval article, and their ids."""
    from storydiff.corpus import CorpusConfig
    from storydiff.corpus.features import lead_text
    from storydiff.embed import default_story_encoder

    articles = semeval_articles()
    ids = sorted(articles)
    encoder = default_story_encoder()
    leads = [lead_text(articles[i][0], CorpusConfig().lead_chars) for i in ids]
    return np.asarray(encoder.encode(leads), dtype=np.float32), ids


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


def generated(real: np.ndarray, n: int, per_day: int, seed: int = 11,
              undated_share: float = UNDATED_SHARE
              ) -> tuple[np.ndarray, list[int | None], np.ndarray]:
    """``n`` unit vectors in stories of 1 + Poisson(3) articles, ``per_day`` articles a day,
    with their day numbers (some undated) and story numbers."""
    rng = np.random.default_rng(seed)
    mean = real.mean(axis=0)
    residuals = real - mean
    norms = np.linalg.norm(residuals, axis=1)
    scale = float(np.median(norms)) / np.sqrt(real.shape[1])
    sizes = 1 + rng.poisson(3, n)
    story = np.repeat(np.arange(n), sizes)[:n]
    n_stories = int(story[-1]) + 1
    weights = rng.dirichlet(np.ones(2), n_stories)
    parents = rng.integers(0, len(real), (n_stories, 2))
    centre = np.einsum("nk,nkd->nd", weights, residuals[parents])
    centre *= (rng.choice(norms, n_stories) / np.linalg.norm(centre, axis=1))[:, None]
    days_total = max(1, n // per_day)
    story_day = rng.integers(0, days_total, n_stories) + 740_000
    vectors = np.empty((n, real.shape[1]), dtype=np.float32)
    for start in range(0, n, 50_000):
        rows = story[start:start + 50_000]
        noise = rng.uniform(0.5, 1.5, (len(rows), 1)) * MEMBER_NOISE * scale
        spread = noise * rng.standard_normal((len(rows), real.shape[1]))
        vectors[start:start + len(rows)] = _unit(MEAN_WEIGHT * mean + centre[rows] + spread)
    offsets = rng.integers(0, 3, n)
    undated = rng.random(n) < undated_share
    days = [None if u else int(story_day[s] + o) for s, o, u in zip(story, offsets, undated,
                                                                      strict=True)]
    order = np.argsort([d if d is not None else 0 for d in days], kind="stable")  # arrival
    return vectors[order], [days[i] for i in order], story[order]


def cosine_percentiles(vectors: np.ndarray, floor: float, same: list[tuple[int, int]],
                       seed: int = 5) -> dict[str, float]:
    """Percentiles of the cosine of random pairs, the share at or above ``floor``, and the
    10th and 50th percentiles over the ``same``-story pairs."""
    rng = np.random.default_rng(seed)
    first, second = rng.integers(0, len(vectors), (2, 200_000))
    keep = first != second
    values = np.einsum("ij,ij->i", vectors[first[keep]], vectors[second[keep]])
    p50, p90, p99 = np.percentile(values, [50, 90, 99])
    pairs = np.array(same)
    same_values = np.einsum("ij,ij->i", vectors[pairs[:, 0]], vectors[pairs[:, 1]])
    s10, s50 = np.percentile(same_values, [10, 50])
    return {"random_p50": round(float(p50), 3), "random_p90": round(float(p90), 3),
            "random_p99": round(float(p99), 3),
            "share_above_floor": round(float((values >= floor).mean()), 4),
            "same_story_p10": round(float(s10), 3), "same_story_p50": round(float(s50), 3)}


def real_same_story(ids: list[str]) -> list[tuple[int, int]]:
    """Rows of the SemEval pairs labelled the same story (Overall <= 2)."""
    row = {key: number for number, key in enumerate(ids)}
    out = []
    for pair in semeval_rows():
        first, second = pair["pair_id"].split("_")
        if float(pair["Overall"]) <= 2 and first in row and second in row:
            out.append((row[first], row[second]))
    return out


def generated_same_story(story: np.ndarray, limit: int = 5_000) -> list[tuple[int, int]]:
    """Consecutive members of the same generated story."""
    order = np.argsort(story, kind="stable")
    pairs = [(int(a), int(b)) for a, b in itertools.pairwise(order) if story[a] == story[b]]
    return pairs[:limit]


# -- part 1: candidate search ---------------------------------------------------------------------

def _build(index: Any, vectors: np.ndarray, days: list[int | None], batch: int = 64) -> float:
    """Add everything in arrival order, a batch at a time as ingest does; seconds taken."""
    started = time.perf_counter()
    for start in range(0, len(vectors), batch):
        ids = np.arange(start + 1, min(start + batch, len(vectors)) + 1)
        index.add(ids, vectors[start:start + batch], days[start:start + batch])
    return time.perf_counter() - started


class _GlobalExact:
    """The release before: one exact faiss index over everything, the window applied after."""

    def __init__(self, dim: int, window: int) -> None:
        from storydiff.corpus.vectors import FaissIndex

        self.flat, self.window, self.days = FaissIndex(dim), window, list[int | None]()

    def add(self, ids: np.ndarray, vectors: np.ndarray, days: list[int | None]) -> None:
        self.flat.add(ids, vectors)
        self.days += days

    def above(self, vector: np.ndarray, threshold: float, day: int | None
              ) -> list[tuple[int, float]]:
        hits = self.flat.above(vector, threshold)
        return sorted((i, s) for i, s in hits
                      if day is None or self.days[i - 1] is None
                      or abs(self.days[i - 1] - day) <= self.window)  # type: ignore[operator]


def _queries(index: Any, vectors: np.ndarray, days: list[int | None], rows: np.ndarray,
             floor: float) -> tuple[list[set[int]], float]:
    """Each query's hits (itself left out) and the mean milliseconds per query."""
    found, started = [], time.perf_counter()
    for row in rows:
        hits = index.above(vectors[row], floor, days[row])
        found.append({i for i, _ in hits if i != row + 1})
    return found, 1000 * (time.perf_counter() - started) / len(rows)


def search_child(real: np.ndarray, n: int, per_day: int, queries: int,
                 undated_share: float = UNDATED_SHARE) -> dict[str, Any]:
    """Part 1 at one size and daily volume."""
    from storydiff.corpus import CorpusConfig
    from storydiff.corpus.vectors import WindowedIndex

    config = CorpusConfig()
    floor = config.candidate_cosine - config.cross_language_bonus
    window = config.time_window_days
    vectors, days, story = generated(real, n, per_day, undated_share=undated_share)
    dim = vectors.shape[1]
    rows = np.random.default_rng(3).choice(n, min(queries, n), replace=False)
    default = WindowedIndex(dim, window, config.exact_shard_size)
    exact = WindowedIndex(dim, window, 0)
    before = _GlobalExact(dim, window)
    build = {"default": _build(default, vectors, days), "exact": _build(exact, vectors, days),
             "before": _build(before, vectors, days)}
    truth, exact_ms = _queries(exact, vectors, days, rows, floor)
    got, default_ms = _queries(default, vectors, days, rows, floor)
    old, before_ms = _queries(before, vectors, days, rows, floor)
    assert old == truth, "the exact windowed index disagrees with exact search"
    expected = sum(len(t) for t in truth)
    same_story = [{i for i in t if story[i - 1] == story[row]} for t, row in zip(truth, rows,
                                                                                   strict=True)]
    with tempfile.TemporaryDirectory() as tmp:
        default.save(Path(tmp) / "vectors.npz")
        index_bytes = (Path(tmp) / "vectors.npz").stat().st_size
    summary = default.summary()
    return {
        "docs": n, "per_day": per_day, "days": max(1, n // per_day),
        "undated": undated_share,
        "shards": summary["shards"], "approximate_shards": summary["approximate_shards"],
        "candidates_per_article": round(expected / len(rows), 1),
        "search_ms": round(default_ms, 3), "exact_windowed_ms": round(exact_ms, 3),
        "before_ms": round(before_ms, 3),
        "recall": round(sum(len(g & t) for g, t in zip(got, truth, strict=True))
                        / max(1, expected), 4),
        "same_story_recall": round(sum(len(g & s) for g, s in zip(got, same_story, strict=True))
                                   / max(1, sum(len(s) for s in same_story)), 4),
        "build_us_per_doc": round(1e6 * build["default"] / n, 1),
        "build_us_per_doc_exact": round(1e6 * build["exact"] / n, 1),
        "index_bytes_per_doc": round(index_bytes / n, 1),
        "peak_mb": round(_peak_mb(), 1),
    }


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pgvector_child(real: np.ndarray, n: int, per_day: int, queries: int,
                   ef_factors: tuple[int, ...] = (EF_FACTOR,),
                   graphs: tuple[tuple[int, int], ...] = ((HNSW_M, HNSW_EF_CONSTRUCTION),),
                   build_memory: str = BUILD_MEMORY, inserts: int = INSERTS,
                   build_workers: int = 0) -> dict[str, Any]:
    """Part 1's search in a pgvector store (PostgreSQL 16 from the pgserver package), for each
    HNSW graph ``(m, ef_construction)`` in turn on the same rows: the first ``n - inserts``
    vectors loaded with COPY and the index built over them (``CREATE INDEX`` as
    ``pgvector.create_table`` writes it, under ``maintenance_work_mem = build_memory`` with
    ``build_workers`` parallel workers: 0, one core, as the other per-document costs here);
    then the last ``inserts`` vectors (the latest days) inserted into that index one row at a
    time, in transactions of 64 rows, as the ingest writes them; then the search of
    ``PgVectorIndex`` against exact search, once for each ``ef_search`` factor. With
    ``inserts == n`` the index is created on the empty table and every row is inserted, as in a
    store. Times are wall-clock and, where the server's process can be read (Linux), CPU of
    the server process (mean, and median over the 64-row transactions); the index blocks an
    insert or a search reads (``pg_statio_user_indexes``) measure their work where a busy
    machine makes times unsteady. The first graph and factor give the top-level figures
    (``recall``, ``search_ms``)."""
    import warnings

    import psycopg

    from storydiff.corpus import CorpusConfig
    from storydiff.corpus.store import pgvector
    from storydiff.corpus.vectors import WindowedIndex

    inserts = max(0, min(inserts, n))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

        server = pgserver.get_server(tempfile.mkdtemp(), cleanup_mode="delete")
    config = CorpusConfig()
    floor = config.candidate_cosine - config.cross_language_bonus
    vectors, days, _ = generated(real, n, per_day)
    rows = np.random.default_rng(3).choice(n, min(queries, n), replace=False)
    exact = WindowedIndex(vectors.shape[1], config.time_window_days, 0)
    _build(exact, vectors, days)
    truth, _ = _queries(exact, vectors, days, rows, floor)
    expected = sum(len(t) for t in truth)
    literals = [pgvector.vector_literal(v) for v in vectors]
    base, dim = n - inserts, vectors.shape[1]
    out: dict[str, Any] = {"docs": n, "per_day": per_day, "queries": len(rows),
                           "candidates_per_article": round(expected / len(rows), 1),
                           "maintenance_work_mem": build_memory, "build_workers": build_workers,
                           "inserts": inserts, "graphs": []}

    def recall(got: list[set[int]]) -> float:
        return round(sum(len(g & t) for g, t in zip(got, truth, strict=True)) / max(1, expected),
                     4)

    try:
        with psycopg.connect(server.get_uri(), autocommit=True) as db:
            notices: list[str] = []
            db.add_notice_handler(lambda d: notices.append(str(d.message_primary)))
            schema = pgvector.enable(db)
            assert schema is not None, "pgserver has no pgvector"
            cpu = _process_cpu(int(db.execute("SELECT pg_backend_pid()").fetchall()[0][0]))
            db.execute(f"SET maintenance_work_mem = '{build_memory}'")
            db.execute(f"SET max_parallel_maintenance_workers = {int(build_workers)}")
            started = time.perf_counter()
            db.execute("CREATE TABLE vectors (article_id BIGINT PRIMARY KEY, day INTEGER, "
                       f"embedding {schema}.vector({dim}) NOT NULL)")
            with db.cursor().copy("COPY vectors FROM STDIN") as copy:
                for number in range(base):
                    copy.write_row((number + 1, days[number], literals[number]))
            if base:
                out["copy_us_per_doc"] = round(1e6 * (time.perf_counter() - started) / base, 1)
            db.execute("VACUUM ANALYZE vectors")
            index = pgvector.PgVectorIndex(lambda sql, p: db.execute(sql, p).fetchall(), schema,
                                           config.time_window_days, "bench")
            for m, ef_construction in graphs:
                graph: dict[str, Any] = {"m": m, "ef_construction": ef_construction}
                notices.clear()
                started, cpu_started = time.perf_counter(), cpu()
                pgvector.create_table(db.execute, schema, dim, m=m,
                                      ef_construction=ef_construction)  # the HNSW index
                if base:
                    graph["build_us_per_doc"] = round(
                        1e6 * (time.perf_counter() - started) / base, 1)
                    graph["build_cpu_us_per_doc"] = round(1e6 * (cpu() - cpu_started) / base, 1)
                    graph["graph_fits"] = not any("no longer fits" in t for t in notices)
                    graph["notices"] = [t for t in notices if "already exists" not in t]
                started, blocks, per_row = time.perf_counter(), _index_blocks(db), []
                for start in range(base, n, 64):  # one transaction a batch, as the ingest
                    cpu_started = cpu()
                    with db.transaction():
                        for number in range(start, min(start + 64, n)):
                            db.execute("INSERT INTO vectors VALUES (%s, %s, %s)",
                                       (number + 1, days[number], literals[number]))
                    per_row.append((cpu() - cpu_started) / (min(start + 64, n) - start))
                if inserts:
                    graph["insert_us_per_doc"] = round(
                        1e6 * (time.perf_counter() - started) / inserts, 1)
                    graph["insert_cpu_us_per_doc"] = round(1e6 * float(np.mean(per_row)), 1)
                    graph["insert_cpu_us_median"] = round(1e6 * float(np.median(per_row)), 1)
                    graph["insert_index_blocks"] = round((_index_blocks(db) - blocks) / inserts,
                                                         1)
                table, hnsw = db.execute("SELECT pg_total_relation_size('vectors'), "
                                         "pg_relation_size('vectors_hnsw')").fetchall()[0]
                graph["index_bytes_per_doc"] = round(hnsw / n, 1)
                graph["table_bytes_per_doc"] = round(table / n, 1)
                graph["ef_factors"] = {}
                for factor in ef_factors:  # the same graph searched with longer lists
                    pgvector.EF_FACTOR = factor
                    cpu_started, blocks = cpu(), _index_blocks(db)
                    got, ms = _queries(index, vectors, days, rows, floor)
                    graph["ef_factors"][str(factor)] = {
                        "recall": recall(got), "search_ms": round(ms, 3),
                        "search_cpu_ms": round(1000 * (cpu() - cpu_started) / len(rows), 3),
                        "search_index_blocks": round((_index_blocks(db) - blocks) / len(rows))}
                print(json.dumps(graph), flush=True)
                out["graphs"].append(graph)
                db.execute(f"DELETE FROM vectors WHERE article_id > {base}")
                db.execute("DROP INDEX vectors_hnsw")
                db.execute("VACUUM vectors")
    finally:
        pgvector.EF_FACTOR = EF_FACTOR
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            server.cleanup()
    first = out["graphs"][0]
    top = first["ef_factors"][str(ef_factors[0])]
    return {**out, "recall": top["recall"], "search_ms": top["search_ms"],
            "ef_factors": first["ef_factors"],
            "hnsw_build_us_per_doc": first.get("build_us_per_doc"),
            "table_bytes_per_doc": first["table_bytes_per_doc"]}


def _index_blocks(db: Any) -> int:
    """Blocks of the ``vectors_hnsw`` index read so far (from shared buffers or not): a measure
    of an insert's or a search's work that a busy machine does not change, unlike its time."""
    db.execute("SELECT pg_stat_force_next_flush()")  # this session's counts, flushed when idle
    time.sleep(0.01)
    return int(db.execute("SELECT COALESCE(SUM(idx_blks_hit + idx_blks_read), 0) FROM "
                          "pg_statio_user_indexes WHERE indexrelname = 'vectors_hnsw'"
                          ).fetchall()[0][0])


def _process_cpu(pid: int) -> Callable[[], float]:
    """A function that gives the CPU seconds (user and system) the process ``pid`` has used
    so far, read from /proc; NaN where it cannot be read."""
    stat = Path(f"/proc/{pid}/stat")
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    def seconds() -> float:
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        return (int(fields[11]) + int(fields[12])) / tick  # utime, stime

    return seconds


def _pgvector_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One table row per graph and ``ef_search`` factor of the pgvector part."""
    out = []
    for graph in result.get("graphs", []):
        for factor, found in graph["ef_factors"].items():
            out.append({"m": graph["m"], "ef_construction": graph["ef_construction"],
                        "ef_factor": factor, **found,
                        **{k: v for k, v in graph.items()
                           if k not in ("m", "ef_construction", "ef_factors", "notices")}})
    return out


def engine_child(n_docs: int, workers: int) -> dict[str, Any]:
    """Part 4: the default ingest of ``n_docs`` real records (with variants) by the single
    process and by the daft engine on this machine: docs/s, peak memory, the engine's start-up
    cost (a job of 8 records), and the adjusted Rand index of their stories and groups."""
    from sklearn.metrics import adjusted_rand_score

    from storydiff.corpus import Corpus
    from storydiff.corpus.engine import open_engine

    records = _ingest_records(n_docs)
    out: dict[str, Any] = {"docs": n_docs, "workers": workers}
    labels: dict[str, dict[str, dict[str, int]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "records.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        tiny = Path(tmp) / "tiny.jsonl"
        tiny.write_text("".join(json.dumps(r) + "\n" for r in records[:8]), encoding="utf-8")
        for name in ("single", "daft"):
            engine = open_engine("daft", workers=workers) if name == "daft" else None
            with Corpus(Path(tmp) / f"{name}-tiny") as corpus:
                started = time.perf_counter()
                corpus.add([tiny], engine=engine)
                out[f"{name}_8_records_s"] = round(time.perf_counter() - started, 2)
            with Corpus(Path(tmp) / name) as corpus:
                started = time.perf_counter()
                summary = corpus.add([source], engine=engine)
                seconds = time.perf_counter() - started
                rows = corpus._store.query("SELECT source, story_id, dup_group FROM articles")
            done = summary.added + summary.duplicates
            out[f"{name}_docs_per_s"] = round(done / seconds, 2)
            out[f"{name}_peak_mb"] = round(_peak_mb(), 1)
            labels[name] = {"story": {s: int(t) for s, t, _ in rows},
                            "group": {s: int(g) for s, _, g in rows}}
    out["worker_peak_mb"] = round(
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    for kind in ("story", "group"):
        keys = sorted(labels["single"][kind])
        out[f"{kind}_ari"] = round(adjusted_rand_score(
            [labels["single"][kind][k] for k in keys],
            [labels["daft"][kind].get(k, -1) for k in keys]), 4)
    return out


# -- part 2: stores -------------------------------------------------------------------------------

def store_child(n_docs: int, address: str) -> dict[str, Any]:
    """The default ingest of ``n_docs`` real records into ``address``; then read latencies."""
    from storydiff.corpus import Corpus

    records = _ingest_records(n_docs + 8)
    with Corpus(address) as corpus:
        corpus.add(records[:8])  # load the models outside the timing
        started = time.perf_counter()
        summary = corpus.add(records[8:])
        seconds = time.perf_counter() - started
        size = int(corpus.stats()["database_bytes"])
        listing = _median_ms(lambda: corpus.stories(limit=50), 20)
        story_id = corpus.stories(limit=1)[0].id
        parts = _median_ms(lambda: corpus.story_parts(story_id), 20)
    done = summary.added + summary.duplicates
    return {"docs": done, "docs_per_s": round(done / seconds, 2),
            "store_mb": round(size / 2**20, 1), "stories_ms": listing, "story_parts_ms": parts}


def _median_ms(call: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(1000 * (time.perf_counter() - started))
    return round(float(np.median(times)), 2)


def _postgres_schema(uri: str) -> tuple[str, Any]:
    """A fresh schema of the database at ``uri`` and a function that drops it."""
    import psycopg

    schema = f"storydiff_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(uri, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")

    def drop() -> None:
        with psycopg.connect(uri, autocommit=True) as again:
            again.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")

    joiner = "&" if "?" in uri else "?"
    return f"{uri}{joiner}options=-csearch_path%3D{schema}", drop


# -- part 3: cost model ---------------------------------------------------------------------------

def cost_model(stages: dict[str, float], search: list[dict[str, Any]], articles: float = 1e8
               ) -> dict[str, Any]:
    """CPU-hours per stage for ``articles``, LSH shuffle bytes, index memory per time shard."""
    from storydiff.corpus import CorpusConfig
    from storydiff.corpus.minhash import lsh_params

    config = CorpusConfig()
    bands, _ = lsh_params(config.dedup_threshold, config.num_perm)
    largest = max(search, key=lambda r: (r["docs"], r["per_day"])) if search else None
    hours = {name: round(ms * articles / 1000 / 3600, 0) for name, ms in stages.items()}
    if largest is not None:
        hours["candidate search"] = round(largest["search_ms"] * articles / 1000 / 3600, 0)
    # one record per band and article: an 8-byte key and an 8-byte article id
    shuffle = 16 * bands * articles
    return {
        "articles": int(articles), "cpu_hours": hours,
        "cpu_hours_total": round(sum(hours.values()), 0),
        "lsh_bands": bands, "lsh_shuffle_gb": round(shuffle / 1e9, 1),
        "index_bytes_per_doc": largest["index_bytes_per_doc"] if largest else None,
    }


# -- main -----------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--per-day", type=int, nargs="*", default=[1_000, 10_000])
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--stores", type=int, default=0,
                        help="records ingested into each store (0: skip part 2)")
    parser.add_argument("--postgres", default=os.environ.get("STORYDIFF_TEST_POSTGRES",
                                                             "postgresql:///storydiff_test"))
    parser.add_argument("--pgvector", type=int, nargs="*", default=[100_000, 10_000],
                        metavar=("DOCS", "PER_DAY"),
                        help="part 1 in a pgvector store at this size and daily volume "
                             "(needs pgserver; nothing: skip)")
    parser.add_argument("--ef-factors", type=int, nargs="+", default=[EF_FACTOR],
                        help="pgvector ef_search as these multiples of the rows asked for, "
                             "searched on one graph (the first is reported as its recall)")
    parser.add_argument("--pgvector-graphs", nargs="+", metavar="M:EF_CONSTRUCTION",
                        default=[f"{HNSW_M}:{HNSW_EF_CONSTRUCTION}"],
                        help="HNSW graphs built in turn on the same rows (default: a new "
                             "store's; the first gives the top-level figures)")
    parser.add_argument("--maintenance-work-mem", default=BUILD_MEMORY,
                        help="maintenance_work_mem of pgvector's bulk index build")
    parser.add_argument("--build-workers", type=int, default=0,
                        help="max_parallel_maintenance_workers of the bulk build (0: one core)")
    parser.add_argument("--pgvector-inserts", type=int, default=INSERTS,
                        help="rows inserted one at a time into the built index, timed (the "
                             "rest are bulk-loaded first; all of them: no bulk build, as in a "
                             "store)")
    parser.add_argument("--engine-docs", type=int, default=0,
                        help="records ingested by the single process and by the daft engine "
                             "(0: skip part 4)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skip-search", action="store_true", help="skip part 1")
    parser.add_argument("--undated", type=float, default=UNDATED_SHARE,
                        help="share of undated generated articles (part 1)")
    parser.add_argument("--search-key", default="search",
                        help="the key of part 1's rows in scale.json (to keep runs apart)")
    parser.add_argument("--pgvector-key", default="pgvector",
                        help="the key of the pgvector part in scale.json (to keep runs apart)")
    parser.add_argument("--merge", action="store_true",
                        help="keep the parts of bench/out/scale.json this run does not redo")
    parser.add_argument("--stages", type=int, default=100,
                        help="records whose ingest stages are timed for the cost model")
    args = parser.parse_args()
    from storydiff.corpus import CorpusConfig

    config = CorpusConfig()
    floor = config.candidate_cosine - config.cross_language_bonus
    result: dict[str, Any] = {"floor": floor, "window_days": config.time_window_days,
                              "exact_shard_size": config.exact_shard_size}
    real, ids = real_vectors()
    sample, _, sample_story = generated(real, 20_000, 1_000)
    result["cosines"] = {
        "real": cosine_percentiles(real, floor, real_same_story(ids)),
        "generated": cosine_percentiles(sample, floor, generated_same_story(sample_story))}
    print("pair cosines (random pairs):", json.dumps(result["cosines"]), flush=True)
    search = []
    for per_day in [] if args.skip_search else args.per_day:
        for n in args.sizes:
            row = search_child(real, n, per_day, args.queries, args.undated)
            print(json.dumps(row), flush=True)
            search.append(row)
    result[args.search_key] = search
    if args.engine_docs:
        result["engine"] = engine_child(args.engine_docs, args.workers)
        print(json.dumps(result["engine"]), flush=True)
    if args.pgvector:
        graphs = tuple((int(m), int(ef)) for m, ef in
                       (g.split(":") for g in args.pgvector_graphs))
        row = pgvector_child(real, args.pgvector[0], args.pgvector[1], args.queries,
                             tuple(args.ef_factors), graphs, args.maintenance_work_mem,
                             args.pgvector_inserts, args.build_workers)
        print(json.dumps(row), flush=True)
        result[args.pgvector_key] = row
    if args.stores:
        folder = tempfile.mkdtemp()
        stores = {"SQLite": store_child(args.stores, str(Path(folder) / "store"))}
        try:
            address, drop = _postgres_schema(args.postgres)
        except Exception as exc:
            print(f"PostgreSQL skipped: {exc}")
        else:
            try:
                stores["PostgreSQL"] = store_child(args.stores, address)
            finally:
                drop()
        result["stores"] = stores
    stages = _stage_times(_ingest_records(args.stages)) if args.stages else {}
    if stages:
        result["stages_ms_per_doc"] = stages
    if stages and search:
        result["cost_model"] = cost_model(stages, search)
    OUT.mkdir(exist_ok=True)
    if args.merge and (OUT / "scale.json").is_file():
        earlier = json.loads((OUT / "scale.json").read_text())
        redone = {k for k, v in result.items() if v not in ([], {}, None)}
        result = {**earlier, **{k: v for k, v in result.items() if k in redone}}
    (OUT / "scale.json").write_text(json.dumps(result, indent=2) + "\n")
    print()
    print(_table(search, ["docs", "per_day", "shards", "approximate_shards",
                          "candidates_per_article", "search_ms", "exact_windowed_ms",
                          "before_ms", "recall", "same_story_recall", "build_us_per_doc",
                          "index_bytes_per_doc", "peak_mb"]))
    if args.pgvector_key in result:
        print()
        rows = _pgvector_rows(result[args.pgvector_key])
        print(_table(rows, list(rows[0]) if rows else []))
    if "stores" in result:
        print()
        print(_table([{"store": k, **v} for k, v in result["stores"].items()],
                     ["store", "docs", "docs_per_s", "store_mb", "stories_ms",
                      "story_parts_ms"]))
    if "cost_model" in result:
        print()
        print(json.dumps(result["cost_model"], indent=1))


if __name__ == "__main__":
    main()
