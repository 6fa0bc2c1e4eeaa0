from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """The project package as an app, for the one receiver the session policy needs."""

    name = "governance"
    verbose_name = "Governance"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .sessions import stamp_login

        user_logged_in.connect(stamp_login, dispatch_uid="governance.sessions.stamp_login")
