"""What an editor loaded travels signed: it comes back as it was, or not at all (unknown)."""

from decimal import Decimal

import pytest

from targets.entry import loaded
from targets.entry.loaded import UNKNOWN, Loaded

ROW = (3, 2023, 6, 7)  # office, year, month, indicator


@pytest.mark.parametrize(
    "content",
    [
        loaded.NOTHING,
        Loaded(value=Decimal("0.7600"), note="税收", reason="", measures="加快<b>入库</b>"),
        Loaded(value=Decimal("1E+3"), note=UNKNOWN, reason="x" * 2000, measures=UNKNOWN),
        Loaded(),
    ],
)
def test_a_token_gives_back_what_was_loaded(content):
    back = loaded.unsign(loaded.sign(content, *ROW), *ROW)
    assert back == content


@pytest.mark.parametrize(
    "other",
    [(4, 2023, 6, 7), (3, 2022, 6, 7), (3, 2023, 5, 7), (3, 2023, 6, 8)],
    ids=["another office", "another year", "another month", "another row"],
)
def test_a_token_copied_to_another_row_or_month_is_not_trusted(other):
    token = loaded.sign(Loaded(value=Decimal("0.75"), note="", reason="", measures=""), *ROW)
    assert loaded.unsign(token, *other) is None


@pytest.mark.parametrize("token", [None, "", "abc", "x" * 50_000])
def test_a_missing_or_made_up_token_is_unknown(token):
    assert loaded.unsign(token, *ROW) is None


def test_an_altered_token_is_unknown():
    token = loaded.sign(Loaded(value=Decimal("0.75"), note="", reason="", measures=""), *ROW)
    assert loaded.unsign(token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1], *ROW) is None
