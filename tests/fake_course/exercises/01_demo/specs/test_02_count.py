import pytest


@pytest.mark.task(1)
def test_counts_two_words():
    from count.logic import count_words

    assert count_words("a b") == 2, f"count_words('a b') returned {count_words('a b')}; expected 2"


@pytest.mark.task(1)
def test_counts_no_words():
    from count.logic import count_words

    assert count_words("") == 0


@pytest.mark.task(2)
def test_counts_three_words():
    from count.logic import count_words

    assert count_words("a b  c") == 3, "expected 3"
