"""Bytes to text: refuse binary data, then try the encodings news text comes in.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32), strict UTF-8, *mostly* UTF-8, Windows-1252,
the encoding charset-normalizer detects (for Cyrillic, Greek, CJK… legacy encodings), and
Latin-1 last. Latin-1 decodes any byte string, so every single-byte result must *look like
text*: almost no C1 control characters, and for Latin scripts not a wall of accented capitals
(mojibake).

Mostly UTF-8: bytes that hold valid multi-byte UTF-8 sequences at least as often as invalid
bytes are UTF-8 with a few damaged bytes, never a legacy code page (reading them as one turns
every ’ into "‚Äô"). Each run of invalid bytes becomes one U+FFFD, and ``decode_text`` says so
in ``Decoded.warning``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace

from .._errors import BinaryInputError, DecodingError
from ..text import CJK, HANGUL

__all__ = ["Decoded", "decode_bytes", "decode_text", "looks_like_text"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF-", "a PDF document"), (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"), (b"\x1f\x8b", "a gzip archive"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"),
    (b"BZh91AY&SY", "a bzip2 archive"), (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"\x7fELF", "an executable"),
    (b"MZ\x90\x00", "a Windows executable"), (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"SQLite format 3\x00", "an SQLite database"), (b"\x28\xb5\x2f\xfd", "a zstd archive"),
)
_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_MAX_CONTROL_SHARE = 0.05
_MAX_BAD_SHARE = 0.002
_MOJIBAKE_SHARE = 0.3
_SAMPLE = 65536
_MIN_COHERENCE = 0.2
_MOJIBAKE_MIN_LETTERS = 20
_CJK = re.compile(f"[{CJK}{HANGUL}]")
# The most frequent characters of Chinese (simplified and traditional) and Korean text.
_COMMON_CJK = frozenset(
    "的一是不了在人有我他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可"
    "她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经這們來個國"
    "說會過對後麼發當無開經見時還於與為"
    "이다는에을의가고한로서지하있기사도를들으면것수나그대인시정게해니요일자국년"
)
_MIN_COMMON_CJK_SHARE = 0.1
_INVALID_RUN = re.compile(r"[\udc80-\udcff]+")
_NOT_MULTIBYTE = re.compile(r"[\x00-\x7f\udc80-\udcff]+")


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding read, and a warning when bytes had to be replaced."""

    text: str
    encoding: str
    replaced_bytes: int = 0
    warning: str | None = None


def _check_not_binary(data: bytes, source: str) -> None:
    """Raise BinaryInputError for a known binary signature, NUL bytes or many control bytes."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInputError(source, f"this is {what}, not text; extract its text first")
    if b"\x00" in data:
        raise BinaryInputError(
            source, "the data holds NUL bytes: it is binary, or UTF-16 without a byte-order "
            "mark; save it as UTF-8 text")
    sample = data[:_SAMPLE]
    if len(_CONTROL_BYTES.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise BinaryInputError(source, "the data is mostly control bytes, not text; pass a text "
                                       "or HTML file")


def looks_like_text(text: str) -> bool:
    """True when almost no character is a control character or U+FFFD."""
    sample = text[:_SAMPLE]
    return len(_BAD_CHARS.findall(sample)) <= _MAX_BAD_SHARE * max(len(sample), 1)


def _is_mojibake_heuristic(text: str) -> bool:
    """Heuristic: a legacy non-Latin text read as Windows-1252 is mostly letters from À to ÿ."""
    letters = [ch for ch in text[:_SAMPLE] if ch.isalpha()]
    accented = sum("\u00c0" <= ch <= "\u00ff" for ch in letters)
    return len(letters) >= _MOJIBAKE_MIN_LETTERS and accented > _MOJIBAKE_SHARE * len(letters)


def _strict(data: bytes, encoding: str) -> str | None:
    """``data`` decoded strictly, or None."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detected(data: bytes) -> str | None:
    """charset-normalizer's reading, when it found a language or a CJK encoding."""
    from charset_normalizer import from_bytes  # lazy: only legacy-encoded input needs it

    best = from_bytes(data[:_SAMPLE]).best()
    if best is None:
        return None
    text = _strict(data, best.encoding)
    if text is None or best.coherence >= _MIN_COHERENCE:
        return text
    return text if _is_plausible_cjk_heuristic(text) else None


def _is_plausible_cjk_heuristic(text: str) -> bool:
    """Heuristic: real CJK text uses kana or very frequent characters; random bytes do not."""
    cjk = [ch for ch in text[:_SAMPLE] if _CJK.match(ch)]
    common = sum(ch in _COMMON_CJK or "\u3040" <= ch <= "\u30ff" for ch in cjk)
    return len(cjk) >= 2 and common >= _MIN_COMMON_CJK_SHARE * len(cjk)


def _single_byte(data: bytes) -> str | None:
    """Windows-1252, a detected legacy encoding, or Latin-1, whichever first looks like text."""
    cp1252 = _strict(data, "cp1252")
    if cp1252 is not None and looks_like_text(cp1252) and not _is_mojibake_heuristic(cp1252):
        return cp1252
    detected = _detected(data)
    if detected is not None and looks_like_text(detected):
        return detected
    latin1 = data.decode("latin-1")
    return latin1 if looks_like_text(latin1) and not _is_mojibake_heuristic(latin1) else None


def _mostly_utf8(data: bytes, source: str, encoding: str = "utf-8") -> Decoded | None:
    """UTF-8 with a few invalid bytes (each run replaced by U+FFFD), or None when the bytes
    hold fewer valid multi-byte sequences than invalid bytes (a legacy code page, then)."""
    escaped = data.decode(encoding, errors="surrogateescape")
    invalid = sum(len(run) for run in _INVALID_RUN.findall(escaped))
    valid = len(_NOT_MULTIBYTE.sub("", escaped))  # characters read from valid multi-byte UTF-8
    if invalid == 0 or valid < invalid:
        return None
    first = _first_invalid_byte(data)
    text = _INVALID_RUN.sub("\ufffd", escaped)
    bytes_are = "1 byte is" if invalid == 1 else f"{invalid:,} bytes are"
    warning = (f"{source}: {bytes_are} not valid UTF-8 (the first at byte {first:,}) in "
               "otherwise UTF-8 text; replaced with U+FFFD (\ufffd): re-save the file as UTF-8 "
               "to keep those characters")
    return Decoded(text, "utf-8", invalid, warning)


def _with_bom(data: bytes, encoding: str, source: str) -> Decoded:
    """Bytes that start with a byte-order mark, decoded as it says (UTF-8 leniently)."""
    text = _strict(data, encoding)
    if text is not None and looks_like_text(text.lstrip("\ufeff")):
        return Decoded(text.lstrip("\ufeff"), encoding)
    if text is None and encoding == "utf-8-sig":
        lenient = _mostly_utf8(data, source, encoding)
        if lenient is not None:
            return replace(lenient, text=lenient.text.lstrip("\ufeff"))
    raise DecodingError(source, f"the data starts with a {encoding} byte-order mark but does "
                                "not decode as it; re-save it as UTF-8")


def _first_invalid_byte(data: bytes) -> int:
    """The offset of the first byte that is not valid UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return int(exc.start)
    return 0


def decode_text(data: bytes, source: str) -> Decoded:
    """Decode input bytes to text, saying which encoding was read and what was replaced.

    Args:
        data: the raw bytes.
        source: the name used in error messages and warnings.

    Returns:
        A :class:`Decoded`: the text (a byte-order mark dropped), the encoding, and, for
        mostly-UTF-8 bytes with invalid ones, how many were replaced and a warning.

    Raises:
        BinaryInputError: known binary signature, NUL bytes, or mostly control bytes.
        DecodingError: no tried encoding gives something that looks like text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _with_bom(data, encoding, source)
    _check_not_binary(data, source)
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8")
    lenient = _mostly_utf8(data, source)
    if lenient is not None:
        return lenient
    text = _single_byte(data)
    if text is None:
        raise DecodingError(source, "the bytes decode as neither UTF-8, UTF-16 nor Windows-1252, "
                                    "nor any detected encoding; re-save the file as UTF-8")
    return Decoded(text, "legacy")


def decode_bytes(data: bytes, source: str) -> str:
    """Decode input bytes to text (``decode_text`` without the report).

    Args:
        data: the raw bytes.
        source: the name used in error messages.

    Returns:
        The decoded text (a byte-order mark is dropped; in mostly-UTF-8 bytes each run of
        invalid bytes becomes U+FFFD).

    Raises:
        BinaryInputError: known binary signature, NUL bytes, or mostly control bytes.
        DecodingError: no tried encoding gives something that looks like text.
    """
    return decode_text(data, source).text
