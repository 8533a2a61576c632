from typing import Any

from django.contrib import admin

from gezondewijk.plein import services
from gezondewijk.plein.models import OrganisationActivity


@admin.register(OrganisationActivity)
class OrganisationActivityAdmin(admin.ModelAdmin[OrganisationActivity]):
    list_display = ["title", "organisation", "location", "starts_at", "ends_at"]
    list_filter = ["organisation__type"]
    search_fields = ["title", "organisation__name", "code"]
    raw_id_fields = ["organisation", "location"]
    filter_horizontal = ["themes"]

    def save_model(self, request: Any, obj: OrganisationActivity, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:  # the admin saves in one transaction: announced after its commit
            services.organisation_activities_announce(activity_ids=[obj.pk])
