"""``clarity check``'s command line: its one option table, read by the one parser of the
commands that read their own arguments (cli/argtable.py).

``clarity check --answers FILE`` runs in scripts, where start-up is most of its time, so it reads
its own arguments, without the typer app, from both places it is started: the console script
hands ``clarity check ...`` straight to :func:`run`, and the app's ``check`` command hands over
the arguments after ``check`` unread. The interview (no answers, a terminal) starts from here too.
"""

from __future__ import annotations

from clarity.cli import argtable
from clarity.cli.argtable import Opt
from clarity.cli.commands.check_options import CheckOptions

FORMATS = ("text", "json", "markdown", "html", "svg", "jsonl")
ARGS = "[OPTIONS] [task]"
TEXT = "Run the three-question clarity test on one delegation and report what broke down."
TASK_HELP = "The delegated responsibility (the 'task' answer)."

OPTIONS: tuple[Opt, ...] = (
    Opt(("--answers", "-a"), "answers", "text",
        "Answers file, YAML or JSON; - for stdin; journal:ID for a saved check; a folder scores "
        "every *.yaml|*.yml|*.json in it (with --format jsonl).", "FILE"),
    Opt(("--set", "-s"), "sets", "text", "One answer; repeatable; wins over the file.",
        "KEY=VALUE", repeated=True),
    Opt(("--as",), "perspective", "choice",
        "Whose view: the leader's or the report's (default: the answers').",
        choices=("leader", "report")),
    Opt(("--format", "-f"), "format", "choice", "Report format.", choices=FORMATS,
        note="[default: text]"),
    Opt(("--output", "-o"), "output", "path", "Write the report here, atomically.", "FILE"),
    Opt(("--detail", "-d"), "detail", "flag",
        "The whole text report (why and how for each item); without it, the first screen."),
    Opt(("--pager",), "pager", "flag",
        "Show a text report on a terminal through $PAGER (else 'less -FRX'), as git does."),
    Opt(("--defaults",), "defaults", "flag",
        "Ask nothing: what is not given comes from the task's latest saved check."),
    Opt(("--strict",), "strict", "flag", "Exit 1 unless the verdict is in-harmony."),
    Opt(("--rules",), "rules", "path",
        "A rule pack (file or folder) laid over the built-in one; repeatable.", "PATH",
        repeated=True),
    Opt(("--save",), "save", "flag",
        "Keep the check in the journal (default: 'save' in the configuration).",
        off=("--no-save",)),
    Opt(("--journal",), "journal", "path",
        "The journal file (else $CLARITY_JOURNAL, else one in the user data folder).", "PATH"),
    Opt(("--debug",), "debug", "flag", "Show a traceback on internal errors."),
    Opt(("-h", "--help"), "help", "flag", "Show this message and exit."),
)  # fmt: skip

TABLE = argtable.Table(OPTIONS, args=ARGS, text=TEXT, arguments=[("task <str>", TASK_HELP)])


def parse(args: list[str]) -> tuple[CheckOptions, bool]:
    """``clarity check``'s options and ``--debug`` from the arguments after ``check``; raises
    :class:`~clarity.cli.argtable.Help` or :class:`~clarity.cli.argtable.Usage`."""
    values, task = TABLE.parse(args)
    if len(task) > 1:
        raise argtable.extra(task[1:])
    debug = bool(values.pop("debug", False))
    values.pop("help", None)
    return CheckOptions(task=task[0] if task else None, **values), debug  # type: ignore[arg-type]


def help_text(prog: str, columns: int) -> str:
    """``clarity check --help``."""
    return TABLE.help_text(prog, columns)


def run(args: list[str], *, prog: str = "clarity check", columns: int | None = None) -> int:
    """Run ``clarity check`` from the arguments after ``check``: its exit status."""

    def body(opts: CheckOptions) -> int:
        from clarity.cli.commands.check import run as run_check

        return run_check(opts)

    return TABLE.run(args, parse, body, prog=prog, columns=columns)
