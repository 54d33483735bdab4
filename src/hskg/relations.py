"""The relations ``hskg add actor`` and ``hskg import`` accept: option, property, expected class.

Kept apart from ``hskg.extend`` so that the command line can list them in its help
without importing what adding needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import HSKG, ORG


@dataclass(frozen=True)
class Relation:
    """A relation an added actor may have: its option (and CSV column) and its property."""

    option: str
    predicate: str
    help: str


# What `hskg add actor` can say about an actor.  The properties are the ontology's;
# their ranges are checked again by SHACL and OWL before anything is written.
RELATIONS = (
    Relation("part-of", ORG.subOrganizationOf.value, "the organization it is part of (org:subOrganizationOf)"),
    Relation("member-of", ORG.memberOf.value, "an organization it is a member of (org:memberOf)"),
    Relation("country", HSKG.country.value, "the state it is based in (hskg:country)"),
    Relation("notion", HSKG.advancesNotion.value,
             "a Chinkin–Kaldor notion it advances: narrow, humanitarian or broad (hskg:advancesNotion)"),
    Relation("produced", HSKG.produced.value, "a document it produced or adopted (hskg:produced)"),
)
