from django.contrib import admin

from notes.models import Note

# TODO: register Note with a ModelAdmin: its columns (list_display), a filter on
# is_archived (list_filter), a search over title and body (search_fields), and an
# "Archive selected notes" action that reports how many notes it archived.
