"""Story pages (issue #13): a story's details are computed once per store state (keyed by the
store's write marker), off the store thread, shared by concurrent requests, and served from
the cache afterwards; the rest of the store stays responsive meanwhile."""

from __future__ import annotations

import asyncio
import threading
import time

from fastapi.testclient import TestClient

from storydiff.web import ServeConfig, create_app
from storydiff.web.stories import StoryCache

from .asgi import Answer, call
from .conftest import local_client
from .fakes import FakeStore


def _store() -> FakeStore:
    fake = FakeStore()
    for n in range(6):
        fake.put(title=f"Flood report {n}", text=f"Report {n}. Residents left Riverton.",
                 published=f"2025-03-0{n + 1}")
    return fake


def test_details_are_computed_once_per_store_state() -> None:
    store = _store()
    with local_client(create_app(ServeConfig(), store=store)) as client:
        first = client.get("/api/stories/1").json()
        assert client.get("/api/stories/1").json() == first
        assert client.get("/stories/1").status_code == 200  # the page shares the cache
        assert store.story_calls == 1
        store.put(title="Late report", text="A late report.")  # an ingest: new marker
        client.get("/api/stories/1")
        assert store.story_calls == 2


def test_the_store_answers_while_a_story_is_computed() -> None:
    """The red-team finding: a 23-member story held the store for 45 s; the story list waited
    47 s. Now the list is answered while the story is still being computed."""
    store = _store()
    store.release = threading.Event()
    app = create_app(ServeConfig(), store=store)

    async def scenario() -> tuple[Answer, Answer, float]:
        story = asyncio.create_task(call(app, "GET", "/api/stories/1"))
        deadline = time.monotonic() + 10
        while not store.story_started.is_set():
            assert time.monotonic() < deadline
            await asyncio.sleep(0.01)
        started = time.monotonic()
        listing = await asyncio.wait_for(call(app, "GET", "/api/stories"), 5)
        article = await asyncio.wait_for(call(app, "GET", "/api/articles/2"), 5)
        seconds = time.monotonic() - started
        assert not story.done() and listing.status == 200 and article.status == 200
        assert store.release is not None
        store.release.set()
        return await story, listing, seconds

    story, listing, seconds = asyncio.run(scenario())
    assert story.status == 200 and story.json()["origin"] == 1
    assert [s["id"] for s in listing.json()["stories"]] == [1, 2] and seconds < 2


def test_concurrent_requests_share_one_computation() -> None:
    store = _store()
    store.story_delay_s = 0.3
    app = create_app(ServeConfig(), store=store)

    async def scenario() -> list[Answer]:
        return list(await asyncio.gather(*(call(app, "GET", "/api/stories/2")
                                           for _ in range(5))))

    answers = asyncio.run(scenario())
    assert [a.status for a in answers] == [200] * 5 and store.story_calls == 1


def test_a_slow_story_answers_503_then_comes_from_the_cache() -> None:
    store = _store()
    store.story_delay_s = 0.6
    app = create_app(ServeConfig(request_timeout_s=0.1), store=store)

    async def scenario() -> tuple[Answer, Answer]:
        early = await call(app, "GET", "/api/stories/1")
        deadline = time.monotonic() + 10
        while store.story_calls == 0 or app.state.stories.computed == 0:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
        return early, await call(app, "GET", "/api/stories/1")

    early, later = asyncio.run(scenario())
    assert early.status == 503 and "being computed" in early.json()["detail"]
    assert "as long as one on the compare page" in early.json()["detail"]  # none timed yet
    assert int(early.headers["retry-after"]) >= 1
    assert later.status == 200 and store.story_calls == 1


def test_unknown_story_is_404_and_not_cached() -> None:
    store = _store()
    client: TestClient
    with local_client(create_app(ServeConfig(), store=store)) as client:
        assert client.get("/api/stories/99").status_code == 404
        assert client.get("/stories/99").status_code == 404
        assert store.story_calls == 0


def test_the_wait_message_quotes_this_servers_recent_comparisons() -> None:
    """Once the server has timed comparisons, a story still being computed says what they took
    (the median of the recent ones), not a fixed figure."""

    class Timed:
        def recent_seconds(self) -> tuple[float, int]:
            return 0.734, 5

    cache = StoryCache(None, Timed(), size=1, timeout_s=1.0)  # type: ignore[arg-type]
    assert cache._pace() == "the last 5 comparisons here took a median of 0.7 s each"
