"""Where the learned typer and the trigger rules meet.

The trigger lexicon (``triggers.py``) is precise about *where* an event is named (the
word, its clause, its actors) but coarse about *what* it is; the typer
(``sitrep.classify``) reads the whole sentence and is better at what.  The rules here:

- a sentence the typer takes for no event (P(none) >= ``NONE_MIN``: a statement, a
  plan, a disaster, background) yields no report, whatever its trigger words;
- a sentence with no trigger word yields a report when the typer is sure of an ACLED
  sub-event type (P >= ``TYPER_ONLY_MIN``), anchored on the sentence's main verb;
- a report's sub-event type is the typer's when the typer is confident enough
  (P >= ``RETYPE_MIN``), or when it rules out the trigger's type (P < ``RULED_OUT``)
  and has a better one;
- the two territory types are decided by who takes the place when the report knows it:
  state forces regain, anyone else overtakes (ACLED's definitions).
"""

from __future__ import annotations

import re

from sitrep.classify.typer import TypeGuess
from sitrep.extract.triggers import Trigger, TriggerMatch, find_triggers
from sitrep.taxonomy import EVENT_TYPE_OF, NOT_AN_EVENT
from sitrep.types import ActorRole, Sentence, Token

__all__ = [
    "NONE_MIN",
    "RETYPE_MIN",
    "TYPER_ONLY_MIN",
    "could_report_event",
    "learned_type",
    "reports_nothing",
    "typer_trigger",
]

NONE_MIN = 0.6
TYPER_ONLY_MIN = 0.6
RETYPE_MIN = 0.45
RULED_OUT = 0.05

GOVERNMENT_REGAINS = "Government regains territory"
NON_STATE_OVERTAKES = "Non-state actor overtakes territory"
_TERRITORY = frozenset({GOVERNMENT_REGAINS, NON_STATE_OVERTAKES})

# Words of events the trigger lexicon does not list but the typer may recognise: the
# sentences worth asking it about.  Cheap to test, generous on purpose.
_EVENT_HINTS = re.compile(
    r"\b(?:took over|entered|drove out|pushed (?:back|out)|fired|hit|struck|targeted|hurled|"
    r"lobbed|blew|detonat\w*|seiz\w*|set up|establish\w*|deploy\w*|defect\w*|formed|"
    r"intercept\w*|shot down|freed|released|gather\w*|march\w*|beat(?:en)?|hacked|burn\w*|"
    r"demolish\w*|bulldoz\w*|raz(?:ed|ing)|abduct\w*|missing|kidnap\w*|hostage|"
    r"strik(?:e|es|ing)|walkout|sit-in|vigil|chant\w*|blockad\w*|barricad\w*|surrender\w*|"
    r"evacuat\w*|handed over|hand over|swap|exchange|curfew|emergency|merg\w*|split|"
    r"pledged allegiance|cache|defus\w*|dismantl\w*|foiled|thwart\w*)\b",
    re.I,
)


def could_report_event(text: str) -> bool:
    """Whether a sentence is worth the typer's time: a trigger word, an event hint or a
    figure."""
    return bool(find_triggers(text) or _EVENT_HINTS.search(text) or re.search(r"\d", text))


def reports_nothing(guess: TypeGuess | None) -> bool:
    """True when the typer is sure the sentence reports no new event."""
    return guess is not None and guess.probability_of(NOT_AN_EVENT) >= NONE_MIN


def typer_trigger(
    guess: TypeGuess | None, sentence: Sentence, tokens: tuple[Token, ...]
) -> TriggerMatch | None:
    """A trigger for a sentence with no trigger word but a confident typer: its root
    verb (else its first verb), typed as the typer says."""
    if guess is None or guess.label == NOT_AN_EVENT or guess.probability < TYPER_ONLY_MIN:
        return None
    own = tokens[sentence.token_start : sentence.token_end]
    verbs = [t for t in own if t.pos in ("VERB", "AUX") and t.dep == "ROOT"] or [
        t for t in own if t.pos == "VERB"
    ]
    if not verbs:
        return None
    verb = verbs[0]
    event_type = EVENT_TYPE_OF[guess.label]
    trigger = Trigger(re.compile(re.escape(verb.text)), event_type, guess.label, "")
    return TriggerMatch(trigger, verb.start, verb.end, verb.text)


def learned_type(
    guess: TypeGuess | None, event_type: str, sub_event_type: str, actor1: ActorRole | None
) -> tuple[str, str, bool]:
    """The report's (event type, sub-event type) and whether the typer decided it."""
    if guess is None or guess.label == NOT_AN_EVENT:
        return event_type, sub_event_type, False
    label = guess.label
    confident = guess.probability >= RETYPE_MIN
    ruled_out = guess.probability_of(sub_event_type) < RULED_OUT and guess.probability >= 0.25
    if not (confident or ruled_out) or label == sub_event_type:
        return event_type, sub_event_type, False
    if label in _TERRITORY and actor1 is not None and actor1.actor_type:
        label = GOVERNMENT_REGAINS if actor1.actor_type == "state forces" else NON_STATE_OVERTAKES
    return EVENT_TYPE_OF[label], label, True
