"""Benchmarks of clarity, measured side by side with its neighbours: ``python -m benchmarks``.

Kept apart from the tests: tests never assert timings. See docs/benchmarks.md.
"""
