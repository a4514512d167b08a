"""Shared by the CV tests: a full CV as a woman would build it, and catalogues made in memory.

The CV strings reach bot/locales/ through the translators' workflow; these tests
carry the few translations they check, so they do not depend on that timing.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import Translations

from bot.cv.dates import PRESENT, ApproxDate
from bot.cv.informal import informal_experience
from bot.cv.model import CV, Availability, Contact, Education, Experience, LanguageSkill, Target
from bot.i18n import Catalogues

IT = {
    "Work experience": "Esperienza lavorativa",
    "Education and training": "Istruzione e formazione",
    "Languages": "Lingue",
    "Mother tongue": "Lingua madre",
    "Mother tongues": "Lingue madri",
    "Digital skills": "Competenze digitali",
    "Soft skills": "Competenze trasversali",
    "Driving licence": "Patente di guida",
    "Availability": "Disponibilità",
    "present": "oggi",
    "no certificate": "senza attestato",
    "Intermediate": "Intermedio",
    "Cooking for large groups": "Cucina per grandi gruppi",
    "Family and community events": "Eventi familiari e di comunità",
    "Planned and cooked meals for 10 people or more": "Pianificazione e preparazione di pasti per 10 o più persone",
    "Kept the kitchen clean and the food safe": "Pulizia della cucina e sicurezza degli alimenti",
    "Childcare": "Cura dei bambini",
    "Looked after children of different ages every day": "Cura quotidiana di bambini di diverse età",
    "Teamwork": "Lavoro di squadra",
    "Kitchen and restaurants": "Cucina e ristorazione",
}

AR = {
    "Work experience": "الخبرة العملية",
    "Education and training": "التعليم والتدريب",
    "Languages": "اللغات",
    "Mother tongue": "اللغة الأم",
    "Mother tongues": "اللغات الأم",
    "Digital skills": "المهارات الرقمية",
    "present": "حتى الآن",
    "Cooking for large groups": "الطبخ للمجموعات الكبيرة",
    "Childcare": "رعاية الأطفال",
    "Intermediate": "متوسط",
}


def catalogues(tables: Mapping[str, Mapping[str, str]]) -> Catalogues:
    """Catalogues compiled in memory from {language: {source: translation}}, as Catalogues.load does from .po files."""
    translations = {}
    for code, table in tables.items():
        catalog = Catalog(locale=code)
        for source, text in table.items():
            catalog.add(source, text)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        translations[code] = Translations(fp=buffer, domain="messages")
    return Catalogues(translations)


CATS = catalogues({"it": IT, "ar": AR})


def full_cv(arabic: bool = False) -> CV:
    """A CV with every section: a paid job, informal work, school without a certificate, languages, skills."""
    return CV(
        target=Target("kitchen", "طباخة" if arabic else "Cook"),
        name="أمينة خليل" if arabic else "Amina Kone",
        contact=Contact("+39 333 123 4567", "amina.k@example.com", "Roma"),
        experiences=[
            Experience(
                "مساعدة مطبخ" if arabic else "Kitchen assistant",
                "Pizzeria Da Mario",
                ApproxDate(2023, 3),
                PRESENT,
                [
                    "تحضير الخضار والصلصات" if arabic else "Prepared vegetables and sauces for 80 covers a day",
                    "Washed dishes",
                ],
            ),
            informal_experience("cooking", ApproxDate(2015), ApproxDate(2022)),
            informal_experience("children", ApproxDate(2010), ApproxDate(2022), ["Cared for three children at home"]),
            informal_experience("market", ApproxDate(2012, 5), ApproxDate(2014, 9)),
        ],
        education=[
            Education("HACCP food hygiene course", "Caritas Roma", ApproxDate(2023, 2), None, True),
            Education("Secondary school", "Lycée de Bamako", ApproxDate(2005), ApproxDate(2009), False),
        ],
        mother_tongues=["ar", "fr"],
        languages=[LanguageSkill("it", "B1"), LanguageSkill("en", "A2")],
        digital_skills=["phone", "messaging", "email", "video"],
        soft_skills=["teamwork", "work_ethic", "communication"],
        driving_licence="B",
        availability=Availability([0, 1, 2, 3, 4, 5], ["morning", "afternoon", "evening"], PRESENT),
        interests=["Cooking for friends", "Gardening"],
    )
