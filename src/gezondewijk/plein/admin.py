from django.contrib import admin

from gezondewijk.plein.models import OrganisationActivity


@admin.register(OrganisationActivity)
class OrganisationActivityAdmin(admin.ModelAdmin[OrganisationActivity]):
    list_display = ["title", "organisation", "location", "starts_at", "ends_at"]
    list_filter = ["organisation__type"]
    search_fields = ["title", "organisation__name", "code"]
    raw_id_fields = ["organisation", "location"]
    filter_horizontal = ["themes"]
