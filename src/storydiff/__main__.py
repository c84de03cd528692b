"""``python -m storydiff`` runs the command line."""

from .cli import main

main()
