"""Staff mode: the hidden gesture, the PIN and the staff menu."""
