"""mixscript's test suite (a package, so test modules share helpers by plain imports)."""
