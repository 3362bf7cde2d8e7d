"""Map the top-level data folders into the wheel as ``infodeck/_data/``.

pyproject.toml cannot map folders outside the package, so this small hook copies
``assets/``, ``layouts/`` and ``content/`` into the build tree; resources.py finds
them there in an installed wheel and at the top level in a source checkout.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_DIRS = ("assets", "layouts", "content")


class BuildWithData(build_py):
    """build_py that also copies the data folders into infodeck/_data."""

    def run(self) -> None:
        super().run()
        root = Path(__file__).parent
        target = Path(self.build_lib) / "infodeck" / "_data"
        for name in DATA_DIRS:
            dest = target / name
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(root / name, dest)


setup(cmdclass={"build_py": BuildWithData})
