"""mod4: a command-line planner for Mod 4, Professional Development & Job Search Support."""

__version__ = "0.1.0"
