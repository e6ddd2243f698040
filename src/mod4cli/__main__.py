"""`python -m mod4cli` runs the same program as the `mod4` console script."""

from mod4cli.cli.entry import main

main()
