"""Present a class report: sort its rows, and write it as CSV for a spreadsheet."""

from __future__ import annotations

import csv
import io

from .selectors import ClassReport, StudentRow

SORTS = ("name", "score", "completion", "mastery")


def parse_sort(value: str | None, report: ClassReport) -> tuple[str, bool]:
    """A known sort key and whether it is descending; unknown keys fall back to name."""
    value = (value or "name").strip()
    descending = value.startswith("-")
    key = value.lstrip("-")
    assignment_keys = {f"a{a.pk}" for a in report.assignments}
    if key not in SORTS and key not in assignment_keys:
        return "name", False
    return key, descending


def sorted_rows(report: ClassReport, key: str, descending: bool) -> list[StudentRow]:
    """The report's rows ordered by `key`; students without a value always sort last."""
    if key == "name":
        return sorted(report.rows, key=lambda r: r.name.lower(), reverse=descending)
    index = next((i for i, a in enumerate(report.assignments) if f"a{a.pk}" == key), None)

    def value(row: StudentRow):
        if index is not None:
            cell = row.cells[index]
            return cell.score if cell.score is not None else cell.completion
        return {
            "score": row.mean_score,
            "completion": row.mean_completion,
            "mastery": row.mean_mastery,
        }[key]

    present = [r for r in report.rows if value(r) is not None]
    missing = [r for r in report.rows if value(r) is None]
    present.sort(key=lambda r: (value(r), r.name.lower()), reverse=descending)
    return present + sorted(missing, key=lambda r: r.name.lower())


def _pct(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}"


def report_csv(report: ClassReport) -> str:
    """Students by assignments (score, completion, mastery as percentages), then item analysis."""
    out = io.StringIO()
    writer = csv.writer(out)
    header = ["username", "name"]
    for a in report.assignments:
        header += [f"{a.title}: score %", f"{a.title}: completion %", f"{a.title}: mastery %"]
    writer.writerow(header)
    for row in sorted_rows(report, "name", False):
        line = [row.student.get_username(), row.name]
        for cell in row.cells:
            line += [_pct(cell.score), _pct(cell.completion), _pct(cell.mastery)]
        writer.writerow(line)
    writer.writerow([])
    writer.writerow(
        ["question", "kind", "answered", "facility %", "discrimination", "choices picked", "flag"]
    )
    for stats in report.questions:
        picks = "; ".join(f"{d.choice.text}: {d.picked}" for d in stats.choices)
        writer.writerow(
            [
                stats.question.prompt,
                stats.question.get_kind_display(),
                stats.answered,
                _pct(stats.facility),
                stats.discrimination_text,
                picks,
                "; ".join(stats.flags),
            ]
        )
    return out.getvalue()
