import pytest


@pytest.mark.task(1)
def test_signals_loaded():
    from panel import signals

    assert signals.READY is True


@pytest.mark.task(1)
def test_panel_page(client):
    assert client.get("/panel/").content == b"panel"
