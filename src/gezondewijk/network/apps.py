from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "gezondewijk.network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from gezondewijk.demo import registry as demo
        from gezondewijk.indicators import providers
        from gezondewijk.network import demo_network, personal_data
        from gezondewijk.people import policy
        from gezondewijk.people.policy import Permission
        from gezondewijk.places import wijk_links
        from gezondewijk.web import navigation

        personal_data.register()
        demo.register("network", demo_network.build_network, order=demo.ORDER_FEATURES)
        navigation.register(
            navigation.MenuItem(
                _("My wijk"),
                "network:mijn_wijk",
                order=20,
                visible=lambda user: policy.allows(user, Permission.KEEP_OWN_NETWORK),
            )
        )
        wijk_links.register(
            wijk_links.WijkLink(
                _("Network"),
                "network:wijk_network",
                visible=lambda user, wijk: policy.allows(
                    user, Permission.VIEW_NETWORK_AGGREGATES, wijk
                ),
                order=20,
            )
        )
        # Isolation per buurt from the latest analysis, as counts for the indicators app.
        providers.register(providers.FigureProvider(source="network", figures=_isolation_figures))


def _isolation_figures() -> Any:
    """isolated and residents per buurt code, from the latest finished NetworkRun per region."""
    import polars as pl

    from gezondewijk.indicators.providers import empty_figures
    from gezondewijk.network.models import NetworkRun, RunStatus
    from gezondewijk.places.models import Buurt

    frames = []
    latest = NetworkRun.objects.filter(status=RunStatus.DONE).order_by("region", "-created_at")
    seen: set[int] = set()
    for run in latest:  # one run per region: a handful
        if run.region_id in seen or not run.results.get("isolation"):
            continue
        seen.add(run.region_id)
        frame = pl.DataFrame(run.results["isolation"]).with_columns(
            pl.lit(run.created_at.year).alias("period")
        )
        frames.append(frame)
    if not frames:
        return empty_figures()
    isolation = pl.concat(frames, how="vertical_relaxed")
    codes = pl.DataFrame(
        list(Buurt.objects.values_list("pk", "code")),
        schema={"buurt_id": pl.Int64, "area_code": pl.String},
        orient="row",
    )
    return (
        isolation.with_columns(pl.col("buurt_id").cast(pl.Int64))
        .join(codes, on="buurt_id")
        .unpivot(
            index=["area_code", "period"], on=["isolated", "residents"], variable_name="figure"
        )
    )
