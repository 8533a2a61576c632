from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse

from gezondewijk.people import services
from gezondewijk.people.models import ApiKey, ApiScope, Organisation, RoleGrant, User
from gezondewijk.privacy.services import access_log_record
from gezondewijk.privacy.types import person_of


class RoleGrantInline(admin.TabularInline[RoleGrant, User]):
    model = RoleGrant
    extra = 0
    autocomplete_fields = ["region", "gemeente", "wijk"]


@admin.register(User)
class UserAdmin(admin.ModelAdmin[User]):
    # Accounts and roles only: a resident's profile and answers are not shown here.
    list_display = ["email", "display_name", "is_active", "date_joined"]
    search_fields = ["email", "display_name"]
    fields = ["email", "display_name", "is_active"]
    inlines = [RoleGrantInline]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # Opening someone's account is a read of their personal data: it goes in the log.
        subject = self.get_object(request, object_id)
        if subject is not None and subject != request.user:
            access_log_record(
                actor=person_of(request), subject=subject, resource="account", reason="beheer"
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "type", "gemeente"]
    list_filter = ["type", "gemeente"]
    search_fields = ["name"]
    filter_horizontal = ["wijken"]
    raw_id_fields = ["locations"]


class ApiKeyForm(forms.ModelForm[ApiKey]):
    scopes = forms.MultipleChoiceField(
        choices=ApiScope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiKey
        fields = ["organisation", "name", "scopes", "revoked_at"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin[ApiKey]):
    form = ApiKeyForm
    list_display = ["name", "organisation", "prefix", "created_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at"]

    def save_model(self, request: HttpRequest, obj: ApiKey, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        key, raw = services.api_key_create(
            organisation=obj.organisation, name=obj.name, scopes=form.cleaned_data["scopes"]
        )
        obj.pk = key.pk
        messages.warning(
            request, f"API key {raw} — copy it now: it is shown only once and is not stored."
        )
