"""How sure each coded field of a report is, and why (``FieldConfidence``).

The scores are ordinal, not calibrated probabilities, except the event type's when the
typer ran (its probability for the report's sub-event type).  They say where each field
came from, so an analyst can sort and filter on them:

- event_type: the typer's P when it ran; else 0.8 for a specific trigger word, 0.5 for
  an outcome word ("killed", "attack");
- actor1, actor2: 0.8 for a named actor ("Hayat Tahrir al-Sham", "Daesh"), 0.5 for a
  generic one ("troops", "gunmen") whose country comes from the words beside it or the
  article; 0.3 for a battle's actor2 the sentence does not name, taken as the article's
  recurring enemy of actor1; 0.4 for a demonstration's protesters or rioters the text
  does not name ("a protest was held in Lagos": Protesters (Nigeria));
- place: 0.85 / 0.6 / 0.35 when named in the sentence / earlier in the paragraph / the
  article's main place, halved when the gazetteer did not resolve it;
- date: 0.9 / 0.6 / 0.5 / 0.3 for a time expression in the sentence / earlier in the
  paragraph / a "since" period to publication / none (the week before publication);
- fatalities: 0.85 for a killed figure in the sentence, 0.6 for the 0 of a sentence that
  names no death (ACLED's convention).
"""

from __future__ import annotations

from sitrep.classify.typer import TypeGuess
from sitrep.extract.triggers import TriggerMatch
from sitrep.types import ActorRole, FieldConfidence, PlaceMention

__all__ = ["field_confidence"]

_PLACE = {"sentence": 0.85, "paragraph": 0.6, "article": 0.35}
_PLACE_WORDS = {
    "sentence": "named in the sentence",
    "paragraph": "named earlier in the paragraph",
    "article": "the article's main place (the sentence names none)",
}
_DATE = {"sentence": 0.9, "paragraph": 0.6, "since": 0.5, "publication": 0.3}
_DATE_WORDS = {
    "sentence": "a time expression in the sentence",
    "paragraph": "a time expression earlier in the paragraph",
    "since": "a period opened by 'since' in the sentence, up to publication",
    "publication": "no date given: the week before publication",
}


def _is_generic(actor: ActorRole) -> bool:
    written = actor.span.text if actor.span is not None else ""
    return written[:1].islower() or "(" in actor.name


def _actor(field: str, actor: ActorRole | None, how: str = "sentence") -> list[FieldConfidence]:
    if actor is None:
        return []
    written = actor.span.text if actor.span is not None else actor.name
    if how == "article":
        return [
            FieldConfidence(
                field,
                0.3,
                f"the sentence names no opponent: the article's recurring one, {actor.name}",
            )
        ]
    if actor.span is None:
        return [
            FieldConfidence(
                field, 0.4, f"named by no words: {actor.name}, as ACLED codes a demonstration"
            )
        ]
    if _is_generic(actor):
        return [FieldConfidence(field, 0.5, f"generic actor '{written}' read as {actor.name}")]
    return [FieldConfidence(field, 0.8, f"named actor '{written}'")]


def field_confidence(
    *,
    match: TriggerMatch,
    sub_event_type: str,
    guess: TypeGuess | None,
    actor1: ActorRole | None,
    actor2: ActorRole | None,
    place: PlaceMention | None,
    actor2_how: str = "sentence",
    place_how: str,
    date_how: str,
    fatalities: int | None,
    fatality_figures: int,
) -> tuple[FieldConfidence, ...]:
    """One ``FieldConfidence`` per field the report codes."""
    if match.trigger.learned:
        trigger = f"no trigger word; the typer alone, at the verb '{match.text}'"
    else:
        trigger = f"trigger '{match.text}'" + (
            "" if match.trigger.specific else " (an outcome word)"
        )
    if guess is not None:
        p = guess.probability_of(sub_event_type)
        typed = FieldConfidence(
            "event_type", round(p, 2), f"typer P={p:.2f} for {sub_event_type}; {trigger}"
        )
    else:
        typed = FieldConfidence("event_type", 0.8 if match.trigger.specific else 0.5, trigger)
    out = [typed, *_actor("actor1", actor1), *_actor("actor2", actor2, actor2_how)]
    if place is not None and place_how in _PLACE:
        score = _PLACE[place_how] * (1.0 if place.place is not None else 0.5)
        how = _PLACE_WORDS[place_how] + ("" if place.place is not None else ", not resolved")
        out.append(FieldConfidence("place", round(score, 2), f"'{place.span.text}' {how}"))
    if date_how in _DATE:
        out.append(FieldConfidence("date", _DATE[date_how], _DATE_WORDS[date_how]))
    if fatalities is not None:
        if fatality_figures:
            out.append(FieldConfidence("fatalities", 0.85, "a killed figure in the sentence"))
        else:
            out.append(FieldConfidence("fatalities", 0.6, "the sentence names no death: 0"))
    return tuple(out)
