"""The plein is public: every visitor and every role opens every page and feed."""

from django.urls import reverse

from tests.access import Expect, ObjectCheck, Page
from tests.conftest import World
from tests.plein.factories import activity_at, mosque, theme

PUBLIC = Expect(200)


def _place(world: World) -> int:
    return mosque(world.buurt)[1].pk


def _item(world: World) -> str:
    organisation, place = mosque(world.buurt)
    return f"organisatie-{activity_at(organisation, place).pk}"


PAGES = {
    "plein:index": Page(PUBLIC),
    "plein:wijk": Page(PUBLIC, url=lambda w: reverse("plein:wijk", args=[w.wijk.code])),
    "plein:agenda": Page(PUBLIC, url=lambda w: reverse("plein:agenda", args=[w.wijk.code])),
    "plein:wijk_calendar": Page(
        PUBLIC, url=lambda w: reverse("plein:wijk_calendar", args=[w.wijk.code])
    ),
    "plein:place": Page(PUBLIC, url=lambda w: reverse("plein:place", args=[_place(w)])),
    "plein:place_calendar": Page(
        PUBLIC, url=lambda w: reverse("plein:place_calendar", args=[_place(w)])
    ),
    "plein:theme_calendar": Page(
        PUBLIC, url=lambda w: reverse("plein:theme_calendar", args=[theme().slug])
    ),
    "plein:item_calendar": Page(
        PUBLIC, url=lambda w: reverse("plein:item_calendar", args=[_item(w)])
    ),
}
ENDPOINTS: dict = {}

OBJECTS: dict[str, ObjectCheck] = {}
SHARED_BY_DESIGN = (
    "The plein is public: every wijk, place, theme and activity is shown to everyone."
)
