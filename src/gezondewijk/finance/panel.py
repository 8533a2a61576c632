"""The fund's panel on the coordinator dashboard: obstacle (b), is there money?"""

from django.http import HttpRequest
from django.template.loader import render_to_string

from gezondewijk.finance import selectors
from gezondewijk.places.models import Wijk


def render(request: HttpRequest, wijk: Wijk) -> str:
    return render_to_string(
        "finance/panel.html",
        {"wijk": wijk, "fund": selectors.wijk_panel(wijk=wijk)},
        request=request,
    )
