"""The admin's history pages in the site's words: django-simple-history has no Dutch catalogue.

Every admin of governance data derives from HistoryAdmin (instead of SimpleHistoryAdmin):
the page titles are Dutch msgids, and the changes list shows a missing value as a dash
(never "None"), yes/no for a tick box and a choice by its label. The templates it uses
are overridden in templates/simple_history/.
"""

from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

EMPTY = "—"


class HistoryValues(HistoricalRecordContextHelper):
    """A changed field's old and new value as the reader knows it."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if value is None or value == "":
            return EMPTY
        if isinstance(value, bool):
            return _("ja") if value else _("nee")
        if field.choices and not isinstance(value, list | tuple):
            return force_str(dict(field.flatchoices).get(value, value))
        return super().prepare_delta_change_value(change, value)


class HistoryAdmin(SimpleHistoryAdmin):
    def history_view_title(self, request, obj):
        return _("Geschiedenis van %(object)s") % {"object": force_str(obj)}

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return _("%(object)s bekijken") % {"object": force_str(obj)}
        return _("%(object)s terugzetten") % {"object": force_str(obj)}

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryValues(self.model, historical_record)


class RegisterAdmin(HistoryAdmin):
    """A register's records are made in the application, where the rules are checked."""

    def has_add_permission(self, request, obj=None):
        return False
