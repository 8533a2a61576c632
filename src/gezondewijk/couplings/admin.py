from django.contrib import admin

from gezondewijk.couplings.models import DeliveryAttempt, WebhookDelivery, WebhookSubscription


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin[WebhookSubscription]):
    list_display = ["organisation", "url", "active", "created_at"]
    list_filter = ["active"]
    raw_id_fields = ["organisation"]


class AttemptInline(admin.TabularInline[DeliveryAttempt, WebhookDelivery]):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["at", "status_code", "error", "duration_ms"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin[WebhookDelivery]):
    list_display = ["event", "subscription", "status", "attempts", "created_at", "next_attempt_at"]
    list_filter = ["status", "event"]
    readonly_fields = ["subscription", "event", "payload", "attempts", "delivered_at"]
    inlines = [AttemptInline]
