"""Extending the graph: new actors, kinds of actor and statements, and corrections and
removals of what was added — each validated together with the whole graph before
anything is written, then written as one step under the project's lock
(``extend.change``).

- ``actors``: ``hskg add actor`` (and actor rows of ``hskg import``)
- ``kinds``: ``hskg add kind``, a subclass of an actor kind in ``ontology/extensions/``
- ``statements``: ``hskg add statement``, a relation with its claim and evidence
- ``edit``: ``hskg edit actor``, ``hskg remove actor``, ``hskg remove statement``
- ``table``: CSV tables of actors, statements or kinds (``hskg import``)
- ``common``: labels, quotes, node names, errors; ``change``: plan, validate, write
"""

from .actors import ActorRequest, Kind, actor_kinds, plan_actors
from .change import Change, Plan, apply_change
from .common import DuplicateError, ExtendError
from .edit import DependantsError, plan_edit_actor, plan_remove_actor, plan_remove_statement
from .kinds import KindRequest, plan_kinds
from .statements import StatementRequest, plan_statements
from .table import read_csv, read_csv_file

__all__ = [
    "ActorRequest", "Change", "DependantsError", "DuplicateError", "ExtendError", "Kind", "KindRequest", "Plan",
    "StatementRequest", "actor_kinds", "apply_change", "plan_actors", "plan_edit_actor", "plan_kinds",
    "plan_remove_actor", "plan_remove_statement", "plan_statements", "read_csv", "read_csv_file",
]
