from django.contrib import admin

from gezondewijk.cycle.models import CycleEntry, RegionStrategy, Step


@admin.register(Step)
class StepAdmin(admin.ModelAdmin[Step]):
    list_display = ["order", "name", "key", "min_energy", "focus"]
    list_display_links = ["name"]
    ordering = ["order"]


@admin.register(RegionStrategy)
class RegionStrategyAdmin(admin.ModelAdmin[RegionStrategy]):
    list_display = ["region", "strategy"]


@admin.register(CycleEntry)
class CycleEntryAdmin(admin.ModelAdmin[CycleEntry]):
    list_display = ["wijk", "step", "entered_at"]
    list_filter = ["step"]
    raw_id_fields = ["entered_by"]
