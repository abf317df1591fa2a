"""The monthly briefing (月度通报): paragraphs the application writes for a month, section by section.

Other apps add their own paragraphs without ``targets`` importing them: ``projects`` registers a provider at
start-up with ``register_section``. A provider is a callable ``(year, month) -> list[BriefingItem]``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

_providers: list[Callable] = []


@dataclass(frozen=True)
class BriefingItem:
    """One heading of the briefing with its paragraphs (plain text, Chinese)."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    order: int = 100


def register_section(provider: Callable) -> None:
    if provider not in _providers:
        _providers.append(provider)


def registered_items(year: int, month: int) -> list[BriefingItem]:
    """What the registered providers say about ``month`` of ``year``, in their order."""
    items = []
    for provider in _providers:
        items.extend(provider(year, month))
    return sorted(items, key=lambda item: item.order)
