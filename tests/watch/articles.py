"""Articles the watch tests serve: three different stories and a reworded copy of one.

Written for these tests.  ``MARKET_COPY`` is ``MARKET`` as a second outlet would run it:
a new headline, a dateline, a few words changed, the last sentence cut.
"""

from __future__ import annotations

MARKET_TITLE = "Shelling kills seven at Northtown market"
MARKET = (
    "At least seven civilians were killed and 20 wounded when government artillery shelled "
    "the central market in Northtown on Thursday morning, a local medical official said. "
    "The shells struck shortly after nine o'clock, when the market was crowded with families "
    "buying food ahead of the weekend. Rescue workers pulled survivors from the rubble of "
    "several shops and carried the wounded to the town's only working hospital, which said "
    "it was short of blood and surgeons. Residents said the army had shelled the eastern "
    "districts of the town for three days, and that many families had already fled toward "
    "the border. The rebel council that controls Northtown called the attack a massacre and "
    "asked aid agencies to send medicine. The government did not comment on the shelling."
)
MARKET_COPY_TITLE = "Seven civilians dead as shells hit crowded Northtown market"
MARKET_COPY = (
    "NORTHTOWN (Lantern Wire) - At least seven civilians were killed and 20 wounded when "
    "government artillery shelled the central market in Northtown on Thursday morning, a "
    "local medical official said. The shells struck shortly after nine o'clock, when the "
    "market was crowded with families buying food ahead of the weekend. Rescue workers "
    "pulled survivors from the rubble of several shops and carried the injured to the town's "
    "only working hospital, which said it was short of blood and surgeons. Residents said "
    "the army had shelled the eastern districts of the town for three days, and that many "
    "families had already fled toward the border. The rebel council that controls "
    "Northtown called the attack a massacre and asked aid agencies to send medicine."
)
CONVOY_TITLE = "Aid convoy reaches Southvale after two-week wait"
CONVOY = (
    "A convoy of 40 trucks carrying food and medicine reached the besieged town of "
    "Southvale on Monday, the first aid to enter in two weeks, the United Nations said. "
    "The trucks crossed the front line at the Eastbridge checkpoint after both sides agreed "
    "to a six-hour pause in the fighting. Aid workers said about 12,000 people remain in "
    "the town, many of them displaced from nearby villages, and that children were showing "
    "signs of malnutrition. A second convoy is planned for next week if the pause holds."
)
CLASH_TITLE = "Fighters and soldiers killed in Eastport clashes"
CLASH = (
    "Two soldiers and four rebel fighters were killed in clashes on the outskirts of "
    "Eastport on Saturday, a military spokesman said. The fighting broke out when rebels "
    "attacked an army checkpoint on the coastal road before dawn. The army said it pushed "
    "the attackers back after a three-hour battle and seized weapons and a pickup truck. "
    "Residents reported heavy gunfire overnight and said several houses near the "
    "checkpoint were damaged. Authorities declared a night curfew in Eastport."
)
