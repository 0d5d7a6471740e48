"""``python -m clarity``: the console script's ``main``, ending the way the script ends.

Under ``-m`` CPython remembers any KeyboardInterrupt that ever left code it ran from a string
(``exec`` of generated code, as libraries do while they load), even one clarity then handled,
and at exit kills the process with SIGINT instead of returning clarity's status. An interrupted
run therefore leaves at once with its own status (130), its output flushed, as the console
script does.
"""

import os
import sys

from clarity.cli.main import main

status = main()
if status == 130:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
raise SystemExit(status)
