"""Store errors of issue #13, each typed and accurate: a read-only store (not "corrupt"), a full
disk while saving the vector index (no ``vectors.<pid>.tmp`` left), a ``write.lock`` that is a
directory, ids beyond SQLite's 64-bit integers; and the write marker that keys caches."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storydiff import StoreError, UnknownIdError
from storydiff._errors import StoreFullError, StoreReadOnlyError
from storydiff.corpus import Corpus
from storydiff.corpus.store import os_store_error, store_error
from storydiff.embed import HashingEncoder

from .conftest import HASHING_CONFIG, RECORDS

MakeCorpus = Callable[..., Corpus]
NOBODY = 65534


def _open(path: Path) -> Corpus:
    return Corpus(path, encoder=HashingEncoder(), claim_encoder=HashingEncoder(),
                  config=HASHING_CONFIG)


@contextlib.contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    """Make the store read-only for this process: its files and folder lose their write bits,
    and a root process acts as ``nobody`` meanwhile (root ignores permission bits)."""
    for path in [*folder.iterdir(), folder]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    as_root = os.geteuid() == 0
    try:
        if as_root:
            os.seteuid(NOBODY)
        yield
    finally:
        if as_root:
            os.seteuid(0)
        for path in [folder, *folder.iterdir()]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


@pytest.fixture
def public_tmp() -> Iterator[Path]:
    """A temporary folder that ``nobody`` may enter (pytest's own is private to root)."""
    with tempfile.TemporaryDirectory(prefix="storydiff-ro-") as name:
        os.chmod(name, 0o755)
        yield Path(name)


def test_a_read_only_store_is_read_and_refuses_writes_as_read_only(public_tmp: Path) -> None:
    with _open(public_tmp / "store") as corpus:
        corpus.add(RECORDS)
        before = [s.id for s in corpus.stories()]
    folder = public_tmp / "store"
    with _read_only(folder):
        with _open(folder) as corpus:
            assert [s.id for s in corpus.stories()] == before  # reading works
            assert corpus.article(1).title
            with pytest.raises(StoreReadOnlyError, match="read-only") as caught:
                corpus.add([{"title": "New", "text": "A new article about the storm."}])
        message = str(caught.value)
        assert "corrupt" not in message and "chmod" in message
        result = CliRunner().invoke(_cli(), ["ingest", str(public_tmp / "x.jsonl"),
                                             "--store", str(folder)])
    assert result.exit_code == 5 and "read-only" in result.output


def test_a_store_that_cannot_even_be_opened_read_only_says_why(tmp_path: Path) -> None:
    error = store_error(sqlite3.OperationalError("attempt to write a readonly database"),
                        tmp_path / "corpus.sqlite")
    assert isinstance(error, StoreReadOnlyError) and "permissions" in str(error)
    full = store_error(sqlite3.OperationalError("database or disk is full"),
                       tmp_path / "corpus.sqlite")
    assert isinstance(full, StoreFullError) and "free some space" in str(full)
    assert isinstance(os_store_error(OSError(errno.EROFS, "Read-only file system"),
                                     tmp_path, "write"), StoreReadOnlyError)


def test_a_full_disk_while_saving_the_index_is_typed_and_leaves_no_temp_file(
        make_corpus: MakeCorpus, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import numpy as np

    corpus = make_corpus()
    corpus.add(RECORDS[:2])

    def full_disk(file: Any, *args: Any, **kwargs: Any) -> None:  # vectors.<pid>.tmp is open
        assert list((tmp_path / "store").glob("vectors.*.tmp"))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(np, "savez", full_disk)
    with pytest.raises(StoreFullError, match="No space left on device") as caught:
        corpus.add(RECORDS[2:4])
    assert "batch itself was stored" in str(caught.value)
    assert not list((tmp_path / "store").glob("*.tmp"))
    monkeypatch.undo()
    corpus.close()
    with _open(tmp_path / "store") as again:  # the index is rebuilt from the database
        assert again.stats()["articles"] == 4
        assert len(again._vectors()) == 4


def test_a_real_write_error_surfaces_as_an_os_error(tmp_path: Path) -> None:
    """The index is serialised in memory and written through Python, which raises every write
    error (faiss's own writer only prints a full disk at close)."""
    import numpy as np

    from storydiff.corpus.vectors import WindowedIndex, open_index

    index = WindowedIndex(4, 10, 0)
    index.add(np.arange(1, 4), np.ones((3, 4), dtype=np.float32))
    target = tmp_path / "sub" / "vectors.npz"
    with pytest.raises(OSError):
        index.save(target)  # the folder does not exist
    index.save(tmp_path / "vectors.npz")
    assert len(open_index(tmp_path / "vectors.npz", 4, window_days=10, exact_shard_size=0)) == 3
    assert not list(tmp_path.glob("*.tmp"))


def test_a_write_lock_that_is_a_directory_is_a_store_error(make_corpus: MakeCorpus,
                                                            tmp_path: Path) -> None:
    corpus = make_corpus()
    (tmp_path / "store" / "write.lock").mkdir()
    with pytest.raises(StoreError, match="is a directory") as caught:
        corpus.add(RECORDS[:1])
    assert not isinstance(caught.value, OSError)
    result = CliRunner().invoke(_cli(), ["ingest", "-", "--store", str(tmp_path / "store")],
                                input="")
    assert result.exit_code == 5 and "is a directory" in result.output


@pytest.mark.parametrize("big", [2**63, 2**64 + 1, -(2**63) - 1])
def test_ids_beyond_64_bits_are_unknown(make_corpus: MakeCorpus, tmp_path: Path,
                                       big: int) -> None:
    corpus = make_corpus()
    corpus.add(RECORDS[:2])
    with pytest.raises(UnknownIdError):
        corpus.article(big)
    with pytest.raises(UnknownIdError):
        corpus.story(big)
    corpus.close()
    if big > 0:
        result = CliRunner().invoke(_cli(), ["story", str(big), "--store",
                                             str(tmp_path / "store")])
        assert result.exit_code == 6 and "internal error" not in result.output


def test_the_write_marker_moves_with_each_committed_batch(make_corpus: MakeCorpus) -> None:
    corpus = make_corpus(batch_size=2)
    assert corpus.write_marker() == "0"
    corpus.add(RECORDS[:4])  # two batches
    assert corpus.write_marker() == "2"
    corpus.add(RECORDS[:4])  # all duplicates: nothing committed
    assert corpus.write_marker() == "2"


def test_story_parts_then_story_from_is_story(make_corpus: MakeCorpus) -> None:
    corpus = make_corpus()
    corpus.add(RECORDS)
    top = corpus.stories(min_size=2)[0]
    assert corpus.story_from(corpus.story_parts(top.id)) == corpus.story(top.id)


def _cli() -> Any:
    from storydiff.cli.main import app

    return app
