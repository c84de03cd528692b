"""Load shedding (issue #13): a bounded queue in front of the comparison slots, 503 with
``Retry-After`` when it is full, work never started for a client that went away, running work
stopped at the next stage, and a request time limit. The comparisons here are stand-ins that
block on events, so each test controls exactly what runs when."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from storydiff.document import Article, Document
from storydiff.web import ServeConfig, create_app
from storydiff.web.comparing import CompareService
from storydiff.web.jobs import Job

from .asgi import Answer, call

PAIR = {"a": "Article one.", "b": "Article two."}


def _app(**options: Any) -> tuple[Any, CompareService]:
    app = create_app(ServeConfig(**options))
    return app, app.state.compare


def _blocking(svc: CompareService, monkeypatch: pytest.MonkeyPatch,
              release: threading.Event) -> list[str]:
    """Replace the comparison with one that waits for ``release``; returns the calls made."""
    calls: list[str] = []

    def compare_items(a: Any, b: Any, job: Job) -> dict[str, Any]:
        calls.append(str(a))
        release.wait(20)
        job.check()
        return {"verdict": "stand-in", "a": str(a)}

    monkeypatch.setattr(svc, "_compare_items", compare_items)
    return calls


async def _until(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    """Wait (bounded) until ``condition()`` holds."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.01)


def test_a_full_queue_is_answered_503_with_retry_after(
        monkeypatch: pytest.MonkeyPatch) -> None:
    app, svc = _app(max_concurrency=1, queue_size=1)
    release = threading.Event()
    calls = _blocking(svc, monkeypatch, release)

    async def scenario() -> tuple[Answer, Answer, Answer, float]:
        running = asyncio.create_task(call(app, "POST", "/api/compare", PAIR))
        await _until(lambda: svc.running == 1)
        waiting = asyncio.create_task(call(app, "POST", "/api/compare", PAIR))
        await _until(lambda: svc.waiting == 1)
        started = time.monotonic()
        refused = await call(app, "POST", "/api/compare", PAIR)
        refused_after = time.monotonic() - started
        release.set()
        return await running, await waiting, refused, refused_after

    first, second, refused, seconds = asyncio.run(scenario())
    assert (first.status, second.status) == (200, 200)
    assert refused.status == 503 and seconds < 1.0  # refused at once, not queued
    assert int(refused.headers["retry-after"]) >= 1
    assert "busy" in refused.json()["detail"]
    assert len(calls) == 2 and svc.running == 0 and svc.waiting == 0


def test_work_is_not_started_for_a_client_that_left_while_queued(
        monkeypatch: pytest.MonkeyPatch) -> None:
    app, svc = _app(max_concurrency=1, queue_size=4)
    release = threading.Event()
    calls = _blocking(svc, monkeypatch, release)

    async def scenario() -> tuple[Answer, Answer, Answer]:
        running = asyncio.create_task(call(app, "POST", "/api/compare", PAIR))
        await _until(lambda: svc.running == 1)
        gone = asyncio.Event()
        left = asyncio.create_task(call(app, "POST", "/api/compare",
                                        {"a": "Left early.", "b": "x"}, disconnect=gone))
        await _until(lambda: svc.waiting == 1)
        gone.set()
        left_answer = await asyncio.wait_for(left, 5)  # stops waiting at once
        assert svc.waiting == 0
        release.set()
        after = await call(app, "POST", "/api/compare", PAIR)  # the slot is free again
        return await running, left_answer, after

    first, left, after = asyncio.run(scenario())
    assert first.status == 200 and after.status == 200
    assert left.status == 503 and "went away" in left.json()["detail"]
    assert all("Left early" not in c for c in calls) and len(calls) == 2


def test_running_work_stops_at_the_next_stage_when_its_client_leaves(
        monkeypatch: pytest.MonkeyPatch) -> None:
    app, svc = _app(max_concurrency=1)
    in_stage, release = threading.Event(), threading.Event()
    analysed: list[str] = []
    compared: list[str] = []

    class Comparer:
        def prepare(self, article: Article) -> Document:
            analysed.append(article.raw)
            in_stage.set()
            release.wait(20)
            return Document(article.source, article.raw, None, None, None, "en")

        def prepare_pair(self, a: Article, b: Article, *,
                         check: Callable[[], None]) -> tuple[Document, Document]:
            doc_a = self.prepare(a)  # as storydiff.Comparer does: ``check`` once A is analysed
            check()
            return doc_a, self.prepare(b)

        def compare_documents(self, a: Document, b: Document) -> Any:
            compared.append(a.clean_text)
            raise AssertionError("the comparison should have stopped before this stage")

    monkeypatch.setattr(svc, "comparer", lambda: Comparer())

    async def scenario() -> Answer:
        gone = asyncio.Event()
        request = asyncio.create_task(call(app, "POST", "/api/compare", PAIR, disconnect=gone))
        await _until(in_stage.is_set)
        gone.set()
        answer = await asyncio.wait_for(request, 5)
        release.set()
        await _until(lambda: svc.running == 0)  # the thread returned and freed its slot
        return answer

    answer = asyncio.run(scenario())
    assert answer.status == 503
    assert analysed == ["Article one."] and compared == []  # B never analysed, never compared


def test_a_request_over_the_time_limit_gets_503_and_its_work_stops(
        monkeypatch: pytest.MonkeyPatch) -> None:
    app, svc = _app(max_concurrency=1, request_timeout_s=0.3)
    release = threading.Event()
    calls = _blocking(svc, monkeypatch, release)

    async def scenario() -> tuple[Answer, float]:
        started = time.monotonic()
        answer = await call(app, "POST", "/api/compare", PAIR)
        seconds = time.monotonic() - started
        release.set()
        await _until(lambda: svc.running == 0)
        return answer, seconds

    answer, seconds = asyncio.run(scenario())
    assert answer.status == 503 and seconds < 3
    assert "took over 0.3 s" in answer.json()["detail"] and "retry-after" in answer.headers
    assert len(calls) == 1


def test_health_reports_the_queue() -> None:
    app, _ = _app(max_concurrency=3, queue_size=5)
    answer = asyncio.run(call(app, "GET", "/api/health"))
    assert answer.json()["queue"] == {"running": 0, "waiting": 0, "slots": 3, "size": 5}


def test_job_checks_deadline_and_flag() -> None:
    job = Job(0.05)
    job.check()
    time.sleep(0.1)
    with pytest.raises(Exception, match="took over"):
        job.check()
    gone = Job(10)
    gone.client_gone()
    with pytest.raises(Exception, match="went away"):
        gone.check()


def test_the_pipeline_budget_holds_the_request_deadline() -> None:
    """Inside a stage the pipeline's own budget checks stop the work: past the server's
    deadline that is a 503 (TimedOutError), past the article's own budget a 422."""
    from storydiff._budget import check_budget
    from storydiff._errors import TimeBudgetError
    from storydiff.settings import Settings
    from storydiff.web.jobs import TimedOutError

    def slow_stage(job: Job) -> str:
        time.sleep(0.3)
        check_budget("a long stage")  # the pipeline's check, in the middle of a stage
        return "finished"

    server_limit = create_app(ServeConfig(request_timeout_s=0.2)).state.compare
    with pytest.raises(TimedOutError, match=r"took over 0\.2 s"):
        asyncio.run(server_limit.run(slow_stage, server_limit.job(timeout_s=0.2)))
    article_budget = create_app(ServeConfig(settings=Settings(time_budget_s=0.1))).state.compare
    with pytest.raises(TimeBudgetError, match=r"time budget of 0\.1 s"):
        asyncio.run(article_budget.run(slow_stage))
    roomy = create_app(ServeConfig()).state.compare
    assert asyncio.run(roomy.run(slow_stage)) == "finished"


def test_large_work_cannot_take_every_slot(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two huge posts on a two-slot server: one runs, one waits, and an ordinary comparison
    still gets the second slot at once (it passes the waiting huge one)."""
    app, svc = _app(max_concurrency=2, large_bytes=1000)
    release = threading.Event()
    calls = _blocking(svc, monkeypatch, release)
    huge = {"a": "word " * 400, "b": "word " * 400}

    async def scenario() -> list[Answer]:
        first = asyncio.create_task(call(app, "POST", "/api/compare", huge))
        await _until(lambda: svc.running == 1)
        second = asyncio.create_task(call(app, "POST", "/api/compare", huge))
        await _until(lambda: svc.waiting == 1)
        small = asyncio.create_task(call(app, "POST", "/api/compare", PAIR))
        await _until(lambda: svc.running == 2)
        assert svc.waiting == 1 and len(calls) == 2  # the small one runs, the huge one waits
        release.set()
        return [await first, await second, await small]

    answers = asyncio.run(scenario())
    assert [a.status for a in answers] == [200, 200, 200] and len(calls) == 3
