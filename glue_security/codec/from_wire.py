"""The generated parsers of wire dicts: one emitter, two kinds of function per model.

Both kinds are straight-line code generated from the member metadata, nested models
inlined, by one emitter that walks a model's members once and differs only in what it
writes at a fault (as cattrs' one `make_dict_structure_fn` with its detailed-validation
flag):

- `fast_structure(model, mode)`: `parse(data)` returns the instance, or `DECLINED` at the
  first fault (or lets one of `DECLINING_ERRORS` escape, where a builtin it calls refuses
  the value). Valid input never pays for error bookkeeping.
- `collector(model, mode)`: `collect(data, errors)` returns the instance, or `INVALID`
  after appending every problem to `errors`, in the reference walk's order, with paths
  from `$` (each a constant; below a list, the faults it records itself keep the path's
  text and indexes, `validation.error.FaultPath`, joined when read). At a fault it records the
  common cases itself (a plain string's length, pattern and JSON faults, a non-string for
  a string, an unknown enum value or member) with the reference's message writers, and
  calls the reference check in `validation.checks` for anything else. Pass an empty list: once
  `errors` holds anything, no instance will come back, so none is built.

`from_wire` runs the fast parser, and the collecting one only after a decline. The
property tests check both against the reference walk: the same payloads accepted, the
same errors in the same order, equal objects.
"""

from __future__ import annotations

from typing import Any, cast

from ..spec.kinds import (
    BooleanShape,
    EnumShape,
    IntegerShape,
    ListShape,
    Shape,
    StringShape,
    StructureShape,
    TimestampShape,
    assert_never,
)
from ..spec.patterns import Pattern
from ..spec.plan import FieldPlan, model_plan
from ..validation.checks import LENIENT, STRICT, Mode, checker, json_document_problem
from ..validation.error import KEPT_CHARS
from ..validation.messages import enum_facts, member_facts, pattern_head
from .codegen import Writer, compile_function, constant_name
from .parser_expressions import (
    PathCode,
    admits_printable_ascii,
    ascii_controls,
    child_path_expression,
    encodes_expression,
    kept_scalar_expression,
    utf8_size_expression,
)
from .parser_runtime import (
    DECLINED,
    DECLINING_ERRORS,
    GENERATED_CODE_NAMES,
    MAX_REMEMBERED,
    Collect,
    Parse,
    last_match,
    pattern_test,
    slot_setter,
)

# The runtime's names stay importable from here, where 0.2.0 had them.
__all__ = [
    "DECLINED",
    "DECLINING_ERRORS",
    "MAX_REMEMBERED",
    "ascii_controls",
    "collector",
    "fast_structure",
    "last_match",
]

# (model, mode, collecting?) -> its generated parser
_GENERATED: dict[tuple[type, Mode, bool], Any] = {}


class _Emitter:
    """Writes one parser. `collect` chooses what happens at a fault: False returns
    DECLINED; True records the error (itself, or through the reference check) and goes
    on."""

    def __init__(self, model: type, mode: Mode, *, collect: bool) -> None:
        self.w = Writer(GENERATED_CODE_NAMES)
        self.model = model
        self.mode = mode
        self.collect = collect
        if collect:
            self.w.names["MODE"] = mode

    # -- what differs at a fault ---------------------------------------------------------

    def fault(self, shape: Shape, v: str, path: PathCode) -> str:
        """The statement for a value `v` the inline tests did not accept."""
        if not self.collect:
            return "return DECLINED"
        check = checker(shape)
        check_name = self.w.constant(constant_name(check.__name__), check)
        shape_name = self.w.constant(constant_name(shape.shape, "shape"), shape)
        return f"{v} = {check_name}({shape_name}, {v}, {path.code()}, errors, MODE)"

    def missing(self, model: type, field: FieldPlan, path: PathCode) -> str:
        if not self.collect:
            return "return DECLINED"
        cls = self.w.constant(model.__name__, model)
        return f"REQUIRED(errors, {path.code()}, {cls}, {field.wire_name!r}, RECORD)"

    def unknown(self, model: type, path: PathCode) -> str:
        if not self.collect:
            return "return DECLINED"
        facts = member_facts(model_plan(model))
        plan = self.w.constant(constant_name(model.__name__, "member facts"), facts)
        # unknown_member's problem, recorded inline for a plain key.
        where = f"CHILD_PATH({path.code()}, key)"
        args = plan  # a suggestion or none: the fault's position says (MAX_SUGGESTED)
        plain = child_path_expression(path, "key")
        fault = self.record_str("key", plain, "unknown", "UNKNOWN_MESSAGE", args)
        other = f"RECORD(errors, {where}, 'unknown', UNKNOWN_MESSAGE, {args}, key)"
        return f"{fault} if type(key) is str else {other}"

    def null_item(self, item: str, path: PathCode) -> str:
        if not self.collect:
            return "return DECLINED"
        return f"{item} = NULL_ITEM(errors, {path.code()}, RECORD)"

    def finished(self, expression: str) -> str:
        """`expression` (the built value), or INVALID once any error is known."""
        return f"INVALID if errors else {expression}" if self.collect else expression

    # -- the walk -------------------------------------------------------------------------

    def function(self) -> Any:
        w, model, mode = self.w, self.model, self.mode
        if self.collect:
            name = f"collect_{model.__name__}_{mode.value}"
            cls = w.constant(model.__name__, model)
            w.line(0, f"def {name}(data, errors):")
            # Not an object (an error), or a dict subclass: the reference walk decides.
            w.line(
                1, f"if type(data) is not dict: return STRUCTURE({cls}, data, '$', errors, MODE)"
            )
        else:
            name = f"parse_{model.__name__}_{mode.value}"
            w.line(0, f"def {name}(data):")
            w.line(1, "if type(data) is not dict: return DECLINED")
        path = PathCode(((True, "$"),))  # literal text: a path below a list is one f-string
        self.model_lines(model, "data", path, "result", 1)
        w.line(1, "return result")
        return compile_function(w, name)

    def model_lines(
        self, model: type, data: str, path: PathCode, result: str, indent: int
    ) -> None:
        """Lines that parse the plain dict `data` into a `model` instance bound to `result`
        (INVALID when collecting finds an error). Members are read in declaration order, the
        order errors are reported in; unknown members (STRICT) come after them."""
        w = self.w
        plan = model_plan(model)
        strict = self.mode is STRICT
        seen = w.fresh("seen")
        if strict:
            w.line(indent, f"{seen} = 0")
        values = []
        for field in plan.fields:
            v = w.fresh(field.attr_name)
            values.append((field.attr_name, v))
            w.line(indent, f"{v} = {data}.get({field.wire_name!r})")
            w.line(indent, f"if {v} is not None:")
            if strict:
                w.line(indent + 1, f"{seen} += 1")
            self.value_lines(field.member.shape, v, path.plus("." + field.wire_name), indent + 1)
            if field.member.required:
                w.line(indent, f"else: {self.missing(model, field, path)}")
        if strict:
            wire_names = frozenset(plan.by_wire_name)
            known = w.constant(constant_name(model.__name__, "wire names"), wire_names)
            # A difference is an unknown member, or a member sent as null (which is allowed).
            w.line(indent, f"if len({data}) != {seen}:")
            w.line(indent + 1, f"for key in {data}:")
            w.line(indent + 2, f"if key not in {known}: {self.unknown(model, path)}")
        if self.collect:
            # Any error anywhere means no instance comes back, so none is built.
            w.line(indent, f"if errors: {result} = INVALID")
            w.line(indent, "else:")
            indent += 1
        self.build_lines(model, values, result, indent)

    def build_lines(
        self, model: type, values: list[tuple[str, str]], result: str, indent: int
    ) -> None:
        """Lines that bind `result` to a `model` instance of checked (attribute, variable)
        values, without running the validators again."""
        w = self.w
        cls = w.constant(model.__name__, model)
        if model_plan(model).build_with_init:
            arguments = ", ".join(f"{attr}={v}" for attr, v in values)
            w.line(indent, f"{result} = {cls}({arguments})")
            return
        # OBJECT_NEW is bound once: a lookup on the class per instance costs.
        if cast(object, model.__new__) is object.__new__:
            w.line(indent, f"{result} = OBJECT_NEW({cls})")
        else:  # pragma: no cover  (no model defines __new__ today)
            w.line(indent, f"{result} = {cls}.__new__({cls})")
        for attr, v in values:
            # The slot's own descriptor: cheaper than object.__setattr__, and no validators run.
            setter = w.constant(f"set_{model.__name__}_{attr}", slot_setter(model, attr))
            w.line(indent, f"{setter}({result}, {v})")

    def value_lines(self, shape: Shape, v: str, path: PathCode, indent: int) -> None:
        """Lines that check `v` (present, not None) and rebind it to its model form (or, when
        collecting, to what the reference check returns for it)."""
        w = self.w
        fault = self.fault(shape, v, path)
        if isinstance(shape, StringShape) and self.collect and self.mode is STRICT:
            self.string_lines(shape, v, path, indent)
        elif isinstance(shape, (StringShape, IntegerShape, BooleanShape)):
            if self.mode is LENIENT and not self.collect and not isinstance(shape, BooleanShape):
                # Not enforced on what the service sends: the reference check keeps and
                # marks a value that breaks only a constraint, without a message.
                shape_name = w.constant(constant_name(shape.shape, "shape"), shape)
                w.line(indent, f"if not ({self.scalar_test(shape, v)}):")
                w.line(indent + 1, f"{v} = KEEP_NONCONFORMING({shape_name}, {v})")
                w.line(indent + 1, f"if {v} is DECLINED: return DECLINED")
            else:
                w.line(indent, f"if not ({self.scalar_test(shape, v)}): {fault}")
        elif isinstance(shape, EnumShape):
            by_value = w.constant(
                constant_name(shape.enum.__name__, "by value"), dict(shape.enum._value2member_map_)
            )
            # One type() test: a plain string is looked up; anything else is a fault.
            found = w.fresh("found")
            w.line(indent, f"if type({v}) is not str: {fault}")
            w.line(indent, f"elif ({found} := {by_value}.get({v})) is not None: {v} = {found}")
            # A string that UTF-8 cannot encode (a lone surrogate) is the reference's.
            encodes = encodes_expression(v)
            if self.mode is LENIENT:  # unknown values are kept, as the reference keeps them:
                # as pseudo-members, so the attribute keeps its enum type (members are truthy)
                keep = w.constant(
                    constant_name(shape.enum.__name__, "from service"), shape.enum._from_service
                )
                w.line(indent, f"elif {encodes}: {v} = {keep}({v})")
            elif self.collect:  # a plain string that is not a value: the enum's message
                facts = w.constant(
                    constant_name(shape.enum.__name__, "facts"), enum_facts(shape.enum)
                )
                # A suggestion or none: the fault's position says (MAX_SUGGESTED).
                report = self.record_str(v, path.lazy_code(), "enum", "ENUM_MESSAGE", facts)
                w.line(indent, f"elif {encodes}: {report}; {v} = INVALID")
            w.line(indent, f"else: {fault}")
        elif isinstance(shape, TimestampShape):
            kind = w.fresh("kind")
            w.line(indent, f"{kind} = type({v})")
            w.line(
                indent,
                f"if ({kind} is int or {kind} is float) and "
                f"EPOCH_SECONDS_MIN <= {v} <= EPOCH_SECONDS_MAX: {v} = FROM_TIMESTAMP({v}, UTC)",
            )
            if self.collect:
                w.line(indent, f"else: {fault}")
            else:  # a datetime or an ISO-8601 string: the reference check, without a message
                w.line(indent, "else:")
                w.line(indent + 1, f"{v} = TIMESTAMP_QUIETLY({v})")
                w.line(indent + 1, f"if {v} is DECLINED: return DECLINED")
        elif isinstance(shape, StructureShape):
            w.line(indent, f"if type({v}) is not dict: {fault}")  # or a dict subclass
            w.line(indent, "else:")
            self.model_lines(shape.model, v, path, v, indent + 1)
        elif isinstance(shape, ListShape):
            items, item = w.fresh("items"), w.fresh("item")
            w.line(indent, f"if type({v}) is list:")  # else not an array, or a tuple
            w.line(indent + 1, f"{items} = []")
            if self.collect:
                index = w.fresh("index")
                item_path = path.index(index)
                w.line(indent + 1, f"for {index}, {item} in enumerate({v}):")
            else:
                item_path = path
                w.line(indent + 1, f"for {item} in {v}:")
            w.line(indent + 2, f"if {item} is None: {self.null_item(item, item_path)}")
            w.line(indent + 2, "else:")
            self.value_lines(shape.item, item, item_path, indent + 3)
            w.line(indent + 2, f"{items}.append({item})")
            w.line(indent + 1, f"{v} = {self.finished(f'tuple({items})')}")
            w.line(indent, f"else: {fault}")
        else:
            assert_never(shape)

    def string_lines(self, shape: StringShape, v: str, path: PathCode, indent: int) -> None:
        """Collecting, strict: lines that record why `v` breaks `shape`, as the reference
        check would: for a plain encodable string, each of length, pattern and JSON that
        fails, in that order, each tested once; for a value that is no string, a type
        error; anything else (a str subclass, a lone surrogate) goes to the reference check
        itself. A faulty string is left in `v`: once an error is known nothing is built."""
        w, where = self.w, path.lazy_code()
        length = shape.length
        if length is None and shape.json is None:  # no size needed: only that it encodes
            w.line(indent, f"if type({v}) is str and ({encodes_expression(v)}):")
        else:
            size = w.fresh("size")
            w.line(indent, f"if type({v}) is str and ({size} := {utf8_size_expression(v)}) >= 0:")
        within = "True"
        if length is not None:
            bound = w.constant(constant_name(shape.shape, "length"), length)
            within = f"{length.min_length or 0} <= {size}"
            if length.max_length is not None:
                within += f" <= {length.max_length}"
            fault = self.record_str(v, where, "length", "LENGTH_MESSAGE", f"{bound}, {size}")
            w.line(indent + 1, f"if not ({within}): {fault}")
        pattern = shape.pattern
        if pattern is not None:
            head = w.constant(constant_name(pattern.name, "pattern head"), pattern_head(pattern))
            fault = self.record_str(v, where, "pattern", "HEADED_MESSAGE", head)
            proof = self.pattern_proof(pattern, v, encodable=True)
            w.line(indent + 1, f"if not {proof}: {fault}")
        if shape.json is not None:
            spec = w.constant(constant_name(shape.shape, "json document"), shape.json)
            problem = w.fresh("problem")
            # A document outside its byte bounds is not parsed: the first failed bound.
            w.line(
                indent + 1,
                f"{problem} = JSON_DOCUMENT_PROBLEM({spec}, {v}) if {within} else None",
            )
            detail = f"DETAIL({path.code()}, 'json', {problem})"
            w.line(indent + 1, f"if {problem} is not None: errors.append({detail})")
        if length is None and pattern is None and shape.json is None:
            w.line(indent + 1, "pass")
        fault = f"({where}, 'type', TYPE_MESSAGE, 'a string', {v})"  # a small one waits, inline
        type_error = (
            f"(errors.append({fault}) if {kept_scalar_expression(v)} else RECORD(errors, *{fault}))"
        )
        w.line(indent, f"elif not isinstance({v}, str): {type_error}; {v} = INVALID")
        w.line(indent, f"else: {self.fault(shape, v, path)}")

    def record_str(self, v: str, where: str, code: str, writer: str, args: str) -> str:
        """An expression that records a fault whose offending value is the plain `str` in
        `v`: `RECORD`, inline (the one test it needs of a string is its length)."""
        fault = f"{where}, {code!r}, {writer}, {args}, {v}"  # a Fault: one flat tuple
        return (
            f"(errors.append(({fault})) if len({v}) <= {KEPT_CHARS} else RECORD(errors, {fault}))"
        )

    def fullmatch_name(self, pattern: Pattern) -> str:
        facts = pattern_test(pattern)
        return self.w.constant(constant_name(pattern.name, "fullmatch"), facts.fullmatch)

    def ascii_match(self, pattern: Pattern, v: str) -> str:
        """For a `[class]*` pattern whose class holds printable ASCII: an expression true
        only when the ASCII `str` in `v` matches. Printable ASCII is in the class; other
        ASCII (a control character) is only if the class lists it, so text holding none
        of those it lists fails at C speed (a line break in a single-line string), and
        only the rest runs the regex."""
        listed = ascii_controls(pattern)
        if not listed:
            return f"{v}.isprintable()"
        match = f"{self.fullmatch_name(pattern)}({v}) is not None"
        holds = " or ".join(f"{char!r} in {v}" for char in listed)
        return f"({v}.isprintable() or ({holds}) and {match})"

    def pattern_proof(self, pattern: Pattern, v: str, *, encodable: bool) -> str:
        """An expression true only when the `str` in `v` matches `pattern` and UTF-8 can
        encode it (`encodable`: that is known already); an ARN that matches is remembered
        for the next value."""
        w = self.w
        facts = pattern_test(pattern)
        match = self.fullmatch_name(pattern)
        encodes = "" if encodable else f"({encodes_expression(v)}) and "
        if admits_printable_ascii(pattern):
            ascii_text = f"{v}.isascii() and {self.ascii_match(pattern, v)}"
            return f"({ascii_text} or not {v}.isascii() and {encodes}{match}({v}) is not None)"
        # The same ARN comes back again and again (one key in three places, one key
        # across a run of configurations); comparing with the last match costs a
        # fraction of the regex. Only plain str gets here, whose equality is exact.
        # A long value is not remembered: the memo must not keep a huge string alive.
        seen = w.constant(constant_name(pattern.name, "last match"), facts.last_match)
        proof = f"{encodes}{match}({v}) is not None"
        required = facts.required_start
        if required is not None:
            # A value that does not start as every match does (an alias where an ARN
            # belongs) is refused by a string method, at a fraction of the regex's cost.
            needed = w.constant(constant_name(pattern.name, "required start"), required)
            proof = f"({v}.startswith({needed}) or not {v}) and {proof}"
        start = facts.plain_start
        if start is not None:
            # `arn:aws:kms:` and then ASCII without a line break: string methods prove
            # a match at a fraction of the regex's cost (ASCII has no other line
            # terminator); the regex decides the rest.
            plain = w.constant(constant_name(pattern.name, "plain start"), start)
            proof = (
                f"({v}.startswith({plain}) and {v}.isascii() and "
                f"{chr(10)!r} not in {v} and {chr(13)!r} not in {v} or {proof})"
            )
        remember_name = w.constant(constant_name(pattern.name, "remember"), facts.remember)
        keep = f"(len({v}) > {MAX_REMEMBERED} or not {remember_name}({v}))"
        return f"({v} in {seen} or {proof} and {keep})"

    def scalar_test(self, shape: StringShape | IntegerShape | BooleanShape, v: str) -> str:
        """A Python expression that is true only when `v` (not None) is a valid value of
        `shape`, exactly as a model stores it."""
        w = self.w
        if isinstance(shape, BooleanShape):
            return f"type({v}) is bool"
        if isinstance(shape, IntegerShape):
            test = f"type({v}) is int"  # bool and float are not integers here
            bounds = shape.range
            if bounds is not None and bounds.minimum is not None:
                test += f" and {v} >= {bounds.minimum}"
            if bounds is not None and bounds.maximum is not None:
                test += f" and {v} <= {bounds.maximum}"
            return test
        tests = [f"type({v}) is str"]
        length, pattern = shape.length, shape.pattern

        def within(size: str) -> str:
            # The lower bound is at least 0, so a lone surrogate's -1 always fails.
            assert length is not None
            bounded = f"{length.min_length or 0} <= {size}"
            return bounded if length.max_length is None else f"{bounded} <= {length.max_length}"

        if pattern is not None and admits_printable_ascii(pattern):
            # ASCII is measured by len() and matched without the regex where it can be
            # (ascii_match); text that is not ASCII is measured in UTF-8, and runs it.
            match = f"{self.fullmatch_name(pattern)}({v}) is not None"
            ascii_text, other = f"{v}.isascii()", f"not {v}.isascii() and "
            if length is not None:
                ascii_text += f" and {within(f'len({v})')}"
                other += within(f"UTF8_LENGTH({v})")
            else:
                other += f"UTF8_LENGTH({v}) >= 0"
            tests.append(
                f"({ascii_text} and {self.ascii_match(pattern, v)} or {other} and {match})"
            )
        else:
            if length is not None:
                tests.append(within(utf8_size_expression(v)))
            if pattern is not None:
                proof = self.pattern_proof(pattern, v, encodable=length is not None)
                tests.append(proof)
            elif length is None:
                tests.append(f"({encodes_expression(v)})")
        if shape.json is not None:
            spec = w.constant(constant_name(shape.shape, "json document"), shape.json)
            problem = w.constant("JSON_DOCUMENT_PROBLEM", json_document_problem)
            tests.append(f"{problem}({spec}, {v}) is None")
        return " and ".join(tests)



def fast_structure(model: type, mode: Mode) -> Parse:
    """The generated parser of `model`'s wire dicts in `mode` (STRICT or LENIENT)."""
    parse: Parse = _generated(model, mode, collect=False)
    return parse


def collector(model: type, mode: Mode) -> Collect:
    """The generated error-collecting parser of `model`'s wire dicts in `mode`."""
    collect: Collect = _generated(model, mode, collect=True)
    return collect


def _generated(model: type, mode: Mode, *, collect: bool) -> Any:
    key = (model, mode, collect)
    found = _GENERATED.get(key)
    if found is None:
        found = _GENERATED[key] = _Emitter(model, mode, collect=collect).function()
    return found
