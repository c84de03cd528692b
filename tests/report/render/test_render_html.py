"""The standalone HTML page: structure, tiling of both texts, and no way in for article text."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff.report.render import render_html

from .report_data import PAYLOADS, Builder, build_report

OUT = Path(__file__).resolve().parents[2] / "out"
URL_ATTRS = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster",
             "background", "srcset", "ping", "manifest"}


def _tree(page: str) -> Any:
    """The page parsed by lxml."""
    return lxml.html.document_fromstring(page)


class _Tags(HTMLParser):
    """Every start tag with its attributes, as the standard library's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _stdlib_tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Start tags of ``page`` parsed by html.parser."""
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser.tags


def _csp(tree: Any) -> str:
    """The page's Content-Security-Policy."""
    (meta,) = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]')
    return str(meta.get("content"))


def _sha(text: str) -> str:
    """The CSP hash source of an inline block."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_required_elements(report: dict[str, Any]) -> None:
    tree = _tree(render_html(report))
    for selector in (".verdict", ".doc-a", ".doc-b", ".only-one-side", ".discrepancy",
                     ".reuse"):
        assert tree.find_class(selector[1:]), selector
    assert tree.xpath('//*[contains(concat(" ", @class, " "), " claim ")][@data-claim]')
    assert tree.get_element_by_id("discrepancies").xpath(".//tr[@data-disc]")
    assert "Likely source: A" in tree.get_element_by_id("likely-source").text_content()
    assert len(tree.xpath('//header[contains(@class, "verdict")]//ul[@class="dims"]/li')) == 7
    removed = tree.xpath('//*[contains(@class, "doc-a")]//details[@class="removed"]//li')
    assert [li.text_content().split(" — ")[1] for li in removed] == [
        "share button", "share button", "copyright"]


@pytest.mark.parametrize("side", ["a", "b"])
def test_segments_tile_each_clean_text(report: dict[str, Any], side: str) -> None:
    tree = _tree(render_html(report))
    (text,) = tree.xpath(f'//*[contains(@class, "doc-{side}")]//div[@class="text"]')
    doc = report["documents"][0 if side == "a" else 1]
    assert text.text_content() == doc["clean_text"]
    assert not text.xpath(".//span//span")  # flat: segments, never nested


def test_claims_link_to_their_partners(report: dict[str, Any]) -> None:
    tree = _tree(render_html(report))

    def partners(claim_id: str) -> set[str]:
        found = tree.xpath(f'//*[@data-claim="{claim_id}"]')
        assert found, claim_id
        return {p for el in found for p in (el.get("data-partners") or "").split()}

    for link in report["alignment"]["links"]:
        assert f"b{link['b']}" in partners(f"a{link['a']}")
        assert f"a{link['a']}" in partners(f"b{link['b']}")
    assert partners("b2") == {"a0", "a2"}  # many-to-many
    only = tree.find_class("only-one-side")
    assert {el.get("data-claim") for el in only} == {"a4", "b4"}
    assert all(not el.get("data-partners") for el in only)
    colours = {el.get("data-claim"): re.findall(r"\bg\d\b", el.get("class"))
               for el in tree.xpath("//*[@data-partners]")}
    assert colours["a0"] == colours["b0"] == colours["b2"] == colours["a2"]  # one component
    assert colours["a3"] != colours["a5"]


def test_discrepancies_and_reuse_inline(report: dict[str, Any]) -> None:
    tree = _tree(render_html(report))
    marks = tree.find_class("discrepancy")
    assert ["".join(el.text_content()) for el in marks] == ["About 1,200", "Some 1,500"]
    assert all("A counts 1,200 evacuated" in el.get("title") for el in marks)
    only_titles = {el.get("title") for el in tree.find_class("only-one-side")}
    assert only_titles == {"Only in A", "Only in B"}
    reused = "".join(el.text_content() for el in tree.xpath(
        '//*[contains(@class, "doc-a")]//*[@data-reuse="0"]'))
    assert reused == report["reuse"][0]["a"]["text"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_stay_text(make_report: Builder, payload: str) -> None:
    data = make_report(payload)
    page = render_html(data)
    tree = _tree(page)
    scripts = tree.xpath("//script")
    assert len(scripts) == 1 and _sha(scripts[0].text) in _csp(tree)
    assert [el.get("class") for el in tree.xpath("//svg")] == ["bar"] * 7
    assert not tree.xpath("//img | //iframe | //object | //embed | //link | //base | //form")
    for tag, attrs in _stdlib_tags(page):
        assert len({name for name, _ in attrs}) == len(attrs), (tag, attrs)  # no duplicates
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name not in URL_ATTRS or (value or "").startswith("#"), (tag, name)
            if name in {"class", "style", "lang", "data-claim", "data-partners"}:
                assert "alert" not in (value or ""), (tag, name)
    assert payload in tree.text_content()
    for side, doc in zip("ab", data["documents"], strict=True):
        (text,) = tree.xpath(f'//*[contains(@class, "doc-{side}")]//div[@class="text"]')
        assert text.text_content() == doc["clean_text"]


def test_page_is_offline_and_locked_down(report: dict[str, Any]) -> None:
    page = render_html(report)
    tree = _tree(page)
    csp = _csp(tree)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    (style,) = tree.xpath("//style")
    assert _sha(style.text) in csp
    assert not re.search(r"https?://|@import|url\(", style.text + tree.xpath("//script")[0].text)
    assert not tree.xpath("//*[@style]")


def test_nonce_replaces_hashes(report: dict[str, Any]) -> None:
    nonce = "q1w2e3r4t5y6u7i8o9p0"
    tree = _tree(render_html(report, nonce=nonce))
    assert f"'nonce-{nonce}'" in _csp(tree) and "sha256" not in _csp(tree)
    assert [el.get("nonce") for el in tree.xpath("//script | //style")] == [nonce, nonce]
    with pytest.raises(ValueError, match="nonce"):
        render_html(report, nonce='x" onload="alert(1)')


_TEXT_CHARS = st.sampled_from([*"ab <>&\"'\r\n\té€", "\u2028"])


@settings(max_examples=40, deadline=None)
@given(text=st.text(_TEXT_CHARS, min_size=1, max_size=40), data=st.data())
def test_any_text_and_spans_tile(text: str, data: st.DataObject) -> None:
    report = build_report("")
    bound = st.integers(0, len(text))
    claims = data.draw(st.lists(st.tuples(bound, bound), max_size=4))
    doc = report["documents"][0]
    doc["clean_text"] = text
    report["alignment"]["links"] = [
        {"a": i, "b": 0, "relation": "paraphrase", "similarity": 0.9, "lexical": 0.1,
         "a_span": {"start": s, "end": e, "text": text[s:e]}, "b_span": {"start": 0, "end": 3}}
        for i, (s, e) in enumerate(claims)]
    report["alignment"]["only_a"] = []
    tree = _tree(render_html(report))
    (node,) = tree.xpath('//*[contains(@class, "doc-a")]//div[@class="text"]')
    assert node.text_content() == text


def test_example_page_and_screenshot(make_report: Builder) -> None:
    OUT.mkdir(exist_ok=True)
    path = OUT / "report_example.html"
    path.write_text(render_html(make_report("")), encoding="utf-8")
    (OUT / "report_payloads.html").write_text(render_html(make_report(PAYLOADS[1])), "utf-8")
    assert path.stat().st_size > 5000
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("no chromium: example page written, screenshot skipped")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox",
                                                                     "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(path.as_uri())
        page.hover('[data-claim="a2"]')
        assert "hl" in (page.get_attribute('[data-claim="b2"]', "class") or "")
        page.screenshot(path=str(OUT / "report_example.png"), full_page=True)
        browser.close()
