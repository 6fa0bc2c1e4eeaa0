from django.http import JsonResponse
from django.utils.translation import check_for_language
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.languages import language_preference_set

from . import health


def set_language(request):
    """Django's language switch, which also remembers a signed-in person's choice.

    The cookie serves this browser; the stored choice serves what answers without it,
    such as the calendar feeds, which speak the language of the person they belong to.
    """
    response = i18n.set_language(request)
    language = request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER)
    if request.method == "POST" and request.user.is_authenticated and language and check_for_language(language):
        language_preference_set(user=request.user, language=language)
    return response


@never_cache
@require_GET
def healthz(request):
    """200 while the database answers; broker, worker and mail are reported, not required."""
    database = health.check_database()
    report = {
        "database": database,
        "broker": health.check_broker(),
        "worker": health.check_worker(),
        "mail": health.check_mail(),
    }
    if not database["ok"]:
        report["status"] = "down"
    elif all(part["ok"] for part in report.values()):
        report["status"] = "ok"
    else:
        report["status"] = "degraded"
    return JsonResponse(report, status=200 if database["ok"] else 503)
