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


class Cv(StatesGroup):
    intro = State()
    sector = State()
    title = State()
    name = State()
    phone = State()
    email = State()
    city = State()
    experiences = State()
    job_role = State()
    job_place = State()
    job_dates = State()
    job_tasks = State()
    informal = State()
    education = State()
    school_what = State()
    school_where = State()
    school_dates = State()
    school_certificate = State()
    mother_tongue = State()
    languages = State()
    language_name = State()
    language_level = State()
    digital = State()
    soft = State()
    driving = State()
    availability = State()
    interests = State()
    review = State()
    personal = State()
    birth = State()
    nationality = State()
    cv_language = State()
    tailor = State()
    tailored = State()


class Interview(StatesGroup):
    intro = State()
    sector = State()
    length = State()
    question = State()
    tips = State()
    example = State()
    review = State()
    summary = State()
    declines = State()
    decline = State()
    prep_employer = State()
    prep_job = State()
    prep_when = State()
    prep_where = State()
    prep_sheet = State()
    phrases = State()


class Talk(StatesGroup):
    topic = State()
    unsafe = State()
    language = State()
    woman = State()
    first = State()
    chat = State()
    closed = State()


class Pairing(StatesGroup):
    explain = State()
    alias = State()
    done = State()
    declined = State()
    enter_code = State()
    mine = State()
    zone = State()


class Counsel(StatesGroup):
    women = State()
    invite = State()
    woman = State()
    day = State()
    time = State()
    note = State()
    repeat = State()
    confirm = State()
