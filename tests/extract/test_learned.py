"""Where the typer and the trigger rules meet: retyping within what the actors allow,
and the typer's own trigger for a sentence with no trigger word."""

from __future__ import annotations

import pytest

from sitrep.classify.typer import TypeGuess
from sitrep.extract.learned import learned_type
from sitrep.taxonomy import fits_actors
from sitrep.types import ActorRole


def _guess(*distribution: tuple[str, float]) -> TypeGuess:
    none = next((p for name, p in distribution if name == "None"), 0.0)
    label, probability = distribution[0]
    return TypeGuess(label, probability, 1.0 - none, tuple(distribution))


def _role(actor_type: str) -> ActorRole:
    return ActorRole(name=actor_type.title(), actor_type=actor_type)


@pytest.mark.parametrize(
    ("sub_event_type", "actor1", "actor2", "fits"),
    [
        ("Excessive force against protesters", "rebel group", "civilians", False),
        ("Excessive force against protesters", "state forces", "protesters", True),
        ("Peaceful protest", "protesters", None, True),
        ("Peaceful protest", "political militia", None, False),
        ("Mob violence", "state forces", "civilians", False),
        ("Mob violence", "rioters", "civilians", True),
        ("Attack", "rebel group", "civilians", True),
        ("Attack", "rebel group", "state forces", False),
        ("Arrests", "civilians", None, False),
        ("Arrests", None, None, True),
        ("Armed clash", "rebel group", "state forces", True),
    ],
)
def test_taxonomy_who_may_take_part(sub_event_type, actor1, actor2, fits):
    assert fits_actors(sub_event_type, actor1, actor2) is fits


def test_learned_type_skips_a_label_the_actors_cannot_fill():
    # Rebels shooting villagers: the typer's best label (a protest type) is not theirs;
    # its next fitting one is taken.
    guess = _guess(("Excessive force against protesters", 0.4), ("Attack", 0.3), ("None", 0.05))
    typed = learned_type(guess, "Battles", "Armed clash", _role("rebel group"), _role("civilians"))
    assert typed == ("Violence against civilians", "Attack")


def test_learned_type_keeps_the_best_label_when_the_actors_fit():
    guess = _guess(("Excessive force against protesters", 0.4), ("Attack", 0.3))
    typed = learned_type(guess, "Protests", "Peaceful protest", _role("state forces"), None)
    assert typed == ("Protests", "Excessive force against protesters")


def test_learned_type_a_current_type_the_actors_do_not_fit_counts_for_nothing():
    # Civilians make no arrest: the trigger's type counts as P 0, so the typer's
    # fitting label wins though its P is lower.
    guess = _guess(("Arrests", 0.35), ("Mob violence", 0.25))
    typed = learned_type(guess, "Strategic developments", "Arrests", _role("civilians"), None)
    assert typed == ("Riots", "Mob violence")


def test_learned_type_remote_violence_on_civilians_stays_remote_violence():
    # "Russian air strikes killed 17 civilians": ACLED codes an air strike, not an attack.
    guess = _guess(("Attack", 0.27), ("Air/drone strike", 0.2), ("None", 0.05))
    typed = learned_type(
        guess,
        "Explosions/Remote violence",
        "Air/drone strike",
        _role("external/other forces"),
        _role("civilians"),
    )
    assert typed == ("Explosions/Remote violence", "Air/drone strike")
