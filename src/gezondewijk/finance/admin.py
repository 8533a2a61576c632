"""The region administrator sets up the fund committee and the outcome contracts in the
admin. The ledger itself is not in the admin: it is changed only by reversing entries."""

from django.contrib import admin

from gezondewijk.finance.models import CommitteeMember, OutcomeContract, OutcomePeriod


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(admin.ModelAdmin[CommitteeMember]):
    list_display = ["user", "region", "since"]
    list_filter = ["region"]
    raw_id_fields = ["user"]


class OutcomePeriodInline(admin.TabularInline[OutcomePeriod, OutcomeContract]):
    model = OutcomePeriod
    extra = 0


@admin.register(OutcomeContract)
class OutcomeContractAdmin(admin.ModelAdmin[OutcomeContract]):
    list_display = ["name", "investor", "indicator", "area_code", "cap_total"]
    raw_id_fields = ["investor", "intervention"]
    inlines = [OutcomePeriodInline]
