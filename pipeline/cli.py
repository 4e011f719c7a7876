"""Command-line interface (placeholder until the extract command lands)."""


def main() -> None:
    raise SystemExit("not implemented yet")
