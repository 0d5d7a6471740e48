"""The console script."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from clarity.cli.app import app
    from clarity.cli.guard import err

    try:
        app(args=argv, prog_name="clarity", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code
        err(str(code))
        return 2
    except KeyboardInterrupt:
        err("clarity: interrupted")
        return 130
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
