"""Plain dicts for JsonResponse: the JSON shape of an event and of an RSVP."""


def event_json(event):
    return {
        "id": event.pk,
        "title": event.title,
        "slug": event.slug,
        "date": event.date.isoformat(),
        "capacity": event.capacity,
    }


def rsvp_json(rsvp):
    return {"id": rsvp.pk, "name": rsvp.name, "email": rsvp.email}


def form_errors(form):
    """A bound, invalid form's errors as {field: [messages]} ("__all__" for the form's own)."""
    return {
        field: [error["message"] for error in errors]
        for field, errors in form.errors.get_json_data().items()
    }
