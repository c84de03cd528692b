"""End to end in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

A live uvicorn server runs in a thread with the shared comparer and a fake store full of
hostile articles. The tests paste the example pair, check the highlights and the discrepancy
list, save screenshots under tests/out/, and prove that no payload runs on any page.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from storydiff.web import ServeConfig, create_app

from .conftest import OUT
from .fakes import FakeStore
from .payloads import HOSTILE_TEXT, PAYLOADS, hostile_store_items

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists() or shutil.which("chromium") is None,
                       reason="Debian's chromium is not installed (.ci/browser.sh installs it)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing")


@pytest.fixture(scope="module")
def server(comparer) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A live server on a free loopback port; yields its base URL."""
    import uvicorn

    store = FakeStore()
    for item in hostile_store_items():
        store.put(**item)
    for n in range(3):
        store.put(title=f"Riverton flood update {n}", text=f"Update {n}: 1,200 residents left.",
                  source=f"paper{n}.test", published=f"2025-03-1{n}")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(ServeConfig(), comparer=comparer, store=store)
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", ws="none", http="h11"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, launched from the Debian package (never downloaded)."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records dialogs and console errors (CSP violations show there)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.dialogs, tab.errors = [], []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    context.close()


def _shot(tab: Any, name: str) -> Path:
    """Save a full-page screenshot under tests/out/ and return its path."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    tab.screenshot(path=str(path), full_page=True)
    return path


def test_compare_the_example_pair(server: str, page: Any,
                                  example_texts: tuple[str, str]) -> None:
    a, b = example_texts
    page.goto(server + "/")
    page.fill("#a_text", a)
    page.fill("#b_text", b)
    _shot(page, "web-form.png")
    page.click("#compare-button")
    page.wait_for_selector(".verdict", timeout=60_000)
    assert page.locator(".verdict .dims li").count() == 7
    assert page.locator(".doc-a .claim.linked").count() > 0
    assert page.locator(".doc-b .claim.linked").count() > 0
    assert page.locator(".only-one-side").count() > 0
    rows = page.locator("#discrepancies tr[data-disc]")
    assert rows.count() > 0 and page.locator(".doc-a .discrepancy").count() > 0
    assert "number" in page.locator("#discrepancies").inner_text().lower()
    assert page.locator("#likely-source").is_visible()
    _hover_lights_the_partner(page)
    assert page.errors == [], page.errors  # no CSP violation, no script error
    assert _shot(page, "web-compare.png").stat().st_size > 10_000


def _hover_lights_the_partner(page: Any) -> None:
    """Hovering a linked claim in A adds .hl to its partner in B."""
    claim = page.locator(".doc-a .claim.linked").first
    partners = claim.get_attribute("data-partners").split()
    claim.hover()
    lit = page.locator(".doc-b .claim.hl")
    assert lit.count() > 0
    ids = {i for el in lit.all() for i in el.get_attribute("data-claim").split()}
    assert ids & set(partners)


def test_story_pages_render(server: str, page: Any) -> None:
    page.goto(server + "/stories")
    assert page.locator("#stories tr[data-story]").count() == 2
    _shot(page, "web-stories.png")
    page.click("#stories a >> nth=1")
    page.wait_for_selector("svg.chain")
    assert page.locator("svg.chain .node").count() == 3
    assert page.locator(".timeline li").count() == 3
    _shot(page, "web-story.png")
    page.click("svg.chain a.edge-link >> nth=0")
    page.wait_for_selector(".verdict", timeout=60_000)
    assert page.locator(".doc-a").is_visible() and page.errors == []


def _pages(server: str) -> list[str]:
    """Every page that shows stored or requested text, with hostile values."""
    q = quote(PAYLOADS[0]), quote(PAYLOADS[4])
    return [server + p for p in ("/", "/stories", f"/stories?q={q[0]}", f"/stories?q={q[1]}",
                                 "/stories/1", "/compare/articles?a=1&b=2",
                                 "/compare/articles?a=2&b=3", f"/no-such/{q[0]}",
                                 "/stories/999")]


def _assert_nothing_ran(page: Any, where: str) -> None:
    """No dialog, no flag set, no handler attribute, no javascript: link, no foreign script."""
    assert page.dialogs == [], (where, page.dialogs)
    assert page.evaluate("typeof window.__xss") == "undefined", where
    found = page.evaluate("""() => ({
        handlers: [...document.querySelectorAll('*')].filter(
            el => [...el.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length,
        jsLinks: [...document.querySelectorAll('[href],[src],[action]')].filter(el =>
            ['href', 'src', 'action'].some(n =>
                (el.getAttribute(n) || '').trim().toLowerCase().startsWith('javascript:'))).length,
        scripts: document.scripts.length,
        injected: document.querySelectorAll('img, iframe, object, embed, #xss-link').length,
    })""")
    assert found["handlers"] == 0 and found["jsLinks"] == 0, (where, found)
    assert found["scripts"] <= 1 and found["injected"] == 0, (where, found)


def test_no_payload_runs_on_any_page(server: str, page: Any) -> None:
    for url in _pages(server):
        page.goto(url)
        page.wait_for_load_state("load")
        page.mouse.move(400, 400)
        _assert_nothing_ran(page, url)
    page.goto(server + "/stories/1")
    assert "<script>window.__xss = 1" in page.inner_text("body")  # shown as text, escaped


def test_no_payload_runs_through_the_compare_form(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.fill("#a_text", HOSTILE_TEXT)
    page.select_option("#a_kind", "text")
    page.fill("#b_text", HOSTILE_TEXT.replace("Sunday", "Monday"))
    page.select_option("#b_kind", "text")
    page.click("#compare-button")
    page.wait_for_selector(".verdict", timeout=60_000)
    for claim in page.locator(".doc-a .claim").all()[:5]:
        claim.hover()
    _assert_nothing_ran(page, "compare result")
    assert "onerror=\"window.__xss = 2" in page.inner_text(".doc-a")
    _shot(page, "web-compare-hostile.png")
    page.goto(server + "/")
    page.fill("#a_text", PAYLOADS[6])
    page.click("#compare-button")
    page.wait_for_selector(".error")
    _assert_nothing_ran(page, "form error")
    assert page.input_value("#a_text") == PAYLOADS[6]


def test_the_detector_catches_a_payload_that_runs(browser: Any) -> None:
    """Control: the same checks fail on a page that does not escape (so they can fail)."""
    tab = browser.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.set_content(f"<p>{PAYLOADS[1]}</p>")
    tab.wait_for_function("window.__xss === 2")
    with pytest.raises(AssertionError):
        _assert_nothing_ran(tab, "control")
    tab.close()
