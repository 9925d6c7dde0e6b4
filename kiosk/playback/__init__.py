"""What plays: the attract loop, the visitor session, schedules and the show state."""
