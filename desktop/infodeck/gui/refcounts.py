"""A guard against a reference-counting bug of PySide6 6.12 on Python 3.11.

With PySide6 6.12.0 on CPython 3.11, every call to a Qt method that returns
nothing (``QWidget.update()``, ``QListWidget.clear()``, ``setText``…) takes one
reference from ``None`` that it never gave, and every ``Signal.emit`` takes one
from ``True``. A window session makes many thousands of such calls; when
``None``'s count reaches zero, Python aborts ("Fatal Python error: none_dealloc:
deallocating None"), usually while tearing things down at exit. (From Python 3.12
on, ``None``, ``True`` and ``False`` are immortal and the bug does no harm; the
wheels are built for that ABI.) ``tests/gui/test_refcounts.py`` reproduces it.

The work-around gives these three objects a reserve of references no session can
use up. They are static objects that Python never frees, so a count that never
reaches zero changes nothing else. Remove this when PySide6 is fixed or Python
3.11 is no longer supported.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40  # a thousand billion calls


def guard_singletons() -> bool:
    """Give ``None``, ``True`` and ``False`` their reserve (once); True if it was needed."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    for obj in (None, True, False):
        if sys.getrefcount(obj) < RESERVE:
            # ob_refcnt is the first field of every object (a Py_ssize_t) on 3.11.
            ctypes.c_ssize_t.from_address(id(obj)).value += RESERVE
    return True
