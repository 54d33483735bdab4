"""The names of the views and what each shows, apart from ``hskg.views`` so that the
command line can list them in its help without importing networkx."""

VIEWS: dict[str, str] = {
    "overview": "everything the knowledge graph holds",
    "notions": "Chinkin and Kaldor's three notions side by side, what each rests on and what relates to each",
    "actors": "the actors: what they produce, adopt and belong to",
    "law": "legal regimes, legal instruments and principles, and what relates to them",
    "report": "the report: its parts, its claims and their references",
    "classes": "the class hierarchy of the ontology",
}
FOCUS_VIEW = "focus"  # a node and its neighbours to a depth: build_view(store, "focus", focus=...)

