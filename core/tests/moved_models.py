"""Running an old data migration's function against today's models, after its models moved apps.

The function asks for its models by the labels of its time ("decisions", "Decision");
this registry answers with the model that now holds that table.
"""

from django.apps import apps as installed

MOVED = {
    ("decisions", "decision"): ("meetings", "Decision"),
    ("decisions", "vote"): ("meetings", "Vote"),
    ("decisions", "advice"): ("referrals", "Advice"),
    ("decisions", "assignment"): ("referrals", "Assignment"),
}


class MovedApps:
    def get_model(self, app_label: str, model_name: str):
        return installed.get_model(*MOVED.get((app_label, model_name.lower()), (app_label, model_name)))


moved_apps = MovedApps()
