"""The pure core: models, loading, the rule engine and scoring.

Nothing here imports typer, rich or questionary; an import-linter contract keeps it so.
"""
