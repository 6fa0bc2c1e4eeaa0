"""Real Celery workers, a real broker, a real mail server: each notification is mailed once.

Runs only where REDIS_URL is set and the database is PostgreSQL (the second run of
.ci/run); elsewhere these tests are deselected (see conftest.py). Each test:

- starts an SMTP server on loopback (aiosmtpd) that keeps every message it accepts;
- starts `celery -A governance worker` processes (prefork, concurrency 1, prefetch 1,
  late acknowledgement as in production) on the test's PostgreSQL database (rows are
  committed: transactional test) and on Redis under a key prefix of its own, so that
  other test runs on the same Redis never see its queue;
- enqueues the send task through the broker, as beat and on_commit do.
"""

import asyncio
import email
import email.utils
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import redis
from aiosmtpd.controller import Controller
from celery import Celery
from django.conf import settings
from django.utils import timezone

from bodies.tests.factories import PersonFactory
from core.dates import long_date
from notifications.models import Kind, Notification
from notifications.planning import add_for_people

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(settings.BASE_DIR)
TASK = "notifications.tasks.send_due_notifications"


class Inbox:
    """An aiosmtpd handler keeping the messages; it can hold its answer to the first one."""

    def __init__(self, hold_first: bool = False, delay: float = 0.0):
        self.messages: list[email.message.Message] = []
        self.delay = delay
        self.lock = threading.Lock()
        self.hold_first = hold_first
        self.held = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.original_content))
            first = len(self.messages) == 1
        if self.hold_first and first:
            # The message is in the mailbox; the sender does not know it yet.
            self.held.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        await asyncio.sleep(self.delay)
        return "250 Message accepted for delivery"

    def recipients(self) -> list[str]:
        with self.lock:
            return sorted(message["To"] for message in self.messages)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout}s waiting for {what}")
        time.sleep(0.1)


class Workers:
    """Starts and stops worker processes, each in its own process group, logging to a file."""

    def __init__(self, tmp_path: Path, smtp_port: int, transport_options: dict, batch_size: int):
        self.tmp_path = tmp_path
        self.processes: dict[str, subprocess.Popen] = {}
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "governance.settings.dev",
            "DEBUG": "0",
            "DATABASE_URL": database_url(),
            "REDIS_URL": os.environ["REDIS_URL"],
            "CELERY_BROKER_TRANSPORT_OPTIONS": json.dumps(transport_options),
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_TIMEOUT": "60",
            "SITE_URL": "https://bestuur.example.org",
            "NOTIFICATIONS_BATCH_SIZE": str(batch_size),
            "LOG_LEVEL": "WARNING",
        }

    def log(self, name: str) -> str:
        return (self.tmp_path / f"{name}.log").read_text(errors="replace")

    def start(self, name: str) -> None:
        command = [
            str(Path(sys.executable).parent / "celery"), "-A", "governance", "worker",
            "--hostname", f"{name}@test", "--pool", "prefork", "--concurrency", "1", "--prefetch-multiplier", "1",
            "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "INFO",
        ]  # fmt: skip
        with open(self.tmp_path / f"{name}.log", "wb") as log:
            self.processes[name] = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        wait_for(lambda: f"{name}@test ready." in self.log(name) or self.processes[name].poll() is not None, 60, f"{name} to start")
        assert self.processes[name].poll() is None, self.log(name)

    def kill(self, name: str) -> None:
        """SIGKILL the worker and its pool process: no shutdown, no acknowledgement."""
        os.killpg(self.processes[name].pid, signal.SIGKILL)
        self.processes[name].wait(10)

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)


@pytest.fixture
def broker_prefix():
    prefix = f"notify-test-{uuid.uuid4().hex[:8]}:"
    yield prefix
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    keys = list(client.scan_iter(match=f"{prefix}*"))
    if keys:
        client.delete(*keys)


def run(inbox: Inbox, tmp_path, prefix: str, *, batch_size: int, **options):
    """An SMTP server with `inbox`, a Workers factory and a producer on the test's broker keys."""
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    transport_options = {"global_keyprefix": prefix, **options}
    workers = Workers(tmp_path, port, transport_options, batch_size)
    producer = Celery("producer", broker=os.environ["REDIS_URL"])
    producer.conf.broker_transport_options = transport_options
    return controller, workers, producer


def owe_to_people(count: int, meeting) -> list[Notification]:
    people = [
        PersonFactory(network=meeting.body.network, name=f"Lid {number:02d}", email=f"lid{number:02d}@example.org", user=None)
        for number in range(count)
    ]
    add_for_people([p.pk for p in people], kind=Kind.MEETING_REMINDER, key=f"meeting:{meeting.pk}:test", meeting=meeting)
    return people


def settled() -> bool:
    return not Notification.objects.filter(state__in=[Notification.State.PENDING]).exists()


def test_two_workers_and_six_deliveries_of_the_task_mail_each_person_once(meeting, tmp_path, broker_prefix):
    people = owe_to_people(12, meeting)
    # A slow mail server (0.2 s a message), so neither worker can do it all alone.
    inbox = Inbox(delay=0.2)
    controller, workers, producer = run(inbox, tmp_path, broker_prefix, batch_size=2)
    controller.start()
    try:
        workers.start("alfa")
        workers.start("bravo")
        started = time.monotonic()
        # Beat firing twice, on_commit, a retry: the same task six times.
        for _ in range(6):
            producer.send_task(TASK)
        wait_for(lambda: len(inbox.messages) >= 12 and settled(), 60, "twelve mails")
        time.sleep(1.5)  # room for a thirteenth mail, which must not come
        elapsed = time.monotonic() - started
    finally:
        workers.stop_all()
        controller.stop()

    assert inbox.recipients() == sorted(f"{p.name} <{p.email}>" for p in people)
    message = inbox.messages[0]
    assert message["Subject"] == f"Herinnering: Beleidsgroep op {long_date(meeting.date)}"
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
    bodies = {part.get_content_type(): part.get_payload(decode=True).decode() for part in message.walk() if not part.is_multipart()}
    assert set(bodies) == {"text/plain", "text/html", "text/calendar"}
    assert f"https://bestuur.example.org/n/plantrekkers/meetings/{meeting.pk}/" in bodies["text/plain"]
    assert "METHOD:REQUEST" in bodies["text/calendar"]
    rows = Notification.objects.all()
    assert {row.state for row in rows} == {Notification.State.SENT}
    assert {row.attempts for row in rows} == {1}
    # Both workers really took part: each claimed some of the rows.
    assert {row.claimed_by.split(":")[0] for row in rows} == {"alfa@test", "bravo@test"}
    print(f"two workers: 12 mails in {elapsed:.1f}s")


def test_a_task_held_by_a_killed_worker_is_redelivered_and_sends_nothing_twice(meeting, tmp_path, broker_prefix):
    people = owe_to_people(3, meeting)
    inbox = Inbox(hold_first=True)
    # A visibility timeout of 4 s instead of an hour, swept every second.
    controller, workers, producer = run(
        inbox, tmp_path, broker_prefix, batch_size=1,
        visibility_timeout=4, unacked_restore_interval=1, unacked_restore_throttle=1,
    )  # fmt: skip
    controller.start()
    try:
        workers.start("alfa")
        workers.start("bravo")
        started = time.monotonic()
        task_id = producer.send_task(TASK).id
        # One worker claimed a row, handed its mail to the server and waits for the answer.
        assert inbox.held.wait(60), "no mail reached the server"
        held_address = email.utils.parseaddr(inbox.messages[0]["To"])[1]
        first = Notification.objects.get(recipient__email=held_address)
        assert first.state == Notification.State.SENDING
        victim = first.claimed_by.split("@")[0]
        [survivor] = {"alfa", "bravo"} - {victim}
        workers.kill(victim)
        inbox.release.set()
        # Unacknowledged, the task comes back after the visibility timeout, to the other worker.
        wait_for(settled, 60, "the redelivered task")
        time.sleep(2)  # room for a second delivery of the first mail, which must not come
        elapsed = time.monotonic() - started
        survivor_log = workers.log(survivor)
    finally:
        workers.stop_all()
        controller.stop()

    assert task_id in workers.log(victim) and task_id in survivor_log
    # The first mail went out once and its row stays "sending": uncertain, never re-sent.
    assert inbox.recipients() == sorted(f"{p.name} <{p.email}>" for p in people)
    first.refresh_from_db()
    assert first.state == Notification.State.SENDING and first.sent_at is None
    others = Notification.objects.exclude(pk=first.pk)
    assert {row.state for row in others} == {Notification.State.SENT}
    assert {row.claimed_by.split(":")[0] for row in others} == {f"{survivor}@test"}
    assert not Notification.objects.uncertain().exists()  # uncertain only after 15 minutes
    assert Notification.objects.uncertain(now=timezone.now() + timezone.timedelta(minutes=16)).get() == first
    print(f"kill and redelivery: settled in {elapsed:.1f}s")
