"""The core of the events site, shared by every challenge: an Event and its RSVPs."""

import uuid

from django.conf import settings
from django.db import models


class Event(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    date = models.DateField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="events"
    )
    capacity = models.PositiveIntegerField(default=50)

    class Meta:
        ordering = ["date", "title"]

    def __str__(self):
        return self.title


class RSVP(models.Model):
    """One seat reserved at an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    name = models.CharField(max_length=100)
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "RSVP"

    def __str__(self):
        return f"{self.name} at {self.event}"
