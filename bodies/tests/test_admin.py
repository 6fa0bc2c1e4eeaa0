"""The network admin's pages: they load, validate in Dutch and record who changed what."""

import datetime
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from guardian.models import UserObjectPermission

from bodies import seed
from bodies.models import (
    AccessGroup,
    Body,
    BodyGroupObjectPermission,
    BodyUserObjectPermission,
    Mandate,
    Membership,
    Network,
    Role,
)
from bodies.permissions import COORDINATE, RUN, VIEW_INTERNALS, VIEW_NETWORK, may, networks_for_user
from bodies.services import network_load_seed
from bodies.tests.factories import (
    BodyFactory,
    CadencePhaseFactory,
    MembershipFactory,
    NetworkFactory,
    UserFactory,
)
from meetings.models import Decision, Vote
from referrals.models import Advice, Assignment
from meetings.tests.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory
from meetings.models import AgendaItem, Attendance
from mfa.tests.helpers import verified_login

pytestmark = pytest.mark.django_db
User = get_user_model()


def fresh(user):
    """The user as the next request loads it: no permission cached."""
    return User.objects.get(pk=user.pk)


class _FormReader(HTMLParser):
    """The fields of the admin's change form (id ending in _form), as a browser would post them."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.in_form = False
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = (attrs.get("id") or "").endswith("_form")
        elif not self.in_form:
            return
        elif tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.data.setdefault(attrs["name"], []).append(attrs.get("value") or "")
        elif tag == "select":
            self.select = attrs.get("name")
            self.data.setdefault(self.select, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select].append(attrs.get("value") or "")
        elif tag == "textarea":
            self.textarea = attrs.get("name")
            self.data[self.textarea] = [""]

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][0] += data.removeprefix("\n") if not self.data[self.textarea][0] else data


def change_form_data(client, url) -> dict[str, list[str]]:
    reader = _FormReader()
    reader.feed(client.get(url).content.decode())
    assert reader.data, "no change form on the page"
    return reader.data


def body_of(name: str) -> Body:
    return Body.objects.get(network__slug=seed.NETWORK["slug"], name=name)


@pytest.fixture
def admin_client(client):
    # The admin admits only a session verified by the second step (mfa).
    return verified_login(client, UserFactory(username="beheerder", is_staff=True, is_superuser=True))


@pytest.fixture
def kernteam_decision_mandate():
    network_load_seed()
    return Mandate.objects.get(body__kind="core_team", kind="decide")


def mandate_form(mandate: Mandate, **changes) -> dict:
    data = {
        "body": mandate.body_id,
        "text": mandate.text,
        "kind": mandate.kind,
        "domains": mandate.domains,
        "limit_eur": "" if mandate.limit_eur is None else mandate.limit_eur,
        "delegated_by": mandate.delegated_by_id or "",
        "targets": list(mandate.targets.values_list("pk", flat=True)),
        "valid_from": mandate.valid_from or "",
        "valid_until": mandate.valid_until or "",
        "position": mandate.position,
    }
    if mandate.is_unlimited:
        data["is_unlimited"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_changed_mandate_keeps_its_history_with_the_author(admin_client, kernteam_decision_mandate):
    mandate = kernteam_decision_mandate
    url = reverse("admin:bodies_mandate_change", args=[mandate.pk])
    response = admin_client.post(url, mandate_form(mandate, limit_eur="2500"))
    assert response.status_code == 302
    latest, previous = mandate.history.all()[:2]
    assert latest.history_user.username == "beheerder"
    assert latest.limit_eur == 2500 and previous.limit_eur is None
    assert [change.field for change in latest.diff_against(previous).changes] == ["limit_eur"]


def test_a_decision_keeps_pointing_at_the_mandate_version_it_was_checked_against(
    admin_client, kernteam_decision_mandate
):
    mandate = kernteam_decision_mandate
    checked_against = mandate.history.latest()
    decision = Decision.objects.create(
        meeting=MeetingFactory(body=mandate.body),
        domain="finance",
        text="Vorming voor de gezinscoaches.",
        mandate=mandate,
        mandate_record=checked_against,
    )
    url = reverse("admin:bodies_mandate_change", args=[mandate.pk])
    assert admin_client.post(url, mandate_form(mandate, limit_eur="2500")).status_code == 302

    decision.refresh_from_db()
    assert decision.mandate_record == checked_against
    assert decision.mandate_record.limit_eur is None
    assert mandate.history.latest().limit_eur == 2500
    assert decision.mandate_record.history_id != mandate.history.latest().history_id


def test_a_negative_limit_in_the_admin_is_refused_in_dutch(admin_client, kernteam_decision_mandate):
    mandate = kernteam_decision_mandate
    url = reverse("admin:bodies_mandate_change", args=[mandate.pk])
    response = admin_client.post(url, mandate_form(mandate, limit_eur="-5"), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert "Zorg ervoor dat deze waarde minstens 0 is." in response.content.decode()
    mandate.refresh_from_db()
    assert mandate.limit_eur is None


def test_a_mandate_without_domain_is_refused_in_dutch(admin_client, kernteam_decision_mandate):
    mandate = kernteam_decision_mandate
    url = reverse("admin:bodies_mandate_change", args=[mandate.pk])
    response = admin_client.post(url, mandate_form(mandate, domains=[]), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Kies minstens één domein." in response.content.decode()


def test_the_body_page_shows_remit_seats_members_mandates_and_cadence(admin_client):
    network_load_seed(demo_people=True)
    from bodies.models import Body

    body = Body.objects.get(kind="policy_group")
    response = admin_client.get(reverse("admin:bodies_body_change", args=[body.pk]), HTTP_ACCEPT_LANGUAGE="nl")
    content = response.content.decode()
    assert response.status_code == 200
    for prefix in ("tasks", "seats", "memberships", "mandates", "cadence"):
        assert f'id="{prefix}-group"' in content, prefix
    assert "Bewaakt de missie, visie en de doelstellingen" in content


def test_a_membership_ending_before_it_starts_is_refused_in_the_admin(admin_client):
    membership = MembershipFactory()
    url = reverse("admin:bodies_membership_change", args=[membership.pk])
    response = admin_client.post(
        url,
        {
            "body": membership.body_id,
            "seat": membership.seat_id,
            "person": membership.person_id,
            "has_voting_right": "on",
            "start_date": "2024-05-01",
            "end_date": "2024-04-01",
        },
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 200
    assert "Een lidmaatschap kan niet eindigen vóór het begint." in response.content.decode()
    membership.refresh_from_db()
    assert membership.end_date is None
    assert membership.start_date == datetime.date(2023, 2, 1)




def test_a_rhythm_that_is_no_meeting_rhythm_is_refused_in_the_admin_in_dutch(admin_client):
    phase = CadencePhaseFactory(rrule="FREQ=MONTHLY")
    cadence = phase.cadence
    response = admin_client.post(
        reverse("admin:bodies_cadence_change", args=[cadence.pk]),
        {
            "body": cadence.body_id,
            "description": "",
            "location": "",
            "phases-TOTAL_FORMS": "1",
            "phases-INITIAL_FORMS": "1",
            "phases-MIN_NUM_FORMS": "0",
            "phases-MAX_NUM_FORMS": "1000",
            "phases-0-id": phase.pk,
            "phases-0-cadence": cadence.pk,
            "phases-0-position": "0",
            "phases-0-label": "",
            "phases-0-rrule": "FREQ=SECONDLY",
        },
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 200
    assert "Deze herhalingsregel is geen vergaderritme: FREQ=SECONDLY. Toegelaten: FREQ=DAILY" in (
        response.content.decode()
    )
    phase.refresh_from_db()
    assert phase.rrule == "FREQ=MONTHLY"


def test_the_admin_keeps_the_raw_rule_and_shows_it_in_words(admin_client):
    phase = CadencePhaseFactory(rrule="FREQ=MONTHLY;BYDAY=2TH")

    response = admin_client.get(
        reverse("admin:bodies_cadence_change", args=[phase.cadence.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    )

    html = response.content.decode()
    assert 'name="phases-0-rrule"' in html and 'value="FREQ=MONTHLY;BYDAY=2TH"' in html
    assert "elke maand op de tweede donderdag" in html


# --- the rules of who may do what, edited in the admin ---------------------------------------


def test_an_unlimited_mandate_is_saved_from_the_admin(admin_client, kernteam_decision_mandate):
    mandate = kernteam_decision_mandate
    url = reverse("admin:bodies_mandate_change", args=[mandate.pk])
    response = admin_client.post(url, mandate_form(mandate, is_unlimited="on"))
    assert response.status_code == 302
    mandate.refresh_from_db()
    assert mandate.is_unlimited and mandate.limit_eur is None


def test_an_unlimited_mandate_with_a_limit_is_refused_in_dutch(admin_client, kernteam_decision_mandate):
    mandate = kernteam_decision_mandate
    url = reverse("admin:bodies_mandate_change", args=[mandate.pk])
    response = admin_client.post(
        url, mandate_form(mandate, is_unlimited="on", limit_eur="100"), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert "Een onbeperkt mandaat heeft geen limiet." in response.content.decode()
    mandate.refresh_from_db()
    assert not mandate.is_unlimited


def test_flagging_a_role_as_coordinator_in_the_admin_makes_its_seat_holders_coordinators(admin_client, coordinator):
    network = Network.objects.get(slug=seed.NETWORK["slug"])
    role = Role.objects.get(network=network, name=seed.COORDINATOR_ROLE)
    role.is_coordinator = False
    role.save()
    assert not may(fresh(coordinator), COORDINATE, network)
    url = reverse("admin:bodies_role_change", args=[role.pk])
    response = admin_client.post(
        url, {"network": network.pk, "name": role.name, "description": "", "is_coordinator": "on"}
    )
    assert response.status_code == 302
    assert may(fresh(coordinator), COORDINATE, network)


def test_the_body_page_sets_quorum_and_majority_rule(admin_client):
    network_load_seed()
    body = body_of(seed.BELEIDSGROEP)
    url = reverse("admin:bodies_body_change", args=[body.pk])
    data = change_form_data(admin_client, url)
    data.update(quorum_percent=["60"], majority_rule=["two_thirds"])
    assert admin_client.post(url, data).status_code == 302
    body.refresh_from_db()
    assert (body.quorum_percent, body.majority_rule) == (60, "two_thirds")


def test_a_quorum_above_100_is_refused_on_the_body_page_in_dutch(admin_client):
    network_load_seed()
    body = body_of(seed.BELEIDSGROEP)
    url = reverse("admin:bodies_body_change", args=[body.pk])
    data = change_form_data(admin_client, url)
    data["quorum_percent"] = ["150"]
    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert "Zorg ervoor dat deze waarde hoogstens 100 is." in response.content.decode()
    body.refresh_from_db()
    assert body.quorum_percent == 50


def test_a_chair_named_on_the_body_page_may_run_that_body(admin_client, voting_member):
    body = body_of(seed.BELEIDSGROEP)
    membership = Membership.objects.get(body=body, person__user=voting_member)
    assert not may(fresh(voting_member), RUN, body)
    url = reverse("admin:bodies_body_change", args=[body.pk])
    data = change_form_data(admin_client, url)
    row = next(key.split("-")[1] for key, value in data.items() if key.endswith("-id") and value == [str(membership.pk)])
    data[f"memberships-{row}-office"] = ["chair"]
    assert admin_client.post(url, data).status_code == 302
    assert may(fresh(voting_member), RUN, body)
    assert not may(fresh(voting_member), RUN, body_of(seed.KERNTEAM))


def test_the_body_page_shows_the_new_fields_of_mandates_and_members(admin_client, coordinator):
    body = body_of(seed.BELEIDSGROEP)
    content = admin_client.get(reverse("admin:bodies_body_change", args=[body.pk])).content.decode()
    assert 'name="mandates-0-is_unlimited"' in content
    assert 'name="memberships-0-office"' in content


# --- choices stay inside the network --------------------------------------------------------


def body_choices(response, field: str) -> set[str]:
    return {str(body) for body in response.context["adminform"].form.fields[field].queryset}


def test_the_mandate_page_offers_only_bodies_of_the_mandates_network(admin_client, kernteam_decision_mandate):
    BodyFactory(network=NetworkFactory(), name="Stuurgroep elders")
    response = admin_client.get(reverse("admin:bodies_mandate_change", args=[kernteam_decision_mandate.pk]))
    for field in ("body", "delegated_by", "targets"):
        assert body_choices(response, field) == {"Kernteam", "Beleidsgroep", "Inhoudelijke Ondersteuningsgroep",
                                                 "Netwerk Forum"}, field


def test_the_mandates_on_the_body_page_offer_only_bodies_of_that_network(admin_client):
    network_load_seed()
    BodyFactory(network=NetworkFactory(), name="Stuurgroep elders")
    response = admin_client.get(reverse("admin:bodies_body_change", args=[body_of(seed.KERNTEAM).pk]))
    formset = next(formset for formset in response.context["inline_admin_formsets"] if formset.opts.model is Mandate)
    for field in ("delegated_by", "targets"):
        names = {str(body) for body in formset.formset.form.base_fields[field].queryset}
        assert "Stuurgroep elders" not in names and "Beleidsgroep" in names, field


def test_a_forged_target_of_another_network_is_refused(admin_client, kernteam_decision_mandate):
    elsewhere = BodyFactory(network=NetworkFactory(), name="Stuurgroep elders")
    mandate = kernteam_decision_mandate
    url = reverse("admin:bodies_mandate_change", args=[mandate.pk])
    response = admin_client.post(url, mandate_form(mandate, targets=[elsewhere.pk]), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert not mandate.targets.filter(pk=elsewhere.pk).exists()


def test_a_target_of_another_network_is_refused_by_the_form_itself(kernteam_decision_mandate):
    from bodies.admin import MandateForm

    elsewhere = BodyFactory(network=NetworkFactory(), name="Stuurgroep elders")
    mandate = kernteam_decision_mandate
    form = MandateForm(mandate_form(mandate, targets=[elsewhere.pk]), instance=mandate)
    assert not form.is_valid()
    assert form.errors["targets"] == ["Dit orgaan hoort bij een ander netwerk."]


# --- rights granted by hand on one object ---------------------------------------------------


@pytest.fixture
def expert(db):
    """An outside expert: a login without any seat in the network."""
    return UserFactory(username="externe-expert")


def grant_url(obj, user) -> str:
    name = f"admin:bodies_{obj._meta.model_name}_permissions_manage_user"
    return reverse(name, args=[obj.pk, user.pk])


def test_the_body_page_links_to_its_object_rights(admin_client):
    network_load_seed()
    body = body_of(seed.KERNTEAM)
    content = admin_client.get(reverse("admin:bodies_body_change", args=[body.pk])).content.decode()
    assert reverse("admin:bodies_body_permissions", args=[body.pk]) in content


def test_an_admin_grants_an_outside_expert_the_internals_of_one_body(admin_client, expert):
    network_load_seed()
    kernteam = body_of(seed.KERNTEAM)
    response = admin_client.post(grant_url(kernteam, expert), {"permissions": [VIEW_INTERNALS]})
    assert response.status_code == 302
    assert may(fresh(expert), VIEW_INTERNALS, kernteam)
    assert not may(fresh(expert), VIEW_INTERNALS, body_of(seed.BELEIDSGROEP))
    assert not may(fresh(expert), RUN, kernteam)
    # Guardian's direct foreign-key model, never its generic one.
    assert BodyUserObjectPermission.objects.filter(user=expert, content_object=kernteam).count() == 1
    assert not UserObjectPermission.objects.exists()


def test_a_grant_by_hand_vanishes_with_its_body(admin_client, expert):
    network = network_load_seed().network
    working_group = BodyFactory(network=network, kind=Body.Kind.WORKING_GROUP, parent=body_of(seed.BELEIDSGROEP))
    admin_client.post(grant_url(working_group, expert), {"permissions": [VIEW_INTERNALS]})
    assert may(fresh(expert), VIEW_INTERNALS, working_group)

    response = admin_client.post(
        reverse("admin:bodies_body_delete", args=[working_group.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not BodyUserObjectPermission.objects.filter(user=expert).exists()


def test_an_admin_lets_an_outside_expert_into_the_network(admin_client, expert, client):
    network = network_load_seed().network
    admin_client.post(grant_url(network, expert), {"permissions": [VIEW_NETWORK]})
    assert list(networks_for_user(fresh(expert))) == [network]
    client.force_login(expert)
    assert client.get(reverse("pages:network", kwargs={"network": network.slug})).status_code == 200


def test_the_grant_page_offers_only_the_governance_rights(admin_client, expert):
    network_load_seed()
    response = admin_client.get(grant_url(body_of(seed.KERNTEAM), expert))
    choices = [value for value, _label in response.context["form"].fields["permissions"].choices]
    assert sorted(choices) == ["propose_decision", "run_body", "view_body_internals", "vote_in_body"]


def test_a_model_wide_right_posted_to_the_grant_page_is_refused(admin_client, expert):
    network_load_seed()
    kernteam = body_of(seed.KERNTEAM)
    response = admin_client.post(grant_url(kernteam, expert), {"permissions": ["delete_body"]})
    assert response.status_code == 200
    assert not BodyUserObjectPermission.objects.filter(user=expert).exists()


def test_an_admin_gives_a_group_of_their_own_a_right_on_one_body(admin_client, expert):
    network_load_seed()
    kernteam = body_of(seed.KERNTEAM)
    experts = Group.objects.create(name="Externe experten")
    expert.groups.add(experts)
    url = reverse("admin:bodies_body_permissions_manage_group", args=[kernteam.pk, experts.pk])
    assert admin_client.post(url, {"permissions": [VIEW_INTERNALS]}).status_code == 302
    assert BodyGroupObjectPermission.objects.filter(group=experts, content_object=kernteam).count() == 1
    assert may(fresh(expert), VIEW_INTERNALS, kernteam)


def test_a_group_that_follows_the_memberships_is_not_offered_for_grants_by_hand(admin_client):
    network_load_seed()
    kernteam = body_of(seed.KERNTEAM)
    managed = AccessGroup.objects.get(body=kernteam, kind=AccessGroup.Kind.BODY_MEMBERS).group
    response = admin_client.post(
        reverse("admin:bodies_body_permissions", args=[kernteam.pk]),
        {"group": managed.name, "submit_manage_group": "1"},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 200
    assert "Deze groep volgt de lidmaatschappen" in response.content.decode()


def test_the_grant_page_of_a_managed_group_sends_the_admin_back(admin_client):
    network_load_seed()
    kernteam = body_of(seed.KERNTEAM)
    managed = AccessGroup.objects.get(body=kernteam, kind=AccessGroup.Kind.BODY_MEMBERS).group
    before = BodyGroupObjectPermission.objects.filter(group=managed).count()
    url = reverse("admin:bodies_body_permissions_manage_group", args=[kernteam.pk, managed.pk])
    response = admin_client.post(url, {"permissions": ["run_body"]})
    assert response.status_code == 302
    assert response.url == reverse("admin:bodies_body_permissions", args=[kernteam.pk])
    assert BodyGroupObjectPermission.objects.filter(group=managed).count() == before


# --- access groups: derived, to read --------------------------------------------------------


def test_access_groups_are_listed_with_their_member_counts(admin_client, voting_member):
    response = admin_client.get(reverse("admin:bodies_accessgroup_changelist"), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert "Beleidsgroep: Stemgerechtigde leden" in response.content.decode()


def test_an_access_group_cannot_be_added_changed_or_deleted(admin_client, voting_member):
    access = AccessGroup.objects.get(body=body_of(seed.BELEIDSGROEP), kind=AccessGroup.Kind.VOTING_MEMBERS)
    assert admin_client.get(reverse("admin:bodies_accessgroup_add")).status_code == 403
    change = admin_client.post(reverse("admin:bodies_accessgroup_change", args=[access.pk]), {"kind": "officers"})
    assert change.status_code == 403
    delete = admin_client.post(reverse("admin:bodies_accessgroup_delete", args=[access.pk]), {"post": "yes"})
    assert delete.status_code == 403
    access.refresh_from_db()
    assert access.kind == AccessGroup.Kind.VOTING_MEMBERS


def test_an_access_group_page_shows_its_logins(admin_client, voting_member):
    access = AccessGroup.objects.get(body=body_of(seed.BELEIDSGROEP), kind=AccessGroup.Kind.VOTING_MEMBERS)
    content = admin_client.get(reverse("admin:bodies_accessgroup_change", args=[access.pk])).content.decode()
    assert "kernpartner" in content
    assert 'type="submit" value="Opslaan"' not in content and 'name="_save"' not in content


# --- meetings and the registers -------------------------------------------------------------


@pytest.fixture
def open_decision(network):
    mandate = Mandate.objects.get(body__network=network, body__name=seed.KERNTEAM, kind="decide")
    return Decision.objects.create(
        meeting=MeetingFactory(body=mandate.body),
        domain="finance",
        text="Vorming voor de gezinscoaches.",
        mandate=mandate,
        mandate_record=mandate.history.latest(),
    )


def test_a_decisions_outcome_cannot_be_typed_in_the_admin(admin_client, open_decision):
    url = reverse("admin:meetings_decision_change", args=[open_decision.pk])
    response = admin_client.post(
        url,
        {
            "text": "Vorming voor alle gezinscoaches.",
            "status": "adopted",
            "votes_for": "9",
            "amount_eur": "99999",
            "domain": "staff",
            "votes-TOTAL_FORMS": "0",
            "votes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    open_decision.refresh_from_db()
    assert open_decision.text == "Vorming voor alle gezinscoaches."
    assert (open_decision.status, open_decision.votes_for, open_decision.amount_eur, open_decision.domain) == (
        "open",
        None,
        None,
        "finance",
    )
    assert open_decision.history.latest().history_user.username == "beheerder"


def test_a_decision_is_never_added_in_the_admin(admin_client, network):
    assert admin_client.get(reverse("admin:meetings_decision_add")).status_code == 403


def test_a_vote_is_read_only_in_the_admin(admin_client, open_decision, voting_member):
    vote = Vote.objects.create(
        decision=open_decision, person=voting_member.people.get(), choice=Vote.Choice.FOR
    )
    url = reverse("admin:meetings_vote_change", args=[vote.pk])
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"choice": "against"}).status_code == 403
    vote.refresh_from_db()
    assert vote.choice == "for"


def test_an_agenda_item_added_in_the_admin_records_the_admin(admin_client, network):
    meeting = MeetingFactory(body=body_of(seed.KERNTEAM))
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = change_form_data(admin_client, url)
    data.update(
        {
            "agenda_items-TOTAL_FORMS": ["1"],
            "agenda_items-0-position": ["1"],
            "agenda_items-0-title": ["Jaarplanning"],
            "agenda_items-0-kind": ["discussion"],
            "agenda_items-0-description": [""],
            "agenda_items-0-meeting": [str(meeting.pk)],
        }
    )
    assert admin_client.post(url, data).status_code == 302
    assert AgendaItem.objects.get(meeting=meeting).created_by.username == "beheerder"


def test_attendance_of_another_networks_person_is_refused(admin_client, network, other_network_member):
    meeting = MeetingFactory(body=body_of(seed.KERNTEAM))
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = change_form_data(admin_client, url)
    data.update(
        {
            "attendances-TOTAL_FORMS": ["1"],
            "attendances-0-person": [str(other_network_member.people.get().pk)],
            "attendances-0-status": ["present"],
            "attendances-0-meeting": [str(meeting.pk)],
        }
    )
    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert "Deze persoon hoort bij een ander netwerk." in response.content.decode()
    assert not Attendance.objects.filter(meeting=meeting).exists()


# --- every list at a constant number of queries --------------------------------------------


def fill_registers(network: Network, size: int) -> None:
    """`size` meetings with an agenda item and attendance, decisions with a vote, advice and assignments."""
    kernteam, beleidsgroep = body_of(seed.KERNTEAM), body_of(seed.BELEIDSGROEP)
    forum, support = body_of(seed.FORUM), body_of(seed.ONDERSTEUNINGSGROEP)
    decide = Mandate.objects.get(body=kernteam, kind="decide")
    advise = Mandate.objects.get(body=forum, kind="advise")
    assign = Mandate.objects.filter(body=beleidsgroep, kind="assign").first()
    people = list(network.people.order_by("pk"))
    today = timezone.localdate()
    for number in range(size):
        meeting = MeetingFactory(body=kernteam, date=today + datetime.timedelta(days=number))
        AgendaItemFactory(meeting=meeting)
        AttendanceFactory(meeting=meeting, person=people[number % len(people)])
        decision = Decision.objects.create(
            meeting=meeting, domain="finance", text=f"Besluit {number}", amount_eur=Decimal("10"), mandate=decide
        )
        Vote.objects.create(decision=decision, person=people[number % len(people)], choice=Vote.Choice.FOR)
        Advice.objects.create(
            from_body=forum, to_body=beleidsgroep, mandate=advise, domain="policy", subject=f"Advies {number}",
            text="Tekst.", given_on=today,
        )
        Assignment.objects.create(
            from_body=beleidsgroep, to_body=support, mandate=assign, title=f"Opdracht {number}",
            due_date=today, given_on=today,
        )


@pytest.mark.parametrize("size", [1, 10])
@pytest.mark.parametrize(
    "url_name",
    [
        "admin:bodies_body_changelist",
        "admin:bodies_membership_changelist",
        "admin:bodies_mandate_changelist",
        "admin:bodies_person_changelist",
        "admin:bodies_role_changelist",
        "admin:bodies_accessgroup_changelist",
        "admin:meetings_meeting_changelist",
        "admin:meetings_decision_changelist",
        "admin:meetings_vote_changelist",
        "admin:referrals_advice_changelist",
        "admin:referrals_assignment_changelist",
    ],
)
def test_admin_lists_run_a_constant_number_of_queries(admin_client, url_name, size, django_assert_max_num_queries):
    network = network_load_seed(demo_people=True).network
    fill_registers(network, size)
    for _ in range(size - 1):
        BodyFactory(network=network, kind=Body.Kind.WORKING_GROUP, parent=body_of(seed.BELEIDSGROEP))
    # Session, user, then per list: the total count, the filtered count, the page of
    # rows with their related rows joined, and one query per related-field filter
    # or date hierarchy; never one per row.
    with django_assert_max_num_queries(12):
        assert admin_client.get(reverse(url_name)).status_code == 200
