"""What the kiosk makes for paper and files: PNG proofs, the handout, the fit check."""
