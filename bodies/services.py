"""Writes to the governance structure that touch more than one model."""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from simple_history.manager import HistoryManager

from . import seed
from .signals import access_sync_deferred
from .models import (
    Body,
    Cadence,
    CadencePhase,
    Mandate,
    Membership,
    Network,
    Office,
    Organization,
    Person,
    Role,
    Seat,
)


@dataclass
class SeedReport:
    network: Network | None = None
    created: int = 0
    unchanged: int = 0
    logins: list[tuple[str, str]] = field(default_factory=list)

    def ensure(self, model: type[models.Model], *, defaults: dict | None = None, **lookup) -> models.Model:
        """Get the row matching `lookup`, or create it with `defaults`; never overwrite."""
        obj = model.objects.filter(**lookup).first()
        if obj is not None:
            self.unchanged += 1
            return obj
        obj = model(**lookup, **(defaults or {}))
        obj.full_clean()
        obj.save()
        self.created += 1
        return obj


def history_date_back(*, written_since: datetime.datetime, to: datetime.date) -> None:
    """Date the history rows written since `written_since` to the start of the day `to`.

    A network loaded today from documents that say it runs since 2023 did run since
    2023: without this, the structure "as of" any earlier date would not exist.
    """
    moment = datetime.datetime.combine(to, datetime.time.min, tzinfo=timezone.get_default_timezone())
    if moment >= written_since:
        return
    for model in apps.get_app_config("bodies").get_models():
        history = getattr(model, "history", None)
        if isinstance(history, HistoryManager):
            history.filter(history_date__gte=written_since).update(history_date=moment)


def network_load_seed(*, demo_people: bool = False) -> SeedReport:
    """Create whatever of the seed network is missing; leave existing rows alone.

    What it writes enters the history on the governance start date of the seeds. The
    access groups are brought in step once, at the end (bodies.signals), not per row.
    """
    with access_sync_deferred():
        return _network_load_seed(demo_people=demo_people)


def _network_load_seed(*, demo_people: bool) -> SeedReport:
    loading_since = timezone.now()
    report = SeedReport()
    network = report.ensure(
        Network,
        slug=seed.NETWORK["slug"],
        defaults={"name": seed.NETWORK["name"], "description": seed.NETWORK["description"]},
    )
    report.network = network

    bodies = {}
    for position, spec in enumerate(seed.BODIES):
        bodies[spec["name"]] = report.ensure(
            Body,
            network=network,
            name=spec["name"],
            defaults={
                "slug": spec["slug"],
                "kind": spec["kind"],
                "description": spec["description"],
                "position": position,
                "active_from": seed.GOVERNANCE_START,
            },
        )

    for spec in seed.BODIES:
        body = bodies[spec["name"]]
        for position, text in enumerate(spec["tasks"]):
            report.ensure(body.tasks.model, body=body, text=text, defaults={"position": position})
        for position, seat_spec in enumerate(spec["seats"]):
            role = report.ensure(
                Role,
                network=network,
                name=seat_spec["role"],
                defaults={"is_coordinator": seat_spec["role"] == seed.COORDINATOR_ROLE},
            )
            via = seat_spec.get("via")
            report.ensure(
                Seat,
                body=body,
                role=role,
                defaults={
                    "count": seat_spec["count"],
                    "has_voting_right": seat_spec.get("voting", True),
                    "is_ad_hoc": seat_spec.get("ad_hoc", False),
                    "filled_by_body": bodies[via] if via else None,
                    "position": position,
                },
            )
        for position, mandate_spec in enumerate(spec["mandates"]):
            delegated_by = mandate_spec.get("delegated_by")
            mandate = report.ensure(
                Mandate,
                body=body,
                text=mandate_spec["text"],
                defaults={
                    "kind": mandate_spec["kind"],
                    "domains": mandate_spec["domains"],
                    "delegated_by": bodies[delegated_by] if delegated_by else None,
                    "is_unlimited": mandate_spec.get("unlimited", False),
                    "position": position,
                },
            )
            targets = [bodies[name] for name in mandate_spec.get("targets", [])]
            if targets and not mandate.targets.exists():
                mandate.targets.set(targets)
        cadence = report.ensure(
            Cadence,
            body=body,
            defaults={
                field: spec["cadence"][field] for field in ("description", "start_time", "duration_minutes", "location")
            },
        )
        for position, phase in enumerate(spec["cadence"]["phases"]):
            report.ensure(
                CadencePhase,
                cadence=cadence,
                position=position,
                defaults={"label": phase["label"], "rrule": phase["rrule"]},
            )

    if demo_people:
        _load_demo_people(report, network, bodies)
    history_date_back(written_since=loading_since, to=seed.GOVERNANCE_START)
    return report


def _load_demo_people(report: SeedReport, network: Network, bodies: dict[str, Body]) -> None:
    User = get_user_model()
    for username, name, organization_name, seats in seed.DEMO_PEOPLE:
        user = _ensure_demo_user(report, username, name)
        person = report.ensure(
            Person,
            network=network,
            name=name,
            defaults={"email": f"{username}@plantrekkers.example", "user": user},
        )
        organization = report.ensure(Organization, network=network, name=organization_name)
        offices = {body: office for login, body, office in seed.DEMO_OFFICES if login == username}
        for body_name, role_name in seats:
            seat = Seat.objects.get(body=bodies[body_name], role__name=role_name)
            report.ensure(
                Membership,
                seat=seat,
                person=person,
                defaults={
                    "organization": organization,
                    "has_voting_right": seat.has_voting_right,
                    "office": offices.get(body_name, ""),
                    "start_date": seed.GOVERNANCE_START,
                },
            )
        roles = ", ".join(
            f"{role} ({body}, {Office(offices[body]).label.lower()})" if body in offices else f"{role} ({body})"
            for body, role in seats
        )
        report.logins.append((username, f"{name}: {roles}"))

    admin_username, admin_name = seed.DEMO_ADMIN
    if not User.objects.filter(username=admin_username).exists():
        User.objects.create_superuser(admin_username, f"{admin_username}@plantrekkers.example", seed.DEMO_PASSWORD)
        report.created += 1
    report.logins.append((admin_username, f"{admin_name} (Django-admin)"))

    kernteam_decides = Mandate.objects.filter(
        body=bodies[seed.KERNTEAM], kind=Mandate.Kind.DECIDE, limit_eur__isnull=True
    ).first()
    if kernteam_decides is not None:
        kernteam_decides.limit_eur = seed.DEMO_KERNTEAM_LIMIT_EUR
        kernteam_decides.save(update_fields=["limit_eur"])
        report.created += 1


def _ensure_demo_user(report: SeedReport, username: str, name: str):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        report.unchanged += 1
        return user
    first_name, _, last_name = name.partition(" ")
    user = User.objects.create_user(
        username,
        f"{username}@plantrekkers.example",
        seed.DEMO_PASSWORD,
        first_name=first_name,
        last_name=last_name,
    )
    report.created += 1
    return user
