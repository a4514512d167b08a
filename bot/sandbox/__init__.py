"""Try the bot without Telegram: a local Bot API emulator, the real bot against it, and a web chat."""
