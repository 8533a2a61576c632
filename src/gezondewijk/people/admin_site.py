"""The admin, for region administrators: access decided by the policy module."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class RegionAdminSite(admin.AdminSite):
    site_header = _("Gezonde Wijk — region administration")
    site_title = _("Gezonde Wijk administration")
    index_title = _("Set up the region")

    def has_permission(self, request: HttpRequest) -> bool:
        from gezondewijk.people.access import may_use_admin

        return may_use_admin(request.user)  # type: ignore[arg-type]


class GezondeWijkAdminConfig(AdminConfig):
    default_site = "gezondewijk.people.admin_site.RegionAdminSite"
