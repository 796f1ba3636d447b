from django.contrib import admin, messages

from notes.models import Note


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["title", "is_archived", "created_at"]
    list_filter = ["is_archived"]
    search_fields = ["title", "body"]
    actions = ["archive_selected"]

    @admin.action(description="Archive selected notes")
    def archive_selected(self, request, queryset):
        # `queryset` holds only the rows ticked in the changelist; update() archives
        # them in one UPDATE and returns how many rows it changed.
        archived = queryset.update(is_archived=True)
        self.message_user(
            request,
            f"{archived} note{'s' if archived != 1 else ''} archived.",
            messages.SUCCESS,
        )
