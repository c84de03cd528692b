"""read(): sources, encodings, sniffing, JSON records and every bad-input class."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from storydiff._errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    InputFormatError,
    InputTooLargeError,
)
from storydiff.ingest import read
from storydiff.settings import Settings

TEXT = ("Storm hits the northern coast\n\n"
        "A powerful storm swept along the coast on Tuesday, leaving thousands without power.\n")
CURLY = "He said “we will win” — it’s a café in Zürich, and the crowd cheered loudly."


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- sources -------------------------------------------------------------------------------


def test_reads_a_path_object_and_names_it(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", TEXT.encode())
    article = read(path)
    assert (article.raw, article.kind, article.source) == (TEXT, "text", str(path))


def test_reads_a_string_that_names_an_existing_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", TEXT.encode())
    assert read(str(path)).raw == TEXT


def test_a_plain_string_is_the_text_itself() -> None:
    article = read(TEXT)
    assert (article.raw, article.kind, article.source) == (TEXT, "text", "<text>")


def test_bytes_are_decoded_and_named() -> None:
    assert read(TEXT.encode()).source == "<bytes>"


def test_name_overrides_the_label_in_errors(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", b"")
    with pytest.raises(EmptyInputError, match=r"^my-article: "):
        read(path, name="my-article")


def test_dash_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(CURLY.encode("cp1252")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    article = read("-")
    assert (article.raw, article.source) == (CURLY, "<stdin>")


def test_stdin_html_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    html = b"<html><body><p>One paragraph.</p><p>Two.</p></body></html>"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(html)))
    assert read("-").kind == "html"


def test_stdin_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"word " * 1000)))
    with pytest.raises(InputTooLargeError, match="<stdin>"):
        read("-", settings=Settings(max_text_bytes=100))


# --- kinds -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("a.txt", b"<p>markup in a .txt file stays text</p><p>x</p><br>", "text"),
        ("a.html", b"no tags at all, but the suffix says HTML", "html"),
        ("a.htm", b"<p>x</p>", "html"),
        ("a.dat", b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("a.dat", b"Plain words, and a < b > c comparison.", "text"),
        ("noext", b"<div><p>One</p><p>Two</p></div>", "html"),
    ],
)
def test_kind_from_suffix_or_sniffing(tmp_path: Path, name: str, data: bytes, kind: str) -> None:
    assert read(_write(tmp_path, name, data)).kind == kind


# --- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_unicode_encodings_with_or_without_bom(encoding: str) -> None:
    data = CURLY.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert read(data).raw == CURLY


def test_cp1252_curly_quotes() -> None:
    data = CURLY.encode("cp1252")
    assert b"\x93" in data  # a real Windows-1252 curly quote, not valid UTF-8
    assert read(data).raw == CURLY


def test_latin1_french_text() -> None:
    text = "L'été à Paris était très chaud, a déclaré le ministre à la presse."
    assert read(text.encode("latin-1")).raw == text


def test_legacy_cyrillic_is_detected_not_read_as_mojibake() -> None:
    text = "Президент заявил, что переговоры продолжатся на следующей неделе в Москве."
    assert read(text.encode("cp1251")).raw == text


def test_utf8_bom_file_is_stripped(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", b"\xef\xbb\xbf" + TEXT.encode())
    assert read(path).raw == TEXT


# --- bad inputs ------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t  \r\n", "\u00a0\n".encode()])
def test_empty_or_whitespace_file(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, "empty.txt", data)
    with pytest.raises(EmptyInputError) as info:
        read(path)
    assert info.value.source == str(path)
    assert "empty" in str(info.value)


def test_empty_string_and_json_text_field() -> None:
    with pytest.raises(EmptyInputError):
        read("  ")
    with pytest.raises(EmptyInputError, match="'text' field is empty"):
        read('{"title": "A title", "text": "  "}')


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00\x00\x00", "gzip"),
        (b"Some text\x00with a NUL byte in it", "NUL"),
        (bytes(range(1, 32)) * 20, "control bytes"),
    ],
)
def test_binary_input(tmp_path: Path, data: bytes, what: str) -> None:
    with pytest.raises(BinaryInputError, match=what):
        read(_write(tmp_path, "thing.txt", data))


def test_nul_in_a_string_is_binary() -> None:
    with pytest.raises(BinaryInputError):
        read("text\x00more")


def test_undecodable_bytes(tmp_path: Path) -> None:
    data = b"Report: " + b"\x81\x8d\x8f\x90\x9d" * 8 + b" end"
    with pytest.raises(DecodingError, match="UTF-8"):
        read(_write(tmp_path, "bad.txt", data))


def test_bom_that_lies_is_a_decoding_error() -> None:
    with pytest.raises(DecodingError):
        read(b"\xff\xfe" + b"\x00\xd8")  # UTF-16 BOM, then a lone surrogate


def test_text_over_the_limit() -> None:
    with pytest.raises(InputTooLargeError, match="over the limit of 1,000") as info:
        read("word " * 300, settings=Settings(max_text_bytes=1000))
    assert "max_text_bytes" in str(info.value)


def test_html_may_be_four_times_the_limit() -> None:
    html = "<html><body>" + "<p>Some words here.</p>" * 120 + "</body></html>"
    assert 1000 < len(html) < 4000
    assert read(html, settings=Settings(max_text_bytes=1000)).kind == "html"
    with pytest.raises(InputTooLargeError):
        read(html, settings=Settings(max_text_bytes=500))


def test_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", b"x" * 100_000)
    with pytest.raises(InputTooLargeError):
        read(path, settings=Settings(max_text_bytes=1000))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputFormatError, match="no such file"):
        read(tmp_path / "nope.txt")
    with pytest.raises(InputFormatError, match="no such file"):
        read(str(tmp_path / "nope.html"))
    with pytest.raises(InputFormatError, match="directory"):
        read(tmp_path)


def test_urls_are_never_fetched() -> None:
    with pytest.raises(InputFormatError, match="not fetched"):
        read("https://example.org/news/article.html")


def test_unreadable_type() -> None:
    with pytest.raises(InputFormatError):
        read(42)  # type: ignore[arg-type]


# --- JSON records ----------------------------------------------------------------------------


def test_json_record_fields(tmp_path: Path) -> None:
    record = {"headline": "Storm &amp; <b>floods</b>", "maintext": TEXT, "authors": ["Ann Lee",
              "Bo Chan"], "date_publish": "2021-03-04 10:00:00", "lang": "EN",
              "url": "https://example.org/a"}
    article = read(_write(tmp_path, "a.json", json.dumps(record).encode()))
    assert article.kind == "text"
    assert article.raw == TEXT
    assert article.title == "Storm & floods"
    assert article.author == "Ann Lee, Bo Chan"
    assert (article.published, article.language, article.url) == (
        "2021-03-04 10:00:00", "en", "https://example.org/a")


def test_json_body_that_is_html_and_html_field() -> None:
    html_body = "<p>The storm hit the coast.</p><p>Power was cut.</p><p>Roads closed.</p>"
    assert read(json.dumps({"body": html_body})).kind == "html"
    assert read(json.dumps({"html": "<html><body>x</body></html>"})).kind == "html"


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b'{"title": "x", "text": "abc",}', "malformed JSON at line 1"),
        (b"[1, 2]", "must be an object"),
        (b'{"title": "Only a title"}', "no article text"),
        (b'{"text": 42}', "no article text"),
    ],
)
def test_bad_json_records(tmp_path: Path, data: bytes, match: str) -> None:
    with pytest.raises(InputFormatError, match=match):
        read(_write(tmp_path, "r.json", data))


def test_malformed_json_on_stdin_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"text": "a" "b"}')))
    with pytest.raises(InputFormatError, match="<stdin>: malformed JSON"):
        read("-")


# --- mostly UTF-8 with bad bytes (issue #13) -----------------------------------------------

def _damaged(count: int) -> bytes:
    """UTF-8 news text (curly quotes, accents) with ``count`` bytes that are not UTF-8."""
    text = ("The producer’s statement — “we’re done” — came on Monday in Zürich. " * 12).encode()
    data = bytearray(text)
    for i in range(count):
        data[40 + i * 61] = 0x9D  # undefined in Windows-1252, so the old path went Mac Roman
    return bytes(data)


def test_bad_bytes_in_utf8_text_are_replaced_and_reported(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The red-team file: 11 bad bytes in UTF-8 text read as Mac Roman ("producer‚Äôs")."""
    with caplog.at_level("WARNING", logger="storydiff.ingest"):
        article = read(_write(tmp_path, "damaged.txt", _damaged(11)))
    assert "producer’s" in article.raw and "‚Äô" not in article.raw
    assert article.raw.count("\ufffd") == 11 and "Zürich" in article.raw
    [record] = caplog.records
    assert "damaged.txt: 11 bytes are not valid UTF-8 (the first at byte 40)" in record.message


def test_the_cli_says_so_on_stderr_and_still_compares(tmp_path: Path) -> None:
    """Exit 0 as before, but stderr now names the file and the replaced bytes."""
    import subprocess

    damaged = _write(tmp_path, "damaged.txt", _damaged(11))
    code = ("import sys; from storydiff.ingest import read; "
            "print(read(sys.argv[1]).raw.count('\\ufffd'))")
    done = subprocess.run([sys.executable, "-c", code, str(damaged)], capture_output=True,
                          text=True, timeout=120, check=True)
    assert done.stdout.strip() == "11"
    assert "damaged.txt: 11 bytes are not valid UTF-8" in done.stderr


def test_the_report_carries_the_warning_of_its_side(tmp_path: Path) -> None:
    from storydiff import compare

    damaged = _write(tmp_path, "damaged.txt", _damaged(3))
    whole = _write(tmp_path, "whole.txt", _damaged(0))
    data = compare(damaged, whole).to_dict()
    [warning] = data["documents"][0]["warnings"]
    assert "damaged.txt: 3 bytes are not valid UTF-8" in warning
    assert data["documents"][1]["warnings"] == []
    again = compare(whole, damaged).to_dict()  # a cached analysis keeps each input's warnings
    assert again["documents"][0]["warnings"] == [] and again["documents"][1]["warnings"]


def test_decode_text_says_what_it_replaced() -> None:
    from storydiff.ingest.decoding import decode_text

    decoded = decode_text(_damaged(1), "x.txt")
    assert (decoded.encoding, decoded.replaced_bytes) == ("utf-8", 1)
    assert decoded.warning is not None and "1 byte is not valid UTF-8" in decoded.warning
    clean = decode_text("Zürich".encode(), "y.txt")
    assert clean.warning is None and clean.replaced_bytes == 0
    bom = decode_text(b"\xef\xbb\xbf" + _damaged(2), "bom.txt")
    assert bom.replaced_bytes == 2 and not bom.text.startswith("\ufeff")


@pytest.mark.parametrize("text, encoding", [
    (CURLY + " Le café du coin a fermé après l’été. " * 3, "cp1252"),
    ("Le café du village a fermé ses portes après l'été, à Noël. " * 5, "latin-1"),
])
def test_genuine_legacy_files_still_decode(text: str, encoding: str,
                                           caplog: pytest.LogCaptureFixture) -> None:
    assert read(text.encode(encoding)).raw == text
    assert not caplog.records  # nothing replaced, nothing reported


def test_html_nested_deeper_than_libxml2_allows_keeps_its_body() -> None:
    from storydiff.ingest.html import extract_html

    body = "<p>" + "The council approved the new flood barrier on Monday after a debate. " * 4
    for depth in (300, 2000):
        page = ("<html><head><title>Barrier</title></head><body>" + "<div>" * depth
                + "<article>" + body + "</p></article>" + "</div>" * depth + "</body></html>")
        assert "flood barrier" in extract_html(page, "deep.html").text
