from django.contrib import admin
from django.http import HttpRequest

from gezondewijk.privacy.models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin[AccessLog]):
    list_display = ["at", "actor", "system", "subject", "resource", "reason"]
    list_filter = ["resource"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
