import pytest
from django.db.utils import OperationalError

from django.utils import timezone

from governance import health
from governance.tasks import record_worker_heartbeat
from notifications.models import UNCERTAIN_AFTER, Notification

pytestmark = pytest.mark.django_db


def test_it_answers_200_with_the_state_of_each_part(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    report = response.json()
    assert report["database"]["ok"] is True
    assert set(report) == {"status", "database", "broker", "worker", "mail"}


def test_it_reports_a_worker_that_has_beaten_recently(client):
    record_worker_heartbeat.delay()
    report = client.get("/healthz").json()
    assert report["worker"]["ok"] is True
    assert report["worker"]["last_heartbeat_seconds_ago"] <= 1


def test_it_reports_a_worker_that_never_beat_as_down(client, settings):
    from django.core.cache import cache

    cache.delete(health.HEARTBEAT_CACHE_KEY)
    report = client.get("/healthz").json()
    assert report["worker"] == {"ok": False, "last_heartbeat_seconds_ago": None}
    assert report["status"] == "degraded"


def test_it_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == {"ok": False, "error": "OperationalError"}
    assert response.json()["status"] == "down"


def test_it_reports_an_unreachable_broker(client, settings, monkeypatch):
    from governance.celery import app

    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    report = client.get("/healthz").json()
    assert report["broker"]["ok"] is False
    assert client.get("/healthz").status_code == 200


def test_it_reports_mail_going_out_when_nothing_failed(client):
    assert client.get("/healthz").json()["mail"] == {
        "ok": True,
        "failed_last_hour": 0,
        "password_resets_failed_last_hour": 0,
        "waiting_for_mail_server": 0,
        "uncertain": 0,
    }


def test_it_reports_failed_waiting_and_stuck_notifications_but_keeps_200(client, meeting_with_rows):
    failed, waiting, stuck, old_failure = meeting_with_rows
    now = timezone.now()
    Notification.objects.filter(pk=failed.pk).update(state=Notification.State.FAILED, claimed_at=now, last_error="x")
    Notification.objects.filter(pk=waiting.pk).update(attempts=1, last_error="ConnectionRefusedError: dicht")
    Notification.objects.filter(pk=stuck.pk).update(state=Notification.State.SENDING, claimed_at=now - UNCERTAIN_AFTER * 2)
    Notification.objects.filter(pk=old_failure.pk).update(
        state=Notification.State.FAILED, claimed_at=now - health.MAIL_FAILURES_WINDOW * 2
    )

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["mail"] == {
        "ok": False,
        "failed_last_hour": 1,
        "password_resets_failed_last_hour": 0,
        "waiting_for_mail_server": 1,
        "uncertain": 1,
    }
    assert response.json()["status"] == "degraded"


@pytest.fixture
def meeting_with_rows(network, voting_member, coordinator, chair, member_without_vote):
    from bodies.models import Body, Person
    from meetings.tests.factories import MeetingFactory

    meeting = MeetingFactory(body=Body.objects.get(network=network, name="Beleidsgroep"))
    people = Person.objects.filter(user__in=[voting_member, coordinator, chair, member_without_vote])
    return [
        Notification.objects.create(recipient=person, kind=Notification.Kind.MEETING_REMINDER, meeting=meeting, object_key="t")
        for person in people
    ]
