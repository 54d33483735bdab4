"""hskg — the Human Security Knowledge Graph.

The package loads the ontology (``ontology/``) and the knowledge (``graph/``) of a
project into a store, and answers questions about it.  Heavy libraries (rdflib,
networkx, pyvis, pySHACL, owlready2) are imported where they are used, so that a
query from the command line starts fast.
"""

__version__ = "0.1.0"

from .knowledge import KnowledgeGraph  # noqa: E402  (the front door: hskg.KnowledgeGraph)

__all__ = ["KnowledgeGraph", "__version__"]
