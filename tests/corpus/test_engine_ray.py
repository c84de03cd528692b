"""The daft engine on a Ray cluster (``--address``): a local cluster started here as a user
starts one (``ray start --head``); on it, the CLI's ingest gives the store of the
single-process ingest, a killed worker is retried, and a job whose workers keep dying fails
clearly with whole batches in the store and is resumed. Also: clear errors without ``ray`` or
without a cluster, and no job runs after a failed one.

The cluster is one slow test (``pytest -m slow``: about 90 s on two cores, the cluster's start
included), so that the slow suite's two processes never start two clusters. The tests that
need ``ray`` skip without it unless ``STORYDIFF_REQUIRE_RAY`` is set (as in CI): then they
fail. Everything that talks to the cluster runs in a subprocess, since Daft keeps one runner a
process and this one may have run the local engine already.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storydiff.corpus.engine import EngineError, open_engine

from .conftest import RECORDS, open_corpus, partition, write_jsonl

if not os.environ.get("STORYDIFF_REQUIRE_RAY"):
    pytest.importorskip("daft", reason="the engine extra is not installed")

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("ray_driver.py")
STORYDIFF = Path(sys.executable).with_name("storydiff")

#: The fixture's records, copies of them, a rewrite and a bad line (as in test_engine.py),
#: without the French one: each job starts its workers afresh, and loading the French models
#: there costs about 8 s a worker on two cores.
INPUT = [*[r for r in RECORDS if r["id"] != "vote-1"],
         *[dict(r, id=f"{r['id']}-copy") for r in RECORDS[:3]],
         dict(RECORDS[0], id="rewrite", text=RECORDS[0]["text"].replace("twelve", "12")),
         {"id": "empty", "text": ""}]


def _need_ray() -> None:
    """Skip without the ray package, or fail where ``STORYDIFF_REQUIRE_RAY`` is set."""
    if importlib.util.find_spec("ray") is None or not STORYDIFF.with_name("ray").exists():
        why = "the ray package is not installed (pip install 'storydiff[ray]')"
        if os.environ.get("STORYDIFF_REQUIRE_RAY"):
            pytest.fail(why)
        pytest.skip(why)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _env() -> dict[str, str]:
    """This environment, one BLAS thread a process, the repository importable (the driver)."""
    return {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT),
            "RAY_USAGE_STATS_ENABLED": "0"}


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[str]:
    """The Ray Client address of a local two-CPU Ray cluster, started for this module with
    ``ray start --head --block`` (in a session of its own) and stopped afterwards, whatever
    happens: SIGTERM to ``ray start``, which stops the processes it started, then SIGKILL to
    whatever is left of its session."""
    _need_ray()
    # Ray's socket paths must stay short: a folder of its own under /tmp, not pytest's
    temp = Path(tempfile.mkdtemp(prefix="sdray-", dir="/tmp"))
    port = _free_port()
    log = (temp / "ray-start.log").open("w")
    command = [str(STORYDIFF.with_name("ray")), "start", "--head", "--block",
               "--node-ip-address", "127.0.0.1", "--port", "0", "--num-cpus", "2",
               "--ray-client-server-port", str(port), "--include-dashboard", "false",
               "--dashboard-port", str(_free_port()),
               "--dashboard-agent-listen-port", str(_free_port()),
               "--object-store-memory", str(200 * 2**20), "--disable-usage-stats",
               "--temp-dir", str(temp)]
    cluster = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True, env=_env(), cwd=temp)
    try:
        deadline = time.monotonic() + 120
        while "Ray runtime started" not in (temp / "ray-start.log").read_text():
            if cluster.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the local Ray cluster did not start:\n"
                            + (temp / "ray-start.log").read_text()[-3000:])
            time.sleep(0.5)
        yield f"ray://127.0.0.1:{port}"
    finally:
        cluster.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            cluster.wait(timeout=60)
        with contextlib.suppress(ProcessLookupError):  # what is left of the session's processes
            os.killpg(cluster.pid, signal.SIGKILL)
        cluster.wait()
        log.close()
        shutil.rmtree(temp, ignore_errors=True)


def _state(corpus: Any) -> tuple[Any, ...]:
    stats = corpus.stats()
    return (partition(corpus), stats["articles"], stats["stories"], stats["duplicate_groups"],
            stats["duplicate_links"], stats["story_links"])


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(STORYDIFF), *args], capture_output=True, text=True, env=_env(),
                          timeout=600, check=False)


def _drive(tmp_path: Path, **job: Any) -> list[dict[str, Any]]:
    """Run ray_driver.py with ``job``'s settings; what each of its runs did."""
    job = {"result": str(tmp_path / "result.json"), **job}
    settings = tmp_path / "job.json"
    settings.write_text(json.dumps(job), encoding="utf-8")
    run = subprocess.run([sys.executable, str(DRIVER), str(settings)], capture_output=True,
                         text=True, env=_env(), timeout=600, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    results: list[dict[str, Any]] = json.loads(Path(job["result"]).read_text(encoding="utf-8"))
    return results


@pytest.mark.slow(seconds=180)
def test_ingest_on_a_local_ray_cluster(ray_cluster: str, tmp_path: Path) -> None:
    """One test, so that the slow suite's two processes never start two clusters at once."""
    (tmp_path / "cli").mkdir()
    (tmp_path / "faults").mkdir()
    _cli_ingest_gives_the_store_of_the_single_process_ingest(ray_cluster, tmp_path / "cli")
    _a_killed_worker_is_retried_and_a_job_whose_workers_keep_dying_fails_clearly(
        ray_cluster, tmp_path / "faults")


def _cli_ingest_gives_the_store_of_the_single_process_ingest(ray_cluster: str,
                                                             tmp_path: Path) -> None:
    """``storydiff ingest --engine daft --address`` with the default models, as a user runs it
    (workers: the cluster's CPUs): the store of the single-process ingest."""
    from storydiff.corpus import Corpus

    source = write_jsonl(tmp_path / "in.jsonl", INPUT, extra=["{not json"])
    single = _cli("ingest", str(source), "--store", str(tmp_path / "single"))
    on_ray = _cli("ingest", str(source), "--store", str(tmp_path / "ray"), "--engine", "daft",
                  "--address", ray_cluster)
    assert on_ray.returncode == single.returncode == 2, on_ray.stderr[-3000:]  # 2 bad records
    assert "Traceback" not in on_ray.stderr
    counts = re.compile(r"added \d+, duplicates \d+, failed \d+")
    assert counts.findall(on_ray.stderr) == counts.findall(single.stderr) == [
        "added 7, duplicates 3, failed 2"]
    with Corpus(tmp_path / "single") as first, Corpus(tmp_path / "ray") as second:
        assert _state(second) == _state(first)
    assert not (tmp_path / "ray" / "engine-shards").exists()  # done: removed


def _a_killed_worker_is_retried_and_a_job_whose_workers_keep_dying_fails_clearly(
        ray_cluster: str, tmp_path: Path) -> None:
    """Workers killed (SIGKILL) in the middle of a job, through ray_driver.py."""
    source = write_jsonl(tmp_path / "in.jsonl", INPUT)
    with open_corpus(tmp_path / "single", batch_size=2) as single:
        expected = single.add([source])
        state = _state(single)
    # Two shards of three batches of two records, the first shard a job of its own; the
    # rewrite (in the second shard) kills its worker.
    poison, once = _drive(
        tmp_path, address=ray_cluster, input=str(source), store=str(tmp_path / "ray"),
        flag=str(tmp_path / "killed"), log=str(tmp_path / "loads.log"), workers=1,
        shard_batches=3, runs=[
            # every time: the batch is retried once, then the job fails...
            {"mode": "poison", "retries": 0, "wave_shards": 1},
            # ... and the same ingest run again kills the worker once: retried, it completes
            {"mode": "once", "retries": 3, "wave_shards": 1}])

    assert poison["error"].startswith("EngineError: the daft job failed")
    assert "workers of this job died once" in poison["error"]
    assert "run the same ingest again" in poison["error"]
    assert "\n" not in poison["error"] and "Traceback" not in poison["error"]
    # the first shard is written whole, nothing of the failed one; into an empty store the
    # ingest loads only a whole job (the bulk path), so nothing is stored yet
    assert poison["articles"] == 0 and poison["shards"] == ["000000.parquet"]
    assert len(poison["loads"]) == len(set(poison["loads"]))

    assert "error" not in once, once["error"]
    # the first shard read from its file, the second prepared again: the whole input loaded
    assert tuple(once["summary"]) == (expected.added, expected.duplicates, expected.failed)
    assert once["shards"] == []  # done: removed
    with open_corpus(tmp_path / "ray", batch_size=2) as corpus:
        assert _state(corpus) == state
    # the models load once per worker: the worker of the second shard, then the one that
    # replaced it after the kill (each prepared the shard's batches it was given)
    assert len(once["loads"]) == len(set(once["loads"])) == 2


@pytest.mark.slow(seconds=3)
def test_an_unreachable_cluster_is_a_clear_error(tmp_path: Path) -> None:
    _need_ray()
    source = write_jsonl(tmp_path / "in.jsonl", RECORDS[:1])
    address = f"ray://127.0.0.1:{_free_port()}"  # nothing listens there
    result = _cli("ingest", str(source), "--store", str(tmp_path / "store"), "--engine", "daft",
                  "--address", address)
    assert result.returncode == 5, result.stderr  # StoreError's exit code
    assert f"cannot reach the Ray cluster at {address}" in result.stderr
    assert "ray start --head" in result.stderr and "Traceback" not in result.stderr


def test_the_ray_runner_without_ray_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(EngineError, match=r"needs the ray package: .*storydiff\[ray\]"):
        open_engine("daft", address="ray://127.0.0.1:10001")


class _FakeRay:
    """What the engine asks of the ray module while it connects."""

    def __init__(self) -> None:
        self.shutdowns = 0
        self.tries: list[str] = []
        self.env: dict[str, str] = {}

    def is_initialized(self) -> bool:
        return False

    def init(self, address: str, runtime_env: dict[str, Any], **_: Any) -> None:
        self.tries.append(address)
        self.env = runtime_env["env_vars"]
        if len(self.tries) == 1:  # the server dies on the first try
            raise ConnectionAbortedError("Initialization failure from server: RuntimeError: "
                                         "Starting Ray client server failed.")

    def shutdown(self) -> None:
        self.shutdowns += 1

    def cluster_resources(self) -> dict[str, float]:
        return {"CPU": 3.0}


def test_a_ray_client_server_that_dies_as_it_starts_is_connected_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import daft.runners

    import storydiff.corpus.engine_daft as engine_daft

    runners: list[str] = []
    fake = _FakeRay()
    monkeypatch.setattr(engine_daft.importlib.util, "find_spec", lambda name: object())
    monkeypatch.setattr(daft.runners, "_get_runner", lambda: None)
    monkeypatch.setattr(engine_daft, "_check_reachable", lambda address: None)
    monkeypatch.setattr(engine_daft.daft, "set_runner_ray",
                        lambda address: runners.append(address))
    monkeypatch.setattr(engine_daft, "_ray", lambda: fake)
    engine = open_engine("daft", address="ray://head:10001")
    assert fake.tries == ["ray://head:10001"] * 2 and fake.shutdowns == 1
    assert runners == ["ray://head:10001"]
    # the cluster's processes draw no progress bars and report nothing to Daft's makers
    assert fake.env["DAFT_PROGRESS_BAR"] == "0" and fake.env["DO_NOT_TRACK"] == "1"
    assert engine.workers == 3  # type: ignore[attr-defined]  # the cluster's CPUs


class FailingEngine:
    """An engine in this process (no Daft) whose ``fail_on``-th job fails, as a job whose
    workers keep dying does."""

    name = "failing"

    def __init__(self, fail_on: int) -> None:
        self.fail_on, self.calls = fail_on, 0

    def prepare(self, batches: list[Any], encoder: Any, config: Any,
                settings: Any) -> list[Any]:
        from storydiff.corpus.batches import prepare_each

        self.calls += 1
        if self.calls == self.fail_on:
            time.sleep(1)  # a job takes a while: the ingest queues the next one meanwhile
            raise EngineError(f"job {self.calls} failed")
        return [prepare_each(batch, encoder, config, settings) for batch in batches]


def test_no_job_runs_after_a_failed_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import storydiff.corpus.corpus as corpus_module

    monkeypatch.setattr(corpus_module, "SHARD_BATCHES", 1)
    monkeypatch.setattr(corpus_module, "WAVE_SHARDS", 1)  # a job a batch, the next one queued
    source = write_jsonl(tmp_path / "in.jsonl", INPUT)
    engine = FailingEngine(fail_on=2)
    with open_corpus(tmp_path / "store", batch_size=2) as corpus:
        with pytest.raises(EngineError, match="job 2 failed"):
            corpus.add([source], engine=engine)  # type: ignore[arg-type]
        assert corpus.stats()["articles"] == 2  # the first batch, committed whole
    for thread in threading.enumerate():  # the engine's thread, done with what it was given
        if thread.name.startswith("storydiff-engine"):
            thread.join(timeout=60)
    assert engine.calls == 2  # the third job, queued before the second failed, never ran
