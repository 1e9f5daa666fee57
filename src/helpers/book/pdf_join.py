"""The PDF edition put together from its chapters: pages, links, bookmarks and page numbers (pikepdf).

:mod:`helpers.book.pdf` prints the book's body without page numbers: the whole book at once on a first build,
and afterwards only the chapters whose pages changed, each on its own. This module joins those prints into one
document, in book order:

* :func:`chapter_starts` finds where each chapter begins in a print of several chapters, from the named destination
  ``p<i>`` that Chromium writes for the chapter's ``<section id="p<i>">`` (every section links to itself, hidden);
* :func:`join` copies each chapter's pages from the PDF that holds them and rebuilds the named destinations, so
  that a link between chapters (an annotation naming its target, e.g. ``/p7-methoden``) still leads there; a
  print of some chapters also carries stand-ins of the other chapters' targets, which are dropped here;
* :func:`add_outline` adds the bookmarks: each chapter, and its sections (second-level headings);
* :func:`add_footers` lays the page numbers over the pages, from a print of as many empty pages that carries
  only Chromium's footer (title and ``page / pages``), so the numbers follow the joined document.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, PageCopyWarning, Pdf, Stream

from helpers.errors import BuildError

_CHAPTER = re.compile(r"^p(\d+)$")


@dataclass(frozen=True)
class Chapter:
    """One chapter of the outline: its title and its sections as (title, destination name) pairs."""

    title: str
    sections: list[tuple[str, str]] = field(default_factory=list)


def own(name: str, index: int) -> bool:
    """Whether the destination ``name`` (without its slash) belongs to chapter ``index``.

    >>> own("p3", 3), own("p3-methoden", 3), own("p31-x", 3), own("p7-x", 3)
    (True, True, False, False)
    """
    return name == f"p{index}" or name.startswith(f"p{index}-")


def _page_index(pdf: Pdf) -> dict[tuple[int, int], int]:
    return {page.objgen: i for i, page in enumerate(pdf.pages)}


def chapter_starts(pdf: Pdf, numbers: list[int], source: str) -> list[int]:
    """The first page (0-based) of each chapter ``numbers`` (in book order) in a print of those chapters, from its
    destinations ``/p<number>``; a missing one is a :class:`BuildError` (the print is not of those chapters)."""
    dests = pdf.Root.get("/Dests")
    index = _page_index(pdf)
    starts: dict[int, int] = {}
    for key in (dests.keys() if dests is not None else ()):
        match = _CHAPTER.match(key[1:])
        if match:
            starts[int(match.group(1))] = index[dests[key][0].objgen]
    missing = [number for number in numbers if number not in starts]
    if missing:
        raise BuildError(f"the PDF edition: {source} has no start for chapter(s) {missing}; print the book again with --no-cache")
    ordered = [starts[number] for number in numbers]
    if ordered != sorted(set(ordered)) or ordered[0] != 0:
        raise BuildError(f"the PDF edition: the chapters of {source} are not each on pages of their own, in book order ({ordered})")
    return ordered


def join(parts: list[tuple[Pdf, int, int]]) -> Pdf:
    """A new PDF of the chapters ``parts``: per chapter (1, 2, ...), the source PDF, its first page and page count.

    Each page keeps its links; the named destinations of chapter ``i`` (``p<i>``, ``p<i>-...``) are taken from
    the PDF that holds its pages, pointing at the copied pages."""
    out = Pdf.new()
    dests = Dictionary()
    for number, (source, first, count) in enumerate(parts, 1):
        offset = len(out.pages)
        with warnings.catch_warnings():  # (that the source's named destinations are not copied: they are rebuilt below)
            warnings.simplefilter("ignore", PageCopyWarning)
            out.pages.extend(source.pages[first:first + count])
        index = _page_index(source)
        own_dests = source.Root.get("/Dests")
        for key in (own_dests.keys() if own_dests is not None else ()):
            target = own_dests[key]
            at = index.get(target[0].objgen)
            if own(key[1:], number) and at is not None and first <= at < first + count:
                dests[key] = Array([out.pages[offset + at - first].obj, *target[1:]])
    out.Root.Dests = out.make_indirect(dests)
    return out


def add_outline(pdf: Pdf, starts: list[int], chapters: list[Chapter]) -> None:
    """Bookmarks: each chapter at its first page, with its sections (destinations of ``pdf``) below it."""
    dests = pdf.Root.get("/Dests") or Dictionary()
    with pdf.open_outline() as outline:
        outline.root.clear()
        for start, chapter in zip(starts, chapters):
            item = OutlineItem(chapter.title, start)
            item.children.extend(OutlineItem(title, Name("/" + name)) for title, name in chapter.sections
                                 if "/" + name in dests)
            outline.root.append(item)
    pdf.Root.PageMode = Name.UseOutlines


def add_footers(pdf: Pdf, footers: Pdf) -> None:
    """Lay page ``k`` of ``footers`` (empty but for its footer) over page ``k`` of ``pdf``, as a form XObject drawn
    after the page's own content. (pikepdf's ``Page.add_overlay`` does the same, but makes saving ten times slower.)"""
    if len(footers.pages) != len(pdf.pages):
        raise BuildError(f"the PDF edition: {len(footers.pages)} footers for {len(pdf.pages)} pages")
    for page, footer in zip(pdf.pages, footers.pages):
        contents = footer.obj.Contents
        data = b"".join(part.read_bytes() for part in contents) if isinstance(contents, Array) else contents.read_bytes()
        form = Stream(pdf, data)
        form.Type, form.Subtype = Name.XObject, Name.Form
        form.BBox = Array([float(x) for x in footer.mediabox])
        form.Resources = pdf.copy_foreign(footers.make_indirect(footer.obj.Resources))
        name = page.add_resource(pdf.make_indirect(form), Name.XObject, prefix="Footer")
        page.contents_add(Stream(pdf, b"q\n"), prepend=True)  # the page's own graphics state ends before the footer
        page.contents_add(Stream(pdf, b"Q q " + bytes(name) + b" Do Q\n"))


def finish(pdf: Pdf, title: str, language: str, target: Path) -> None:
    """The document's title (shown by viewers), language and bookmarks pane, written to ``target``."""
    pdf.docinfo[Name.Title] = title
    pdf.docinfo[Name.Producer] = f"Skia/PDF (Chromium), pikepdf {pikepdf.__version__}"
    pdf.Root.Lang = pikepdf.String(language)
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pdf.save(target)
