"""Globs with gitignore's rules: ** across folders, * within one, a leading / at the top."""

from __future__ import annotations

import pytest

from clarity.core.settings.globs import glob_match


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("legacy/**", "legacy/a.yaml", True),
        ("legacy/**", "legacy/x/y/a.yaml", True),
        ("legacy/", "legacy/x/a.yaml", True),
        ("legacy", "team/legacy/a.yaml", True),  # no '/': a name at any depth
        ("legacy/*.yaml", "legacy/x/a.yaml", False),  # '*' stays in its folder
        ("**/a.yaml", "a.yaml", True),
        ("x/**/a.yaml", "x/a.yaml", True),
        ("x/**/a.yaml", "x/y/z/a.yaml", True),
        ("./x/*.md", "x/a.md", True),
        ("*.charter.md", "docs/a.charter.md", True),
        ("a?.yaml", "ab.yaml", True),
        ("[ab].yaml", "b.yaml", True),
        ("[!ab].yaml", "b.yaml", False),
        ("team", "teams/a.yaml", False),
        ("/drafts", "drafts/a.yaml", True),  # a leading '/': only at the top, as gitignore
        ("/drafts", "a/drafts/b.yaml", False),
        ("./.hidden/*", ".hidden/a.yaml", True),
    ],
)
def test_globs(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(pattern, path) is expected
