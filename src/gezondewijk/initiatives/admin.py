from django.contrib import admin

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


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin[Activity]):
    list_display = ["title", "initiative", "date", "participants"]
    raw_id_fields = ["initiative", "location"]
