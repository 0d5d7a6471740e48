"""Linting many charters: finding the files, running the rules over them in worker processes, suppressions and baselines."""
