"""The parts of a dedup job on an engine that need no engine: the job's folder and its stages,
the line ranges of the input, one range's signatures, the candidate pairs of buckets and the
output pass. ``dedup_engine`` runs them as Daft jobs.

Each record is known by its line number: line order is row order, so the group named by its
smallest line is the group ``groups.duplicate_groups`` names by its smallest row.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from .dedup import read_lines
from .groups import _FULL_BUCKET, _chain_and_star
from .minhash import band_keys, lsh_params, shingle_hashes, signatures

if TYPE_CHECKING:
    import pyarrow as pa

    from ..settings import Settings
    from .config import CorpusConfig

__all__ = ["Chunk", "JobFolder", "bucket_pairs", "plan_chunks", "sign_chunk", "write_outputs"]


@dataclass(frozen=True)
class Chunk:
    """A range of whole lines of the input: bytes ``start`` to ``end``, the first of them line
    ``first`` (as the single-process dedup counts lines: text mode, universal newlines)."""

    number: int
    start: int
    end: int
    first: int


def plan_chunks(path: Path, max_lines: int, max_bytes: int | None = None) -> list[Chunk]:
    """Split the file at ``path`` into ranges of ``max_lines`` lines or ``max_bytes`` bytes,
    whichever comes first (or a little more: each ends after a ``\\n`` byte). One sequential
    read; memory holds one line."""
    chunks: list[Chunk] = []
    start = offset = count = 0
    first = 1
    with path.open("rb") as handle:
        for raw in handle:
            offset += len(raw)
            count += _text_lines(raw)
            full = count >= max_lines or (max_bytes is not None and offset - start >= max_bytes)
            if full and raw.endswith(b"\n"):
                chunks.append(Chunk(len(chunks), start, offset, first))
                start, first, count = offset, first + count, 0
    if offset > start:
        chunks.append(Chunk(len(chunks), start, offset, first))
    return chunks


def _text_lines(raw: bytes) -> int:
    """How many lines text mode reads from ``raw`` (bytes up to and including a ``\\n``, or the
    file's last bytes): a lone ``\\r`` ends a line too."""
    if b"\r" not in raw:
        return 1
    ends = raw.count(b"\r") + raw.count(b"\n") - raw.count(b"\r\n")
    return ends + (0 if raw.endswith((b"\n", b"\r")) else 1)


def read_chunk(path: Path, chunk: Chunk) -> Iterator[str]:
    """The lines of ``chunk`` as the single-process dedup reads them (UTF-8, bad bytes
    replaced, universal newlines)."""
    with path.open("rb") as handle:
        handle.seek(chunk.start)
        data = handle.read(chunk.end - chunk.start)
    yield from io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace")


def sign_chunk(path: Path, name: str, chunk: Chunk, config: CorpusConfig,
               settings: Settings) -> pa.Table:
    """One row per non-blank line of ``chunk``: its line number and, for a readable record, its
    id (JSON), MinHash signature and LSH band keys; else the error (``name:line: problem``).
    The cleaning and the signatures are the single-process dedup's (``dedup.read_lines``)."""
    import pyarrow as pa

    rows: list[dict[str, Any]] = []
    hashes: list[np.ndarray] = []
    for line_no, text, ident, error in read_lines(read_chunk(path, chunk), name, chunk.first,
                                                 settings):
        rows.append({"line": line_no, "error": error, "ident": None if error else _id(ident)})
        if error is None:
            hashes.append(shingle_hashes(text, config.word_shingle, config.char_shingle))
    sigs = np.vstack([signatures(hashes[i:i + 1024], config.num_perm, config.seed)
                      for i in range(0, len(hashes), 1024)] or
                     [np.zeros((0, config.num_perm), np.uint32)])
    keys = band_keys(sigs, *lsh_params(config.dedup_threshold, config.num_perm))
    readable = iter(range(len(sigs)))
    for row in rows:
        if row["error"] is None:
            n = next(readable)
            row["signature"], row["keys"] = sigs[n].tobytes(), keys[n].tolist()
    return pa.Table.from_pylist(rows, schema=signature_schema())


def signature_schema() -> pa.Schema:
    """The columns of a signature shard."""
    import pyarrow as pa

    return pa.schema([("line", pa.int64()), ("error", pa.string()), ("ident", pa.binary()),
                      ("signature", pa.binary()), ("keys", pa.list_(pa.int64()))])


def _id(ident: Any) -> bytes:
    """A record's id as the clusters file writes it (JSON; a lone surrogate kept as is)."""
    return json.dumps(ident, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass")


def bucket_pairs(offsets: np.ndarray, members: np.ndarray, full: int | None = _FULL_BUCKET,
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs ``(a, b)``, ``a < b``, of many LSH buckets, by the rule of
    ``groups.candidate_pairs``: all pairs of a bucket, or a chain plus a star for one larger
    than ``groups._FULL_BUCKET``; vectorised by bucket size, as there.

    Args:
        offsets: where each bucket starts in ``members``, and the end (Arrow's list layout).
        members: the rows (line numbers) of every bucket, one bucket after the other.
        full: buckets up to this size give all their pairs, larger ones a chain and a star;
            None: every bucket gives all its pairs (the rule of ingest, ``Writer``, which
            checks every stored article of a bucket).

    Returns:
        The offsets of each bucket's pairs in ``a`` and ``b``, and ``a`` and ``b``.
    """
    sizes = np.diff(offsets)
    full = int(sizes.max(initial=0)) if full is None else full
    counts = np.where(sizes > full, 2 * (sizes - 1), sizes * (sizes - 1) // 2)
    starts = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    a = np.empty(starts[-1], dtype=np.int64)
    b = np.empty(starts[-1], dtype=np.int64)
    for size in np.unique(sizes[(sizes > 1) & (sizes <= full)]):
        rows = np.flatnonzero(sizes == size)
        bucket = np.sort(members[offsets[rows][:, None] + np.arange(size)], axis=1)
        i, j = np.triu_indices(int(size), 1)
        at = starts[rows][:, None] + np.arange(len(i))
        a[at], b[at] = bucket[:, i], bucket[:, j]
    for row in np.flatnonzero(sizes > full):
        pairs = _chain_and_star(np.sort(members[offsets[row]:offsets[row + 1]]))
        a[starts[row]:starts[row + 1]], b[starts[row]:starts[row + 1]] = pairs.T
    return starts, a, b


class JobFolder:
    """The files of one job: a stage is a folder (or file) that appears whole, by a rename of
    what was written under a temporary name; a stage found there is not run again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.ran: list[str] = []  # the stages this process ran (the rest were found done)

    def path(self, stage: str) -> Path:
        return self.folder / stage

    def done(self, stage: str) -> bool:
        return self.path(stage).exists()

    def run(self, stage: str, write: Callable[[Path], None]) -> Path:
        """The stage's path, after ``write(temporary path)`` made it unless it was done."""
        final = self.path(stage)
        if final.exists():
            return final
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(f"{final.name}.{os.getpid()}.tmp")
        _remove(tmp)
        try:
            write(tmp)
            os.replace(tmp, final)
        finally:
            _remove(tmp)
        self.ran.append(stage)
        return final

    def remove(self) -> None:
        """Delete the job's files (after the dedup completed), and the folder of jobs when
        no other job is left in it."""
        _remove(self.folder)
        with suppress(OSError):
            self.folder.parent.rmdir()


def write_whole(table: pa.Table, path: Path) -> None:
    """Write ``table`` as the Parquet file ``path``, whole or not at all."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _remove(path: Path) -> None:
    """Delete a file or a folder, if there."""
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def write_outputs(source: Path, out: IO[str], clusters: IO[str] | None,
                  labels: Iterable[tuple[int, bytes, bytes, bool]]) -> None:
    """The output pass: ``labels`` holds (line, id, group id, kept) for every readable record
    in line order; copy the kept lines of ``source`` to ``out`` and write each record's group
    to ``clusters``, byte for byte as ``dedup_records`` writes them."""
    pending = iter(labels)
    following = next(pending, None)
    with source.open(encoding="utf-8", errors="replace") as handle:
        for line_no, line in enumerate(handle, start=1):
            if following is None:
                break
            if line_no < following[0]:
                continue
            _, ident, group, kept = following
            if kept:
                out.write(line if line.endswith("\n") else line + "\n")
            if clusters is not None:
                clusters.write(_group_line(ident, group))
            following = next(pending, None)


def _group_line(ident: bytes, group: bytes) -> str:
    """``{"id": …, "group": …}`` as ``json.dumps`` writes the dict, from the two JSON values."""
    return ('{"id": ' + ident.decode("utf-8", "surrogatepass") + ', "group": '
            + group.decode("utf-8", "surrogatepass") + "}\n")
