"""Extra panels on a target's page, contributed by other apps (e.g. the projects a count target counts).

A panel function takes ``(request, target, registers=None)`` and returns ``None`` (nothing to show) or a dict with a
``template`` key and the context that template needs. ``projects`` registers its panel at start-up; the target
page shows each panel rendered with its own context.
"""

from collections.abc import Callable

from django.template.loader import render_to_string

_panels: list[Callable] = []


def register_panel(panel: Callable) -> None:
    if panel not in _panels:
        _panels.append(panel)


def panels_for(request, target, registers=None) -> list[str]:
    """The HTML of every panel that has something to show for ``target``; ``registers`` (``targets.counting``),
    when the page has read them already, spares a panel about the register its own queries."""
    rendered = []
    for panel in _panels:
        shown = panel(request, target, registers=registers)
        if shown is not None:
            context = dict(shown)
            rendered.append(render_to_string(context.pop("template"), context, request=request))
    return rendered
