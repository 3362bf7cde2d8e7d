"""Which mode, layouts and theme the window shows, kept in step with the workspace.

The choice lives in the open pack's workspace; the settings remember it for the next
pack and the next start, and stand in when no pack is open. The window forwards its
mode, layout and theme calls here, so the glue between pickers, settings and
workspace is in one place instead of spread over the window.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Literal

from PySide6.QtGui import QAction

from infodeck.gui.look import LookPickers
from infodeck.gui.settings import Settings

if TYPE_CHECKING:
    from infodeck.workspace import Workspace

DEFAULT_LAYOUTS = {"deck": "deck-16x9", "infographic": "a4-portrait"}


def ws_mode(mode: str) -> Literal["slides", "infographic"]:
    """The workspace's name for a window mode ("deck" previews the slides)."""
    return "slides" if mode == "deck" else "infographic"


class LookState:
    """Mode, layout and theme: read from the workspace, else the settings."""

    def __init__(
        self,
        settings: Settings,
        pickers: LookPickers,
        workspace: Callable[[], Workspace | None],
        modes: Callable[[], Mapping[str, QAction]],
    ) -> None:
        self.settings = settings
        self.pickers = pickers
        self._workspace = workspace
        self._modes = modes
        pickers.layout_picked.connect(self._layout_picked)
        pickers.theme_picked.connect(self._theme_picked)
        pickers.pages_picked.connect(self._pages_picked)

    @property
    def mode(self) -> str:
        """``"deck"`` or ``"infographic"``: what the preview shows."""
        ws = self._workspace()
        if ws is not None:
            return "deck" if ws.mode == "slides" else "infographic"
        return self.settings.mode

    def layout_name(self, kind: str) -> str:
        """The layout chosen for ``kind`` ("deck" or "infographic")."""
        ws = self._workspace()
        if ws is not None:
            return ws.deck_layout if kind == "deck" else ws.infographic_layout
        return self.settings.layout(kind, DEFAULT_LAYOUTS[kind])

    @property
    def theme_name(self) -> str:
        """The chosen theme's name."""
        ws = self._workspace()
        return ws.theme if ws is not None else self.settings.theme

    def show(self) -> None:
        """The mode buttons and the pickers show the choice as it is."""
        for mode, action in self._modes().items():
            action.setChecked(mode == self.mode)
        self.pickers.show_themes(self.theme_name)
        self.pickers.show_layouts(
            self.mode, self.layout_name(self.mode), DEFAULT_LAYOUTS[self.mode]
        )
        self.pickers.show_pages(self.pages, self.mode == "infographic")

    @property
    def pages(self) -> int:
        """The infographic's most pages (1: fit on one page)."""
        ws = self._workspace()
        return ws.infographic_pages if ws is not None else self.settings.infographic_pages

    def set_mode(self, mode: str) -> None:
        """Preview the slides (``"deck"``) or the infographic."""
        if mode not in DEFAULT_LAYOUTS:
            raise ValueError(mode)
        self.settings.mode = mode
        ws = self._workspace()
        if ws is not None:
            ws.set_mode(ws_mode(mode))
        self.show()

    def set_layout(self, name: str) -> None:
        """Choose a layout of the current mode by name."""
        idx = self.pickers.layout_combo.findData(name)
        if idx < 0:
            raise ValueError(f"no {self.mode} layout '{name}'")
        self.pickers.layout_combo.setCurrentIndex(idx)

    def set_theme(self, name: str) -> None:
        """Choose a theme by name."""
        idx = self.pickers.theme_combo.findData(name)
        if idx < 0:
            raise ValueError(f"no theme '{name}'")
        self.pickers.theme_combo.setCurrentIndex(idx)

    def restore(self, ws: Workspace) -> None:
        """A newly opened pack takes the remembered mode, layouts and theme."""
        ws.set_mode(ws_mode(self.settings.mode))
        setters = {"deck": ws.set_deck_layout, "infographic": ws.set_infographic_layout}
        for kind, setter in setters.items():
            name = self.settings.layout(kind, DEFAULT_LAYOUTS[kind])
            current = ws.deck_layout if kind == "deck" else ws.infographic_layout
            if name != current:
                _quietly(setter, name)
        if self.settings.theme != ws.theme:
            _quietly(ws.set_theme, self.settings.theme)
        ws.set_infographic_pages(self.settings.infographic_pages)

    def _layout_picked(self, name: str) -> None:
        self.settings.set_layout(self.mode, name)
        ws = self._workspace()
        if ws is not None:
            (ws.set_deck_layout if self.mode == "deck" else ws.set_infographic_layout)(name)

    def _pages_picked(self, pages: int) -> None:
        self.settings.infographic_pages = pages
        ws = self._workspace()
        if ws is not None:
            ws.set_infographic_pages(pages)

    def _theme_picked(self, name: str) -> None:
        self.settings.theme = name
        ws = self._workspace()
        if ws is not None:
            ws.set_theme(name)


def _quietly(setter: Callable[[str], None], name: str) -> None:
    """A remembered layout or theme that no longer exists keeps the default."""
    from infodeck.errors import UnknownName

    with contextlib.suppress(UnknownName):
        setter(name)
