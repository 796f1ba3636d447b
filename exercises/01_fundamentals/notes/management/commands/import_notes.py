"""`python manage.py import_notes notes.csv [--dry-run]`: load notes from a CSV file.

The file has a header row with the columns `title` and `body`:

    title,body
    Django tips,Use select_related for foreign keys.
    Groceries,"milk, eggs"
"""

import csv

from django.core.management.base import BaseCommand, CommandError

from notes.models import Note


class Command(BaseCommand):
    help = "Import notes from a CSV file with the columns title and body."

    def add_arguments(self, parser):
        parser.add_argument("csv_path", help="path of the CSV file to import")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="validate the file and report what would be imported, saving nothing",
        )

    def handle(self, *args, csv_path, dry_run, **options):
        # TODO: this first draft is not safe to run twice or on a bad file. Make it:
        # - validate every row (a title is required, at most 200 characters) and raise
        #   CommandError naming the bad row;
        # - atomic: one bad row imports nothing;
        # - idempotent: a note whose title already exists is skipped, not duplicated;
        # - report "N created, M skipped" on stdout; with --dry-run, save nothing;
        # - raise CommandError naming the file when it does not exist.
        with open(csv_path, newline="", encoding="utf-8") as csv_file:
            for row in csv.DictReader(csv_file):
                Note.objects.create(title=row["title"], body=row["body"])
