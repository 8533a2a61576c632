"""Reading just enough of a PDF to tell its pages and whether charts were drawn on them."""

import re
import zlib


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


def drawing(pdf: bytes) -> bytes:
    """The page content streams, inflated: text and vector drawing operators."""
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(raw))
        except zlib.error:
            out.append(raw)
    return b"\n".join(out)


def has_charts(pdf: bytes) -> bool:
    """Filled rectangles (bars) and stroked lines (trend) are in the content."""
    content = drawing(pdf)
    return bool(re.search(rb" re f\b", content) or re.search(rb" re\s+f", content)) and bool(
        re.search(rb" l S\b", content) or re.search(rb" l\s", content)
    )
