"""The one-time form key (core.submissions), through the decision form that issue 10 found
doubled: a second submit goes where the first led, a bad key is a form error, never a 500."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from core.models import FormSubmission
from core.submissions import KEEP_FOR, prune_form_submissions
from core.tests.helpers import keyed
from meetings.models import Decision
from meetings.tests.helpers import meeting_of, messages_of

pytestmark = pytest.mark.django_db

FORM = {"domain": "finance", "text": "Aankoop van twee laptops", "amount_eur": ""}
REFUSED = "Dit formulier kon niet veilig verstuurd worden. Laad de pagina opnieuw en verstuur het nog eens."


@pytest.fixture
def meeting(network):
    return meeting_of(network)


def url(meeting):
    return reverse("meetings:decision_propose", kwargs={"network": meeting.body.network.slug, "meeting": meeting.pk})


def test_the_form_carries_a_fresh_key_each_time(login, meeting, voting_member):
    client = login(voting_member)
    first = client.get(url(meeting)).context["form"]["form_key"].value()
    second = client.get(url(meeting)).context["form"]["form_key"].value()

    assert uuid.UUID(str(first)) != uuid.UUID(str(second))
    assertContains(client.get(url(meeting)), 'type="hidden" name="form_key"')


def test_a_second_submit_of_the_same_form_goes_where_the_first_led(login, meeting, voting_member):
    client = login(voting_member)
    data = keyed(FORM)
    client.post(url(meeting), data)

    response = client.post(url(meeting), data, follow=True)

    assertRedirects(response, meeting.get_absolute_url())
    assert "Dit formulier was al verstuurd." in messages_of(response)
    assert Decision.objects.count() == 1


def test_the_claim_records_who_and_where(login, meeting, voting_member):
    data = keyed(FORM)
    login(voting_member).post(url(meeting), data)

    claim = FormSubmission.objects.get()
    assert (str(claim.key), claim.user, claim.result_url) == (data["form_key"], voting_member, meeting.get_absolute_url())


def test_a_refused_form_keeps_its_key_free_for_the_corrected_one(login, meeting, voting_member):
    client = login(voting_member)
    key = str(uuid.uuid4())
    refused = client.post(url(meeting), keyed({**FORM, "amount_eur": "-5"}, key=key))
    assert refused.status_code == 400
    assert refused.context["form"]["form_key"].value() == key

    client.post(url(meeting), keyed(FORM, key=key))

    assert Decision.objects.count() == 1


@pytest.mark.parametrize("key", [None, "", "geen-sleutel", "x" * 5000])
def test_a_missing_or_malformed_key_is_a_form_error_and_the_form_gets_a_new_one(login, meeting, voting_member, key):
    data = dict(FORM) if key is None else {**FORM, "form_key": key}

    response = login(voting_member).post(url(meeting), data)

    assert response.status_code == 400
    assertContains(response, REFUSED, status_code=400)
    uuid.UUID(str(response.context["form"]["form_key"].value()))
    assert not Decision.objects.exists()


def test_another_logins_key_is_refused(login, meeting, voting_member, coordinator):
    data = keyed(FORM)
    login(voting_member).post(url(meeting), data)

    response = login(coordinator).post(url(meeting), data)

    assertContains(response, REFUSED, status_code=400)
    assert Decision.objects.count() == 1


def test_old_claims_are_pruned(voting_member):
    now = timezone.now()
    old = FormSubmission.objects.create(key=uuid.uuid4(), user=voting_member, result_url="/a/")
    FormSubmission.objects.filter(pk=old.pk).update(submitted_at=now - KEEP_FOR - datetime.timedelta(minutes=1))
    recent = FormSubmission.objects.create(key=uuid.uuid4(), user=voting_member, result_url="/b/")

    assert prune_form_submissions(now=now) == 1
    assert list(FormSubmission.objects.all()) == [recent]


def test_the_daily_beat_prunes_them(settings):
    assert settings.CELERY_BEAT_SCHEDULE["prune-form-submissions"]["task"] == "core.tasks.prune_old_form_submissions"
