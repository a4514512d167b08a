"""The CV builder's plain-Python part (no Telegram): her CV as data, dates, informal work, tailoring, files.

model.py     the CV, its stored form and limits        dates.py      approximate dates, periods as printed
informal.py  informal and care work, worded for a CV   tailoring.py  matching a pasted job advertisement
render.py    the PDF and DOCX files (and the review text), in any CV language
"""
