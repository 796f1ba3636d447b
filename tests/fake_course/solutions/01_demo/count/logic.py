def count_words(text):
    # str.split() with no argument splits on runs of whitespace.
    return len(text.split())
