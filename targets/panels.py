"""Extra panels on a target's page, contributed by other apps (e.g. the projects a count target counts).

A panel function takes ``(request, target)`` and returns ``None`` (nothing to show) or a dict with a
``template`` key and the context that template needs. ``projects`` registers its panel at start-up.
"""

from collections.abc import Callable

_panels: list[Callable] = []


def register_panel(panel: Callable) -> None:
    if panel not in _panels:
        _panels.append(panel)


def panels_for(request, target) -> list[dict]:
    return [shown for panel in _panels if (shown := panel(request, target)) is not None]
