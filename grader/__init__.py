"""The kit's grader: runs each topic's specs and tallies the challenges."""

__version__ = "0.1.0"
