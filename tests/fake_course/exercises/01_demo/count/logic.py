def count_words(text):
    # TODO: count the words of text
    return 0
