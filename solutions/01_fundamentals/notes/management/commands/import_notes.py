"""`python manage.py import_notes notes.csv [--dry-run]`: load notes from a CSV file.

The file has a header row with the columns `title` and `body`:

    title,body
    Django tips,Use select_related for foreign keys.
    Groceries,"milk, eggs"
"""

import csv

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from notes.models import Note

COLUMNS = ("title", "body")


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
        # CommandError is how a command fails: manage.py prints the message and exits
        # with status 1 instead of showing a traceback; call_command() raises it.
        try:
            # utf-8-sig also reads the byte-order mark that spreadsheet programs write.
            with open(csv_path, newline="", encoding="utf-8-sig") as csv_file:
                reader = csv.DictReader(csv_file)
                missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
                rows = list(reader)
        except FileNotFoundError:
            raise CommandError(f"No such file: {csv_path}") from None
        if missing:
            raise CommandError(f"{csv_path} has no column {', '.join(missing)}.")

        created = skipped = 0
        # One transaction: a bad row raises inside it and rolls back every row before it.
        with transaction.atomic():
            for row_number, row in enumerate(rows, start=1):
                note = Note(title=(row["title"] or "").strip(), body=(row["body"] or "").strip())
                try:
                    # The model's own rules (required, max_length), not ad hoc checks.
                    note.full_clean()
                except ValidationError as error:
                    raise CommandError(
                        f"Row {row_number}: {describe(error)} Nothing was imported."
                    ) from None
                # The title is the natural key: a note already there (from an earlier run
                # or earlier in this file) is skipped, so running the file again is harmless.
                if Note.objects.filter(title=note.title).exists():
                    skipped += 1
                    continue
                note.save()
                created += 1
            if dry_run:
                # The same code path as a real run, so the counts are exact; then undo it.
                transaction.set_rollback(True)

        summary = f"{created} created, {skipped} skipped"
        self.stdout.write(f"{summary} (dry run: nothing saved)" if dry_run else summary)


def describe(error):
    """full_clean()'s errors as one line, e.g. 'title: This field cannot be blank.'"""
    return " ".join(
        f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
    )
