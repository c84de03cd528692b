"""Training and benchmarking code for storydiff's similarity scorer (not shipped in the package)."""
