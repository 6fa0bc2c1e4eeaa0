"""The admin shows and sets a body's meeting deadlines and holiday rule, and a meeting's planning facts."""

import datetime

import pytest
from django.urls import reverse

from bodies import seed
from bodies.tests.test_admin import admin_client, body_of, change_form_data  # noqa: F401 - fixture
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_the_body_page_sets_the_holiday_rule_and_the_deadlines(admin_client, network):  # noqa: F811
    body = body_of(seed.BELEIDSGROEP)
    url = reverse("admin:bodies_body_change", args=[body.pk])
    page = admin_client.get(url).content.decode()
    assert "Vergaderingen" in page and 'name="holiday_rule"' in page and 'name="reminder_days"' in page

    data = change_form_data(admin_client, url)
    data.update(holiday_rule=["skip"], call_for_items_days=["21"], agenda_days=["10"], reminder_days=["3,1"])
    assert admin_client.post(url, data).status_code == 302

    body.refresh_from_db()
    assert (body.holiday_rule, body.call_for_items_days, body.agenda_days, body.reminder_day_list) == ("skip", 21, 10, [3, 1])


def test_a_call_for_items_after_the_agenda_is_refused_in_dutch(admin_client, network):  # noqa: F811
    body = body_of(seed.BELEIDSGROEP)
    url = reverse("admin:bodies_body_change", args=[body.pk])
    data = change_form_data(admin_client, url)
    data.update(call_for_items_days=["5"], agenda_days=["7"])
    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert "De oproep voor agendapunten moet vroeger vallen dan het versturen van de agenda." in response.content.decode()


def test_the_meeting_page_shows_cadence_date_and_sequence_read_only_and_a_move_raises_the_sequence(
    admin_client, network  # noqa: F811
):
    meeting = MeetingFactory(
        body=body_of(seed.KERNTEAM), date=datetime.date(2026, 12, 2), cadence_date=datetime.date(2026, 12, 2)
    )
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="cadence_date"' not in page and 'name="sequence"' not in page
    assert "Datum volgens het ritme" in page or "datum volgens het ritme" in page.lower()
    assert 'name="duration_minutes"' in page and 'name="cancel_reason"' in page

    data = change_form_data(admin_client, url)
    data.update(date=["2026-12-03"], duration_minutes=["120"])
    assert admin_client.post(url, data).status_code == 302

    meeting.refresh_from_db()
    assert (meeting.date, meeting.cadence_date, meeting.duration_minutes, meeting.sequence) == (
        datetime.date(2026, 12, 3), datetime.date(2026, 12, 2), 120, 1
    )
