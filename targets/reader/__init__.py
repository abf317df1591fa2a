"""Read a 政府工作报告 into proposals: the plan year's targets and the review year's results, each with its quote.

A pure package (no request, no database): ``read(text, year=None, indicators=())`` returns a ``Reading``. The
command ``read_report`` prints it as JSON; the admin's 读取工作报告 page shows it for editing before anything is
stored. How the text is cut into halves and sections is in ``layout``, how figures are recognised in ``numbers``
and ``extract``, how names are matched to indicators and baselines in ``matching``.
"""

import re
from dataclasses import dataclass

from targets.reader.extract import Proposal, read_half
from targets.reader.files import MAX_BYTES, ReportFileError, report_text
from targets.reader.layout import LayoutError, lay_out
from targets.reader.matching import IndicatorRef, assign_indicators, link_baselines
from targets.reader.numbers import decimal_string

__all__ = [
    "MAX_BYTES",
    "IndicatorRef",
    "Proposal",
    "Reading",
    "ReaderError",
    "ReportFileError",
    "read",
    "report_text",
]


class ReaderError(ValueError):
    """The text cannot be read as a report; the message says why, in Chinese."""


@dataclass
class Reading:
    plan_year: int
    review_year: int
    targets: list[Proposal]
    results: list[Proposal]

    def as_json(self) -> dict:
        """Exactly the command's JSON: values as decimal strings in the report's own unit, dates as ISO."""
        return {
            "plan_year": self.plan_year,
            "review_year": self.review_year,
            "targets": [
                {
                    "name": target.name,
                    "indicator": target.indicator.code if target.indicator else None,
                    "kind": target.kind,
                    "value": decimal_string(target.value),
                    "unit": target.unit,
                    "firmness": target.firmness,
                    "qualifier": target.qualifier,
                    "deadline": target.deadline.isoformat() if target.deadline else None,
                    "period": target.period,
                    "quote": target.quote,
                }
                for target in self.targets
            ],
            "results": [
                {
                    "name": result.name,
                    "value": decimal_string(result.value),
                    "unit": result.unit,
                    "qualifier": result.qualifier,
                    "quote": result.quote,
                }
                for result in self.results
            ],
        }


def read(text: str, year: int | None = None, indicators=()) -> Reading:
    """Propose the targets of the plan year (``year``, or the one the text names) and the results before it."""
    if not text or not text.strip():
        raise ReaderError("报告是空的。")
    if "\x00" in text:
        raise ReaderError("报告中含有空字符（\\0），这不是文本。")
    if not re.search(r"[\d０-９]", text):
        raise ReaderError("报告中没有任何数字，找不到可读取的目标或实绩。")
    try:
        layout = lay_out(text, year)
    except LayoutError as error:
        raise ReaderError(str(error)) from error
    targets = read_half(text, layout, "plan")
    results = read_half(text, layout, "review")
    assign_indicators(targets, indicators)
    link_baselines(targets, results)
    return Reading(layout.plan_year, layout.review_year, targets, results)
