"""String patterns, stored once in the service model's (Java) dialect.

The Python form is derived from that source text, so the conformance tests can compare
the source with botocore's model verbatim while the validators run the translation.
"""

from __future__ import annotations

import re

import attrs

__all__ = [
    "GLUE_RESOURCE_ARN",
    "IAM_ROLE_ARN",
    "JAVA_LINE_TERMINATORS",
    "KMS_KEY_ARN",
    "SINGLE_LINE",
    "Pattern",
    "java_to_python",
]

# Java's `.` stops at these (without DOTALL); Python's stops only at "\n".
JAVA_LINE_TERMINATORS = "\n\r\u0085\u2028\u2029"

# In a Java pattern over UTF-16 this pair-range means "every supplementary character";
# a Python str holds such a character as one code point.
_JAVA_SURROGATE_PAIR_RANGE = r"\uD800\uDC00-\uDBFF\uDFFF"
_PYTHON_SUPPLEMENTARY_RANGE = r"\U00010000-\U0010FFFF"
_PYTHON_DOT = "[^" + "".join(f"\\u{ord(c):04x}" for c in JAVA_LINE_TERMINATORS) + "]"


def java_to_python(source: str) -> str:
    """Translate the subset of Java regex syntax the Glue model uses into Python's.

    Handled: surrogate-pair ranges inside classes, `.` (Java's line terminators), and `$`
    (Python's `$` also matches before a final newline; `\\Z` does not).
    """
    source = source.replace(_JAVA_SURROGATE_PAIR_RANGE, _PYTHON_SUPPLEMENTARY_RANGE)
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            out.append(source[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = char != "]"
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == ".":
            out.append(_PYTHON_DOT)
        elif char == "$":
            out.append(r"\Z")
        else:
            out.append(char)
        i += 1
    return "".join(out)


# True end of input in ECMA 262 and in Python alike (Python's `$` also matches before a
# final newline, and Python's jsonschema runs `pattern` through `re.search`).
ECMA_END = r"(?![\s\S])"
_ECMA_DOT = "[^" + "".join(f"\\u{ord(c):04X}" for c in JAVA_LINE_TERMINATORS) + "]"


def _ecma_class(python_class_body: str) -> str:
    """An ECMA class (no `u` flag) for a Python class body that may hold supplementary
    ranges: the negation of its complement within the BMP. Outside the `u` flag ECMA sees a
    supplementary character as two surrogates, which the negation lets through."""
    ranges = _class_code_points(python_class_body)
    if all(high <= 0xFFFF for _, high in ranges):
        return "[" + "".join(_ecma_range(low, high) for low, high in ranges) + "]"
    gaps, previous = [], -1
    for low, high in ranges:
        if low > previous + 1:
            gaps.append((previous + 1, low - 1))
        previous = max(previous, high)
    if previous < 0xFFFF:
        gaps.append((previous + 1, 0xFFFF))
    bmp_gaps = [
        part
        for low, high in gaps
        for part in ((low, min(high, 0xD7FF)), (max(low, 0xE000), min(high, 0xFFFF)))
        if part[0] <= part[1]
    ]
    return "[^" + "".join(_ecma_range(low, high) for low, high in bmp_gaps) + "]"


def _ecma_char(code: int) -> str:
    char = chr(code)
    return char if char.isascii() and char.isalnum() else f"\\u{code:04X}"


def _ecma_range(low: int, high: int) -> str:
    return _ecma_char(low) if low == high else f"{_ecma_char(low)}-{_ecma_char(high)}"


def java_to_ecma(source: str) -> str:
    """The pattern in the ECMA 262 dialect JSON Schema uses, anchored to the whole string.

    Valid in Python's `re` too (Python's jsonschema validates with it)."""
    python = java_to_python(source)
    out: list[str] = []
    i = 0
    while i < len(python):
        char = python[i]
        if python.startswith(r"\Z", i):
            out.append(ECMA_END)
            i += 2
        elif char == "\\":
            out.append(python[i : i + 2])
            i += 2
        elif char == "[":
            end = python.index("]", i + 1)
            body = python[i + 1 : end]
            out.append(_ECMA_DOT if python[i : end + 1] == _PYTHON_DOT else _ecma_class(body))
            i = end + 1
        else:
            out.append(char)
            i += 1
    return f"^(?:{''.join(out)}){ECMA_END}"


_ESCAPES = {"t": 0x09, "n": 0x0A, "r": 0x0D, "f": 0x0C}


def _class_code_points(body: str) -> list[tuple[int, int]]:
    """Inclusive code-point ranges of a character-class body in the Python translation."""
    points: list[int | str] = []
    i = 0
    while i < len(body):
        if body.startswith("\\u", i):
            points.append(int(body[i + 2 : i + 6], 16))
            i += 6
        elif body.startswith("\\U", i):
            points.append(int(body[i + 2 : i + 10], 16))
            i += 10
        elif body[i] == "\\":
            points.append(_ESCAPES.get(body[i + 1], ord(body[i + 1])))
            i += 2
        elif body[i] == "-" and points and i + 1 < len(body):
            points.append("-")
            i += 1
        else:
            points.append(ord(body[i]))
            i += 1
    ranges: list[tuple[int, int]] = []
    j = 0
    while j < len(points):
        low = points[j]
        assert isinstance(low, int)
        if j + 2 < len(points) and points[j + 1] == "-":
            high = points[j + 2]
            assert isinstance(high, int)
            ranges.append((low, high))
            j += 3
        else:
            ranges.append((low, low))
            j += 1
    return sorted(ranges)


# `prefix[class]*:literal:.*`, optionally after `^$|`: prefix and literal plain text.
_PREFIX_CLASS_LITERAL = (
    r"(?:\^\$\|)?\^?(?P<prefix>[A-Za-z0-9:/-]*)\[(?P<class>(?:[^\]\\]|\\.)+)\]\*(?P<literal>:[A-Za-z0-9-]+:)\.\*"
)
_LINE_TERMINATORS = frozenset("\n\r\u0085\u2028\u2029")


@attrs.frozen
class Pattern:
    """A named string pattern, matched against the whole string.

    `source` is the service model's text; `regex` is its compiled Python translation.
    `form` shows a person what a value looks like (an ARN's parts, by name), where the
    regex alone would not: messages give it before the regex.
    """

    name: str
    source: str
    description: str
    form: str | None = None
    _compiled: list[re.Pattern[str]] = attrs.field(init=False, factory=list, eq=False, repr=False)

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled Python translation (compiled on first use, to keep imports light)."""
        if not self._compiled:
            self._compiled.append(re.compile(java_to_python(self.source)))
        return self._compiled[0]

    def matches(self, value: str) -> bool:
        return self.regex.fullmatch(value) is not None

    @property
    def ecma(self) -> str:
        """The ECMA 262 form (for JSON Schema), anchored to the whole string."""
        return java_to_ecma(self.source)

    def plain_start(self) -> str | None:
        """For a pattern of the form `prefix[class]*:literal:.*` (after an optional `^$|`,
        as the KMS key ARN's), `prefix:literal:`: the start of every value whose class part
        is empty (`arn:aws:kms:`, the usual partition). A string that starts with it and
        holds no line terminator matches; for any other string, ask the regex. None for a
        pattern of another form."""
        match = re.fullmatch(_PREFIX_CLASS_LITERAL, self.source)  # compiled on first use
        return None if match is None else match["prefix"] + match["literal"]

    def required_start(self) -> str | None:
        """For a pattern of the form `prefix[class]*:literal:.*` (see `plain_start`), its
        prefix (`arn:aws`): every value the pattern matches, but the empty one, starts with
        it, so a string that does not is refused without the regex. None for a pattern of
        another form or an empty prefix."""
        match = re.fullmatch(_PREFIX_CLASS_LITERAL, self.source)
        return (match["prefix"] or None) if match is not None else None

    def admits_start(self, start: str) -> bool | None:
        """Whether some string that starts with `start` matches, for a pattern of the form
        `prefix[class]*:literal:.*` (see `plain_start`); None for a pattern of another form.
        A template whose literal start no value can have is wrong whatever fills the rest."""
        match = re.fullmatch(_PREFIX_CLASS_LITERAL, self.source)
        if match is None:
            return None
        prefix, literal = match["prefix"], match["literal"]
        if prefix.startswith(start):
            return True
        if not start.startswith(prefix):
            return False
        rest, repeated = start[len(prefix) :], re.compile(f"[{match['class']}]*")
        for cut in range(len(rest) + 1):
            if repeated.fullmatch(rest[:cut]) is None:
                return False  # a longer run of the class does not match either
            tail = rest[cut:]
            if literal.startswith(tail) or (
                tail.startswith(literal) and not _LINE_TERMINATORS & set(tail)
            ):
                return True
        return False

    def repeated_class(self) -> tuple[tuple[int, int], ...] | None:
        """For a pattern of the form `[class]*`, the class's code-point ranges; else None."""
        python = java_to_python(self.source)
        if not (python.startswith("[") and python.endswith("]*")) or python.count("]") != 1:
            return None
        return tuple(_class_code_points(python[1:-2]))


SINGLE_LINE = Pattern(
    name="single-line string",
    source="[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*",
    description=(
        "text without C0 control characters other than tab (so no line feed or carriage "
        "return), lone surrogates, U+FFFE or U+FFFF"
    ),
)
KMS_KEY_ARN = Pattern(
    name="KMS key ARN",
    source="^$|arn:aws[a-z0-9-]*:kms:.*",
    description="an AWS KMS key ARN in any partition, or the empty string",
    form="arn:aws:kms:REGION:ACCOUNT:key/KEY-ID",
)
GLUE_RESOURCE_ARN = Pattern(
    name="Glue resource ARN",
    source="arn:aws(-(cn|us-gov|iso(-[bef])?))?:glue:.*",
    description="an AWS Glue resource ARN (partitions aws, aws-cn, aws-us-gov, aws-iso*)",
    form="arn:aws:glue:REGION:ACCOUNT:RESOURCE",
)
IAM_ROLE_ARN = Pattern(
    name="IAM role ARN",
    source="^arn:aws(-(cn|us-gov|iso(-[bef])?))?:iam::[0-9]{12}:role/.+",
    description="an IAM role ARN with a 12-digit account id",
    form="arn:aws:iam::ACCOUNT:role/ROLE-NAME",
)
