"""Read a saved web page with trafilatura: the article's main text, without the site's menus,
footers and adverts. Scripts are never run and never kept: only text nodes come out."""

from __future__ import annotations

import datetime as dt
import logging

import trafilatura
from lxml import etree

from ..sources import SourceError
from .outline import Outline

logger = logging.getLogger(__name__)

NO_ARTICLE = (
    "no article text was found in this web page; save the article's own page "
    "(File › Save Page As…, 'Web page, HTML only') or paste its text"
)


def read_html(data: bytes, name: str) -> Outline:
    """The outline of an HTML page's main text. `SourceError` if it has none."""
    try:
        xml = trafilatura.extract(
            data,
            output_format="xml",
            include_tables=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            favor_recall=True,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, etree.LxmlError) as exc:
        logger.info("Unreadable HTML %s: %s", name, exc)
        xml = None
    if not xml:
        raise SourceError(name, NO_ARTICLE)
    root = etree.fromstring(xml.encode("utf-8"))
    outline = Outline(title=(root.get("title") or "").strip(), date=_date(root.get("date")))
    main = root.find("main")
    for element in main.iter("head", "p", "item", "row", "quote") if main is not None else []:
        if element.tag == "p" and element.getparent().tag in ("item", "cell", "quote"):
            continue
        text = " ".join("".join(element.itertext()).split())
        if element.tag == "head":
            rend = element.get("rend", "h2")
            level = int(rend[1]) if rend[:1] == "h" and rend[1:].isdigit() else 2
            outline.add("heading", text, level)
        elif element.tag == "row":
            cells = [" ".join("".join(c.itertext()).split()) for c in element.iter("cell")]
            outline.add("row", " | ".join(c for c in cells if c))
        else:
            outline.add("item" if element.tag == "item" else "paragraph", text)
    if not outline.has_text:
        raise SourceError(name, NO_ARTICLE)
    return outline


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
