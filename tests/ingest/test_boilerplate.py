from __future__ import annotations

import pytest

from sitrep.ingest.boilerplate import split_boilerplate

STORY = (
    "Government forces shelled the northern districts of the town of Northtown on "
    "Tuesday, killing at least seven civilians, according to a local monitoring group.\n\n"
    "The group said the dead included two children and that dozens of families had fled "
    "towards the border after the shelling resumed at dawn.\n\n"
    "A spokesman for the Ridge Front said its fighters would hold their positions."
)

SOURCE_BLOCK = (
    "\n\nSource :\n\n"
    "After Kobane, saving Aleppo\n"
    "Middle East is in the eye of the storm\n"
    "Turkey weighs its options\n"
    "A winter of sieges\n"
    "The long road to Raqqa\n"
    "Why the talks failed\n"
    "Aid stalls at the crossing\n"
    "Rebels regroup in the south\n"
    "A city divided\n"
)
RELATED_LIST = (
    "\n\nRelated articles:\n"
    "- Ceasefire collapses in Eastport\n"
    "- UN envoy visits Southvale\n"
    "- Curfew declared after protests\n"
)
SHARE_PROMPT = "\n\nShare this article\nFacebook\nTwitter\nEmail\n"
REUTERS_LINE = "\n(Reporting by Jane Roe in Northtown; Editing by John Doe)\n"
REUTERS_INLINE = " (Reporting by Jane Roe; Editing by John Doe)"
COPYRIGHT = "\n\nCopyright © 2019 The Daily Lantern. All rights reserved.\n"
STAFF_BYLINE = "\n\n— By Jane Roe, Staff writer\n"
HEADLINES = (
    "\n\nCeasefire Collapses In Eastport\nUN Envoy Visits Southvale\n"
    "Market Reopens After Shelling\nWhat Next For The Peace Talks?\n"
)
FOLLOW_AND_TAGS = "\n\nFollow us on Twitter @lantern\nTags: Northtown, shelling, civilians\n"
SOCIAL_BAR = "\n\nFacebook Twitter Linkedin Mail"
LIKE_AND_COOKIES = (
    "\n\nLike us on Facebook; Follow us on Twitter; Daily Newsletter.\n\n"
    "This website uses cookies. Using this website means you accept them, but you can opt "
    "out of them in your browser settings if you wish to do so."
)
# Text flattened to one line: the block hides at the end of the last paragraph.
INLINE_RELATED = (
    " related stories: curfew lifted in eastport  aid convoy reaches southvale  talks "
    "stall again\n\nFacebook Twitter Linkedin Mail"
)
INLINE_CREDIT = (
    " Reporting by Jane Roe; Writing by John Doe; Editing by Ann Poe Our Standards:The "
    "Lantern Trust Principles."
)
INLINE_COPYRIGHT = (
    " Copyright 2019 The Lantern Wire. All rights reserved. This material may not be "
    "published, broadcast, rewritten or redistributed."
)


@pytest.mark.parametrize(
    "ending",
    [
        SOURCE_BLOCK,
        RELATED_LIST,
        SHARE_PROMPT,
        REUTERS_LINE,
        REUTERS_INLINE,
        COPYRIGHT,
        STAFF_BYLINE,
        HEADLINES,
        FOLLOW_AND_TAGS,
        SOCIAL_BAR,
        LIKE_AND_COOKIES,
        INLINE_RELATED,
        INLINE_CREDIT,
        INLINE_COPYRIGHT,
    ],
    ids=[
        "source-then-headlines",
        "related-list",
        "share-prompt",
        "reuters-credit-line",
        "reuters-credit-inline",
        "copyright",
        "staff-byline",
        "title-case-headlines",
        "follow-and-tags",
        "social-bar",
        "like-us-and-cookies",
        "inline-related-stories",
        "inline-credit",
        "inline-copyright",
    ],
)
def test_boilerplate_cuts_trailing_block(ending: str) -> None:
    text = STORY + ending
    story, cut = split_boilerplate(text)
    assert story + cut == text
    assert story == STORY
    assert cut == ending


@pytest.mark.parametrize(
    "text",
    [
        STORY,
        STORY + "\n",
        STORY + "\n\nOfficials said the attack was related to a dispute over a checkpoint, and "
        "that more than a dozen people were detained for questioning on Wednesday.",
        STORY + "\n\nRelated clashes were reported in Southvale, where the army said it had "
        "repelled an attack on a checkpoint overnight.",
        STORY + "\n\nSources said the convoy would try again on Friday.",
        STORY + "\n\nBy Friday, 20 people had died.",
        STORY + "\n\nLike me, many residents left before the shelling began.",
        STORY + " Read More The army said it had retaken two villages north of the town.",
        STORY + " Reporting by the local radio station said the road was closed again.",
        STORY + " Related stories show that the army has shelled the market before, residents "
        "said on Wednesday. The governor said he would visit the town on Saturday to meet "
        "the families of the victims and promised that the market would be rebuilt.",
    ],
    ids=[
        "no-boilerplate",
        "trailing-newline",
        "related-mid-sentence",
        "related-opens-prose",
        "sources-said",
        "by-friday",
        "like-me",
        "read-more-then-prose",
        "reporting-by-lowercase",
        "inline-marker-then-prose",
    ],
)
def test_boilerplate_leaves_story_untouched(text: str) -> None:
    assert split_boilerplate(text) == (text, "")


@pytest.mark.parametrize(
    "text",
    [
        "Short story.\n\nRelated\nOne headline\nAnother headline\nA Third Headline\n" * 1,
        "Related\nOne Headline Here\nAnother Headline Here\nA Third Headline\n",
        "",
        "\n\n",
    ],
    ids=["over-sixty-percent", "all-boilerplate", "empty", "blank"],
)
def test_boilerplate_never_cuts_most_of_the_text(text: str) -> None:
    story, cut = split_boilerplate(text)
    assert story + cut == text
    assert len(cut.strip()) <= 0.6 * len(text)
    if text.strip():
        assert story.strip()


@pytest.mark.parametrize(
    "ending",
    ["\r\n\r\nRelated\r\nOne story\r\nAnother story\r\n", "\n\nREAD MORE »\nMore news here\n"],
    ids=["crlf", "upper-case-marker"],
)
def test_boilerplate_cut_is_a_suffix_with_valid_offsets(ending: str) -> None:
    text = STORY + ending
    story, cut = split_boilerplate(text)
    assert text.startswith(story)
    assert story == STORY
    assert text[len(story) :] == cut


@pytest.mark.parametrize(
    "marker",
    ["Read more: Aid convoy reaches Southvale", "See also: the Northtown siege"],
)
def test_boilerplate_keeps_story_after_a_midstory_marker(marker: str) -> None:
    text = (
        STORY
        + f"\n\n{marker}\n\n"
        + "The army said on Wednesday that it had retaken two villages north of the town "
        "and that its engineers were clearing mines from the main road into Northtown."
    )
    assert split_boilerplate(text) == (text, "")
