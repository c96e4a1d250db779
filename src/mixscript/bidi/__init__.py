"""Direction: bidi levels and reordering (UAX #9), display, and repair of visual-order text."""
