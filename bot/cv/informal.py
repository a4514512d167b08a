"""Informal, unpaid, family and care work, asked about one question at a time and worded as a CV would word it.

Each offer has a question she is asked (in her interface language) and CV
wording (a role, where it was done, two or three task lines) that the CV prints
in its own language. Her own words, when she adds or changes them, win.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.cv.dates import ApproxDate
from bot.cv.model import Experience
from bot.i18n import N_


@dataclass(frozen=True)
class InformalWork:
    id: str
    question: str  # asked to her
    role: str  # CV wording from here on
    context: str  # printed where an employer would be, unless she names one
    tasks: tuple[str, ...]
    sectors: tuple[str, ...]  # ids of bot.cv.model.SECTORS this work prepares for


OFFERS: tuple[InformalWork, ...] = (
    InformalWork(
        "children",
        N_("Have you looked after children, your own or other people's?"),
        N_("Childcare"),
        N_("Family and community"),
        (
            N_("Looked after children of different ages every day"),
            N_("Prepared meals and kept to daily routines"),
            N_("Helped with homework and played learning games"),
        ),
        ("care",),
    ),
    InformalWork(
        "elderly",
        N_("Have you cared for older or ill people?"),
        N_("Care of older and ill people"),
        N_("Family and community"),
        (
            N_("Helped with washing, dressing and meals"),
            N_("Gave medicines on time and went along to medical visits"),
            N_("Kept them company and noticed changes in their health"),
        ),
        ("care",),
    ),
    InformalWork(
        "cooking",
        N_("Have you cooked for many people, for example for a big family or for celebrations?"),
        N_("Cooking for large groups"),
        N_("Family and community events"),
        (
            N_("Planned and cooked meals for 10 people or more"),
            N_("Bought food within a budget"),
            N_("Kept the kitchen clean and the food safe"),
        ),
        ("kitchen", "hotels"),
    ),
    InformalWork(
        "market",
        N_("Have you sold things at a market or from home?"),
        N_("Market seller"),
        N_("Self-employed"),
        (
            N_("Served customers and handled cash"),
            N_("Bought stock, set prices and kept track of sales"),
            N_("Arranged the goods so that they sold well"),
        ),
        ("shops",),
    ),
    InformalWork(
        "sewing",
        N_("Have you sewn, mended or made clothes?"),
        N_("Sewing and clothing repair"),
        N_("Self-employed, at home"),
        (
            N_("Sewed, mended and altered clothes by hand and by machine"),
            N_("Took measurements and followed customers' wishes"),
        ),
        ("factories", "shops"),
    ),
    InformalWork(
        "cleaning",
        N_("Have you cleaned and kept a home, yours or someone else's?"),
        N_("Housekeeping and cleaning"),
        N_("Private households"),
        (
            N_("Cleaned rooms, kitchens and bathrooms thoroughly"),
            N_("Washed, ironed and folded laundry"),
            N_("Organised the household and its supplies"),
        ),
        ("cleaning", "hotels"),
    ),
    InformalWork(
        "farm",
        N_("Have you worked on a farm or in a garden?"),
        N_("Farm and garden work"),
        N_("Family farm"),
        (
            N_("Planted, watered and harvested crops"),
            N_("Looked after animals"),
            N_("Worked outdoors in all weather"),
        ),
        ("agriculture",),
    ),
    InformalWork(
        "helping",
        N_("Have you helped neighbours, or translated for other people?"),
        N_("Community helper and interpreter"),
        N_("Voluntary, in the community"),
        (
            N_("Translated for people at offices, schools and doctors"),
            N_("Helped people fill in forms and find services"),
        ),
        ("interpreting", "office"),
    ),
    InformalWork(
        "beauty",
        N_("Have you done hair, braids, nails or make-up for other people?"),
        N_("Hairdressing and beauty"),
        N_("Self-employed, at home"),
        (
            N_("Braided, cut and styled hair"),
            N_("Did nails and make-up for celebrations"),
            N_("Kept tools clean and hygienic"),
        ),
        ("beauty",),
    ),
    InformalWork(
        "family_business",
        N_("Have you helped in a family shop or business?"),
        N_("Shop assistant"),
        N_("Family business"),
        (
            N_("Served customers and kept the shop tidy"),
            N_("Handled cash and restocked shelves"),
        ),
        ("shops",),
    ),
    InformalWork(
        "volunteer",
        N_("Have you volunteered, for example at a school or in an association?"),
        N_("Volunteer"),
        N_("Voluntary work"),
        (
            N_("Helped to organise activities and events"),
            N_("Worked with people of different ages and backgrounds"),
        ),
        ("other",),
    ),
)

_BY_ID = {offer.id: offer for offer in OFFERS}


def offer(offer_id: str | None) -> InformalWork | None:
    return _BY_ID.get(offer_id) if offer_id else None


def informal_experience(
    offer_id: str, start: ApproxDate | None = None, end: ApproxDate | None = None, tasks: list[str] | None = None
) -> Experience:
    """The experience she gets by answering yes to an offer: its wording prints in the CV language; her `tasks`
    (as she typed them) come after the offer's task lines."""
    if offer_id not in _BY_ID:
        raise KeyError(offer_id)
    return Experience(start=start, end=end, tasks=list(tasks or []), informal=True, offer=offer_id)


Translate = Callable[[str], str]


def role_of(experience: Experience, translate: Translate) -> str:
    """Her role as she typed it, else the offer's role in the CV language."""
    if experience.role:
        return experience.role
    work = offer(experience.offer)
    return translate(work.role) if work else ""


def place_of(experience: Experience, translate: Translate) -> str:
    """The employer she named, else where the informal work was done (in the CV language), else nothing."""
    if experience.employer:
        return experience.employer
    work = offer(experience.offer)
    return translate(work.context) if work else ""


def tasks_of(experience: Experience, translate: Translate) -> list[str]:
    """The offer's task lines in the CV language, then hers as she typed them."""
    work = offer(experience.offer)
    standard = [translate(task) for task in work.tasks] if work else []
    return standard + list(experience.tasks)


def source_strings() -> list[str]:
    """Every source string of the offers, for translation checks."""
    strings: list[str] = []
    for work in OFFERS:
        strings += [work.question, work.role, work.context, *work.tasks]
    return strings
