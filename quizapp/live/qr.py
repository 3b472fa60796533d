"""The join link as a QR code: segno makes the matrix, the template draws it as SVG.

The drawing is one SVG path of the dark modules, made of numbers and path letters only,
so the template renders it with autoescaping on like everything else.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno

BORDER = 2  # quiet zone, in modules


@dataclass(frozen=True)
class QrDrawing:
    size: int  # modules across, quiet zone included
    path: str  # SVG path data of the dark modules


def qr_drawing(url: str) -> QrDrawing:
    code = segno.make(url, error="m")
    parts = []
    rows = list(code.matrix_iter(scale=1, border=BORDER))
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return QrDrawing(size=len(rows), path="".join(parts))
