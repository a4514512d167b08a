"""jobsteps: a discreet, multilingual job-search coach on Telegram."""

__version__ = "0.1.0"
