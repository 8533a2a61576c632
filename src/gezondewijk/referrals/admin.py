from django.contrib import admin

from gezondewijk.referrals.models import ReasonTheme


@admin.register(ReasonTheme)
class ReasonThemeAdmin(admin.ModelAdmin[ReasonTheme]):
    list_display = ["reason", "theme"]
    list_filter = ["reason"]
