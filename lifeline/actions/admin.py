"""Appeals and appeal emails, shown to editors and never edited.

Who wrote stays private: the "I have sent it" form promises a writer that their
email is shown to no one, and an appeal email's sender, name and text are the
writer's own. So those fields are on no admin page (list, change, search,
filters), for editors and superusers alike.
"""

from django.contrib import admin

from lifeline.actions.models import Appeal, OutgoingAppeal


class ReadOnlyAdmin(admin.ModelAdmin):
    # Fields about the writer that no admin page shows or lets anyone look up.
    private_fields: tuple[str, ...] = ()

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or ()), *self.private_fields]

    def lookup_allowed(self, lookup, value, request=None):
        # Django allows a lookup on any of the model's own fields from the URL
        # (?email=...), which would tell whether an address wrote.
        if lookup.split("__")[0] in self.private_fields:
            return False
        return super().lookup_allowed(lookup, value, request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    private_fields = ("email", "writer")
    list_display = ["sent", "channel", "language", "target", "document"]
    list_filter = ["channel", "language"]
    list_select_related = ["target", "document"]
    date_hierarchy = "sent"


@admin.register(OutgoingAppeal)
class OutgoingAppealAdmin(ReadOnlyAdmin):
    list_display = ["created", "state", "to", "subject"]
    list_filter = ["state"]
    private_fields = ("sender", "writer_name", "text", "html")
