"""The one label policy: which text names a node, for every command."""

import pyoxigraph as ox

from hskg.labels import all_names, label_index, labels_of, nodes_named, preferred
from hskg.store import DATA_GRAPH, open_store
from hskg.vocabulary import DCTERMS, RDFS, SKOS

NODE = ox.NamedNode("https://example.org/node")
OTHER = ox.NamedNode("https://example.org/other")


def literal(text, language=None):
    return ox.Literal(text, language=language)


def test_the_predicate_comes_first_then_the_language_then_the_text():
    assert preferred([(RDFS.label.value, literal("label")), (SKOS.prefLabel.value, literal("preferred", "fr"))]) \
        == "preferred"
    assert preferred([(RDFS.label.value, literal("étiquette", "fr")), (RDFS.label.value, literal("plain")),
                      (RDFS.label.value, literal("English", "en-GB"))]) == "English"
    assert preferred([(DCTERMS.title.value, literal("b")), (DCTERMS.title.value, literal("a"))]) == "a"
    assert preferred([(SKOS.altLabel.value, literal("alternative"))]) is None


def test_the_store_and_a_triple_list_give_the_same_labels():
    triples = [ox.Triple(NODE, DCTERMS.title, literal("Title")), ox.Triple(NODE, RDFS.label, literal("Label", "en")),
               ox.Triple(NODE, SKOS.altLabel, literal("Alt")), ox.Triple(OTHER, DCTERMS.title, literal("Other"))]
    store = open_store()
    store.add_triples(triples, DATA_GRAPH)
    expected = {NODE.value: "Label", OTHER.value: "Other"}
    assert labels_of(store, [NODE.value, OTHER.value, "https://example.org/none"]) == expected
    assert label_index(triples) == expected
    assert nodes_named(store, "alt") == [NODE] and nodes_named(store, "TITLE") == [NODE]
    assert all_names(store) == {"title": NODE.value, "label": NODE.value, "alt": NODE.value, "other": OTHER.value}
