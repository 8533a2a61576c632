from typing import Any

from django.contrib import admin

from gezondewijk import events
from gezondewijk.initiatives import services
from gezondewijk.initiatives.models import Activity, Initiative, Membership, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin[Theme]):
    list_display = ["name", "slug", "active"]
    list_editable = ["active"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(admin.TabularInline[Membership, Initiative]):
    model = Membership
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin[Initiative]):
    list_display = ["name", "status", "lead", "created_at"]
    list_filter = ["status", "themes"]
    search_fields = ["name"]
    raw_id_fields = ["lead"]
    filter_horizontal = ["themes", "wijken", "partners"]
    inlines = [MembershipInline]

    def save_model(self, request: Any, obj: Initiative, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:  # the admin saves in one transaction: announced after its commit
            events.publish(events.DomainEvent(services.INITIATIVE_STARTED, obj.pk))


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin[Activity]):
    list_display = ["title", "initiative", "date", "participants"]
    raw_id_fields = ["initiative", "location"]

    def save_model(self, request: Any, obj: Activity, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            events.publish(events.DomainEvent(services.ACTIVITY_RECORDED, obj.pk))
