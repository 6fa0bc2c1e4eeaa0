from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health


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
