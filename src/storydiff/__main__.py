"""``python -m storydiff`` runs the command line."""

from .cli.main import main

main()
