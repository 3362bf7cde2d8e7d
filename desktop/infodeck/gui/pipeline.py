"""The preview pipeline: compose pages, draw only the ones not drawn before.

It runs in a worker thread (never touches widgets; ``QImage`` is safe off the GUI
thread). Two caches make a toggle cheap:

* composed slides per section, keyed by the section's content, the pack's shared
  content (metadata, references), the layout and the theme — toggling a section
  composes nothing new, editing one file recomposes that section only;
* drawn images keyed by the composed page itself (pages are frozen dataclasses,
  compared by value) and the DPI — a page that did not change is never redrawn,
  whichever section order or selection it appears in. This cache is bounded in
  bytes (``MAX_IMAGE_BYTES``), not in images: an A4 page at 96 dpi is 3.6 MB, and
  every toggle in the infographic draws new pages. The images of the preview on
  screen are never dropped (they are in use anyway).

The preview draws with the engine's own ``render_rgba``: what the teacher sees is
what the PNG export writes.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from infodeck.content.model import Pack, Section

if TYPE_CHECKING:
    from infodeck.gui.jobs import JobContext
    from infodeck.scene.elements import Document, Page

K = TypeVar("K")
V = TypeVar("V")

THUMB_WIDTH = 168
MAX_IMAGE_BYTES = 16 << 20  # beyond the preview on screen: four slides at 96 dpi
MAX_COMPOSED = 400  # slides per section (and layout, theme): bounded by the pack
MAX_DOCUMENTS = 32  # infographics, one per selection: every toggle makes a new one


@dataclass(frozen=True)
class PreviewSpec:
    """Everything a preview depends on; a new spec means a new preview."""

    pack: Pack
    pack_key: str
    section_keys: tuple[tuple[str, str], ...]  # (section id, content key), in order
    mode: str  # "deck" or "infographic"
    layout: str
    theme: str
    dpi: float
    thumb_width: int = THUMB_WIDTH
    pages: int = 1  # the infographic's most pages

    @property
    def section_ids(self) -> list[str]:
        """The chosen section ids, in order."""
        return [sid for sid, _ in self.section_keys]


@dataclass(frozen=True)
class PreviewPage:
    """One drawn page: the large image, its thumbnail and what it is."""

    image: QImage
    thumb: QImage
    title: str
    section_id: str
    kind: str
    width_pt: float
    height_pt: float


@dataclass
class PreviewResult:
    """The pages of a preview, and how much work it took (for tests and timing)."""

    spec: PreviewSpec
    pages: list[PreviewPage] = field(default_factory=list)
    notices: tuple[str, ...] = ()
    drawn: int = 0  # pages drawn now (the others came from the cache)
    seconds: float = 0.0


class _Key:
    """A cache key whose hash is computed once: a page's hash walks its whole scene."""

    __slots__ = ("_hash", "value")

    def __init__(self, value: object) -> None:
        self.value = value
        self._hash = hash(value)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Key) and (
            self.value is other.value or (self._hash == other._hash and self.value == other.value)
        )


class _Lru(Generic[K, V]):
    """A small least-recently-used map."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[K, V] = OrderedDict()

    def get_item(self, key: K) -> V | None:
        got = self._items.get(key)
        if got is not None:
            self._items.move_to_end(key)
        return got

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.limit:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


class _ImageCache(OrderedDict[_Key, tuple[QImage, QImage]]):
    """Drawn pages (image, thumbnail), least recently used first, bounded in bytes."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__()
        self.max_bytes = max_bytes
        self.nbytes = 0

    def get_item(self, key: _Key) -> tuple[QImage, QImage] | None:
        got = self.get(key)
        if got is not None:
            self.move_to_end(key)
        return got

    def put(self, key: _Key, value: tuple[QImage, QImage]) -> None:
        old = self.pop(key, None)
        if old is not None:
            self.nbytes -= _nbytes(old)
        self[key] = value
        self.nbytes += _nbytes(value)

    def trim(self, keep: set[_Key], spare: set[_Key]) -> None:
        """Drop the least recently used images beyond the bound, never ``keep``'s.

        ``spare``'s go last: the last preview of the other mode, so that switching
        back and forth does not redraw it when it fits in the bound.
        """
        kept = sum(_nbytes(self[k]) for k in keep if k in self)
        for last_round in (False, True):
            for key in list(self):
                if self.nbytes - kept <= self.max_bytes:
                    return
                if key not in keep and (last_round or key not in spare):
                    self.nbytes -= _nbytes(self.pop(key))

    def clear(self) -> None:
        super().clear()
        self.nbytes = 0


def _nbytes(images: tuple[QImage, QImage]) -> int:
    return sum(int(im.sizeInBytes()) for im in images)


def to_qimage(width: int, height: int, rgba: bytes) -> QImage:
    """Wrap ``render_rgba``'s bytes in a QImage that owns its pixels."""
    img = QImage(rgba, width, height, width * 4, QImage.Format.Format_RGBA8888)
    return img.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)  # copies


class PreviewPipeline:
    """Composes and draws previews with caches; one build at a time (thread-safe)."""

    def __init__(self, max_image_bytes: int = MAX_IMAGE_BYTES) -> None:
        self._lock = threading.Lock()
        # (what, pack key, section or selection key, layout, theme) → slides / document
        self._composed: _Lru[tuple[str, ...], tuple[Page, ...]] = _Lru(MAX_COMPOSED)
        self._documents: _Lru[tuple[object, ...], Document] = _Lru(MAX_DOCUMENTS)
        self._images = _ImageCache(max_image_bytes)
        self._last: dict[str, set[_Key]] = {}  # the last preview's images, per mode
        self.draw_count = 0  # pages drawn since creation (tests check the caching)

    def clear(self) -> None:
        """Forget every cached page and image."""
        with self._lock:
            self._composed.clear()
            self._documents.clear()
            self._images.clear()
            self._last.clear()

    def _pages(self, spec: PreviewSpec) -> tuple[list[Page], tuple[str, ...]]:
        """The composed pages of ``spec`` and the notices the export would give for them."""
        from infodeck.compose.layouts import get_layout, get_theme

        theme = get_theme(spec.theme)
        if spec.mode == "infographic":
            from infodeck.compose.infographic import compose_infographic

            doc_key = ("info", spec.pack_key, spec.section_keys, spec.layout, spec.theme,
                       spec.pages)
            doc = self._documents.get_item(doc_key)
            if doc is None:
                layout = get_layout(spec.layout, "infographic")
                doc = compose_infographic(spec.pack, spec.section_ids, layout, theme,
                                          pages=spec.pages)
                self._documents.put(doc_key, doc)
            return list(doc.pages), tuple(doc.notices)

        from infodeck.compose.deck import deck_document, references_pages, section_pages

        # The slides are cached per section; the deck around them (and its notices)
        # is assembled by the same function as the export's.
        layout = get_layout(spec.layout, "deck")
        parts: list[tuple[Section, tuple[Page, ...]]] = []
        for sid, skey in spec.section_keys:
            section = spec.pack.section(sid)
            key = ("slides", spec.pack_key, skey, spec.layout, spec.theme)
            got = self._composed.get_item(key)
            if got is None:
                got = tuple(section_pages(spec.pack, section, layout, theme))
                self._composed.put(key, got)
            parts.append((section, got))
        cited = ",".join(spec.section_ids)
        refs_key = ("refs", spec.pack_key, cited, spec.layout, spec.theme)
        refs = self._composed.get_item(refs_key)
        if refs is None:  # only what the chosen sections cite, as the export lists
            refs = tuple(references_pages(spec.pack, layout, theme, spec.section_ids))
            self._composed.put(refs_key, refs)
        doc = deck_document(spec.pack, parts, refs, layout)
        return list(doc.pages), tuple(doc.notices)

    def build(self, spec: PreviewSpec, ctx: JobContext | None = None) -> PreviewResult:
        """Compose and draw the preview of ``spec``, reusing whatever is cached."""
        t0 = time.perf_counter()
        with self._lock:
            if ctx:
                ctx.check()
            pages, notices = self._pages(spec)
            result = PreviewResult(spec, notices=notices)
            keys = [_Key((page, spec.dpi)) for page in pages]  # each page hashed once
            missing = [k for k in keys if k not in self._images]
            done = 0
            for page, key in zip(pages, keys, strict=True):
                got = self._images.get_item(key)
                if got is None:
                    if ctx:
                        ctx.check()
                        ctx.progress(
                            done, len(missing), f"Drawing page {done + 1} of {len(missing)}"
                        )
                    got = self._draw(page, spec)
                    self._images.put(key, got)
                    done += 1
                image, thumb = got
                result.pages.append(
                    PreviewPage(
                        image,
                        thumb,
                        page.title,
                        page.section_id,
                        page.kind,
                        page.width,
                        page.height,
                    )
                )
                if ctx and done and len(result.pages) < len(pages):
                    ctx.emit(list(result.pages))  # the first pages, while the rest are drawn
            result.drawn = done
            self._last[spec.mode] = set(keys)
            others = [k for mode, ks in self._last.items() if mode != spec.mode for k in ks]
            self._images.trim(self._last[spec.mode], set(others))
        result.seconds = time.perf_counter() - t0
        return result

    def _draw(self, page: Page, spec: PreviewSpec) -> tuple[QImage, QImage]:
        from infodeck.render.mpl import configure, render_rgba

        configure()  # the window's configure step, before its first drawing (idempotent)
        w, h, data = render_rgba(page, spec.dpi)
        self.draw_count += 1
        image = to_qimage(w, h, data)
        thumb = image.scaledToWidth(spec.thumb_width, Qt.TransformationMode.SmoothTransformation)
        return image, thumb
