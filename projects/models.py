"""Projects, milestones, RACI and the annual plan."""
