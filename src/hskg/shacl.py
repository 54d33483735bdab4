"""SHACL Core evaluated on pyoxigraph terms: the shapes ``hskg validate`` uses, in time that
grows with the graph, not with the graph times the shapes.

pySHACL copies the data into rdflib (about 4 s at 100k triples) and tries each shape of an
``sh:xone`` on every claim through rdflib's pattern matching (about 25 s at 100k).  Here
the shapes graph is read into plain objects once, the data and the ontology (the class
hierarchy, as pySHACL's ``ont_graph``) are indexed by predicate once, and each focus node is
checked by dictionary look-ups; whether a node conforms to a shape is remembered, so an
``sh:xone`` costs each of its shapes once per claim.

The subset is the one the project's shapes use, and a little more: targets (``sh:targetClass``
through ``rdfs:subClassOf``, ``sh:targetNode``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``),
paths (a predicate, ``sh:alternativePath`` of predicates, ``sh:inversePath`` of one) and the
value-type, cardinality, range, string, value and logical constraints.  ``compile_shapes``
raises ``UnsupportedShapes`` for anything else (a sequence path, ``sh:closed``, SPARQL-based
constraints, an implicit class target …); ``hskg.validate`` then hands the shapes to pySHACL,
so a shape is never silently ignored.  Results are what pySHACL reports: one per failing
constraint and value node, with the shape's ``sh:message`` (a shape without one gets a
message naming the constraint).
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Callable, Iterable

import pyoxigraph as ox

from .namespaces import PREFIXES
from .vocabulary import OWL, RDF, RDFS, SH, XSD

Term = ox.NamedNode | ox.BlankNode | ox.Literal

# sh: predicates this module evaluates (or that carry no constraint); any other one in the
# shapes graph makes compile_shapes refuse, and pySHACL runs instead.
KNOWN_PREDICATES = {
    SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf, SH.property, SH.path,
    SH.alternativePath, SH.inversePath, SH.minCount, SH.maxCount, SH.datatype, SH.nodeKind, SH.minLength,
    SH.maxLength, SH.pattern, SH.flags, SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive,
    SH.hasValue, SH["in"], SH["class"], SH["or"], SH["and"], SH["not"], SH.xone, SH.node, SH.message,
    SH.severity, SH.deactivated, SH.name, SH.description, SH.order, SH.group,
}
TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)
# Constraint parameters, in the order their results are listed.
VALUE_CONSTRAINTS = (SH["class"], SH.datatype, SH.nodeKind, SH.minInclusive, SH.maxInclusive, SH.minExclusive,
                     SH.maxExclusive, SH.minLength, SH.maxLength, SH.pattern, SH["in"], SH.node, SH["not"],
                     SH["and"], SH["or"], SH.xone)
COUNT_CONSTRAINTS = (SH.minCount, SH.maxCount, SH.hasValue)
LIST_PARAMETERS = {SH["in"], SH["and"], SH["or"], SH.xone}
NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.nonNegativeInteger,
           XSD.positiveInteger}
INTEGER_LEXICAL = re.compile(r"^[+-]?[0-9]+$")
# The lexical forms of the datatypes whose ill-typed literals a datatype constraint rejects.
LEXICAL_FORMS = {
    XSD.integer: INTEGER_LEXICAL, XSD.int: INTEGER_LEXICAL, XSD.long: INTEGER_LEXICAL,
    XSD.nonNegativeInteger: re.compile(r"^\+?[0-9]+$|^-0+$"), XSD.positiveInteger: re.compile(r"^\+?0*[1-9][0-9]*$"),
    XSD.decimal: re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$"),
    XSD.boolean: re.compile(r"^(true|false|1|0)$"),
    XSD.double: re.compile(r"^([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN)$"),
}
LEXICAL_FORMS[XSD.float] = LEXICAL_FORMS[XSD.double]
RANGES = {SH.minInclusive: operator.ge, SH.maxInclusive: operator.le, SH.minExclusive: operator.gt,
          SH.maxExclusive: operator.lt}
NODE_KINDS = {
    SH.IRI: (ox.NamedNode,), SH.Literal: (ox.Literal,), SH.BlankNode: (ox.BlankNode,),
    SH.BlankNodeOrIRI: (ox.BlankNode, ox.NamedNode), SH.BlankNodeOrLiteral: (ox.BlankNode, ox.Literal),
    SH.IRIOrLiteral: (ox.NamedNode, ox.Literal),
}


class UnsupportedShapes(Exception):
    """The shapes use SHACL this module does not evaluate (the reason is the message)."""


@dataclass(frozen=True)
class Path:
    """A property path: predicates followed forwards, or one predicate backwards."""

    predicates: tuple[ox.NamedNode, ...]
    inverse: bool = False
    term: Term | None = None  # the sh:path value as written, for the result's path


@dataclass(frozen=True)
class Constraint:
    """One constraint parameter of a shape, as a test: of the value nodes together (``counts``:
    ``test(values)``) or of each value node (``test(validator, value)``)."""

    parameter: ox.NamedNode
    argument: object
    counts: bool
    test: Callable


@dataclass
class Shape:
    node: Term
    path: Path | None  # None: a node shape
    constraints: list["Constraint"] = field(default_factory=list)
    properties: list["Shape"] = field(default_factory=list)
    message: str | None = None
    severity: ox.NamedNode = SH.Violation
    deactivated: bool = False
    targets: list[tuple[ox.NamedNode, Term]] = field(default_factory=list)


@dataclass(frozen=True)
class ShapeResult:
    """One validation result, as in a ``sh:ValidationReport``."""

    focus: Term
    shape: Term  # sh:sourceShape
    path: Term | None  # sh:resultPath: the path as written (an IRI, or a blank node)
    value: Term | None
    constraint: ox.NamedNode  # the parameter that failed (sh:minCount …)
    message: str
    severity: ox.NamedNode


class _ShapesGraph:
    """The shapes' triples by subject, and their RDF lists."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self.values: dict[Term, dict[ox.NamedNode, list[Term]]] = {}
        for t in triples:
            self.values.setdefault(t.subject, {}).setdefault(t.predicate, []).append(t.object)

    def one(self, node: Term, predicate: ox.NamedNode) -> Term | None:
        found = self.values.get(node, {}).get(predicate, [])
        return min(found, key=str) if found else None

    def all(self, node: Term, predicate: ox.NamedNode) -> list[Term]:
        return self.values.get(node, {}).get(predicate, [])

    def items(self, head: Term) -> list[Term]:
        items, seen = [], set()
        while head != RDF.nil:
            first = self.one(head, RDF.first)
            if first is None or head in seen:
                raise UnsupportedShapes(f"{head} is not a well-formed RDF list")
            seen.add(head)
            items.append(first)
            head = self.one(head, RDF.rest)
        return items


def compile_shapes(triples: Iterable[ox.Triple]) -> list[Shape]:
    """The shapes that have targets (with every shape they refer to, compiled once).

    Raises ``UnsupportedShapes`` when the shapes graph uses SHACL outside this module's subset.
    """
    triples = list(triples)
    unknown = sorted({t.predicate.value for t in triples if t.predicate.value.startswith(PREFIXES["sh"])
                      and t.predicate not in KNOWN_PREDICATES})
    if unknown:
        raise UnsupportedShapes(f"{', '.join(unknown)}: not evaluated by hskg.shacl")
    shapes = {t.subject for t in triples if t.predicate in (SH.property, SH.path, *TARGETS)
              or (t.predicate == RDF.type and t.object in (SH.NodeShape, SH.PropertyShape))}
    classes = sorted(str(t.subject) for t in triples
                     if t.predicate == RDF.type and t.object in (RDFS.Class, OWL.Class) and t.subject in shapes)
    if classes:
        raise UnsupportedShapes(f"{classes[0]} is a shape and a class (an implicit class target)")
    graph = _ShapesGraph(triples)
    compiled: dict[Term, Shape] = {}
    roots = sorted({t.subject for t in triples if t.predicate in TARGETS}, key=str)
    return [_shape(graph, node, compiled) for node in roots]


def _shape(graph: _ShapesGraph, node: Term, compiled: dict[Term, Shape]) -> Shape:
    if node in compiled:
        return compiled[node]
    path_term = graph.one(node, SH.path)
    shape = compiled[node] = Shape(node, _path(graph, path_term) if path_term is not None else None)
    message = graph.one(node, SH.message)
    shape.message = message.value if message is not None else None
    shape.severity = graph.one(node, SH.severity) or SH.Violation
    deactivated = graph.one(node, SH.deactivated)
    shape.deactivated = isinstance(deactivated, ox.Literal) and deactivated.value == "true"
    shape.targets = [(p, o) for p in TARGETS for o in graph.all(node, p)]
    shape.properties = [_shape(graph, p, compiled) for p in graph.all(node, SH.property)]
    for parameter in COUNT_CONSTRAINTS + VALUE_CONSTRAINTS:
        for value in graph.all(node, parameter):
            argument = _parameter(graph, node, parameter, value, compiled)
            shape.constraints.append(Constraint(parameter, argument, parameter in COUNT_CONSTRAINTS,
                                                _test(parameter, argument)))
    if graph.all(node, SH.flags) and not graph.all(node, SH.pattern):
        raise UnsupportedShapes(f"{node}: sh:flags without sh:pattern")
    return shape


def _parameter(graph: _ShapesGraph, node: Term, parameter: ox.NamedNode, value: Term,
               compiled: dict[Term, Shape]):
    if parameter in (SH.minCount, SH.maxCount, SH.minLength, SH.maxLength):
        return int(value.value)
    if parameter == SH.pattern:
        flags = graph.one(node, SH.flags)
        return re.compile(value.value, _regex_flags(flags.value if flags is not None else ""))
    if parameter == SH["in"]:
        return set(graph.items(value))
    if parameter in LIST_PARAMETERS:
        return [_shape(graph, item, compiled) for item in graph.items(value)]
    if parameter in (SH.node, SH["not"]):
        return _shape(graph, value, compiled)
    return value


def _regex_flags(flags: str) -> int:
    known = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}
    if set(flags) - set(known):
        raise UnsupportedShapes(f"regular expression flags {flags!r}")
    result = 0
    for flag in flags:
        result |= known[flag]
    return result


def _path(graph: _ShapesGraph, term: Term) -> Path:
    if isinstance(term, ox.NamedNode):
        return Path((term,), term=term)
    alternatives = graph.one(term, SH.alternativePath)
    if alternatives is not None:
        predicates = graph.items(alternatives)
        if all(isinstance(p, ox.NamedNode) for p in predicates):
            return Path(tuple(predicates), term=term)
    inverse = graph.one(term, SH.inversePath)
    if isinstance(inverse, ox.NamedNode):
        return Path((inverse,), inverse=True, term=term)
    raise UnsupportedShapes(f"the path {term} (only a predicate, sh:alternativePath of predicates, or "
                            "sh:inversePath of one)")


class DataIndex:
    """The data graph (with the ontology mixed in) indexed by predicate, both ways on demand."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        # predicate → subject → objects (a dict as an ordered set: a triple in both graphs counts once)
        self.forward: dict[ox.NamedNode, dict[Term, dict[Term, None]]] = {}
        for t in triples:
            self.forward.setdefault(t.predicate, {}).setdefault(t.subject, {})[t.object] = None
        self._backward: dict[ox.NamedNode, dict[Term, list[Term]]] = {}
        self._superclasses: dict[Term, set[Term]] = {}
        self._classes: dict[Term, set[Term]] = {}

    def objects(self, subject: Term, predicate: ox.NamedNode) -> Iterable[Term]:
        return self.forward.get(predicate, {}).get(subject, ())

    def subjects(self, obj: Term, predicate: ox.NamedNode) -> list[Term]:
        if predicate not in self._backward:
            backward: dict[Term, list[Term]] = {}
            for subject, objects in self.forward.get(predicate, {}).items():
                for o in objects:
                    backward.setdefault(o, []).append(subject)
            self._backward[predicate] = backward
        return self._backward[predicate].get(obj, [])

    def values(self, focus: Term, path: Path) -> list[Term]:
        if not path.inverse and len(path.predicates) == 1:
            return list(self.objects(focus, path.predicates[0]))
        look = self.subjects if path.inverse else self.objects
        return list(dict.fromkeys(v for p in path.predicates for v in look(focus, p)))

    def superclasses(self, cls: Term) -> set[Term]:
        """``cls`` and every class it is an ``rdfs:subClassOf*`` of."""
        if cls not in self._superclasses:
            found, todo = {cls}, [cls]
            while todo:
                for parent in self.objects(todo.pop(), RDFS.subClassOf):
                    if parent not in found:
                        found.add(parent)
                        todo.append(parent)
            self._superclasses[cls] = found
        return self._superclasses[cls]

    def classes(self, node: Term) -> set[Term]:
        """Every class ``node`` is an instance of: ``rdf:type/rdfs:subClassOf*``."""
        if node not in self._classes:
            self._classes[node] = set().union(*(self.superclasses(t) for t in self.objects(node, RDF.type)))
        return self._classes[node]

    def is_instance(self, node: Term, cls: Term) -> bool:
        return cls in self.classes(node)

    def instances(self, cls: Term) -> list[Term]:
        types = self.forward.get(RDF.type, {})
        self.subjects(cls, RDF.type)  # builds the index of types to their instances
        return list(dict.fromkeys(node for t in self._backward[RDF.type] if cls in self.superclasses(t)
                                  for node in self._backward[RDF.type][t] if node in types))

    def focus_nodes(self, shape: Shape) -> list[Term]:
        found: dict[Term, None] = {}
        for kind, value in shape.targets:
            if kind == SH.targetNode:
                found[value] = None
            elif kind == SH.targetClass:
                found.update(dict.fromkeys(self.instances(value)))
            elif kind == SH.targetSubjectsOf:
                found.update(dict.fromkeys(self.forward.get(value, {})))
            else:
                found.update(dict.fromkeys(o for objects in self.forward.get(value, {}).values() for o in objects))
        return list(found)


class Validator:
    """The shapes on one indexed graph; whether a node conforms to a shape is asked once."""

    def __init__(self, data: DataIndex) -> None:
        self.data = data
        self._conforms: dict[tuple[int, Term], bool] = {}

    def run(self, shapes: list[Shape]) -> list[ShapeResult]:
        return [r for shape in shapes if not shape.deactivated
                for focus in self.data.focus_nodes(shape) for r in self.results(shape, focus)]

    def conforms(self, node: Term, shape: Shape) -> bool:
        key = (id(shape), node)
        if key not in self._conforms:
            self._conforms[key] = shape.deactivated or not self.results(shape, node)
        return self._conforms[key]

    def results(self, shape: Shape, focus: Term) -> list[ShapeResult]:
        if shape.deactivated:
            return []
        values = [focus] if shape.path is None else self.data.values(focus, shape.path)
        found = []
        for constraint in shape.constraints:
            if constraint.counts:
                if not constraint.test(values):
                    found.append(self._result(shape, focus, None, constraint.parameter))
            else:
                for value in values:
                    if not constraint.test(self, value):
                        found.append(self._result(shape, focus, value, constraint.parameter))
                        if constraint.parameter == SH.node:  # pySHACL adds why, as sh:detail results
                            found += self.results(constraint.argument, value)
        for prop in shape.properties:
            for value in values:
                found += self.results(prop, value)
        return found

    def _result(self, shape: Shape, focus: Term, value: Term | None, parameter: ox.NamedNode) -> ShapeResult:
        message = shape.message or f"fails sh:{parameter.value.rsplit('#', 1)[1]}"
        return ShapeResult(focus, shape.node, shape.path.term if shape.path else None, value, parameter, message,
                           shape.severity)


def _test(parameter: ox.NamedNode, argument) -> Callable:
    """The test of one constraint, chosen once when the shapes are compiled."""
    if parameter == SH.minCount:
        return lambda values: len(values) >= argument
    if parameter == SH.maxCount:
        return lambda values: len(values) <= argument
    if parameter == SH.hasValue:
        return lambda values: argument in values
    if parameter == SH["class"]:
        return lambda validator, v: not isinstance(v, ox.Literal) and validator.data.is_instance(v, argument)
    if parameter == SH.node:
        return lambda validator, v: validator.conforms(v, argument)
    if parameter == SH["not"]:
        return lambda validator, v: not validator.conforms(v, argument)
    if parameter == SH["and"]:
        return lambda validator, v: all(validator.conforms(v, s) for s in argument)
    if parameter == SH["or"]:
        return lambda validator, v: any(validator.conforms(v, s) for s in argument)
    if parameter == SH.xone:
        return lambda validator, v: sum(validator.conforms(v, s) for s in argument) == 1
    if parameter == SH.datatype:
        return lambda validator, v: isinstance(v, ox.Literal) and v.datatype == argument and _well_formed(v)
    if parameter == SH.nodeKind:
        kinds = NODE_KINDS[argument]
        return lambda validator, v: isinstance(v, kinds)
    if parameter == SH["in"]:
        return lambda validator, v: v in argument
    # String and range constraints: a blank node has no string and no number, and fails.
    if parameter == SH.minLength:
        return lambda validator, v: not isinstance(v, ox.BlankNode) and len(v.value) >= argument
    if parameter == SH.maxLength:
        return lambda validator, v: not isinstance(v, ox.BlankNode) and len(v.value) <= argument
    if parameter == SH.pattern:
        return lambda validator, v: not isinstance(v, ox.BlankNode) and argument.search(v.value) is not None
    compare = RANGES[parameter]
    return lambda validator, v: _compares(compare, argument, v)


def _well_formed(literal: ox.Literal) -> bool:
    form = LEXICAL_FORMS.get(literal.datatype)
    return form is None or form.match(literal.value) is not None


def _compares(compare: Callable, bound: ox.Literal, value: Term) -> bool:
    """``value`` against a range bound: numbers as numbers, other literals of the bound's own
    datatype by their lexical form; anything else cannot be compared, and fails."""
    if not isinstance(value, ox.Literal):
        return False
    if value.datatype in NUMERIC and bound.datatype in NUMERIC:
        try:
            left, right = Decimal(value.value), Decimal(bound.value)
        except InvalidOperation:
            return False
    elif value.datatype == bound.datatype and value.datatype not in NUMERIC:
        left, right = value.value, bound.value
    else:
        return False
    return compare(left, right)
