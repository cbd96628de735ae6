from __future__ import annotations

from sitrep.geo.locale import MAX_LOCALE_WEIGHT, locale_focus


def test_dollars_and_american_institutions_say_us() -> None:
    text = "The Sheriff's Office said the $40,000 grant will pay for a deputy at the high school."
    assert locale_focus(text) == {"US": 1.05}


def test_pounds_and_british_institutions_say_gb() -> None:
    text = "The NHS trust spent £2m, up 4 per cent, MPs heard."
    assert locale_focus(text) == {"GB": MAX_LOCALE_WEIGHT}


def test_other_dollars_are_not_american() -> None:
    assert locale_focus("The deal is worth C$40 million and A$12 million.") == {
        "CA": 0.6,
        "AU": 0.6,
    }
    assert locale_focus("The deal is worth HK$40 million.") == {}


def test_canadian_and_australian_institutions() -> None:
    assert locale_focus("London police Const. Kim Flett said the RCMP would help.") == {"CA": 0.45}
    assert locale_focus("NSW Police said the Labor leader was not hurt.") == {"AU": 0.45}


def test_no_cues_no_weight() -> None:
    assert locale_focus("Shelling hit the town on Monday, residents said.") == {}


def test_weaker_locale_is_dropped() -> None:
    # British money and institutions outweigh one American spelling.
    text = "MPs said the £5bn defense plan was a mistake."
    assert set(locale_focus(text)) == {"GB"}


def test_weight_stays_about_one_named_country() -> None:
    text = (
        "$5 percent color Sheriff's Office $9 Gov. Smith said at the high school, "
        "Interstate 75 closed."
    )
    assert max(locale_focus(text).values()) <= MAX_LOCALE_WEIGHT <= 1.2
