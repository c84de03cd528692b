"""The discrepancy rules, one family a module; each rule is a heuristic named ``*_heuristic``."""

from .dates import date_heuristic
from .directions import direction_heuristic
from .entities import entity_heuristic, same_entity
from .numbers import number_heuristic
from .pair import ClaimPair
from .polarity import polarity_rule_heuristic
from .quotes import quote_heuristic
from .times import time_heuristic

__all__ = [
    "ClaimPair",
    "date_heuristic",
    "direction_heuristic",
    "entity_heuristic",
    "number_heuristic",
    "polarity_rule_heuristic",
    "quote_heuristic",
    "same_entity",
    "time_heuristic",
]
