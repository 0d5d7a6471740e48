"""What clarity keeps between runs: the journal of checks, their history, interview drafts and scripted sessions."""
