"""Reports: one claim about one event, built per sentence from its trigger words.

For each sentence: find triggers (``triggers.py``); drop those the sentence only imagines
(modal or future verbs: "could cause", "would set up") or denies; keep the most specific
trigger of each event type; then fill the report's fields from the same sentence where it
can, and say where each came from (``FieldEvidence``):

- actor1/actor2 from the trigger's clause (subject and object, "by X" in passives, a
  demonym on a noun trigger: "Russian air strikes"), else actors before/after the trigger;
- place: a literal place in the sentence, else the paragraph's last one, else the
  article's main place (geo precision then no better than 2);
- date: the time expression nearest the trigger, else the paragraph's last, else the
  week before publication (precision 2);
- fatalities: killed figures in the sentence, unless the sentence is an aggregate toll
  ("since the offensive began"), which ``tolls.py`` keeps as its own record;
- background: the event ended more than ``BACKGROUND_DAYS`` before publication.

A sentence whose only triggers are outcome words ("killed", "attack") and that names no
actor and no place gives no report: there is nothing an analyst could map.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sitrep.classify.typer import TypeGuess
from sitrep.countries import country_name_in_text
from sitrep.extract.actors import find_actors, generic_actor, load_actor_dictionary
from sitrep.extract.confidence import field_confidence
from sitrep.extract.context import ArticleContext, most_mentioned_place
from sitrep.extract.dates_rules import range_precision
from sitrep.extract.learned import learned_type, reports_nothing, typer_trigger
from sitrep.extract.numbers import without_restatements
from sitrep.extract.plausibility import plausible_count
from sitrep.extract.role_candidates import scored_fillers
from sitrep.extract.roles import (
    RoleReader,
    Roles,
    names_organisation,
    roles_from,
    rule_fillers,
    sentence_roles,
)
from sitrep.extract.tolls import cumulative_toll, is_aggregate_sentence
from sitrep.extract.triggers import (
    ATTACK,
    BATTLES,
    CAPTURE,
    PROTEST,
    VAC,
    Trigger,
    TriggerMatch,
    find_triggers,
)
from sitrep.geo.locality import NOT_IN_GAZETTEER
from sitrep.merge import same_event
from sitrep.taxonomy import TERRITORY_TYPES, VIOLENT_EVENT_TYPES
from sitrep.types import (
    ActorMention,
    ActorRole,
    Attribution,
    FieldEvidence,
    GeoPrecision,
    PlaceMention,
    Quantity,
    Report,
    Sentence,
    Span,
    TimeMention,
    TimePrecision,
    Token,
    ToponymKind,
)

BACKGROUND_DAYS = 30  # an event that ended this long before publication is background
BACKGROUND_START_DAYS = 90  # ... or one known only to a period that began this long before
UNDATED_WINDOW_DAYS = 6

_MODAL = frozenset({"could", "would", "might", "may", "will", "should", "shall", "'d", "can"})
_HYPOTHETICAL_HEADS = frozenset(
    {
        "expect",
        "threaten",
        "plan",
        "aim",
        "vow",
        "warn",
        "want",
        "seek",
        "fear",
        "risk",
        "prepare",
        "intend",
        "consider",
        "propose",
        "call",
        "urge",
        "avoid",
        "prevent",
        # statements about an event are not the event: "condemned the air strikes"
        "condemn",
        "denounce",
        "deny",
        "reject",
    }
)
_STOP_VERBS = frozenset({"stop", "end", "halt", "prevent", "cease", "deter"})
_DIRECTION = (
    r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)?\s+)?"
)
# Prepositions that put an event in a place, strongest first; "of"/"from" often only
# describe a person ("a soldier from Woodbridge") or a part ("the outskirts of").
# "in the nearby Hama province", "of the rebel-held town": an article and one adjective.
_ARTICLE = (
    r"(?:(?:the|a|an)\s+)?(?:(?:nearby|neighbou?ring|besieged|embattled|restive|flashpoint|"
    r"rebel-held|regime-held|government-held|opposition-held)\s+)?"
)
_LOCATIVE = re.compile(
    rf"\b(?:in|at|near|outside|inside|around|into|across|over)\s+{_ARTICLE}{_DIRECTION}$", re.I
)
_WEAK_LOCATIVE = re.compile(rf"\b(?:of|from|on|to|toward|towards)\s+{_ARTICLE}{_DIRECTION}$", re.I)
_TERRITORY = re.compile(
    r"\b(?:towns?|villages?|cit(?:y|ies)|areas?|territor(?:y|ies)|districts?|neighbou?rhoods?|"
    r"bases?|airbase|air base|airport|hills?|positions?|control|province|region|strongholds?|"
    r"outposts?|checkpoints?|quarters?|suburbs?|parts?|sections?|swathes?|swaths?|land|ground|"
    r"stretch(?:es)?|pockets?|enclaves?|island|valley|crossings?|road|highway)\b",
    re.I,
)
_TARGETS = re.compile(
    r"\b(hospitals?|schools?|markets?|mosques?|churches|church|bases?|airbase|checkpoints?|"
    r"convoys?|buildings?|homes?|houses?|villages?|towns?|camps?|bridges?|roads?|"
    r"vehicles?|tanks?|positions?|headquarters|power (?:station|plant)s?|prisons?|offices?)\b",
    re.I,
)
_CIVILIAN_CATEGORIES = frozenset({"civilians", "children", "women", "people"})
_STATE = "state forces"


@dataclass(frozen=True, slots=True)
class _Found:
    """A trigger's report before its final type is fixed."""

    match: TriggerMatch
    sentence: Sentence


def extract_reports(ctx: ArticleContext) -> tuple[Report, ...]:
    """Every report the article's sentences support, in text order."""
    reports: list[Report] = []
    for sentence in ctx.annotation.sentences:
        guess = ctx.sentence_types.get(sentence.index)
        if reports_nothing(guess) or _disaster_or_accident(sentence.text):
            continue
        raw = _raw_triggers(sentence)
        matches = _sentence_triggers(ctx, sentence, raw)
        typed = _typer_match(matches, guess)
        built = [
            r
            for m in matches
            if (r := _build_report(ctx, m, sentence, guess, retype=m is typed)) is not None
        ]
        if not built and not any(_is_unreal(ctx, m) for m in raw):
            # No trigger word, or none that made a report (and none the sentence only
            # imagines or denies): the typer alone, if sure.
            learned = typer_trigger(guess, sentence, ctx.annotation.tokens)
            if learned is not None and (_is_unreal(ctx, learned) or _hypothetical(ctx, learned)):
                learned = None
            report = _build_report(ctx, learned, sentence, guess) if learned else None
            built = [report] if report is not None else []
        for report in built:
            earlier = _antecedent(report, reports)
            if earlier is not None:
                reports[reports.index(earlier)] = _fold(earlier, report)
                continue
            reports.append(report)
    return tuple(reports)


# A hazard or an accident is no conflict event, as ACLED excludes them: an earthquake,
# a flood, a crash, a leak, an industrial blast ("a boiler exploded"). Read only when the
# sentence names nothing of political violence or unrest (``_CONFLICT_WORDS``).
_HAZARD_WORDS = re.compile(
    r"\b(?:earthquakes?|quakes?|tremors?|tsunamis?|volcan\w*|erupt(?:ed|ion|ions|s)?|"
    r"floods?|flooding|landslides?|mudslides?|avalanches?|cyclones?|hurricanes?|typhoons?|"
    r"tornado(?:es)?|storms?|wildfires?|bushfires?|forest fires?|fire broke out|caught fire|"
    r"crash(?:ed|es)?|collisions?|collided|derail\w*|capsiz\w*|"
    r"leak(?:s|ed|age|ages)?|spills?|spilled|gas (?:explosion|cylinder|container|tank)s?|"
    r"boilers?|furnaces?|chemical (?:plant|factory)|fertili[sz]er plant|industrial|"
    r"stampedes?|food poisoning|toxins|accident(?:s|al|ally)?|short circuit|electrocut\w*|"
    r"drown(?:ed|ing)?)\b",
    re.I,
)
_CONFLICT_WORDS = re.compile(
    r"\b(?:attack\w*|bomb\w*|militant\w*|gunm[ae]n|rebel\w*|terror\w*|insurgen\w*|"
    r"shell(?:ed|ing|s)|air ?strikes?|airstrikes?|jihad\w*|suicide|IEDs?|mortars?|rockets?|"
    r"missiles?|soldiers?|troops|army|military|armed|sabotage\w*|arson\w*|set (?:on )?fire|"
    r"torch(?:ed|ing)|protest\w*|riot\w*|clash\w*|shot|shooting|fighters?|war|"
    r"shot down|downed|fire from)\b",
    re.I,
)


def _disaster_or_accident(text: str) -> bool:
    """The sentence tells a hazard or an accident, with no word of conflict."""
    return bool(_HAZARD_WORDS.search(text)) and not _CONFLICT_WORDS.search(text)


_VIOLENT = VIOLENT_EVENT_TYPES
_POINTING_BACK = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _own(report: Report, field_name: str) -> bool:
    """True when the report's ``field_name`` evidence lies in its own sentence."""
    return any(
        e.field == field_name and report.sentence.start <= e.span.start < report.sentence.end
        for e in report.evidence
    )


def _is_specific(report: Report) -> bool:
    matches = find_triggers(report.trigger.text)
    return bool(matches) and matches[0].trigger.specific


def _antecedent(report: Report, earlier: Sequence[Report]) -> Report | None:
    """An earlier report this one only restates, if any.

    Two habits of news writing: an outcome word ("killed", "attack") that retells a
    violent event already reported with a more specific trigger, in the same place and
    time; and "the chemical attack" said again later with no place or date of its own,
    which points back to the last report of that sub-event type.
    """
    for candidate in reversed(earlier):
        if (
            report.event_type in _VIOLENT
            and candidate.event_type in _VIOLENT
            and not _is_specific(report)
            and _is_specific(candidate)
            and same_event(
                replace(
                    report,
                    event_type=candidate.event_type,
                    sub_event_type=candidate.sub_event_type,
                ),
                candidate,
            )
        ):
            return candidate
        before = report.sentence.text[: report.trigger.start - report.sentence.start]
        if (
            candidate.sub_event_type == report.sub_event_type
            and not _own(report, "place")
            and not _own(report, "date")
            and _POINTING_BACK.search(before)
        ):
            return candidate
    return None


def _fold(kept: Report, restated: Report) -> Report:
    """``kept`` with what ``restated`` adds: a toll or an actor it lacked, its evidence."""
    has_toll = bool(kept.killed) or (kept.fatalities is not None and kept.fatalities > 0)
    return replace(
        kept,
        fatalities=kept.fatalities if has_toll else restated.fatalities,
        fatalities_qualifier=kept.fatalities_qualifier
        if has_toll
        else restated.fatalities_qualifier,
        killed=kept.killed if has_toll else restated.killed,
        injured=kept.injured if kept.injured is not None else restated.injured,
        actor1=kept.actor1 or restated.actor1,
        actor2=kept.actor2 or restated.actor2,
        evidence=(
            *kept.evidence,
            *(e for e in restated.evidence if e.field != "event_type"),
            FieldEvidence("restated", restated.trigger),
        ),
    )


# ---------------------------------------------------------------------------
# Triggers per sentence
# ---------------------------------------------------------------------------


def _raw_triggers(sentence: Sentence) -> list[TriggerMatch]:
    """The sentence's trigger words, at article offsets."""
    return [
        TriggerMatch(m.trigger, m.start + sentence.start, m.end + sentence.start, m.text)
        for m in find_triggers(sentence.text)
    ]


def _sentence_triggers(
    ctx: ArticleContext, sentence: Sentence, raw: Sequence[TriggerMatch]
) -> list[TriggerMatch]:
    """The sentence's real triggers (``raw``, less those imagined or denied), the most
    specific of each event type."""
    # An attempted capture takes no ground ("an attack to capture the army's positions
    # was fended off", "tried to seize the town"): ACLED codes the fight, an armed clash.
    matches = [
        replace(m, trigger=_ATTEMPTED_CAPTURE)
        if m.trigger.sub_event_type == CAPTURE and _only_attempted(ctx, m)
        else m
        for m in raw
        if not _is_unreal(ctx, m) and not _agreement_as_context(ctx, m)
    ]
    aggregate = is_aggregate_sentence(sentence.text)
    specific = [m for m in matches if m.trigger.specific]
    if specific:
        matches = specific
    elif aggregate:
        return []
    kept: dict[str, TriggerMatch] = {}
    for match in matches:
        kept.setdefault(match.trigger.event_type, match)
    return sorted(kept.values(), key=lambda m: m.start)


def _trigger_token(ctx: ArticleContext, match: TriggerMatch) -> Token | None:
    """The syntactic head of the trigger's words (the token whose head lies outside)."""
    tokens = [t for t in ctx.annotation.tokens if match.start <= t.start < match.end]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head not in inside or token.head == token.i:
            return token
    return tokens[-1]


def _hypothetical(ctx: ArticleContext, match: TriggerMatch) -> bool:
    """The typer's anchor verb itself threatens, plans or denies ("Rebels threatened to
    shell the city")."""
    token = _trigger_token(ctx, match)
    return token is not None and token.lemma.lower() in _HYPOTHETICAL_HEADS


def _is_unreal(ctx: ArticleContext, match: TriggerMatch) -> bool:
    """True when the trigger is imagined (modal, future, expected) or denied."""
    token = _trigger_token(ctx, match)
    if token is None:
        return False
    tokens = ctx.annotation.tokens
    governor = tokens[token.head]
    if (
        token.dep == "dobj"
        and governor.lemma.lower() in _STOP_VERBS
        and governor.tag in ("VB", "VBG")
    ):
        # "signed an agreement to end fighting in Aden", "efforts aimed at stopping the
        # clashes": what is to be ended is named, not reported
        return True
    current = token
    for depth in range(6):
        kids = [tokens[c] for c in ctx.children[current.i]]
        if any(k.dep == "aux" and k.text.lower() in _MODAL for k in kids):
            return True
        if any(k.dep == "neg" for k in kids) and (
            depth == 0 or current.lemma.lower() not in _STOP_VERBS
        ):
            return current.lemma.lower() not in _STOP_VERBS
        if depth > 0 and current.lemma.lower() in _HYPOTHETICAL_HEADS:
            return True
        if current.head == current.i:
            break
        current = tokens[current.head]
    return False


# ---------------------------------------------------------------------------
# Report assembly
# ---------------------------------------------------------------------------


def _typer_match(matches: Sequence[TriggerMatch], guess: TypeGuess | None) -> TriggerMatch | None:
    """The one trigger of a sentence whose type the typer may change: the first of the
    typer's event type, else the first.  The others keep their own types ("troops backed
    by air strikes captured the town": a capture and an air strike)."""
    if guess is None or not matches:
        return None
    family = guess.event_type
    return next((m for m in matches if m.trigger.event_type == family), matches[0])


def _build_report(
    ctx: ArticleContext,
    match: TriggerMatch,
    sentence: Sentence,
    guess: TypeGuess | None = None,
    *,
    retype: bool = True,
) -> Report | None:
    evidence: list[FieldEvidence] = []
    sentence_span = Span(sentence.start, sentence.end, sentence.text)
    trigger_span = Span(match.start, match.end, match.text)
    evidence.append(FieldEvidence("event_type", trigger_span))

    actor1, actor2 = _actors(ctx, match, sentence)
    place, place_how = _place(ctx, match, sentence)
    times, date_how = _date(ctx, match, sentence)
    where = place.place.country if place is not None and place.place is not None else None
    country_hint = where or next(iter(ctx.focus), None)
    actor2, associated = _opponent(ctx, sentence, actor1, actor2, on=times[0], country=country_hint)
    aggregate = is_aggregate_sentence(sentence.text)
    quantities = [] if aggregate else ctx.in_sentence(ctx.quantities, sentence)
    country = place.place.country if place is not None and place.place is not None else None
    quantities = [q for q in quantities if plausible_count(q, country)]
    killed = tuple(q for q in quantities if q.outcome == "killed")
    injured = [q for q in quantities if q.outcome == "injured"]

    if not match.trigger.specific and actor1 is None and actor2 is None and place_how != "sentence":
        return None
    if match.trigger.sub_event_type == CAPTURE and not _takes_territory(ctx, match, sentence):
        return None  # "ISIL captured the tanks": equipment, not ground

    event_type, sub_event_type = _classify(match, actor1, actor2, killed, sentence.text)
    if retype:
        event_type, sub_event_type = learned_type(guess, event_type, sub_event_type, actor1, actor2)
    if (
        event_type == VAC
        and actor1 is None
        and actor2 is not None
        and actor2.actor_type not in _UNARMED
    ):
        # "attacks, claimed by Da'esh, killed 35 civilians": the armed side is the
        # perpetrator, whatever position the parse gave it.
        actor1, actor2 = actor2, None
    if sub_event_type == "Abduction/forced disappearance" and any(q.value for q in killed):
        # "attacked the town, killing 3 civilians and abducting 7 others": ACLED codes
        # the deadly attack; an abduction is its sub-type only when no one is killed
        sub_event_type = "Attack"
    actor1 = _demonstrating(actor1, event_type, sub_event_type, country=country_hint)
    if actor2 is None and sub_event_type in _ONE_SIDED:
        actor2 = _victims_as_civilians(killed, country=country_hint)
    if event_type == BATTLES and actor2 is not None and actor2.actor_type in _UNARMED:
        # A battle is fought between armed sides: civilians fleeing it are its victims,
        # not its other side.
        actor2 = None
    actor2_how = "sentence"
    if actor2 is None and sub_event_type in TERRITORY_TYPES:
        actor2 = _holder(ctx, sentence, actor1, on=times[0], country=where)
    if actor2 is None and event_type == BATTLES and actor1 is not None:
        # A battle has two sides; when the sentence names one ("troops captured 80
        # villages"), the other is the article's recurring enemy of it, as a coder reads it.
        actor2 = _article_opponent(ctx, actor1, on=times[0], country=where)
        actor2_how = "article" if actor2 is not None else actor2_how
    if event_type == BATTLES and not _armed_party(actor1, actor2):
        # A battle needs an armed side; "people who fled fighting elsewhere" names none.
        return None

    if actor1 is not None and actor1.span is not None:
        evidence.append(FieldEvidence("actor1", actor1.span))
    if actor2 is not None and actor2.span is not None:
        evidence.append(FieldEvidence("actor2", actor2.span))
    if place is not None:
        evidence.append(FieldEvidence("place", place.span))
    date_start, date_end, precision, date_evidence = times
    if date_evidence is not None:
        evidence.append(FieldEvidence("date", date_evidence))
    fatalities, qualifier = _fatalities(killed, sentence.text, aggregate=aggregate)
    evidence.extend(FieldEvidence("fatalities", q.span) for q in killed)
    injured_total = sum(q.value for q in injured if q.value is not None) if injured else None
    evidence.extend(FieldEvidence("injured", q.span) for q in injured)
    source = _source(ctx, sentence)
    if source is not None:
        evidence.append(FieldEvidence("source", source.span))

    roles = _roles(ctx, sentence)
    published = ctx.article.published
    is_background = (
        bool(
            published is not None
            and date_end is not None
            and date_start is not None
            and (
                date_end < published - timedelta(days=BACKGROUND_DAYS)
                or date_start < published - timedelta(days=BACKGROUND_START_DAYS)
            )
        )
        or (date_start is None and _years_back(ctx, sentence))
        or cumulative_toll(sentence.text)
    )
    confidence = _confidence(
        match,
        actor1,
        actor2,
        place_how=place_how,
        date_how=date_how,
        resolved=place is not None and place.place is not None,
        type_probability=guess.probability_of(sub_event_type) if guess is not None else None,
    )
    return Report(
        article_id=ctx.article.id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        trigger=trigger_span,
        sentence=sentence_span,
        actor1=actor1,
        actor2=actor2,
        associated=associated,
        place=place,
        date_start=date_start,
        date_end=date_end,
        time_precision=precision,
        fatalities=fatalities,
        fatalities_qualifier=qualifier,
        killed=killed,
        injured=injured_total,
        perpetrators=roles.perpetrators,
        perpetrator_groups=roles.perpetrator_groups,
        victims=_unique((*_victims(killed, actor2), *roles.victims)),
        targets=_unique((*_regex_targets(sentence.text), *roles.targets)),
        weapons=_unique(((match.trigger.weapon,) if match.trigger.weapon else ()) + roles.weapons),
        is_background=is_background,
        source=source,
        confidence=confidence,
        evidence=tuple(evidence),
        field_confidence=field_confidence(
            match=match,
            sub_event_type=sub_event_type,
            guess=guess,
            actor1=actor1,
            actor2=actor2,
            actor2_how=actor2_how,
            place=place,
            place_how=place_how,
            date_how=date_how,
            fatalities=fatalities,
            fatality_figures=len(killed),
        ),
    )


_DEATH_WORDS = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|dead|died|dies|deaths?|death toll|lives|lost their li(?:fe|ves)|"
    r"massacre[sd]?|executed|beheaded|murder(?:ed|s)?|shot dead|gunned down|slain|bodies|"
    r"fatalit(?:y|ies)|casualt(?:y|ies)|lynched|assassinated)\b",
    re.I,
)


def _fatalities(
    killed: Sequence[Quantity], sentence_text: str, *, aggregate: bool
) -> tuple[int | None, str | None]:
    """ACLED's convention: the figure the sentence gives; 0 when it names no death; None
    only when it names deaths without a figure ("several were killed") or is a toll
    that ``tolls.py`` keeps apart."""
    if killed:
        # A breakdown ("including 19 children") is already inside the figure before it.
        # A figure said twice (a headline run into its lede) is one figure.
        known = [
            q.value
            for q in without_restatements(killed)
            if q.value is not None and not q.part_of_previous
        ]
        return (sum(known) if known else None), killed[0].qualifier
    if aggregate or _DEATH_WORDS.search(sentence_text):
        return None, None
    return 0, None


def _armed_party(actor1: ActorRole | None, actor2: ActorRole | None) -> bool:
    return any(
        a is not None and a.actor_type not in ("civilians", "protesters") for a in (actor1, actor2)
    )


def _takes_territory(ctx: ArticleContext, match: TriggerMatch, sentence: Sentence) -> bool:
    """A capture trigger with ground as its object: a place or a territory word after it."""
    if "control" in match.text.lower():
        return True
    head = _trigger_token(ctx, match)
    if head is not None:
        tokens = ctx.annotation.tokens
        objects = [tokens[c] for c in ctx.children[head.i] if tokens[c].dep == "dobj"]
        if objects:
            # "captured 14 tanks near Palmyra": the object's own word decides.
            obj = objects[0]
            return bool(
                _TERRITORY.search(obj.text)
                or obj.ent_type in ("GPE", "LOC", "FAC")
                or any(p.span.start <= obj.start < p.span.end for p in ctx.places)
            )
    window_end = min(sentence.end, match.end + 80)
    if _TERRITORY.search(ctx.text[match.end : window_end]):
        return True
    return any(
        match.end <= p.span.start < window_end and p.kind is ToponymKind.LITERAL for p in ctx.places
    )


# Force against a protest that ACLED calls excessive: lethal, or violent enough to injure
# seriously ("violently suppressed a peaceful protest", "used excessive force").
_EXCESSIVE_FORCE = re.compile(
    r"live (?:fire|ammunition|rounds)|opened fire on|excessive force|"
    r"violently (?:suppress|disperse|crush|break up|broke up|broken up)\w*|"
    r"brutal(?:ly)? (?:attack|beat|crush|suppress|assault)\w*|"
    r"\bcrackdown\b[^.;]{0,60}?\b(?:die|died|dead|killed)\b|"
    r"serious(?:ly)? injur\w*"
)
# "in violation of a cease-fire", "the end of a US-brokered truce", "despite the
# ceasefire": an agreement named as the setting of something else, not a new one.
_AGREEMENT_SETTING = re.compile(
    r"\b(?:violat\w*|breach\w*|despite|during|amid|under|end of|collapse of|"
    r"broke down|since)\b(?:\s+[\w'’-]+){0,4}\s*$",
    re.I,
)


def _agreement_as_context(ctx: ArticleContext, match: TriggerMatch) -> bool:
    if match.trigger.sub_event_type != "Agreement":
        return False
    return bool(_AGREEMENT_SETTING.search(ctx.text[max(0, match.start - 60) : match.start]))


# Put in place of an attempted capture's own trigger; never searched for (its pattern
# matches nothing), so it is not in the lexicon.
_ATTEMPTED_CAPTURE = Trigger(re.compile(r"$^"), BATTLES, "Armed clash")
_ATTEMPT_WORDS = frozenset(
    {"attack", "attempt", "bid", "try", "seek", "aim", "offensive", "push", "effort", "plan"}
)


def _only_attempted(ctx: ArticleContext, match: TriggerMatch) -> bool:
    """The trigger is an infinitive of purpose or effort ("an attack to capture", "tried
    to seize"): what it names was sought, not done."""
    verb = _trigger_token(ctx, match)
    if verb is None:
        return False
    tokens = ctx.annotation.tokens
    infinitive = any(
        tokens[c].dep == "aux" and tokens[c].text.lower() == "to" for c in ctx.children[verb.i]
    )
    if not infinitive or verb.dep not in ("acl", "xcomp", "advcl", "relcl") or verb.head == verb.i:
        return False
    return tokens[verb.head].lemma.lower() in _ATTEMPT_WORDS


# What demonstrators do in a violent demonstration (ACLED's codebook: physical clashes,
# rioting, vandalism, barricades, burning tyres): the protest is then a riot, whatever
# the police did in return.
_PROTESTERS_VIOLENT = re.compile(
    r"\bclash(?:ed|es|ing)?\b|\bturned violent\b|\bviolent (?:protest|demonstration)s?\b|"
    r"\b(?:threw|hurled|throwing|hurling|pelted|pelting)\b[^.;]{0,30}?\b(?:stones?|rocks?|"
    r"bricks?|bottles?|petrol bombs?|molotov|firebombs?|projectiles)\b|\bmolotov cocktails?\b|"
    r"\b(?:set|setting) (?:on )?fire\b|\btorch(?:ed|ing)\b|\bvandali[sz]\w*|\bsmash(?:ed|ing)\b|"
    r"\b(?:burning|burned|burnt|lit) (?:tyres|tires|fires|barricades)\b|\bbarricades?\b|"
    r"\bpull(?:ed|ing)? down\b|\bransack\w*|\bstormed\b"
)


# One-sided violence whose victims ACLED names "Civilians (country)" when the text gives
# them no other status ("a mob lynched a man", "gunmen killed 12 people").
_ONE_SIDED = frozenset({"Attack", "Mob violence", "Abduction/forced disappearance"})


def _victims_as_civilians(killed: Sequence[Quantity], *, country: str | None) -> ActorRole | None:
    """Civilians as actor2, from the killed figures of a one-sided attack when every
    one of them counts people of no combatant status."""
    if not killed or any(q.category not in _CIVILIAN_CATEGORIES for q in killed):
        return None
    return _conventional_role("civilians", country, span=killed[0].span)


def _conventional_role(alias: str, country: str | None, *, span: Span | None) -> ActorRole | None:
    """The dictionary's generic actor for ``alias`` ("civilians", "protesters") in
    ``country``, as a role written by ``span`` (None: named by no words)."""
    actor = generic_actor(load_actor_dictionary(), alias, country)
    if actor is None:
        return None
    return ActorRole(actor.name, actor.actor_type, span, actor.country)


def _demonstrating(
    actor1: ActorRole | None, event_type: str, sub_event_type: str, *, country: str | None
) -> ActorRole | None:
    """People who demonstrate are protesters, and rioters once the demonstration turns
    violent (ACLED's actor types): "around 300 people protested in Khartoum" is acted by
    "Protesters (Sudan)", not by civilians, whom ACLED names only as victims.  A
    demonstration always has its demonstrators, so one that names nobody ("a protest was
    held in Nairobi") is acted by the protesters of its place's country, with no span."""
    if actor1 is not None and actor1.actor_type != "civilians":
        return actor1
    if event_type == "Protests":
        alias = "protesters"
    elif sub_event_type == "Violent demonstration":
        alias = "rioters"
    else:
        return actor1
    if actor1 is None:
        return _conventional_role(alias, country, span=None)
    return _conventional_role(alias, actor1.country, span=actor1.span) or actor1


def _classify(
    match: TriggerMatch,
    actor1: ActorRole | None,
    actor2: ActorRole | None,
    killed: Sequence[Quantity],
    sentence_text: str,
) -> tuple[str, str]:
    sub = match.trigger.sub_event_type
    demonstrators = any(a is not None and a.actor_type == "protesters" for a in (actor1, actor2))
    if demonstrators and (
        sub == "Armed clash"
        or (sub == ATTACK and actor1 is not None and actor1.actor_type == "protesters")
    ):
        # ACLED: demonstrators clashing with police, or attacking, make a violent
        # demonstration, never a battle
        return "Riots", "Violent demonstration"
    rioting = any(a is not None and a.actor_type == "rioters" for a in (actor1, actor2))
    if sub == ATTACK:
        victims_civilian = any(q.category in _CIVILIAN_CATEGORIES for q in killed) or (
            not killed and actor2 is not None and actor2.actor_type == "civilians"
        )
        if rioting and actor1 is not None and actor1.actor_type == "rioters" and victims_civilian:
            return "Riots", "Mob violence"  # a mob that attacks people
        if rioting:
            # ACLED: rioters are no organised armed group, so their fight with police,
            # or a rioter killed, is a violent demonstration, never a battle
            return "Riots", "Violent demonstration"
        if victims_civilian:
            return VAC, "Attack"
        return BATTLES, "Armed clash"
    if rioting and sub == "Armed clash":
        return "Riots", "Violent demonstration"
    if sub == CAPTURE:
        if actor1 is not None and actor1.actor_type == _STATE:
            return BATTLES, "Government regains territory"
        if actor1 is not None:
            return BATTLES, "Non-state actor overtakes territory"
        return BATTLES, "Armed clash"
    if sub == PROTEST:
        lowered = sentence_text.lower()
        if _PROTESTERS_VIOLENT.search(lowered):
            return "Riots", "Violent demonstration"
        if killed or _EXCESSIVE_FORCE.search(lowered):
            return "Protests", "Excessive force against protesters"
        if re.search(r"tear ?gas|dispers|water cannon|rubber bullets|arrest|detain|baton", lowered):
            return "Protests", "Protest with intervention"
        return "Protests", "Peaceful protest"
    return match.trigger.event_type, sub


def _confidence(
    match: TriggerMatch,
    actor1: ActorRole | None,
    actor2: ActorRole | None,
    *,
    place_how: str,
    date_how: str,
    resolved: bool,
    type_probability: float | None = None,
) -> float:
    """How sure the report is: the rules' evidence (a specific trigger, actors, a place
    and date in the sentence), averaged with the typer's probability of the report's
    sub-event type when the typer ran."""
    score = 0.3
    score += 0.15 if match.trigger.specific else 0.0
    # an actor by convention (a demonstration's protesters, named by no words) is no
    # evidence that the sentence reports an event
    score += 0.15 if actor1 is not None and actor1.span is not None else 0.0
    score += 0.05 if actor2 is not None else 0.0
    score += {"sentence": 0.15, "paragraph": 0.08, "article": 0.03}.get(place_how, 0.0)
    score += 0.05 if resolved else 0.0
    score += {"sentence": 0.1, "paragraph": 0.05}.get(date_how, 0.0)
    rules = round(min(score, 0.95), 2)
    if type_probability is None:
        return rules
    return round((rules + type_probability) / 2, 2)


# ---------------------------------------------------------------------------
# Actors
# ---------------------------------------------------------------------------


def _role(mention: ActorMention) -> ActorRole:
    return ActorRole(
        name=mention.actor.name,
        actor_type=mention.actor.actor_type,
        span=mention.span,
        country=mention.actor.country,
    )


def _subtree(ctx: ArticleContext, token: Token) -> tuple[int, int]:
    tokens = ctx.annotation.tokens
    stack = [token.i]
    low, high = token.start, token.end
    while stack:
        i = stack.pop()
        low = min(low, tokens[i].start)
        high = max(high, tokens[i].end)
        stack.extend(ctx.children[i])
    return low, high


def _mention_for(
    ctx: ArticleContext, token: Token, mentions: Sequence[ActorMention]
) -> ActorMention | None:
    """The actor mention naming ``token``'s phrase: the one holding the token, else the
    first inside its subtree."""
    for mention in mentions:
        if mention.span.start <= token.start < mention.span.end:
            return mention
    low, high = _subtree(ctx, token)
    inside = [m for m in mentions if low <= m.span.start and m.span.end <= high]
    return inside[0] if inside else None


def _country_actor(ctx: ArticleContext, token: Token) -> ActorRole | None:
    """A country standing for its armed forces ("prompting the US to launch a missile
    attack"): a metonymic place mention at ``token``."""
    for mention in ctx.places:
        if (
            mention.span.start <= token.start < mention.span.end
            and mention.kind in (ToponymKind.METONYMIC, ToponymKind.LITERAL)
            and mention.place is not None
            and mention.place.feature_code.startswith("PCL")
            and mention.place.country
        ):
            code = mention.place.country
            return ActorRole(
                name=f"Military Forces of {country_name_in_text(code)}",
                actor_type=_STATE,
                span=mention.span,
                country=code,
            )
    return None


def _actors(
    ctx: ArticleContext, match: TriggerMatch, sentence: Sentence
) -> tuple[ActorRole | None, ActorRole | None]:
    mentions = ctx.in_sentence(ctx.actors, sentence)
    tokens = ctx.annotation.tokens
    head = _trigger_token(ctx, match)
    actor1: ActorRole | None = None
    actor2: ActorRole | None = None
    used: set[int] = set()
    sufferers: list[tuple[int, int]] = []  # the phrases of the verb's passive subjects

    def take(token: Token) -> ActorRole | None:
        mention = _mention_for(ctx, token, mentions)
        if mention is None and token.text.lower() in _ANAPHORS:
            mention = _pronoun_referent(ctx, token, subject=token.dep in _SUBJECT_DEPS)
        if mention is not None and mention.span.start not in used:
            used.add(mention.span.start)
            return _role(mention)
        role = _country_actor(ctx, token)
        if role is not None and role.span is not None and role.span.start not in used:
            used.add(role.span.start)
            return role
        return None

    if head is not None:
        verb = head
        # A noun trigger ("air strikes") is its own agent's phrase: look at its modifiers,
        # then at the verb it is the subject or object of.
        if head.pos in ("NOUN", "PROPN"):
            low, high = _subtree(ctx, head)
            own = [m for m in mentions if low <= m.span.start < high and m.span.end <= high]
            own = [m for m in own if m.span.end <= match.end]
            if own:
                actor1 = _role(own[-1])
                used.add(own[-1].span.start)
            if actor1 is None:
                actor1 = _agent_of_noun(ctx, head, take)
            if head.dep in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") and head.head != head.i:
                verb = tokens[head.head]
        kids = [tokens[c] for c in ctx.children[verb.i]]
        passive = any(k.dep in ("nsubjpass", "auxpass") for k in kids)
        sufferers = [_subtree(ctx, k) for k in kids if k.dep == "nsubjpass"]
        for kid in kids:
            if kid.dep in ("nsubj",) and actor1 is None and kid.i != head.i:
                actor1 = take(kid)
            elif kid.dep == "nsubjpass" and actor2 is None:
                actor2 = take(kid)
            elif kid.dep == "agent" and passive and actor1 is None:
                for grandkid in ctx.children[kid.i]:
                    actor1 = actor1 or take(tokens[grandkid])
            elif kid.dep in ("dobj", "attr") and actor2 is None:
                actor2 = take(kid)
            elif (
                kid.dep == "prep"
                and kid.text.lower() in ("against", "on", "at", "with")
                and actor2 is None
            ):
                for grandkid in ctx.children[kid.i]:
                    actor2 = actor2 or take(tokens[grandkid])
        climb = verb
        for _ in range(3):
            # "troops managed to break through ... and capture the town": the subject of
            # the verbs that govern this one.
            if actor1 is not None or climb.dep not in ("xcomp", "conj", "advcl"):
                break
            if climb.head == climb.i:
                break
            controlled = climb.dep == "xcomp"
            climb = tokens[climb.head]
            governed = [tokens[c] for c in ctx.children[climb.i]]
            if controlled:
                # "prompted the army to launch air strikes", "ordered police to
                # disperse": the governor's object is the subject of the verb it governs.
                for kid in governed:
                    if kid.dep == "dobj" and actor1 is None:
                        actor1 = take(kid)
            for kid in governed:
                if kid.dep == "nsubj" and actor1 is None:
                    actor1 = take(kid)
    if actor1 is None:
        before = [m for m in mentions if m.span.end <= match.start and m.span.start not in used]
        before = [m for m in before if m.actor.actor_type != "civilians"]
        # "12 soldiers and an unknown number of militants were killed": the passive
        # subject's phrase holds the victims, none of whom is the one who acts.
        before = [m for m in before if not any(lo <= m.span.start < hi for lo, hi in sufferers)]
        if before:
            # The first actor of the clause is its likeliest subject.
            actor1 = _role(before[0])
            used.add(before[0].span.start)
    if actor2 is None:
        # the sentence's next actor after the trigger, else the last before it, that is
        # not actor1 again ("Military Forces of Myanmar opened fire on protesters,
        # killing 6 protesters": the army, though "6 protesters" comes last)
        rest = [
            m
            for m in mentions
            if m.span.start not in used and (actor1 is None or m.actor.name != actor1.name)
        ]
        after = [m for m in rest if m.span.start >= match.end]
        pick = after[0] if after else (rest[-1] if rest else None)
        if pick is not None:
            actor2 = _role(pick)
    return actor1, actor2


# "Gunmen stormed the village on Sunday. They killed 12 people": a plural pronoun as a
# trigger's subject or object stands for an actor named just before it.
_ANAPHORS = frozenset({"they", "them"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
ANTECEDENT_SENTENCES = 2
"""How many sentences before the pronoun's own an antecedent may stand in."""


def _pronoun_referent(ctx: ArticleContext, pronoun: Token, *, subject: bool) -> ActorMention | None:
    """The actor "they" or "them" refers to: the nearest clause subject before the
    pronoun, in its sentence or the ``ANTECEDENT_SENTENCES`` before, that can be plural
    (the subject of the story so far, not the last noun read: "Guerrillas attacked an
    army post. They killed five soldiers" are the guerrillas).  When that subject names
    no actor ("the authorities said they arrested ...", "residents said they saw"), the
    pronoun stands for no actor either.  A subject pronoun never stands for civilians:
    they are not who acts in an event of violence."""
    tokens = ctx.annotation.tokens
    sentences = ctx.annotation.sentences
    first = sentences[max(0, pronoun.sent - ANTECEDENT_SENTENCES)].token_start
    for i in range(pronoun.i - 1, first - 1, -1):
        token = tokens[i]
        if token.dep not in _SUBJECT_DEPS or token.pos == "PRON":
            continue
        mention = next((m for m in ctx.actors if m.span.start <= token.start < m.span.end), None)
        if mention is None:
            if token.tag in ("NNS", "NNPS"):
                return None  # a plural subject that names no actor
            continue  # "the report said they ...": no antecedent of "they"
        if subject and mention.actor.actor_type == "civilians":
            return None
        return mention
    return None


def _agent_of_noun(
    ctx: ArticleContext, noun: Token, take: Callable[[Token], ActorRole | None]
) -> ActorRole | None:
    """Who made a noun trigger, named after it: "air strikes by regime war planes", "a
    missile fired by government forces" ("by" on the noun or on its participle)."""
    tokens = ctx.annotation.tokens
    holders = [noun] + [
        tokens[c] for c in ctx.children[noun.i] if tokens[c].dep == "acl"
    ]  # "a missile fired by"
    for holder in holders:
        for c in ctx.children[holder.i]:
            by = tokens[c]
            if by.text.lower() == "by" and by.dep in ("prep", "agent"):
                for obj in ctx.children[by.i]:
                    found = _phrase_actor(ctx, tokens[obj], take)
                    if found is not None:
                        return found
    return None


def _phrase_actor(
    ctx: ArticleContext, head: Token, take: Callable[[Token], ActorRole | None]
) -> ActorRole | None:
    """The actor a noun phrase names: its head, else a modifier ("regime war planes")."""
    found = take(head)
    if found is not None:
        return found
    tokens = ctx.annotation.tokens
    for c in ctx.children[head.i]:
        if tokens[c].dep in ("compound", "amod", "nmod", "poss") and tokens[c].i < head.i:
            found = take(tokens[c])
            if found is not None:
                return found
    return None


_UNARMED = frozenset({"civilians", "protesters"})
# "rebel-held parts of Aleppo", "IS-controlled villages", "Houthi-run Sanaa"
_HELD_BY = re.compile(r"(?<![\w-])([A-Za-z][\w']*)-(?:held|controlled|occupied|run|dominated)\b")


def _holder(
    ctx: ArticleContext,
    sentence: Sentence,
    actor1: ActorRole | None,
    *,
    on: date | None,
    country: str | None,
) -> ActorRole | None:
    """Who held the ground taken ("captured rebel-held parts of Aleppo": the rebels), the
    other side of a capture when the sentence names no opponent.  The word before
    "-held" is read as an actor, singular or plural ("rebel" -> the rebels)."""
    dictionary = load_actor_dictionary()
    for held in _HELD_BY.finditer(sentence.text):
        word = held.group(1)
        for written in (word, f"{word}s"):
            found = find_actors(written, dictionary, focus=ctx.focus)
            if not found:
                continue
            actor = found[0].actor
            if actor1 is not None and ctx.sides.allied(
                actor1.name, actor.name, on=on, country=country
            ):
                break
            start = sentence.start + held.start(1)
            return ActorRole(
                name=actor.name,
                actor_type=actor.actor_type,
                span=Span(start, start + len(word), word),
                country=actor.country,
            )
    return None


def _article_opponent(
    ctx: ArticleContext, actor1: ActorRole, *, on: date | None, country: str | None
) -> ActorRole | None:
    """The organised actor the article names most often (twice at least) that is not
    ``actor1`` nor its ally; None when there is none or two tie."""
    counts: dict[str, list[ActorMention]] = {}
    for mention in ctx.actors:
        actor = mention.actor
        if not names_organisation(actor.actor_type, actor.name) or actor.name == actor1.name:
            continue
        counts.setdefault(actor.name, []).append(mention)
    ranked = sorted(counts.values(), key=len, reverse=True)
    ranked = [
        ms
        for ms in ranked
        if not ctx.sides.allied(actor1.name, ms[0].actor.name, on=on, country=country)
    ]
    if not ranked or len(ranked[0]) < 2 or (len(ranked) > 1 and len(ranked[1]) == len(ranked[0])):
        return None
    return _role(ranked[0][0])


def _opponent(
    ctx: ArticleContext,
    sentence: Sentence,
    actor1: ActorRole | None,
    actor2: ActorRole | None,
    *,
    on: date | None,
    country: str | None,
) -> tuple[ActorRole | None, tuple[ActorRole, ...]]:
    """actor2 when it is actor1's enemy; when it is an ally ("troops backed by Russian air
    strikes"), the sentence's first actor that is no ally instead.  Allies of actor1 the
    sentence names are its associated actors."""
    if actor1 is None:
        return actor2, ()
    sides = ctx.sides

    def ally(name: str) -> bool:
        return sides.allied(actor1.name, name, on=on, country=country)

    others = [m for m in ctx.in_sentence(ctx.actors, sentence) if m.actor.name != actor1.name]
    associated = tuple(
        _role(m) for m in others if ally(m.actor.name) and m.actor.actor_type != "civilians"
    )
    if actor2 is None or not ally(actor2.name):
        return actor2, _unique_names(associated)
    enemy = next(
        (m for m in others if m.actor.name != actor2.name and not ally(m.actor.name)), None
    )
    return (_role(enemy) if enemy is not None else None), _unique_names((actor2, *associated))


def _unique_names(roles: Sequence[ActorRole]) -> tuple[ActorRole, ...]:
    seen: dict[str, ActorRole] = {}
    for role in roles:
        seen.setdefault(role.name, role)
    return tuple(seen.values())


def _unique(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _regex_targets(text: str) -> list[str]:
    return [m.group(1).lower() for m in _TARGETS.finditer(text)]


def _roles(ctx: ArticleContext, sentence: Sentence) -> Roles:
    """The sentence's role fillers: the role scorer's where it is on (with the parse
    rules' beside them when the model says so), else the parse rules'.  The scorer reads
    the rules' answer as one of its features."""
    actors = ctx.in_sentence(ctx.actors, sentence)
    if ctx.role_model is None:
        return sentence_roles(ctx.annotation, ctx.children, sentence, actors)
    reader = RoleReader(ctx.annotation, ctx.children, actors)
    rules = rule_fillers(reader, ctx.annotation, sentence)
    fillers = scored_fillers(reader, ctx.annotation, sentence, ctx.role_model, rules)
    return roles_from(reader, rules + fillers if ctx.role_model.with_rules else fillers)


def _victims(killed: Sequence[Quantity], actor2: ActorRole | None) -> list[str]:
    victims = [q.span.text for q in killed]
    if not victims and actor2 is not None and actor2.actor_type == "civilians" and actor2.span:
        victims.append(actor2.span.text)
    return victims


# ---------------------------------------------------------------------------
# Place, date, source
# ---------------------------------------------------------------------------


def _literal(places: Sequence[PlaceMention]) -> list[PlaceMention]:
    return [p for p in places if p.kind is ToponymKind.LITERAL and p.place is not None]


def _place(
    ctx: ArticleContext, match: TriggerMatch, sentence: Sentence
) -> tuple[PlaceMention | None, str]:
    in_sentence = [
        p
        for p in ctx.in_sentence(ctx.places, sentence)
        if p.kind is ToponymKind.LITERAL and not _bare_country(ctx, p, sentence)
    ]
    # Unresolved literal names still locate the event in words ("Abu Dali"), but a
    # resolved one is preferred.
    if in_sentence:

        def rank(p: PlaceMention) -> tuple[int, int, int, int]:
            before = ctx.text[max(sentence.start, p.span.start - 30) : p.span.start]
            strength = 0 if _LOCATIVE.search(before) else 1 if _WEAK_LOCATIVE.search(before) else 2
            # Among places the sentence puts the event at ("the town of Saraqib in Idlib
            # province") the most precise wins; an unresolved name it locates ("the town
            # of Abu Dali") still beats a resolved one it merely lists.
            precision = int(p.geo_precision or GeoPrecision.REGION) if p.place else 4
            return (int(strength == 2), precision, strength, abs(p.span.start - match.start))

        chosen = min(in_sentence, key=rank)
        if chosen.place is None:
            chosen = _locate_by_neighbour(chosen, in_sentence)
        return chosen, "sentence"
    paragraph = ctx.paragraph_start(sentence.start)
    earlier = [p for p in _literal(ctx.places) if paragraph <= p.span.start < sentence.start]
    if earlier:
        return earlier[-1], "paragraph"
    main = _main_place(ctx)
    if main is not None:
        return main, "article"
    return None, ""


def _locate_by_neighbour(
    unresolved: PlaceMention, candidates: Sequence[PlaceMention]
) -> PlaceMention:
    """A name the gazetteer lacks ("the town of Abu Dali, a link between Hama, Idlib and
    Aleppo") placed at the first resolved place below country level that the same
    sentence names after it (else before it), at precision 3, its own name kept."""
    resolved = [
        p for p in candidates if p.place is not None and not p.place.feature_code.startswith("PCL")
    ]
    after = [p for p in resolved if p.span.start > unresolved.span.start]
    before = [p for p in resolved if p.span.start < unresolved.span.start]
    neighbour = after[0] if after else (before[-1] if before else None)
    if neighbour is None or neighbour.place is None:
        return unresolved
    return replace(
        unresolved,
        place=neighbour.place,
        geo_precision=GeoPrecision.REGION,
        reason=f"{NOT_IN_GAZETTEER}; located by {neighbour.span.text} named in the same sentence",
    )


def _bare_country(ctx: ArticleContext, mention: PlaceMention, sentence: Sentence) -> bool:
    """A country named without a locative preposition ("a deal with Iran and Russia",
    "Russia has a responsibility") is a party, not where the event happens."""
    if mention.place is None or not mention.place.feature_code.startswith("PCL"):
        return False
    before = ctx.text[max(sentence.start, mention.span.start - 30) : mention.span.start]
    return not _LOCATIVE.search(before)


def _main_place(ctx: ArticleContext) -> PlaceMention | None:
    """The article's most mentioned literal place below country level, else its focus
    country; as a fallback location its precision is at best 2."""
    best = most_mentioned_place(ctx.places)
    if best is None:
        return None
    precision = max(int(best.geo_precision or GeoPrecision.NEAR), int(GeoPrecision.NEAR))
    return PlaceMention(
        span=best.span,
        kind=best.kind,
        place=best.place,
        geo_precision=GeoPrecision(precision),
        score=best.score,
        reason=f"article's main place (not named in the sentence); {best.reason}".strip("; "),
    )


def _date(
    ctx: ArticleContext, match: TriggerMatch, sentence: Sentence
) -> tuple[tuple[date | None, date | None, TimePrecision | None, Span | None], str]:
    def usable(t: TimeMention) -> bool:
        return t.start is not None and t.end is not None

    in_sentence = [t for t in ctx.in_sentence(ctx.times, sentence) if usable(t)]
    dated = [t for t in in_sentence if not _opens_period(ctx, t)]
    if dated:
        best = min(dated, key=lambda t: abs(t.span.start - match.start))
        return (best.start, best.end, best.precision, best.span), "sentence"
    published = ctx.article.published
    if in_sentence and published is not None:
        # "killed since Dec. 25", "for the first time since mid-2015": from then to now.
        since = min(in_sentence, key=lambda t: abs(t.span.start - match.start))
        if since.start is not None and since.start <= published:
            return (since.start, published, range_precision(since.start, published), since.span), (
                "since"
            )
    paragraph = ctx.paragraph_start(sentence.start)
    earlier = [
        t
        for t in ctx.times
        if usable(t) and paragraph <= t.span.start < sentence.start and not _opens_period(ctx, t)
    ]
    if earlier:
        best = earlier[-1]
        return (best.start, best.end, best.precision, best.span), "paragraph"
    if published is not None:
        start = published - timedelta(days=UNDATED_WINDOW_DAYS)
        return (start, published, TimePrecision.WEEK, None), "publication"
    return (None, None, None, None), ""


_YEARS_BACK = re.compile(r"\b(?:last|ago|previous|earlier)\b", re.I)


def _years_back(ctx: ArticleContext, sentence: Sentence) -> bool:
    """The sentence dates its event a year or more back ("killed 90 people last year",
    "two years ago") though, with no publication date, the year cannot be said: the
    event is background all the same."""
    return any(
        not t.anchored and t.value == "XXXX" and _YEARS_BACK.search(t.span.text)
        for t in ctx.in_sentence(ctx.times, sentence)
    )


def _opens_period(ctx: ArticleContext, time: TimeMention) -> bool:
    """Whether ``time`` only opens a period ("since mid-2015", "since the offensive
    began on Dec. 25"): the event is some time after it, not on it.  Walks up the
    parse from the time expression to its verb clause (at most two clauses) looking for
    "since" as the preposition or the subordinating conjunction."""
    tokens = ctx.annotation.tokens
    node = next((t for t in tokens if time.span.start <= t.start < time.span.end), None)
    clauses = 0
    for _ in range(10):
        if node is None:
            return False
        if node.text.lower() == "since":
            return True
        if node.pos in ("VERB", "AUX"):
            if any(
                tokens[c].text.lower() == "since" and tokens[c].dep == "mark"
                for c in (ctx.children[node.i] if node.i < len(ctx.children) else ())
            ):
                return True
            clauses += 1
            if clauses == 2 or node.dep not in ("advcl", "relcl", "ccomp", "xcomp"):
                return False
        if node.head == node.i:
            return False
        node = tokens[node.head]
    return False


def _source(ctx: ArticleContext, sentence: Sentence) -> Attribution | None:
    here = ctx.in_sentence(ctx.attributions, sentence)
    return here[0] if here else None
