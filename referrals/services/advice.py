"""Advice between bodies: given under an advise mandate, answered once by the body advised.

The rules are the seed documents' (PRODUCT.md, "Who may decide what"): an advisory
body (the Netwerk Forum towards the three other bodies; the support group towards
the Kernteam and the Beleidsgroep) gives advice to a named body, never decisions,
and the advice waits for that body's answer: followed, partly or not followed,
with reasons where it is not simply followed.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bodies.models import Body, Domain, Mandate
from meetings.models import Meeting

from .. import permissions
from ..models import Advice


def join_names(bodies) -> str:
    """The names of bodies in a sentence: "A, B en C"."""
    names = [str(body) for body in bodies]
    if len(names) < 2:
        return "".join(names)
    return _("%(items)s en %(last)s") % {"items": ", ".join(names[:-1]), "last": names[-1]}


def mandates_of_kind(body: Body, kind: str, day: datetime.date) -> list[Mandate]:
    """The body's mandates of one kind valid on `day`, with their targets loaded."""
    return list(
        Mandate.objects.valid_on(day)
        .filter(body=body, kind=kind)
        .prefetch_related("targets")
        .order_by("position", "pk")
    )


def mandate_targets(mandates) -> list[Body]:
    """The bodies the mandates point towards, each once, in the order the mandates name them."""
    seen, targets = set(), []
    for mandate in mandates:
        for target in mandate.targets.all():
            if target.pk not in seen:
                seen.add(target.pk)
                targets.append(target)
    return targets


def advice_domains(mandates) -> list[str]:
    """The domains the advise mandates cover, in the order of `Domain`."""
    covered = {domain for mandate in mandates for domain in mandate.domains}
    return [domain for domain in Domain.values if domain in covered]


@transaction.atomic
def advice_give(
    *,
    from_body: Body,
    to_body: Body,
    domain: str,
    subject: str,
    text: str,
    by,
    meeting: Meeting | None = None,
) -> Advice:
    """Record advice of `from_body` to `to_body`, resting on an advise mandate valid today."""
    permissions.require_of(by, permissions.RECORD_ADVICE, from_body)
    today = timezone.localdate()
    # First, so that no later refusal names a body of another network.
    Advice(from_body=from_body, to_body=to_body).clean_bodies()
    if to_body.pk == from_body.pk:
        raise ValidationError({"to_body": _("Een orgaan geeft geen advies aan zichzelf.")})
    if domain not in Domain.values:
        raise ValidationError({"domain": _("Kies het domein waarover het advies gaat.")})
    if meeting is not None and meeting.body_id != from_body.pk:
        raise ValidationError(
            {"meeting": _("Deze vergadering is niet van %(body)s.") % {"body": from_body}}
        )

    mandates = mandates_of_kind(from_body, Mandate.Kind.ADVISE, today)
    if not mandates:
        raise ValidationError(
            _("%(body)s heeft vandaag geen geldig adviesmandaat en kan dus geen advies geven.") % {"body": from_body}
        )
    towards = [mandate for mandate in mandates if to_body.pk in {target.pk for target in mandate.targets.all()}]
    if not towards:
        raise ValidationError(
            {
                "to_body": _("%(from)s geeft alleen advies aan %(targets)s, niet aan %(to)s.")
                % {"from": from_body, "targets": join_names(mandate_targets(mandates)), "to": to_body}
            }
        )
    mandate = next((mandate for mandate in towards if domain in mandate.domains), None)
    if mandate is None:
        labels = dict(Domain.choices)
        raise ValidationError(
            {
                "domain": _(
                    "%(from)s heeft geen adviesmandaat over %(domain)s ten aanzien van %(to)s; "
                    "wel over: %(domains)s."
                )
                % {
                    "from": from_body,
                    "domain": str(labels[domain]).lower(),
                    "to": to_body,
                    "domains": ", ".join(str(labels[item]).lower() for item in advice_domains(towards)),
                }
            }
        )

    advice = Advice(
        from_body=from_body,
        to_body=to_body,
        meeting=meeting,
        mandate=mandate,
        domain=domain,
        subject=subject.strip(),
        text=text.strip(),
        given_on=today,
        given_by=by,
    )
    advice.full_clean()
    advice.save()
    return advice


@transaction.atomic
def advice_answer(*, advice: Advice, response: str, reasons: str, by) -> Advice:
    """The advised body's answer; given once, even when two answers are submitted at once."""
    permissions.require_of(by, permissions.RUN, advice.to_body)
    # The row lock makes a second, simultaneous answer wait and then see the first.
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    if not advice.is_open:
        raise ValidationError(
            _("Dit advies is al beantwoord op %(date)s: %(response)s.")
            % {"date": date_format(advice.answered_on, "j F Y"), "response": advice.get_response_display().lower()}
        )
    if response not in Advice.Response.values:
        raise ValidationError({"response": _("Kies gevolgd, gedeeltelijk gevolgd of niet gevolgd.")})
    reasons = (reasons or "").strip()
    if response != Advice.Response.FOLLOWED and not reasons:
        raise ValidationError(
            {"reasons": _("Motiveer waarom het advies niet of slechts gedeeltelijk gevolgd wordt.")}
        )
    advice.response = response
    advice.response_reasons = reasons
    advice.answered_on = timezone.localdate()
    advice.answered_by = by
    # The giver's login may be gone since (SET_NULL): that must not block the answer.
    advice.full_clean(exclude=["given_by"])
    advice.save()
    return advice
