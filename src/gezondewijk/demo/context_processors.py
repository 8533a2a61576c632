"""`demo_kind` in every template: "utrecht" or "fictional" when the database holds a demo.

Read only when a template uses it (the footer of the base layout), at most once per request.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from gezondewijk.demo.models import DemoBuild


def demo_kind_of(request: HttpRequest) -> str:
    found: str | None = getattr(request, "_gezondewijk_demo_kind", None)
    if found is None:
        found = DemoBuild.objects.order_by("-pk").values_list("kind", flat=True).first() or ""
        request._gezondewijk_demo_kind = found  # type: ignore[attr-defined]
    return found


def demo(request: HttpRequest) -> dict[str, Any]:
    return {"demo_kind": SimpleLazyObject(lambda: demo_kind_of(request))}
