"""Glossary search: the words she types, matched in her language, in English and in the country's words.

Plain Python, no Telegram: the dialog passes in how a term reads in her language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from bot.content import Term

MIN_QUERY_CHARS = 2
MAX_QUERY_CHARS = 60  # longer text is not a word she is looking up
MAX_RESULTS = 8

# Arabic letters written in several ways that readers treat as one.
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None})
_NOT_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Case, accents, Arabic marks and punctuation do not matter when she searches."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    bare = bare.translate(_ARABIC_FOLD)
    return _NOT_WORD.sub(" ", bare).strip()


def clean_query(text: str | None) -> str | None:
    """Her typed text as a query, or None when it cannot be one (empty, too short, a whole message)."""
    if not text:
        return None
    query = normalise(text)
    if len(query) < MIN_QUERY_CHARS or len(text) > MAX_QUERY_CHARS:
        return None
    return query


EXACT, STARTS, CONTAINS, IN_MEANING = range(4)


def ranked(terms: Iterable[Term], query: str, translate: Callable[[str], str]) -> list[tuple[int, Term]]:
    """Every term that matches `query` with how well, best first: the term itself, words in it, its meaning.

    `translate` gives a source string in her language. Her query is compared with
    the term in her language, the English term and every country's word, so she
    can type what she saw in a job ad as well as a word of her own language.
    """
    scored: list[tuple[int, int, Term]] = []
    for order, term in enumerate(terms):
        names = [normalise(translate(term.term)), normalise(term.term)]
        for word in term.local.values():  # "Bruttolohn / Bruttogehalt": each is a name
            names += [normalise(part) for part in word.split("/")]
        words = {word for name in names for word in name.split()}
        if query in names:
            rank = EXACT
        elif any(name.startswith(query) for name in names):
            rank = STARTS
        elif any(word.startswith(query) for word in words) or any(query in name for name in names):
            rank = CONTAINS
        elif query in normalise(translate(term.meaning)):
            rank = IN_MEANING
        else:
            continue
        scored.append((rank, order, term))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [(rank, term) for rank, _order, term in scored]


def search(terms: Iterable[Term], query: str, translate: Callable[[str], str], limit: int = MAX_RESULTS) -> list[Term]:
    """The terms to offer her for `query`: the one she named exactly, else the best few."""
    matches = ranked(terms, query, translate)
    exact = [term for rank, term in matches if rank == EXACT]
    if len(exact) == 1:
        return exact
    return [term for _rank, term in matches[:limit]]
