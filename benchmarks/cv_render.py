"""How long a full two-page CV takes to render as PDF and as DOCX, and how big the files are.

Run: .venv/bin/python benchmarks/cv_render.py [runs]
Prints, per CV language, the median and worst time of each format and the file sizes.
The first render of a process (font parsing, imports) is left out: the bot renders many CVs per process.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pypdf import PdfReader  # noqa: E402

from bot.cv.dates import PRESENT, ApproxDate  # noqa: E402
from bot.cv.informal import informal_experience  # noqa: E402
from bot.cv.model import CV, Availability, Contact, Education, Experience, LanguageSkill, Target  # noqa: E402
from bot.cv.render import cv_docx, cv_pdf  # noqa: E402
from bot.i18n import Catalogues  # noqa: E402


def two_page_cv(arabic: bool) -> CV:
    """Every section filled: two paid jobs, four kinds of informal work, three courses, languages, skills."""
    name, role, task = (
        ("أمينة خليل", "مساعدة مطبخ", "تحضير الخضار والصلصات لثمانين وجبة يومياً")
        if arabic
        else (
            "Amina Kone",
            "Kitchen assistant",
            "Prepared vegetables and sauces for 80 covers a day",
        )
    )
    return CV(
        target=Target("kitchen", role),
        name=name,
        contact=Contact("+39 333 123 4567", "amina.k@example.com", "Roma"),
        experiences=[
            Experience(role, "Pizzeria Da Mario", ApproxDate(2023, 3), PRESENT, [task, "Washed dishes", "Took orders"]),
            Experience("Cleaner", "Hotel Sole", ApproxDate(2021, 5), ApproxDate(2022, 10), ["Cleaned 15 rooms a day"]),
            informal_experience("cooking", ApproxDate(2015), ApproxDate(2021), ["Cooked for weddings of 200 guests"]),
            informal_experience("children", ApproxDate(2010), ApproxDate(2021)),
            informal_experience("market", ApproxDate(2012, 5), ApproxDate(2014, 9)),
            informal_experience("sewing", ApproxDate(2008), ApproxDate(2012)),
        ],
        education=[
            Education("HACCP food hygiene course", "Caritas Roma", ApproxDate(2023, 2), None, True),
            Education("Italian course, level A2", "CPIA Roma 1", ApproxDate(2022, 1), ApproxDate(2022, 6), True),
            Education("Secondary school", "Lycée de Bamako", ApproxDate(2005), ApproxDate(2009), False),
        ],
        mother_tongues=["ar" if arabic else "bm", "fr"],
        languages=[LanguageSkill("it", "B1"), LanguageSkill("en", "A2")],
        digital_skills=["phone", "messaging", "email", "search", "video"],
        soft_skills=["teamwork", "work_ethic", "communication", "positive_attitude"],
        driving_licence="B",
        availability=Availability([0, 1, 2, 3, 4, 5], ["morning", "afternoon", "evening"], PRESENT),
        interests=["Cooking for friends", "Gardening", "Music"],
    )


def timed(render: Callable[[CV, str, Catalogues], bytes], cv: CV, language: str, cats: Catalogues, runs: int):
    data = render(cv, language, cats)  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        data = render(cv, language, cats)
        times.append(time.perf_counter() - started)
    return times, data


def main(runs: int) -> None:
    cats = Catalogues.load()
    for language, arabic in (("en", False), ("it", False), ("ar", True)):
        cv = two_page_cv(arabic)
        for label, render in (("PDF ", cv_pdf), ("DOCX", cv_docx)):
            times, data = timed(render, cv, language, cats, runs)
            pages = f", {len(PdfReader(io.BytesIO(data)).pages)} pages" if label == "PDF " else ""
            print(
                f"{language} {label} x{runs}: median {statistics.median(times) * 1000:.0f} ms, "
                f"worst {max(times) * 1000:.0f} ms, {len(data) / 1024:.1f} kB{pages}"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
