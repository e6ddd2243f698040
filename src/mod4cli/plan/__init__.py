"""The work of each command: pure functions from loaded values (and `now`) to results, and the
command handlers that gather their inputs from a Context and record changes."""
