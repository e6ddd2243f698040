"""The way in: the table of commands, the quick path that parses everyday command lines, the
Typer app built from the same table, and the console script."""
