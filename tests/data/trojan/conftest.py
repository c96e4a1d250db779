"""The Python files here are attack samples, read as text by the tests: never import them."""

collect_ignore_glob = ["*.py"]
