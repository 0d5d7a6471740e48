"""The shell: the typer app, the interview and the renderers."""
