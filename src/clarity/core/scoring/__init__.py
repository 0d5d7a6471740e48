"""From a delegation record to findings, scores and a verdict, and the values reports are drawn from."""
