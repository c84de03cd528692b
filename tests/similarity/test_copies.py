"""Near-copy evidence: the ceiling that holds copies and excerpts under the learned head."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storydiff.similarity.copies import copy_bound_heuristic, copy_evidence

STORY = ("Floods cut the town of Riverton in two on Monday. The river rose two metres overnight. "
         "Rescuers took 40 people from their roofs. The mayor asked the army for help. "
         "Schools stay closed until Friday.")
OTHER = ("A chess grandmaster won the title in Oslo after six hours. She had lost the first "
         "game. The final drew a record crowd. Prize money reached a million crowns.")


def test_reordered_copy_and_excerpt_get_the_full_ceiling() -> None:
    reordered = " ".join(reversed(STORY.split(". ")))
    assert copy_evidence(STORY, reordered).ceiling == 1.0
    assert copy_evidence(STORY, STORY.split(" The mayor")[0]).ceiling == 1.0


def test_different_stories_get_no_ceiling() -> None:
    assert copy_evidence(STORY, OTHER).ceiling == 4.0


def test_shared_boilerplate_under_different_headlines_gets_no_ceiling() -> None:
    notice = ("We use cookies to improve our website and show you relevant news and ads. "
              "Details are in our privacy policy. By continuing you accept their use.")
    evidence = copy_evidence(f"Floods in Riverton\n\n{notice}", f"Chess title in Oslo\n\n{notice}",
                             "Floods in Riverton", "Chess title in Oslo")
    assert evidence.containment > 0.8
    assert evidence.ceiling == 4.0


def test_a_title_cut_short_by_cleaning_still_opens_the_same_text() -> None:
    title = "Floods cut the town of Riverton in two"
    text = f"{title}\n\n{STORY}"
    cut = text.replace(f"{title}\n\n", "Floods cut the\n\ntown of Riverton in two\n\n")
    assert copy_evidence(text, cut, title, "Floods cut the").ceiling == 1.0
    # the openings compare only as many words as the longer title holds: a shared notice
    # after two different headlines does not make them agree
    notice = "We use cookies to improve our website and show you relevant news and ads."
    evidence = copy_evidence(f"{title}\n\n{notice}", f"Chess title\n\n{notice}", title,
                             "Chess title")
    assert evidence.headline < 0.2


def test_ceiling_is_monotone_in_strength() -> None:
    values = [copy_bound_heuristic(s / 10) for s in range(11)]
    assert values == sorted(values, reverse=True)
    assert values[0] == 4.0 and values[-1] == 1.0


SENTENCES = st.lists(st.sampled_from(STORY.split(". ") + OTHER.split(". ")), min_size=1,
                     max_size=6).map(". ".join)


@given(SENTENCES, SENTENCES, SENTENCES)
def test_symmetric_and_appending_never_lowers_the_ceiling(a: str, b: str, extra: str) -> None:
    assert copy_evidence(a, b).ceiling == copy_evidence(b, a).ceiling
    # containment of the smaller side can only fall when text is added to one side, unless
    # the added text itself repeats the other side's wording
    if not set(extra.split()) & set(a.split()):
        assert copy_evidence(a, f"{b}\n\n{extra}").ceiling >= copy_evidence(a, b).ceiling
