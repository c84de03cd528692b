"""``Settings``: the options of reading, analysing and comparing articles."""

from __future__ import annotations

from dataclasses import dataclass

from .._errors import SettingsError
from ._options import Options, option

__all__ = ["DIFFERENT_STORIES_BELOW", "Settings"]

#: The same-story probability below which the verdict says "different stories"
#: (``report.verdict_label``), and the default of ``discrepancy_min_same_story``.
DIFFERENT_STORIES_BELOW = 0.4


@dataclass(frozen=True, kw_only=True)
class Settings(Options):
    """Options for reading, analysing and comparing articles. All have working defaults.

    Example:
        >>> Settings(max_text_bytes=500_000).max_text_bytes
        500000
    """

    max_text_bytes: int = option(
        2_000_000, "Largest article accepted, in bytes of text (raw input may be 4x for HTML)."
    )
    paraphrase_threshold: float = option(
        0.65, "Calibrated similarity at or above which two claims count as a paraphrase."
    )
    partial_threshold: float = option(
        0.35, "Calibrated similarity at or above which two claims count as a partial overlap "
        "(the candidate links the similarity scorer reads)."
    )
    link_candidate_threshold: float = option(
        0.20, "Calibrated similarity from which two claims are a candidate link for the link "
        "model, whose confident links the report keeps (partial_threshold, if lower, lowers it)."
    )
    same_wording_threshold: float = option(
        0.80, "Word-trigram containment at or above which a link is 'same wording'."
    )
    max_links_per_claim: int = option(3, "At most this many partners per claim in the alignment.")
    reuse_min_words: int = option(8, "Shortest shared word run reported as reused text.")
    discrepancy_min_confidence: float = option(
        0.5, "Discrepancies below this confidence are left out of the report."
    )
    discrepancy_min_same_story: float = option(
        DIFFERENT_STORIES_BELOW,
        "Disagreements are reported between articles whose same-story probability reaches "
        "this (0.4: where the verdict stops saying 'different stories'); below it, differing "
        "details are facts of different stories and are set aside (Report.set_aside), not "
        "dropped. 0: always reported."
    )
    link_min_confidence: float | None = option(
        None, "Links the report keeps: those whose link-model confidence reaches this; None: "
        "the model's own threshold; 0: every candidate link."
    )
    clean_boilerplate: bool = option(True, "Remove boilerplate lines (share buttons, credits…).")
    max_sentence_chars: int = option(
        1000, "Longest sentence (so longest claim) in characters; a longer one is cut at its "
        "last clause or word boundary before the limit."
    )
    max_claims: int = option(
        1000, "Most claims one article may hold; more raises InputTooLargeError before any "
        "claim is encoded (about 100 KB of prose)."
    )
    time_budget_s: float | None = option(
        120.0, "Seconds one comparison (or one article's cleaning and analysis) may take; past "
        "it, TimeBudgetError. None: no limit."
    )
    contradiction: str = option(
        "rules", "Who judges polarity disagreements: 'rules' (default) or 'nli' (rules re-weighted "
        "by the trained classifier, which adds findings of its own only when very sure)."
    )

    def __post_init__(self) -> None:
        if self.max_text_bytes <= 0:
            raise SettingsError("max_text_bytes must be positive")
        for name in ("paraphrase_threshold", "partial_threshold", "link_candidate_threshold",
                     "same_wording_threshold", "discrepancy_min_confidence",
                     "discrepancy_min_same_story"):
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
