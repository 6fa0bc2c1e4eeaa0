"""The date filters, one per kind of place (see core/dates.py): long_date, weekday_date,
short_date, moment. Built in (settings TEMPLATES builtins), so every template has them."""

from django import template

from .. import dates

register = template.Library()

for name in ["long_date", "weekday_date", "short_date", "moment"]:
    register.filter(name, getattr(dates, name), expects_localtime=True, is_safe=False)
