"""Converters from one input format's bytes to the text the pipeline reads.

Each module (text, html, pdf, docx) has one entry point, ``extract_text(data: bytes) ->
str``. It returns the text that every offset of a record refers to, or raises
ConversionError with a one-line reason for the user. Errors that a converter does not
foresee in its own code propagate, so that bugs are not disguised as bad input; errors
that a parsing library raises on malformed bytes are turned into ConversionError.
"""

from __future__ import annotations

import re


class ConversionError(Exception):
    """The bytes cannot be turned into text; the message is one line for the user."""


_SPACES = re.compile(r"[ \t]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def tidy_lines(lines: list[str]) -> str:
    """Join converted lines: trailing whitespace removed, at most one blank line in a row,
    no blank lines at either end."""
    text = "\n".join(line.rstrip() for line in lines)
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")


def collapse_spaces(text: str) -> str:
    """Runs of spaces and tabs to one space (markup whitespace carries no meaning)."""
    return _SPACES.sub(" ", text).strip()


def describe(err: BaseException) -> str:
    """An exception from a parsing library as a short one-line detail for the user."""
    lines = str(err).strip().splitlines()
    detail = collapse_spaces(lines[0])[:120] if lines else ""
    return f"{type(err).__name__}: {detail}" if detail else type(err).__name__
