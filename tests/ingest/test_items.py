"""Input expansion: WARC archives (including a truncated record), stdin-free paths, texts."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storydiff.document import Article
from storydiff.ingest.items import count_items, load_items
from storydiff.settings import Settings
from tests.corpus.conftest import RECORDS

_PAGE = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
         "<p>{text}</p></article></body></html>")


def _warc(path: Path, pages: list[tuple[str, str]], *, gzip: bool) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            body = html.encode("utf-8")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                               length=len(body), http_headers=headers)
            writer.write_record(record)


def _pages() -> list[tuple[str, str]]:
    return [(f"https://news.example/{i}", _PAGE.format(title=r["title"], text=r["text"]))
            for i, r in enumerate(RECORDS[:3])]


def test_warc_responses_become_html_articles(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(path, _pages(), gzip=True)
    loaded = list(load_items([path], Settings()))
    assert [x.error for x in loaded] == [None, None, None]
    first = loaded[0].article
    assert first is not None and first.kind == "html"
    assert first.url == "https://news.example/0"


def test_truncated_warc_record_is_reported(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    _warc(whole, _pages(), gzip=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: len(data) - 400])
    loaded = list(load_items([cut], Settings()))
    good = [x for x in loaded if x.error is None]
    bad = [x for x in loaded if x.error is not None]
    assert len(good) == 2 and len(bad) == 1
    assert "WARC" in (bad[0].error or "") and str(cut) in (bad[0].error or "")


def test_articles_dicts_and_texts_are_accepted(tmp_path: Path) -> None:
    items = [Article(raw="Hello world. It rained.", kind="text", source="x"),
             {"title": "T", "text": "Body text here."}, "Some article text.\n\nMore of it."]
    loaded = list(load_items(items, Settings()))
    assert all(x.article is not None for x in loaded)
    assert count_items(items) == 3


def test_missing_text_field_is_an_error_not_an_exception() -> None:
    loaded = list(load_items([{"title": "no body"}], Settings()))
    assert loaded[0].article is None and "<record 1>" in (loaded[0].error or "")
