"""Response headers that Django's own middleware does not set."""

from django.conf import settings
from django.utils.cache import patch_cache_control


class SecurityHeadersMiddleware:
    """Permissions-Policy on every page, and no-store on every page a signed-in user gets.

    A page for a signed-in person carries their networks' governance data (and the
    calendar page their secret feed link): no browser cache, proxy or shared computer
    keeps a copy of it. WhiteNoise answers static files before the session and the
    user are read, so they keep their long cache lifetimes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
