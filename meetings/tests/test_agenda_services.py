"""The agenda's rules: items, order, proposals, suggestions, publication and what is announced."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bodies import seed
from meetings.models import Decision
from referrals.models import Advice
from meetings.services.decisions import decision_escalate, decision_propose
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from meetings.models import ActionItem, AgendaItem, Meeting
from meetings.services import agenda as services
from meetings.signals import agenda_changed, agenda_published

from .helpers import body, meeting_of, person

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture
def meeting(network):
    return meeting_of(network, seed.BELEIDSGROEP, day=SOON, duration_minutes=90)


@pytest.fixture
def sent():
    """Every agenda signal sent during the test, as (name, kwargs)."""
    calls = []

    def published(sender, **kwargs):
        calls.append(("published", kwargs))

    def changed(sender, **kwargs):
        calls.append(("changed", kwargs))

    agenda_published.connect(published, weak=False)
    agenda_changed.connect(changed, weak=False)
    yield calls
    agenda_published.disconnect(published)
    agenda_changed.disconnect(changed)


def add(meeting, coordinator, title, **kwargs):
    return services.agenda_item_add(meeting=meeting, by=coordinator, title=title, **kwargs)


def titles(meeting):
    return list(meeting.agenda_items.on_agenda().order_by("position", "pk").values_list("title", flat=True))


# Items ----------------------------------------------------------------------------------


def test_items_join_the_agenda_at_the_end_with_their_author_in_the_history(meeting, coordinator):
    add(meeting, coordinator, "Verslag vorige vergadering")
    item = add(meeting, coordinator, "Begroting 2027", kind="decision", planned_minutes=30)

    assert titles(meeting) == ["Verslag vorige vergadering", "Begroting 2027"]
    assert item.created_by == coordinator
    assert item.history.first().history_user == coordinator


def test_the_presenter_must_be_a_member_of_the_body_on_the_meeting_date(meeting, coordinator, chair, forum_member):
    item = add(meeting, coordinator, "Jaarplan", presenter=person(chair))
    assert item.presenter == person(chair)

    with pytest.raises(ValidationError, match="lid van Beleidsgroep"):
        add(meeting, coordinator, "Forumwerking", presenter=person(forum_member))


def test_the_same_title_twice_is_refused_so_a_form_sent_twice_adds_one_item(meeting, coordinator):
    add(meeting, coordinator, "Begroting 2027")
    with pytest.raises(ValidationError, match="al een punt"):
        add(meeting, coordinator, " begroting 2027 ")
    assert titles(meeting) == ["Begroting 2027"]


def test_a_cancelled_meeting_gets_no_items(meeting, coordinator):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    with pytest.raises(ValidationError, match="geannuleerd"):
        add(meeting, coordinator, "Begroting")


def test_an_update_changes_only_the_editable_fields(meeting, coordinator):
    item = add(meeting, coordinator, "Begroting")
    services.agenda_item_update(item=item, by=coordinator, title="Begroting 2027", planned_minutes=20)
    item.refresh_from_db()
    assert (item.title, item.planned_minutes) == ("Begroting 2027", 20)
    with pytest.raises(ValueError):
        services.agenda_item_update(item=item, by=coordinator, status="declined")


def test_removing_from_a_draft_deletes_and_from_a_published_agenda_archives(meeting, coordinator):
    draft = add(meeting, coordinator, "Varia")
    assert services.agenda_item_remove(item=draft, by=coordinator) == "deleted"
    assert not AgendaItem.objects.filter(pk=draft.pk).exists()

    kept = add(meeting, coordinator, "Begroting")
    add(meeting, coordinator, "Jaarplan")
    services.agenda_publish(meeting=meeting, by=coordinator)
    assert services.agenda_item_remove(item=kept, by=coordinator) == "archived"
    kept.refresh_from_db()
    assert (kept.status, kept.decline_reason) == ("declined", services.REMOVED_REASON)
    assert titles(meeting) == ["Jaarplan"]


def test_an_item_carrying_an_escalated_decision_is_archived_not_deleted(network, coordinator):
    kernteam = meeting_of(network, seed.KERNTEAM, day=SOON - datetime.timedelta(days=3))
    target = meeting_of(network, seed.BELEIDSGROEP, day=SOON)
    decision = decision_propose(
        meeting=kernteam, domain="finance", text="Dienstwagen", amount_eur=99999999, by=None
    )
    assert decision.status == Decision.Status.OUT_OF_MANDATE
    item = decision_escalate(decision=decision, by=coordinator)
    assert item.meeting == target
    assert services.agenda_item_remove(item=item, by=coordinator) == "archived"
    decision.refresh_from_db()
    assert decision.escalated_to == item


# Order ----------------------------------------------------------------------------------


def test_reorder_writes_the_new_order_in_one_go(meeting, coordinator, django_assert_max_num_queries):
    a, b, c = (add(meeting, coordinator, title) for title in ("A", "B", "C"))
    # Queries: savepoint pair, lock, the items, the update, the history rows.
    with django_assert_max_num_queries(8):
        services.agenda_reorder(meeting=meeting, order=[c.pk, a.pk, b.pk], by=coordinator)
    assert titles(meeting) == ["C", "A", "B"]


@pytest.mark.parametrize(
    "forge",
    [
        lambda items, other: [items[1].pk, items[0].pk],  # one missing
        lambda items, other: [items[0].pk, items[1].pk, items[2].pk, items[2].pk],  # one twice
        lambda items, other: [items[0].pk, items[1].pk, other.pk],  # another meeting's item
        lambda items, other: [items[0].pk, items[1].pk, 999999],  # no such item
        lambda items, other: ["1 OR 1=1", items[1].pk, items[2].pk],  # not a number
    ],
    ids=["missing", "twice", "other-meeting", "unknown", "not-a-number"],
)
def test_reorder_refuses_an_order_that_is_not_exactly_this_agenda(meeting, coordinator, other_network, forge):
    items = [add(meeting, coordinator, title) for title in ("A", "B", "C")]
    other = AgendaItemFactory(meeting=MeetingFactory(body__network=other_network))
    with pytest.raises(ValidationError, match="volgorde klopt niet"):
        services.agenda_reorder(meeting=meeting, order=forge(items, other), by=coordinator)
    assert titles(meeting) == ["A", "B", "C"]


def test_a_proposal_is_not_part_of_the_order(meeting, coordinator, voting_member):
    a = add(meeting, coordinator, "A")
    proposal = services.agenda_item_propose(meeting=meeting, by=voting_member, person=person(voting_member), title="P")
    with pytest.raises(ValidationError):
        services.agenda_reorder(meeting=meeting, order=[proposal.pk, a.pk], by=coordinator)


def test_move_up_and_down_stops_at_the_ends(meeting, coordinator):
    a, b = add(meeting, coordinator, "A"), add(meeting, coordinator, "B")
    services.agenda_item_move(item=b, direction="up", by=coordinator)
    assert titles(meeting) == ["B", "A"]
    services.agenda_item_move(item=b, direction="up", by=coordinator)
    assert titles(meeting) == ["B", "A"]
    services.agenda_item_move(item=b, direction="down", by=coordinator)
    assert titles(meeting) == ["A", "B"]
    with pytest.raises(ValidationError):
        services.agenda_item_move(item=a, direction="sideways", by=coordinator)


# Publication and announcements ----------------------------------------------------------


def test_publishing_sets_the_moment_and_sends_the_signal_once(meeting, coordinator, sent):
    add(meeting, coordinator, "Begroting")
    services.agenda_publish(meeting=meeting, by=coordinator)
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is not None
    assert [(name, kwargs["meeting"].pk, kwargs["by"]) for name, kwargs in sent] == [
        ("published", meeting.pk, coordinator)
    ]
    with pytest.raises(ValidationError, match="al gepubliceerd"):
        services.agenda_publish(meeting=meeting, by=coordinator)
    assert len(sent) == 1


def test_an_empty_agenda_is_not_published(meeting, coordinator, sent):
    with pytest.raises(ValidationError, match="lege agenda"):
        services.agenda_publish(meeting=meeting, by=coordinator)
    assert sent == []


def test_changes_before_publication_are_not_announced(meeting, coordinator, sent):
    a = add(meeting, coordinator, "A")
    b = add(meeting, coordinator, "B")
    services.agenda_reorder(meeting=meeting, order=[b.pk, a.pk], by=coordinator)
    services.agenda_item_update(item=a, by=coordinator, title="A2")
    services.agenda_item_remove(item=a, by=coordinator)
    assert sent == []
    assert not meeting.agenda_changes.exists()


def test_every_change_after_publication_is_noted_in_dutch_and_waits_to_be_announced(meeting, coordinator, chair, sent):
    a = add(meeting, coordinator, "Begroting")
    b = add(meeting, coordinator, "Jaarplan")
    services.agenda_publish(meeting=meeting, by=coordinator)
    sent.clear()

    c = add(meeting, chair, "Personeel")
    services.agenda_item_update(item=a, by=chair, title="Begroting 2027", planned_minutes=15)
    services.agenda_reorder(meeting=meeting, order=[c.pk, a.pk, b.pk], by=chair)
    services.agenda_item_remove(item=b, by=chair)

    assert sent == []
    noted = [(change.description, change.is_news, change.made_by) for change in meeting.agenda_changes.all()]
    assert noted == [
        ("Punt toegevoegd: Personeel", True, chair),
        ("Punt gewijzigd: Begroting (titel, voorziene tijd (minuten))", True, chair),
        ("Volgorde van de agenda gewijzigd", False, chair),
        ("Punt geschrapt: Jaarplan", True, chair),
    ]
    a.refresh_from_db()
    assert a.history.first().history_user == chair
    assert a.history.count() >= 3


def test_an_unchanged_order_or_edit_notes_nothing(meeting, coordinator, sent):
    a = add(meeting, coordinator, "A")
    services.agenda_publish(meeting=meeting, by=coordinator)
    sent.clear()
    services.agenda_reorder(meeting=meeting, order=[a.pk], by=coordinator)
    services.agenda_item_update(item=a, by=coordinator, title="A")
    assert sent == []
    assert not meeting.agenda_changes.exists()


# Proposals ------------------------------------------------------------------------------


def test_members_propose_until_the_agenda_is_due(meeting, voting_member):
    close = services.proposals_close_on(meeting)
    assert close == meeting.date - datetime.timedelta(days=meeting.body.agenda_days)
    assert services.proposals_open(meeting, today=close)
    assert not services.proposals_open(meeting, today=close + datetime.timedelta(days=1))


def test_a_late_proposal_is_refused(network, voting_member):
    late = meeting_of(network, seed.BELEIDSGROEP, day=timezone.localdate() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="Voorstellen kon tot en met"):
        services.agenda_item_propose(meeting=late, by=voting_member, person=person(voting_member), title="Te laat")


def test_no_proposals_once_the_agenda_is_published(meeting, coordinator, voting_member):
    add(meeting, coordinator, "A")
    services.agenda_publish(meeting=meeting, by=coordinator)
    with pytest.raises(ValidationError, match="al gepubliceerd"):
        services.agenda_item_propose(meeting=meeting, by=voting_member, person=person(voting_member), title="P")


def test_an_accepted_proposal_joins_the_agenda_at_the_end(meeting, coordinator, voting_member):
    add(meeting, coordinator, "A")
    proposal = services.agenda_item_propose(
        meeting=meeting, by=voting_member, person=person(voting_member), title="Wachtlijsten"
    )
    assert titles(meeting) == ["A"]
    services.agenda_proposal_accept(item=proposal, by=coordinator)
    assert titles(meeting) == ["A", "Wachtlijsten"]
    with pytest.raises(ValidationError, match="al beslist"):
        services.agenda_proposal_accept(item=proposal, by=coordinator)


def test_a_proposal_merges_into_an_item_of_the_same_agenda_only(meeting, network, coordinator, voting_member):
    a = add(meeting, coordinator, "Jaarplan")
    proposal = services.agenda_item_propose(meeting=meeting, by=voting_member, person=person(voting_member), title="P")
    elsewhere = AgendaItemFactory(meeting=meeting_of(network, seed.BELEIDSGROEP, day=SOON + datetime.timedelta(days=1)))
    with pytest.raises(ValidationError, match="Kies een punt van deze agenda"):
        services.agenda_proposal_merge(item=proposal, into=elsewhere, by=coordinator)
    services.agenda_proposal_merge(item=proposal, into=a, by=coordinator)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.merged_into) == ("merged", a)


def test_merging_appends_the_proposals_title_and_text_to_the_target(meeting, coordinator, voting_member):
    target = add(meeting, coordinator, "Jaarplan", description="Eerste lezing.")
    proposal = services.agenda_item_propose(
        meeting=meeting, by=voting_member, person=person(voting_member), title="Wachtlijsten",
        description="Hoe lang wachten gezinnen?",
    )

    services.agenda_proposal_merge(item=proposal, into=target, by=coordinator)

    target.refresh_from_db()
    assert target.description == "Eerste lezing.\n\nWachtlijsten\nHoe lang wachten gezinnen?"
    assert target.history.first().history_user == coordinator


def test_merging_gives_the_target_without_a_project_the_proposals_project(network, meeting, coordinator, voting_member):
    from projects.tests.factories import ProjectFactory

    project = ProjectFactory(network=network, title="Jeugdhulp dichtbij")
    target = add(meeting, coordinator, "Jaarplan")
    proposal = services.agenda_item_propose(
        meeting=meeting, by=voting_member, person=person(voting_member), title="Wachtlijsten", project=project
    )

    services.agenda_proposal_merge(item=proposal, into=target, by=coordinator)

    target.refresh_from_db()
    assert (target.project, target.description) == (project, "Wachtlijsten")


def test_merging_keeps_the_targets_own_project_and_the_proposal_its_own(network, meeting, coordinator, voting_member):
    from projects.tests.factories import ProjectFactory

    own, other = ProjectFactory(network=network), ProjectFactory(network=network)
    target = add(meeting, coordinator, "Jaarplan", project=own)
    proposal = services.agenda_item_propose(
        meeting=meeting, by=voting_member, person=person(voting_member), title="Wachtlijsten", project=other
    )

    services.agenda_proposal_merge(item=proposal, into=target, by=coordinator)

    target.refresh_from_db()
    proposal.refresh_from_db()
    assert (target.project, proposal.project) == (own, other)


def test_a_merge_that_would_make_the_text_too_long_is_refused_and_changes_nothing(meeting, coordinator, voting_member):
    target = add(meeting, coordinator, "Jaarplan", description="x" * 4990)
    proposal = services.agenda_item_propose(
        meeting=meeting, by=voting_member, person=person(voting_member), title="Wachtlijsten", description="y" * 20
    )

    with pytest.raises(ValidationError, match="Samen worden de toelichtingen te lang .*: kort de toelichting van “Jaarplan” eerst in."):
        services.agenda_proposal_merge(item=proposal, into=target, by=coordinator)

    proposal.refresh_from_db()
    target.refresh_from_db()
    assert (proposal.status, target.description) == ("proposed", "x" * 4990)


def test_a_merge_into_a_published_agenda_announces_the_changed_item(meeting, coordinator, voting_member, sent):
    target = add(meeting, coordinator, "Jaarplan")
    proposal = services.agenda_item_propose(meeting=meeting, by=voting_member, person=person(voting_member), title="P")
    services.agenda_publish(meeting=meeting, by=coordinator)
    sent.clear()

    services.agenda_proposal_merge(item=proposal, into=target, by=coordinator)
    assert sent == []  # gathered, announced with the other changes
    services.agenda_changes_announce(meeting=meeting, by=coordinator)

    assert [(name, [change["text"] for change in kwargs["changes"]]) for name, kwargs in sent] == [
        ("changed", ["Punt gewijzigd: Jaarplan (toelichting)"])
    ]


def test_a_proposal_and_each_decision_on_it_are_signalled(meeting, coordinator, voting_member):
    from meetings.signals import proposal_decided, proposal_made

    calls = []

    def made(sender, item, by, **kwargs):
        calls.append(("made", item.title, item.status, by))

    def decided(sender, item, by, **kwargs):
        calls.append(("decided", item.title, item.status, by))

    proposal_made.connect(made, weak=False)
    proposal_decided.connect(decided, weak=False)
    try:
        target = add(meeting, coordinator, "Jaarplan")
        a, b, c = (
            services.agenda_item_propose(meeting=meeting, by=voting_member, person=person(voting_member), title=title)
            for title in "ABC"
        )
        services.agenda_proposal_accept(item=a, by=coordinator)
        services.agenda_proposal_merge(item=b, into=target, by=coordinator)
        services.agenda_proposal_decline(item=c, reason="Later", by=coordinator)
    finally:
        proposal_made.disconnect(made)
        proposal_decided.disconnect(decided)

    assert calls == [
        ("made", "A", "proposed", voting_member),
        ("made", "B", "proposed", voting_member),
        ("made", "C", "proposed", voting_member),
        ("decided", "A", "accepted", coordinator),
        ("decided", "B", "merged", coordinator),
        ("decided", "C", "declined", coordinator),
    ]


def test_a_decline_needs_a_reason(meeting, coordinator, voting_member):
    proposal = services.agenda_item_propose(meeting=meeting, by=voting_member, person=person(voting_member), title="P")
    with pytest.raises(ValidationError, match="Geef een reden"):
        services.agenda_proposal_decline(item=proposal, reason="  ", by=coordinator)
    services.agenda_proposal_decline(item=proposal, reason="Hoort bij de Kernteamvergadering.", by=coordinator)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decline_reason) == ("declined", "Hoort bij de Kernteamvergadering.")


# Suggestions ----------------------------------------------------------------------------


@pytest.fixture
def to_suggest(network, meeting, coordinator):
    """An open action of an earlier meeting, a done one, advice to the Beleidsgroep open and answered."""
    earlier = meeting_of(network, seed.BELEIDSGROEP, day=SOON - datetime.timedelta(days=60))
    owner = person(coordinator)
    open_action = ActionItem.objects.create(meeting=earlier, title="Nota opstellen", owner=owner, due_date=SOON)
    ActionItem.objects.create(
        meeting=earlier, title="Gedaan", owner=owner, due_date=SOON, status="done", done_at=timezone.now()
    )
    forum = body(network, seed.FORUM)
    beleidsgroep = body(network, seed.BELEIDSGROEP)
    mandate = forum.mandates.get(kind="advise")
    open_advice = Advice.objects.create(
        from_body=forum, to_body=beleidsgroep, mandate=mandate, domain="policy", subject="Wachtlijsten",
        text="Advies", given_on=SOON - datetime.timedelta(days=10),
    )
    Advice.objects.create(
        from_body=forum, to_body=beleidsgroep, mandate=mandate, domain="policy", subject="Beantwoord",
        text="Advies", given_on=SOON - datetime.timedelta(days=10), response="followed",
        answered_on=SOON - datetime.timedelta(days=5),
    )
    return {"action": open_action, "advice": open_advice}


def test_open_actions_and_unanswered_advice_are_suggested_once(meeting, coordinator, to_suggest, sent):
    from meetings.selectors.agenda import suggestions

    keys = [suggestion.key for suggestion in suggestions(meeting)]
    assert keys == [f"action:{to_suggest['action'].pk}", f"advice:{to_suggest['advice'].pk}"]

    item = services.agenda_suggestion_add(meeting=meeting, key=keys[0], by=coordinator)
    assert (item.title, item.source_key, item.kind) == ("Actiepunt: Nota opstellen", keys[0], "information")
    assert [suggestion.key for suggestion in suggestions(meeting)] == [keys[1]]
    with pytest.raises(ValidationError, match="staat al op de agenda"):
        services.agenda_suggestion_add(meeting=meeting, key=keys[0], by=coordinator)


@pytest.mark.parametrize("key", ["action:999999", "advice:abc", "decision:1", "", "x" * 40])
def test_a_forged_suggestion_is_refused(meeting, coordinator, to_suggest, key):
    with pytest.raises(ValidationError, match="hoort niet bij deze vergadering"):
        services.agenda_suggestion_add(meeting=meeting, key=key, by=coordinator)


def test_another_bodys_advice_is_not_suggested(network, coordinator, to_suggest):
    kernteam = meeting_of(network, seed.KERNTEAM, day=SOON)
    from meetings.selectors.agenda import suggestions

    assert [s.key for s in suggestions(kernteam)] == []
    with pytest.raises(ValidationError):
        services.agenda_suggestion_add(meeting=kernteam, key=f"advice:{to_suggest['advice'].pk}", by=coordinator)


def test_an_escalated_decision_whose_meeting_was_cancelled_follows_to_this_agenda(network, coordinator):
    from meetings.selectors.agenda import suggestions

    kernteam = meeting_of(network, seed.KERNTEAM, day=SOON - datetime.timedelta(days=20))
    first = meeting_of(network, seed.BELEIDSGROEP, day=SOON - datetime.timedelta(days=10))
    later = meeting_of(network, seed.BELEIDSGROEP, day=SOON)
    decision = decision_propose(
        meeting=kernteam, domain="finance", text="Dienstwagen", amount_eur=99999999, by=None
    )
    old_item = decision_escalate(decision=decision, by=coordinator)
    assert old_item.meeting == first
    # Still to come: it stays where it is.
    assert suggestions(later) == []
    # Held without a decision on it: it is suggested for the next one.
    assert [s.key for s in suggestions(later, today=first.date + datetime.timedelta(days=1))] == [
        f"decision:{decision.pk}"
    ]

    Meeting.objects.filter(pk=first.pk).update(status=Meeting.Status.CANCELLED)
    [suggestion] = suggestions(later)
    assert suggestion.key == f"decision:{decision.pk}"
    item = services.agenda_suggestion_add(meeting=later, key=suggestion.key, by=coordinator)
    decision.refresh_from_db()
    assert decision.escalated_to == item
    assert item.kind == "decision"
    assert suggestions(later) == []
