from django.contrib import admin

from events.models import RSVP, Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "owner", "capacity"]
    prepopulated_fields = {"slug": ["title"]}


admin.site.register(RSVP)
