from django.contrib import admin

from lifeline.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made with `lifeline apitoken`; here they are listed and revoked."""

    list_display = ["visible", "user", "name", "created", "last_used", "revoked"]
    list_filter = ["revoked"]
    search_fields = ["user__username", "name", "visible"]
    readonly_fields = ["user", "visible", "digest", "created", "last_used"]
    fields = ["user", "name", "visible", "digest", "created", "last_used", "revoked"]

    def has_add_permission(self, request):
        return False
