import pytest


@pytest.mark.task(1)
def test_hello_says_hello(client):
    response = client.get("/hello/")
    assert response.content == b"Hello", f"got {response.content!r}"
