"""Training scripts for the NLI contradiction head (see training/README.md)."""
