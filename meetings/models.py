"""Meetings, agendas and minutes (issue 4)."""
