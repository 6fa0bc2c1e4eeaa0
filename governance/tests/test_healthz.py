import pytest
from django.db.utils import OperationalError

from governance import health
from governance.tasks import record_worker_heartbeat

pytestmark = pytest.mark.django_db


def test_it_answers_200_with_the_state_of_each_part(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    report = response.json()
    assert report["database"]["ok"] is True
    assert set(report) == {"status", "database", "broker", "worker"}


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
