"""Every StatesGroup of the bot.

Their names are stored with her dialog stack when she chose "remember me":
renaming one breaks stored stacks, so never rename casually.
"""

from aiogram.fsm.state import State, StatesGroup


class Start(StatesGroup):
    language = State()
    welcome = State()
    consent = State()


class Menu(StatesGroup):
    main = State()


class Settings(StatesGroup):
    main = State()
    language = State()
    country = State()
    consents = State()
    my_data = State()
    confirm_delete = State()


class Deleted(StatesGroup):
    done = State()


class Unavailable(StatesGroup):
    main = State()


class Contract(StatesGroup):
    intro = State()
    question = State()
    summary = State()
    country = State()  # asked once, before the first file in the country's language


class Orientation(StatesGroup):
    lessons = State()
    page = State()


class Glossary(StatesGroup):
    search = State()
    results = State()
    term = State()
    all_terms = State()
