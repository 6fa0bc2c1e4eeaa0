"""The "Meldingen" page: which mails a person wants."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import PreferenceForm
from .models import Notification, NotificationPreference


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    # Queries: session, user, the preference (and on POST its insert or update),
    # the latest mails to this login's people.
    preference = NotificationPreference.objects.filter(user=request.user).first() or NotificationPreference(
        user=request.user
    )
    if request.method == "POST":
        form = PreferenceForm(request.POST, instance=preference)
        if form.is_valid():
            form.save()
            messages.success(request, _("Je keuze is bewaard."))
            return redirect("notifications:preferences")
    else:
        form = PreferenceForm(instance=preference)
    recent = (
        Notification.objects.filter(recipient__user=request.user, state=Notification.State.SENT)
        .select_related("meeting__body", "action_item")
        .order_by("-sent_at")[:10]
    )
    return render(request, "notifications/preferences.html", {"form": form, "recent": recent})
