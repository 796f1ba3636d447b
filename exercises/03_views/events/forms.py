"""The forms every challenge may use: they hold the validation rules, the views don't."""

from django import forms

from events.models import RSVP, Event


class RSVPForm(forms.ModelForm):
    class Meta:
        model = RSVP
        fields = ["name", "email"]


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["title", "slug", "date", "capacity"]
