"""Named characters the tests share, spelled by their Unicode names.

One definition each, so a test reads ``RLO`` instead of ``"\\u202e"`` and no
two modules can disagree about which code point a name means. Names come
from ``\\N{...}`` escapes: Python resolves them against its own Unicode
database, an independent check that the code point is the one intended.
"""

from __future__ import annotations

# Bidi formatting characters (UAX #9, table 4) and marks.
LRE = "\N{LEFT-TO-RIGHT EMBEDDING}"
RLE = "\N{RIGHT-TO-LEFT EMBEDDING}"
PDF = "\N{POP DIRECTIONAL FORMATTING}"
LRO = "\N{LEFT-TO-RIGHT OVERRIDE}"
RLO = "\N{RIGHT-TO-LEFT OVERRIDE}"
LRI = "\N{LEFT-TO-RIGHT ISOLATE}"
RLI = "\N{RIGHT-TO-LEFT ISOLATE}"
FSI = "\N{FIRST STRONG ISOLATE}"
PDI = "\N{POP DIRECTIONAL ISOLATE}"
LRM = "\N{LEFT-TO-RIGHT MARK}"
RLM = "\N{RIGHT-TO-LEFT MARK}"
ALM = "\N{ARABIC LETTER MARK}"
#: The nine explicit formatting characters, in code-point order.
EXPLICIT_CONTROLS = LRE + RLE + PDF + LRO + RLO + LRI + RLI + FSI + PDI

# Invisible characters.
ZWSP = "\N{ZERO WIDTH SPACE}"
ZWNJ = "\N{ZERO WIDTH NON-JOINER}"
ZWJ = "\N{ZERO WIDTH JOINER}"
WJ = "\N{WORD JOINER}"
BOM = "\N{ZERO WIDTH NO-BREAK SPACE}"
NBSP = "\N{NO-BREAK SPACE}"

# Arabic script.
TATWEEL = "\N{ARABIC TATWEEL}"
FATHA = "\N{ARABIC FATHA}"
ALEF_WASLA = "\N{ARABIC LETTER ALEF WASLA}"
ALEF_WASLA_FORM = "\N{ARABIC LETTER ALEF WASLA ISOLATED FORM}"

# Look-alikes.
CYRILLIC_A = "\N{CYRILLIC SMALL LETTER A}"
