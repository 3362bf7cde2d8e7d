"""Entry point of the frozen app (build.spec): both executables, `Infodeck` and `infodeck`.

It runs after PyInstaller's own start-up hooks and before anything imports matplotlib or
Qt, so it is the place for what only a bundle needs: console streams for the windowed
build (they go to the log file) and a persistent matplotlib cache. Then it hands over
to ``infodeck.__main__.main``, exactly as ``python -m infodeck`` does.
"""

import sys

from infodeck.logs import capture_missing_streams, log_exception
from infodeck.resources import prepare_frozen

capture_missing_streams()
prepare_frozen()

from infodeck.__main__ import main  # noqa: E402 (after the streams exist)

try:
    status = main()
except (SystemExit, KeyboardInterrupt):
    raise
except BaseException as exc:  # a fault before the app's own handlers: keep it in the log
    log_exception(exc)
    raise
sys.exit(status)
