from django.contrib import admin

from gezondewijk.places.forms import AreaAdminForm
from gezondewijk.places.models import Buurt, Gemeente, Region, StrategicLocation, Wijk


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin[Region]):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin[Gemeente]):
    form = AreaAdminForm
    list_display = ["code", "name", "region", "inhabitants", "figures_year"]
    list_filter = ["region"]
    search_fields = ["code", "name"]


@admin.register(Wijk)
class WijkAdmin(admin.ModelAdmin[Wijk]):
    form = AreaAdminForm
    list_display = ["code", "name", "gemeente", "inhabitants", "figures_year"]
    list_filter = ["gemeente"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["gemeente"]


@admin.register(Buurt)
class BuurtAdmin(admin.ModelAdmin[Buurt]):
    form = AreaAdminForm
    list_display = ["code", "name", "wijk", "inhabitants", "figures_year"]
    list_filter = ["wijk__gemeente"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["wijk"]


@admin.register(StrategicLocation)
class StrategicLocationAdmin(admin.ModelAdmin[StrategicLocation]):
    list_display = ["name", "kind", "buurt", "address"]
    list_filter = ["kind", "buurt__wijk__gemeente"]
    search_fields = ["name", "address"]
    autocomplete_fields = ["buurt"]
