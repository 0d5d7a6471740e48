"""The configuration: found, read, extended, and applied per path (selection, globs, the project root)."""
