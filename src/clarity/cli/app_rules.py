"""The `clarity rules` command(s), built by the one typer app when it is invoked."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from clarity.cli.app import new_app
from clarity.cli.guard import guarded

rules_app = new_app(
    "rules", "The rule pack: list the rules, explain one, validate and test your own packs."
)
app = rules_app


class RulesFormat(str, Enum):
    text = "text"
    json = "json"


ExtraPacks = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer reads the annotation at runtime
    typer.Option(
        "--rules",
        metavar="PATH",
        help="A further rule pack (file or folder) layered over the built-in one; repeatable.",
    ),
]
ConfigFile = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--config",
        metavar="FILE",
        help="Take the rule packs of this configuration (default: the nearest .clarity.yaml).",
    ),
]
NoConfig = Annotated[
    bool, typer.Option("--no-config", help="Ignore configuration files: the built-in pack only.")
]
Format = Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format.")]
PackPaths = Annotated[
    list[Path],
    typer.Argument(
        metavar="PATH...",
        help="Rule pack files or folders of .yaml files.",
        readable=False,  # clarity reads them and says what is wrong, where
    ),
]


@rules_app.command("list", short_help="List every rule: id, name, dimension, severity, title.")
def list_(
    rules: ExtraPacks = None,
    fmt: Format = RulesFormat.text,
    config: ConfigFile = None,
    no_config: NoConfig = False,
) -> None:
    """List every rule: id, name, dimension, severity and title.

    The rules are the ones `clarity lint` uses here: the built-in pack, the packs named in the
    configuration, then any --rules.
    """
    from clarity.cli.commands.rules import list_rules

    raise typer.Exit(guarded(lambda: list_rules(list(rules or []), fmt.value, config, no_config)))


@rules_app.command(short_help="Explain one rule: what, why, examples and the fix.")
def show(
    rule: Annotated[str, typer.Argument(metavar="ID", help="A rule id (C101) or name.")],
    rules: ExtraPacks = None,
    fmt: Format = RulesFormat.text,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Show every example, and the rule's condition."),
    ] = False,
    config: ConfigFile = None,
    no_config: NoConfig = False,
) -> None:
    """Explain one rule: what it finds, why it matters, examples that fail and pass, the fix."""
    from clarity.cli.commands.rules import show_rule

    raise typer.Exit(
        guarded(lambda: show_rule(rule, list(rules or []), fmt.value, verbose, config, no_config))
    )


@rules_app.command(short_help="Check rule packs, built over the built-in pack.")
def validate(paths: PackPaths) -> None:
    """Check rule packs: each is built over the built-in pack; errors name file:line:col."""
    from clarity.cli.commands.rules import validate_packs

    raise typer.Exit(guarded(lambda: validate_packs(paths)))


@rules_app.command(short_help="Run the packs' own examples as tests.")
def test(
    paths: PackPaths,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List the examples that pass too.")
    ] = False,
) -> None:
    """Run the packs' own examples: every 'fire' example must fire its rule, no 'pass' may."""
    from clarity.cli.commands.rules import run_pack_tests

    raise typer.Exit(guarded(lambda: run_pack_tests(paths, verbose)))


@rules_app.command("eval", short_help="Measure the pack on a labelled corpus.")
def eval_(
    corpus: Annotated[
        Path,
        typer.Argument(
            metavar="FOLDER",
            help="A labelled corpus: phrasings/ and delegations/ (see corpus/SPEC.md).",
            readable=False,
        ),
    ] = Path("corpus/eval"),
    rules: ExtraPacks = None,
    fmt: Format = RulesFormat.text,
    min_precision: Annotated[
        float, typer.Option("--min-precision", help="Fail below this precision per rule/trap.")
    ] = 0.0,
    min_recall: Annotated[
        float, typer.Option("--min-recall", help="Fail below this recall per rule/trap.")
    ] = 0.0,
    min_accuracy: Annotated[
        float, typer.Option("--min-accuracy", help="Fail below this verdict accuracy.")
    ] = 0.0,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every phrasing judged wrongly.")
    ] = False,
) -> None:
    """Measure the pack on a labelled corpus: precision and recall per rule and trap, verdict
    accuracy, and any finding on a healthy delegation. Exit 1 below a --min-* threshold."""
    from clarity.cli.commands.rules import run_eval

    raise typer.Exit(
        guarded(
            lambda: run_eval(
                corpus, list(rules or []), fmt.value,
                (min_precision, min_recall, min_accuracy), verbose,
            )
        )
    )  # fmt: skip


__all__ = ["app", "rules_app"]
