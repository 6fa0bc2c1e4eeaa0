"""Every URL of the project against every persona, from one table.

The URL patterns come from the resolver, not from a hand-made list: a new page
without a row below fails here until someone decides who may see it.

The body in the URLs is the Beleidsgroep, because every kind of person sits
there: the chair, voting members, an ad hoc expert without vote and the
coordinator, who attends without vote (seed 000). State-changing URLs are
POSTed with an empty form: the answer shows whether the person got past the
permission check (a redirect back with a message) or not (403, or 404 outside
the network).
"""

import datetime
import re

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import override_settings
from django.urls import URLResolver, get_resolver, reverse

from bodies import seed
from bodies.models import Body, Mandate, Network
from core.tests.snapshot import WRITES, Snapshot
from meetings.services.decisions import decision_propose
from meetings.tests.factories import MeetingFactory
from referrals.models import Advice, Assignment
from calendars.tests.factories import FeedTokenFactory  # CAL
from django.core.files.base import ContentFile  # AGENDA
from meetings.models import AgendaAttachment, AgendaItem  # AGENDA
from meetings.models import ActionItem  # CONDUCT
from projects.models import Project  # PROJECTS

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "other_network_member",
    "forum_member",  # a member of the network outside the Beleidsgroep
    "member_without_vote",
    "voting_member",
    "chair",
    "coordinator",
    "network_admin",
]

# Left out of the walk, each for a reason:
# - admin/: Django's admin guards itself with is_staff and model permissions, and
#   tests that itself; its dozens of internal URLs would only repeat that here.
# - i18n/ (set_language): a POST that stores a language choice for anyone and
#   redirects; it shows nothing of any network.
# - static/ and media/: files served in DEBUG only, not pages.
SKIPPED_PREFIXES = ("admin/", "i18n/", "static/", "media/")

# State-changing URLs: POSTed (with an empty form) instead of fetched.
POST_ONLY = {
    "n/<slug:network>/meetings/<int:pk>/attendance/",
    "calendar/link/new/",  # CAL
    "calendar/link/revoke/",  # CAL
    "n/<slug:network>/meetings/<int:pk>/reply/",  # CONDUCT
    "n/<slug:network>/meetings/<int:pk>/minutes/submit/",  # CONDUCT
    "n/<slug:network>/meetings/<int:pk>/minutes/approve/",  # CONDUCT
    "n/<slug:network>/meetings/<int:pk>/actions/new/",  # CONDUCT
    "n/<slug:network>/actions/<int:pk>/done/",  # CONDUCT
    "n/<slug:network>/decisions/<int:pk>/vote/",
    "n/<slug:network>/meetings/<int:pk>/agenda/items/",  # AGENDA
    "n/<slug:network>/meetings/<int:pk>/agenda/order/",  # AGENDA
    "n/<slug:network>/meetings/<int:pk>/agenda/publish/",  # AGENDA
    "n/<slug:network>/meetings/<int:pk>/agenda/announce/",
    "n/<slug:network>/meetings/<int:pk>/agenda/proposals/",  # AGENDA
    "n/<slug:network>/meetings/<int:pk>/agenda/suggestions/",  # AGENDA
    "n/<slug:network>/agenda-items/<int:pk>/remove/",  # AGENDA
    "n/<slug:network>/agenda-items/<int:pk>/move/",  # AGENDA
    "n/<slug:network>/agenda-items/<int:pk>/accept/",  # AGENDA
    "n/<slug:network>/agenda-items/<int:pk>/merge/",  # AGENDA
    "n/<slug:network>/agenda-items/<int:pk>/decline/",  # AGENDA
    "n/<slug:network>/agenda-items/<int:pk>/attachments/",  # AGENDA
    "n/<slug:network>/attachments/<int:pk>/remove/",  # AGENDA
    "n/<slug:network>/decisions/<int:pk>/close/",
    "n/<slug:network>/decisions/<int:pk>/escalate/",
    "accounts/mfa/recovery-codes/",  # MFA
    "accounts/mfa/disable/",  # MFA
}

# Anonymous visitors go to the login page (302); people from another network get
# 404 so that a network's existence does not leak; inside the network a missing
# right is 403. A POST that passes the permission check redirects back (302) with
# the service's message. Logout is POST-only (405 on GET).
EXPECTED = {
    # route                                                     anon other forum novote voting chair coord admin
    "":                                                         (302, 302, 302, 302, 302, 302, 302, 200),
    "accounts/login/":                                          (200, 200, 200, 200, 200, 200, 200, 200),
    "accounts/logout/":                                         (405, 405, 405, 405, 405, 405, 405, 405),
    "accounts/notifications/":                                  (302, 200, 200, 200, 200, 200, 200, 200),  # NOTIFY
    # MFA: two-step verification is every login's own. Only the network admin has an authenticator
    # here (login() signs them in verified): set-up sends them to the overview, renewing the codes shows
    # new ones, and switching it off is refused (required for admins). The others have none to renew
    # or switch off (redirect with a message); the code step sends a session that needs none onwards.
    "accounts/mfa/":                                            (302, 200, 200, 200, 200, 200, 200, 200),
    "accounts/mfa/setup/":                                      (302, 200, 200, 200, 200, 200, 200, 302),
    "accounts/mfa/verify/":                                     (302, 302, 302, 302, 302, 302, 302, 302),
    "accounts/mfa/recovery-codes/":                             (302, 302, 302, 302, 302, 302, 302, 200),
    "accounts/mfa/disable/":                                    (302, 302, 302, 302, 302, 302, 302, 302),
    "accounts/password_change/":                                (302, 200, 200, 200, 200, 200, 200, 200),
    "accounts/password_change/done/":                           (302, 200, 200, 200, 200, 200, 200, 200),
    "accounts/password_reset/":                                 (200, 200, 200, 200, 200, 200, 200, 200),
    "accounts/password_reset/done/":                            (200, 200, 200, 200, 200, 200, 200, 200),
    "accounts/reset/<uidb64>/<token>/":                         (200, 200, 200, 200, 200, 200, 200, 200),
    "accounts/reset/done/":                                     (200, 200, 200, 200, 200, 200, 200, 200),
    # CAL: the Agenda-abonnement page and its POSTs need a login, any login (each has its own link;
    # an empty POST makes or revokes it and redirects back). The feeds need no login: the secret link
    # is the key, so every persona, anonymous too, gets 200 with the voting member's link
    # (PARAMETERS["feed_token"]); what that link's owner may see, and 404 for unknown, revoked and
    # other networks' links, is in calendars/tests/test_views_feeds.py.
    "calendar/":                                                (302, 200, 200, 200, 200, 200, 200, 200),
    "calendar/feed/<str:feed_token>/mine.ics":                  (200, 200, 200, 200, 200, 200, 200, 200),
    "calendar/feed/<str:feed_token>/n/<slug:network>.ics":      (200, 200, 200, 200, 200, 200, 200, 200),
    "calendar/feed/<str:feed_token>/n/<slug:network>/<slug:body>.ics": (200, 200, 200, 200, 200, 200, 200, 200),
    "calendar/link/new/":                                       (302, 302, 302, 302, 302, 302, 302, 302),
    "calendar/link/revoke/":                                    (302, 302, 302, 302, 302, 302, 302, 302),
    "healthz":                                                  (200, 200, 200, 200, 200, 200, 200, 200),
    "n/<slug:network>/":                                        (302, 404, 200, 200, 200, 200, 200, 200),
    "n/<slug:network>/advice/":                                 (302, 404, 200, 200, 200, 200, 200, 200),
    "n/<slug:network>/advice/<int:pk>/":                        (302, 404, 200, 200, 200, 200, 200, 200),
    "n/<slug:network>/advice/<int:pk>/answer/":                 (302, 404, 403, 403, 403, 200, 200, 200),
    "n/<slug:network>/assignments/":                            (302, 404, 200, 200, 200, 200, 200, 200),
    "n/<slug:network>/assignments/<int:pk>/":                   (302, 404, 200, 200, 200, 200, 200, 200),
    "n/<slug:network>/assignments/<int:pk>/report/":            (302, 404, 403, 403, 403, 403, 200, 200),
    "n/<slug:network>/bodies/<slug:body>/":                     (302, 404, 200, 200, 200, 200, 200, 200),
    # ADVICE: any member of a body records its advice (bodies.permissions.RECORD_ADVICE).
    "n/<slug:network>/bodies/<slug:body>/advice/new/":          (302, 404, 403, 200, 200, 200, 200, 200),
    "n/<slug:network>/bodies/<slug:body>/assignments/new/":     (302, 404, 403, 403, 403, 200, 200, 200),
    "n/<slug:network>/bodies/<slug:body>/decisions/":           (302, 404, 200, 200, 200, 200, 200, 200),
    "n/<slug:network>/bodies/<slug:body>/meetings/":            (302, 404, 200, 200, 200, 200, 200, 200),
    "n/<slug:network>/bodies/<slug:body>/meetings/new/":        (302, 404, 403, 403, 403, 200, 200, 200),
    "n/<slug:network>/bodies/<slug:body>/meetings/rules/":      (302, 404, 403, 403, 403, 200, 200, 200),
    "n/<slug:network>/bodies/<slug:body>/working-groups/new/":  (302, 404, 403, 403, 403, 200, 200, 200),
    "n/<slug:network>/chart/":                                  (302, 404, 200, 200, 200, 200, 200, 200),
    "n/<slug:network>/coordination/":                           (302, 404, 403, 403, 403, 403, 200, 200),
    "n/<slug:network>/decisions/":                              (302, 404, 200, 200, 200, 200, 200, 200),
    "n/<slug:network>/decisions/<int:pk>/":                     (302, 404, 403, 200, 200, 200, 200, 200),
    "n/<slug:network>/decisions/<int:pk>/close/":               (302, 404, 403, 403, 403, 302, 302, 302),
    "n/<slug:network>/decisions/<int:pk>/escalate/":            (302, 404, 403, 403, 403, 403, 302, 302),
    "n/<slug:network>/decisions/<int:pk>/vote/":                (302, 404, 403, 403, 302, 302, 403, 302),
    "n/<slug:network>/meetings/<int:meeting>/decisions/new/":   (302, 404, 403, 200, 200, 200, 200, 200),
    "n/<slug:network>/meetings/<int:pk>/":                      (302, 404, 403, 200, 200, 200, 200, 200),
    "n/<slug:network>/meetings/<int:pk>/attendance/":           (302, 404, 403, 403, 403, 302, 302, 302),
    "n/<slug:network>/meetings/<int:pk>/cancel/":               (302, 404, 403, 403, 403, 200, 200, 200),
    "n/<slug:network>/meetings/<int:pk>/move/":                 (302, 404, 403, 403, 403, 200, 200, 200),
    "n/<slug:network>/meetings/<int:pk>/details/":              (302, 404, 403, 403, 403, 200, 200, 200),
    # AGENDA: the draft agenda (and its files) for the body, published ones for the whole network;
    # building it for who runs the body; proposing for members. An empty POST either fails the
    # form (400) or is refused by the service and redirects back with its message (302).
    "n/<slug:network>/meetings/<int:pk>/agenda/":               (302, 404, 403, 200, 200, 200, 200, 200),
    "n/<slug:network>/meetings/<int:pk>/agenda/items/":         (302, 404, 403, 403, 403, 400, 400, 400),
    "n/<slug:network>/meetings/<int:pk>/agenda/order/":         (302, 404, 403, 403, 403, 302, 302, 302),
    "n/<slug:network>/meetings/<int:pk>/agenda/publish/":       (302, 404, 403, 403, 403, 302, 302, 302),
    "n/<slug:network>/meetings/<int:pk>/agenda/announce/":      (302, 404, 403, 403, 403, 302, 302, 302),
    "n/<slug:network>/meetings/<int:pk>/agenda/proposals/":     (302, 404, 403, 400, 400, 400, 400, 400),
    "n/<slug:network>/meetings/<int:pk>/agenda/suggestions/":   (302, 404, 403, 403, 403, 302, 302, 302),
    "n/<slug:network>/agenda-items/<int:pk>/edit/":             (302, 404, 403, 403, 403, 200, 200, 200),
    "n/<slug:network>/agenda-items/<int:pk>/remove/":           (302, 404, 403, 403, 403, 302, 302, 302),
    "n/<slug:network>/agenda-items/<int:pk>/move/":             (302, 404, 403, 403, 403, 302, 302, 302),
    "n/<slug:network>/agenda-items/<int:pk>/accept/":           (302, 404, 403, 403, 403, 302, 302, 302),
    "n/<slug:network>/agenda-items/<int:pk>/merge/":            (302, 404, 403, 403, 403, 302, 302, 302),
    "n/<slug:network>/agenda-items/<int:pk>/decline/":          (302, 404, 403, 403, 403, 302, 302, 302),
    "n/<slug:network>/agenda-items/<int:pk>/attachments/":      (302, 404, 403, 403, 403, 302, 302, 302),
    "n/<slug:network>/attachments/<int:pk>/":                   (302, 404, 403, 200, 200, 200, 200, 200),
    "n/<slug:network>/attachments/<int:pk>/remove/":            (302, 404, 403, 403, 403, 302, 302, 302),
    # CONDUCT: replies by the invited (empty form: a message), minutes for insiders until approved,
    # action items done by their owner (the voting member here) or who runs the body.
    "n/<slug:network>/meetings/<int:pk>/reply/":                (302, 404, 403, 302, 302, 302, 302, 302),
    "n/<slug:network>/meetings/<int:pk>/minutes/":              (302, 404, 403, 200, 200, 200, 200, 200),
    "n/<slug:network>/meetings/<int:pk>/minutes/submit/":       (302, 404, 403, 403, 403, 302, 302, 302),
    "n/<slug:network>/meetings/<int:pk>/minutes/approve/":      (302, 404, 403, 403, 403, 302, 302, 302),
    "n/<slug:network>/meetings/<int:pk>/actions/new/":          (302, 404, 403, 403, 403, 302, 302, 302),
    "n/<slug:network>/actions/<int:pk>/done/":                  (302, 404, 403, 403, 302, 302, 302, 302),
    "n/<slug:network>/mine/":                                   (302, 404, 200, 200, 200, 200, 200, 200),
    # PEOPLE: every member reads the people, a person's and an organisation's page (e-mail addresses: the coordinator).
    "n/<slug:network>/people/":                                 (302, 404, 200, 200, 200, 200, 200, 200),
    "n/<slug:network>/people/<int:pk>/":                        (302, 404, 200, 200, 200, 200, 200, 200),
    "n/<slug:network>/organisations/<int:pk>/":                 (302, 404, 200, 200, 200, 200, 200, 200),
    # PROJECTS: every member reads the projects; making one takes the coordinator or running a body
    # (the chair), changing one the coordinator or running the body that follows it up (the Beleidsgroep).
    "n/<slug:network>/projects/":                               (302, 404, 200, 200, 200, 200, 200, 200),
    "n/<slug:network>/projects/new/":                           (302, 404, 403, 403, 403, 200, 200, 200),
    "n/<slug:network>/projects/<int:pk>/":                      (302, 404, 200, 200, 200, 200, 200, 200),
    "n/<slug:network>/projects/<int:pk>/edit/":                 (302, 404, 403, 403, 403, 200, 200, 200),
}  # fmt: skip

# What each URL parameter is filled with; `pk` depends on the kind of record.
PARAMETERS = {"network": "plantrekkers", "body": "beleidsgroep", "uidb64": "MQ", "token": "ongeldige-link"}
PARAMETERS["feed_token"] = "agendalink-van-tom"  # CAL: the voting member's live calendar link (records)
PK_OF = {"meetings/": "meeting", "decisions/": "decision", "advice/": "advice", "assignments/": "assignment"}
PK_OF["actions/"] = "action"  # CONDUCT
PK_OF["agenda-items/"] = "agenda_item"  # AGENDA
PK_OF["attachments/"] = "attachment"  # AGENDA
PK_OF["projects/"] = "project"  # PROJECTS
PK_OF["people/"] = "person"  # PEOPLE
PK_OF["organisations"] = "organization"  # PEOPLE (the route's first 13 characters hold no slash)


def routes(patterns=None, prefix=""):
    patterns = get_resolver("governance.urls").url_patterns if patterns is None else patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        else:
            yield route


def url_for(route: str, records: dict) -> str:
    def value(match):
        name = match.group(1)
        if name == "meeting":
            return str(records["meeting"].pk)
        if name == "pk":
            kind = next(kind for prefix, kind in PK_OF.items() if prefix in route.removeprefix("n/<slug:network>/")[:13])
            return str(records[kind].pk)
        return PARAMETERS[name]

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", value, route)


@pytest.fixture
def anonymous():
    return None


def make_records(network, voting_member) -> dict:
    """One record of each kind around the Beleidsgroep."""
    bodies = {body.name: body for body in Body.objects.filter(network=network)}
    beleidsgroep, forum = bodies[seed.BELEIDSGROEP], bodies[seed.FORUM]
    meeting = MeetingFactory(body=beleidsgroep, date=datetime.date(2026, 12, 1))
    decision = decision_propose(meeting=meeting, domain="staff", text="Aanwerving", amount_eur=None, by=None)
    advice = Advice.objects.create(
        from_body=forum,
        to_body=beleidsgroep,
        mandate=forum.mandates.get(kind=Mandate.Kind.ADVISE),
        domain="policy",
        subject="Wachtlijsten",
        text="Advies",
        given_on=datetime.date(2026, 11, 1),
    )
    assignment = Assignment.objects.create(
        from_body=beleidsgroep,
        to_body=bodies[seed.ONDERSTEUNINGSGROEP],
        mandate=beleidsgroep.mandates.get(kind=Mandate.Kind.ASSIGN),
        title="Procedure crisisopvang",
        due_date=datetime.date(2027, 1, 1),
        given_on=datetime.date(2026, 11, 1),
    )
    FeedTokenFactory(user=voting_member, token=PARAMETERS["feed_token"])  # CAL
    records = {"meeting": meeting, "decision": decision, "advice": advice, "assignment": assignment}
    # CONDUCT: an action item of the Beleidsgroep's meeting, owned by the voting member.
    records["action"] = ActionItem.objects.create(
        meeting=meeting, title="Offerte opvragen", owner=voting_member.people.get(), due_date=datetime.date(2027, 1, 1)
    )
    # AGENDA: an item on the Beleidsgroep's draft agenda with a file (in a temporary MEDIA_ROOT).
    records["agenda_item"] = AgendaItem.objects.create(meeting=meeting, title="Begroting 2027")
    records["attachment"] = AgendaAttachment(
        item=records["agenda_item"], name="begroting.pdf", size=9, content_type="application/pdf"
    )
    records["attachment"].file.save("begroting.pdf", ContentFile(ATTACHMENT), save=True)
    # PROJECTS: a project the Beleidsgroep follows up.
    records["project"] = Project.objects.create(network=network, title="Crisisopvang", body=beleidsgroep)
    # PEOPLE: the voting member's own person.
    records["person"] = voting_member.people.get()
    # PEOPLE: the organisation the voting member sits for.
    records["organization"] = voting_member.people.get().memberships.first().organization
    return records


ATTACHMENT = b"%PDF-1.4\n"

# What the records are made on: the whole cast, so that any persona fits in with them.
CAST_OF_RECORDS = ["network", "other_network", "other_network_member", "forum_member", "member_without_vote"]
CAST_OF_RECORDS += ["voting_member", "chair", "coordinator"]


@pytest.fixture(scope="module")
def records_rows(seed_rows, cast_rows, django_db_blocker, tmp_path_factory):
    """The records' rows, made once for the module on top of the seed and the cast, then rolled back."""
    snapshots, _ = cast_rows
    with django_db_blocker.unblock(), WRITES.quiet(), transaction.atomic():
        seed_rows.restore()
        for snapshot in snapshots.values():
            snapshot.restore()
        with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("records"))):
            network = Network.objects.get(slug=PARAMETERS["network"])
            rows = Snapshot(lambda: make_records(network, snapshots["voting_member"].made_again()))
        transaction.set_rollback(True)
    return rows


@pytest.fixture
def records(
    cast, network, other_network_member, coordinator, voting_member, member_without_vote, chair, forum_member, records_rows
):
    """The whole cast, and one record of each kind around the Beleidsgroep: the same rows in every test."""
    if not cast.restore("records", records_rows, CAST_OF_RECORDS):
        return make_records(network, voting_member)
    records = {kind: type(made)._base_manager.get(pk=made.pk) for kind, made in records_rows.made.items()}
    # The file is not a row: written again into this test's MEDIA_ROOT, where a removal may delete it.
    name = records["attachment"].file.name
    assert default_storage.save(name, ContentFile(ATTACHMENT)) == name
    return records


@pytest.fixture(autouse=True)
def agenda_media(settings, tmp_path):  # AGENDA: attachments of the records land in a temporary folder
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture(autouse=True)
def pages_not_rendered(monkeypatch):
    # Only the status (and a redirect's target) is asserted, which the views decide before
    # any template is rendered: an empty page saves the rendering (pretix's perf_patch).
    # The pages themselves are rendered by each view's own tests.
    monkeypatch.setattr("django.template.backends.django.Template.render", lambda *args, **kwargs: "")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", sorted(routes()))
def test_each_persona_gets_the_expected_status_on_each_url(client, login, records, request, route, persona):
    assert route in EXPECTED, f"URL pattern {route!r} has no row in EXPECTED: decide who may see it."
    user = request.getfixturevalue(persona)
    if user is not None:
        login(user)  # the network admin with a session verified by the second step (MFA)

    url = url_for(route, records)
    response = client.post(url) if route in POST_ONLY else client.get(url)

    expected = EXPECTED[route][PERSONAS.index(persona)]
    assert response.status_code == expected, f"{persona} on {url}"
    if expected == 302 and persona == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_every_row_of_the_table_is_still_a_url_pattern():
    assert set(EXPECTED) - set(routes()) == set()
