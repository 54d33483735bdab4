"""hskg — the Human Security Knowledge Graph.

The package loads the ontology (``ontology/``) and the knowledge (``graph/``) of a
project into a store, and answers questions about it.  Heavy libraries (rdflib,
networkx, pyvis, pySHACL, owlready2) are imported where they are used, so that a
query from the command line starts fast.
"""

__version__ = "0.1.0"

__all__ = ["KnowledgeGraph", "__version__"]


def __getattr__(name: str):
    """``hskg.KnowledgeGraph``, the front door, imported when first asked for (PEP 562):
    ``import hskg.cli`` (``hskg --version``, ``--help``) does not pay for the store, the
    loader and their imports."""
    if name == "KnowledgeGraph":
        from .knowledge import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
