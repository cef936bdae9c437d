"""Authentication safeguards shared by every login path (issue 12 item 4, decision 068)."""
