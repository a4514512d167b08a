"""Every screen she and staff see, one aiogram-dialog Dialog per module."""
