"""Steps a woman takes often, shared by scenarios."""

from bot.i18n import Catalogues

CATS = Catalogues.load()


def tr(message: str, language: str) -> str:
    return CATS.gettext(message, language)


async def onboard(her, language: str = "en", native_name: str = "English", consents: tuple[str, ...] = ()):
    """/start, pick a language, read the welcome, switch on `consents` (English labels), reach the menu."""
    start = await her.send("/start")
    picker = await her.wait_for(tr("Choose your language.", language), after=start)
    await her.press(f"✓ {native_name}", message=picker)
    await her.press_when(tr("Continue ➡", language), containing="112")
    for label in consents:
        await her.press_when(f"⬜ {tr(label, language)}")
        await her.wait_for(lambda m: True, with_button=f"✅ {tr(label, language)}")
    await her.press_when(tr("Continue ➡", language), containing=tr("Remember me", language))
    await her.wait_for(tr("What would you like to do?", language))
