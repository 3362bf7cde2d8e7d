"""``python -m infodeck`` and the ``infodeck`` script: a command runs the CLI, none the app."""

from __future__ import annotations

import os
import sys

# NumPy's OpenBLAS starts a thread per core at import, and after each matrix product
# (matplotlib's transforms make many, all 3×3) they spin waiting for more work,
# taking a core from the export's other writer or the window's preview. Nothing here
# multiplies matrices large enough to share; read when NumPy is first imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main(argv: list[str] | None = None) -> int:
    """Dispatch: with a command or an option, the command line; without, the window."""
    args = sys.argv[1:] if argv is None else argv
    if args and not (len(args) == 1 and not args[0].startswith("-") and _is_pack(args[0])):
        from infodeck.cli import main as cli_main

        # From the console script or ``python -m``, the process ends with the command.
        return cli_main(args, one_shot=argv is None)
    from infodeck.gui.app import run_app

    status: int = run_app(args[0] if args else None)
    return status


def _is_pack(arg: str) -> bool:
    """A lone argument that is a pack folder or pack.yaml opens the app on it."""
    from pathlib import Path

    p = Path(arg)
    return (p / "pack.yaml").is_file() or (p.name == "pack.yaml" and p.is_file())


if __name__ == "__main__":
    sys.exit(main())
