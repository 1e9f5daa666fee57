"""The published site: one book per language in its own folder (``nl/``, ``en/``) and a root page that opens
the edition's language.

Each language's book is built by Sphinx in its own stage (``_build/stage/<language>``); the two Sphinx
builds and PDF editions run side by side (one per core). :func:`assemble` then puts the finished books
side by side in one folder, which :func:`helpers.book.build.publish` swaps in whole. The language
switch on every page (:mod:`helpers.book.sphinx_ext`) links ``<language>/<page>.html`` to the same
page in the other language.
"""

from __future__ import annotations

import concurrent.futures
import fnmatch
import html
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

#: each language's name in that language (the switch offers the other language in its own words)
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
#: the site's title per language, on the root page
TITLES = {"nl": "Vlaamse sterktes in cijfers", "en": "Flemish strengths in figures"}
SITE_NEXT = "site.next"


def drop_single_language_stage(stage: Path) -> None:
    """Remove a stage of the earlier one-language layout (``stage/_config.yml``), which a build from
    before the language folders left: its files would otherwise linger beside ``stage/<language>``."""
    if (stage / "_config.yml").is_file():
        shutil.rmtree(stage)


def run_per_language(languages: Sequence[str], step: Callable[[str], float]) -> dict[str, float]:
    """Run ``step(language)`` for every language, two at a time (each step mostly waits on its own
    subprocess: Sphinx, Chromium); returns the value per language. The first error (in book order) is raised
    after the others finished, so no step is left running."""
    if len(languages) == 1:
        return {languages[0]: step(languages[0])}
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {language: pool.submit(step, language) for language in languages}
        concurrent.futures.wait(futures.values())
    for future in futures.values():
        if future.exception() is not None:
            raise future.exception()  # type: ignore[misc]
    return {language: future.result() for language, future in futures.items()}


def root_page(languages: Sequence[str], default: str) -> str:
    """The site's ``index.html``: it opens the ``default`` language's book at once and lists every language
    (for a browser that does not follow the redirect). No script, so the Content-Security-Policy needs none.

    >>> "url=nl/index.html" in root_page(["nl", "en"], "nl")
    True
    """
    links = "".join(f'<li><a href="{lang}/index.html" hreflang="{lang}" lang="{lang}">{html.escape(TITLES[lang])} ({LANGUAGE_NAMES[lang]})</a></li>'
                    for lang in languages)
    return ("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\" />\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'none'; object-src 'none'\" />\n"
            f'<meta http-equiv="refresh" content="0; url={default}/index.html" />\n'
            f"<title>{html.escape(TITLES[default])}</title>\n</head>\n<body>\n<ul>{links}</ul>\n</body>\n</html>\n")


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)  # the assembled folder is only read (publish copies it), so hard links suffice
    except OSError:
        shutil.copy2(source, target)


def assemble(build_dir: Path, books: Mapping[str, Path], default: str, leave_out: tuple[str, ...] = ()) -> Path:
    """``build_dir/site.next`` with each language's built HTML in ``<language>/`` (without the top-level files
    matching ``leave_out``) and the root page; returns it."""
    target = build_dir / SITE_NEXT
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for language, folder in books.items():
        def ignore(where: str, names: list[str], top: str = str(folder)) -> set[str]:
            return {n for n in names if where == top and any(fnmatch.fnmatch(n, pattern) for pattern in leave_out)}
        shutil.copytree(folder, target / language, copy_function=_link_or_copy, ignore=ignore if leave_out else None)
    (target / "index.html").write_text(root_page(list(books), default), encoding="utf-8")
    return target
