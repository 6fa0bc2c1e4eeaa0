from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def home(request):
    return HttpResponse("")


@login_required
def network_home(request, network):
    return HttpResponse("")


@login_required
def org_chart(request, network):
    return HttpResponse("")


@login_required
def body_sheet(request, network, body):
    return HttpResponse("")
