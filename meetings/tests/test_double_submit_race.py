"""A double submit of each create form of the meetings makes one row (core.submissions).

Two requests with the same form key at the same moment, each on its own connection:
PostgreSQL makes the second insert of the key wait for the first commit, SQLite
(immediate transactions on a file database) makes the second transaction wait; then
the second finds the key taken and is sent where the first led.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bodies import seed
from core.tests.helpers import keyed
from core.tests.race import assert_one_went_through, submit_twice_at_once
from meetings.tests.factories import AgendaItemFactory
from meetings.models import ActionItem, AgendaAttachment, AgendaItem, Meeting
from meetings.services import agenda as services

from .helpers import body, meeting_of, person

pytestmark = pytest.mark.django_db(transaction=True)

SOON = timezone.localdate() + datetime.timedelta(days=30)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name, meeting, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"network": meeting.body.network.slug, **kwargs})


@pytest.fixture
def meeting(network):
    return meeting_of(network, seed.BELEIDSGROEP, day=SOON)


def test_a_double_submit_plans_one_meeting(network, chair):
    beleidsgroep = body(network, seed.BELEIDSGROEP)
    target = reverse("meetings:create", kwargs={"network": network.slug, "body": beleidsgroep.slug})
    form = {"date": SOON.isoformat(), "start_time": "19:30", "location": "Gemeentehuis Genk"}

    responses = submit_twice_at_once(chair, target, lambda key: keyed(form, key=key))

    meeting = Meeting.objects.get(body=beleidsgroep, date=SOON)
    assert_one_went_through(responses, to=meeting.get_absolute_url())


def test_a_double_submit_notes_one_action_item(network, chair, voting_member):
    held = meeting_of(network, seed.BELEIDSGROEP, timezone.localdate())
    item = AgendaItemFactory(meeting=held, title="Begroting 2027")
    form = {"item": item.pk, "title": "Offerte opvragen", "owner": person(voting_member).pk, "due_date": SOON.isoformat()}

    responses = submit_twice_at_once(chair, url("action_create", held, pk=held.pk), lambda key: keyed(form, key=key))

    assert ActionItem.objects.filter(meeting=held).count() == 1
    assert_one_went_through(responses)


def test_a_double_submit_puts_one_item_on_the_agenda(meeting, chair):
    form = {"item-title": "Begroting 2027", "item-kind": "decision"}

    responses = submit_twice_at_once(
        chair, url("agenda_item_add", meeting, pk=meeting.pk), lambda key: keyed(form, prefix="item", key=key)
    )

    item = AgendaItem.objects.get(meeting=meeting)
    assert_one_went_through(responses)
    assert responses[0]["Location"].endswith(f"#item-{item.pk}")


def test_a_double_submit_makes_one_proposal(meeting, voting_member):
    form = {"proposal-title": "Wachtlijsten", "proposal-kind": "discussion"}

    responses = submit_twice_at_once(
        voting_member, url("agenda_propose", meeting, pk=meeting.pk), lambda key: keyed(form, prefix="proposal", key=key)
    )

    assert AgendaItem.objects.filter(meeting=meeting).count() == 1
    assert_one_went_through(responses)


def test_a_double_submit_adds_one_suggestion(network, meeting, chair, coordinator):
    earlier = meeting_of(network, seed.BELEIDSGROEP, day=SOON - datetime.timedelta(days=60))
    action = ActionItem.objects.create(meeting=earlier, title="Nota opstellen", owner=person(coordinator), due_date=SOON)

    responses = submit_twice_at_once(
        chair,
        url("agenda_suggestion_add", meeting, pk=meeting.pk),
        lambda key: keyed({"key": f"action:{action.pk}"}, key=key),
    )

    assert AgendaItem.objects.filter(meeting=meeting).count() == 1
    assert_one_went_through(responses)


def test_a_double_submit_adds_one_attachment(meeting, chair, coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    item = services.agenda_item_add(meeting=meeting, by=coordinator, title="Begroting 2027")

    def form(key):
        return keyed({"file": SimpleUploadedFile("nota.pdf", PDF, content_type="application/pdf")}, key=key)

    responses = submit_twice_at_once(chair, url("attachment_add", meeting, pk=item.pk), form)

    assert AgendaAttachment.objects.filter(item=item).count() == 1
    assert_one_went_through(responses)
    # The second submit never stored a file of its own.
    assert len(list((tmp_path / "media").rglob("*.pdf"))) == 1
