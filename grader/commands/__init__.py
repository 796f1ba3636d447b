"""One module per grader command: HELP, EXAMPLE, add_arguments(parser), run(course, args) -> int."""
