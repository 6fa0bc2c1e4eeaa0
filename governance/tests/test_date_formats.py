"""One date format per kind of place (issue 11, point 21; the kinds are in core/dates.py).

The filters are built into every template; no template or message formats a date by
hand, so "14-12-2026", "14 december 2026" and "tegen 14-12-2026" no longer stand side by side.
"""

import datetime
import re
from pathlib import Path

from django.conf import settings
from django.template import engines
from django.utils import translation

from core.dates import long_date, moment, short_date, weekday_date

DAY = datetime.date(2026, 12, 14)
ROOT = Path(settings.BASE_DIR)
APPS = ["bodies", "calendars", "core", "meetings", "notifications", "pages", "projects", "referrals"]


def test_a_sentence_or_heading_gets_the_long_date():
    assert long_date(DAY) == "14 december 2026"


def test_a_meeting_day_names_its_weekday():
    assert weekday_date(DAY) == "maandag 14 december 2026"


def test_a_table_or_a_line_of_detail_gets_the_short_date():
    assert short_date(DAY) == "14 dec 2026"


def test_a_moment_is_told_in_local_time():
    # 23:30 UTC on the 14th is half past midnight on the 15th in Brussels.
    assert moment(datetime.datetime(2026, 12, 14, 23, 30, tzinfo=datetime.UTC)) == "15 december 2026, 00:30"


def test_the_dates_follow_the_language():
    with translation.override("en"):
        assert long_date(DAY) == "14 December 2026"


def test_no_date_is_an_empty_text():
    assert long_date(None) == "" and short_date("") == ""


def test_every_template_has_the_filters_without_loading_them():
    template = engines["django"].from_string("{{ day|long_date }} · {{ day|short_date }} · {{ day|weekday_date }}")
    assert template.render({"day": DAY}) == "14 december 2026 · 14 dec 2026 · maandag 14 december 2026"


def test_no_template_formats_a_date_for_reading_by_hand():
    # Y-m-d and c stay: they are for machines (<time datetime>, feeds).
    by_hand = re.compile(r"""\|date:["'](?!Y-m-d["']|c["'])[^"']*["']""")
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in (ROOT / "templates").rglob("*.*")
        for match in by_hand.finditer(path.read_text())
    ]
    assert offenders == []


def test_no_message_writes_a_date_in_numbers():
    offenders = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts and "%d-%m-%Y" in path.read_text()
    ]
    assert offenders == []
