"""Stage 5, discrepancies: typed disagreements between linked claims. ``find`` runs the rules
(``rules/``, one family a module), ``negation`` finds polarity cues, ``contradiction`` is the
interface of the judge (``rules_baseline``, or the trained ``nli_model`` on ``nli_features``)."""

from __future__ import annotations

from .contradiction import ContradictionModel
from .find import find_discrepancies
from .record import Discrepancy

__all__ = ["ContradictionModel", "Discrepancy", "find_discrepancies"]
