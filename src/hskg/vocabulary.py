"""Every term the code uses, as checked names: a typo is an error, not a new IRI.

Each namespace is a class whose annotated attributes are its terms; reading one gives a
``pyoxigraph.NamedNode`` (``HSKG.Claim``, ``RDF.type``), reading a name that is not
declared raises ``AttributeError``.  ``HSKG`` is kept equal to the terms that
``ontology/*.ttl`` declares by tests/test_vocabulary.py; the standard vocabularies list
the terms hskg uses.  No other module of ``src/`` spells a namespace IRI.

This module stays free of rdflib, so that commands start fast; ``rdflib_namespace``
gives the same terms as an rdflib ``DefinedNamespace`` for code that works with rdflib.
"""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox

from .namespaces import PREFIXES


class _TermsMeta(type):
    def __getattr__(cls, name: str) -> ox.NamedNode:
        if name.startswith("_") or name not in cls.__annotations__:
            raise AttributeError(f"{cls.__name__}.{name} is not a term of {cls._NS}")
        return ox.NamedNode(cls._NS + name)

    def __getitem__(cls, name: str) -> ox.NamedNode:
        return getattr(cls, name)

    def __contains__(cls, term) -> bool:
        iri = term.value if isinstance(term, ox.NamedNode) else str(term)
        return iri.startswith(cls._NS) and iri[len(cls._NS):] in cls.__annotations__


class Terms(metaclass=_TermsMeta):
    """A namespace of declared terms; subclasses set ``_NS`` and annotate their terms."""

    _NS = ""


def rdflib_namespace(terms: type[Terms]):
    """The terms of ``terms`` as an rdflib ``DefinedNamespace`` (``_fail = True``)."""
    return _rdflib_namespace(terms)


@cache
def _rdflib_namespace(terms):
    from rdflib.namespace import DefinedNamespace, Namespace
    from rdflib.term import URIRef

    annotations = {name: URIRef for name in terms.__annotations__}
    return type(terms.__name__, (DefinedNamespace,), {"_NS": Namespace(terms._NS), "_fail": True,
                                                       "__annotations__": annotations})


class HSKG(Terms):
    """The hskg ontology: every class and property that ``ontology/*.ttl`` declares."""

    _NS = PREFIXES["hskg"]

    # Classes
    Actor: ox.NamedNode  # actor
    ActorGroup: ox.NamedNode  # group of actors
    Agenda: ox.NamedNode  # agenda
    Approach: ox.NamedNode  # approach to human security
    Book: ox.NamedNode  # book
    Chapter: ox.NamedNode  # chapter
    Claim: ox.NamedNode  # claim
    Concept: ox.NamedNode  # concept
    ContextSource: ox.NamedNode  # context source
    Doctrine: ox.NamedNode  # doctrine
    Document: ox.NamedNode  # document
    DocumentGroup: ox.NamedNode  # group of documents
    DocumentPart: ox.NamedNode  # document part
    DocumentProducer: ox.NamedNode  # producer of documents
    ExpertGroup: ox.NamedNode  # expert group
    FrontMatter: ox.NamedNode  # front matter
    HumanizingRegime: ox.NamedNode  # regime expressing the humanization of international law
    HumanSecurityActor: ox.NamedNode  # actor with an approach to human security
    HumanSecurityArea: ox.NamedNode  # human security area
    HumanSecurityDimension: ox.NamedNode  # human security dimension
    InternationalOrganization: ox.NamedNode  # international organization
    LegalInstrument: ox.NamedNode  # legal instrument
    LegalRegime: ox.NamedNode  # legal regime
    MilitaryFunction: ox.NamedNode  # military function
    Modality: ox.NamedNode  # modality
    NegativeClaim: ox.NamedNode  # negative claim
    Notion: ox.NamedNode  # notion of human security
    OpenQuestion: ox.NamedNode  # open question
    Organ: ox.NamedNode  # organ
    Organization: ox.NamedNode  # organization
    Person: ox.NamedNode  # person
    PolicyDocument: ox.NamedNode  # policy document
    Principle: ox.NamedNode  # principle
    Publisher: ox.NamedNode  # publisher
    Reference: ox.NamedNode  # reference
    Report: ox.NamedNode  # report
    ReportPart: ox.NamedNode  # report part
    ResearchInstitution: ox.NamedNode  # research institution
    ResearchPath: ox.NamedNode  # research path
    ResearchTeam: ox.NamedNode  # research team
    Resolution: ox.NamedNode  # resolution
    Section: ox.NamedNode  # section
    State: ox.NamedNode  # state
    SummarizedPart: ox.NamedNode  # summarized part
    UnassertedModality: ox.NamedNode  # modality that is not asserted
    UncheckedQuote: ox.NamedNode  # unchecked quote

    # Object properties
    accordingTo: ox.NamedNode  # according to
    actedAtBehestOf: ox.NamedNode  # acted at the behest of
    addresses: ox.NamedNode  # addresses
    advancesNotion: ox.NamedNode  # advances notion
    affiliatedWith: ox.NamedNode  # affiliated with
    affirms: ox.NamedNode  # affirms
    appearsIn: ox.NamedNode  # appears in
    approachOf: ox.NamedNode  # approach of
    attributedTo: ox.NamedNode  # attributed to
    bearsImplicationsFor: ox.NamedNode  # bears implications for
    buildsOn: ox.NamedNode  # builds on
    canImpact: ox.NamedNode  # can impact
    centralPurposeOf: ox.NamedNode  # central purpose of
    centralTo: ox.NamedNode  # central to
    characterizedAs: ox.NamedNode  # characterized as
    characterizedBy: ox.NamedNode  # characterized by
    codifiedThrough: ox.NamedNode  # codified through
    conflictsWith: ox.NamedNode  # conflicts with
    continues: ox.NamedNode  # continues
    contrastsWith: ox.NamedNode  # contrasts with
    contributedTo: ox.NamedNode  # contributed to
    country: ox.NamedNode  # country
    criticizedIn: ox.NamedNode  # criticized in
    custodianOf: ox.NamedNode  # custodian of
    deemsCounterproductive: ox.NamedNode  # deems counterproductive
    defines: ox.NamedNode  # defines
    describes: ox.NamedNode  # describes
    developedThrough: ox.NamedNode  # developed through
    differsFrom: ox.NamedNode  # differs from
    disclaimsEndorsementBy: ox.NamedNode  # disclaims endorsement by
    disclaimsLiabilityFor: ox.NamedNode  # disclaims liability for
    discussed: ox.NamedNode  # discussed
    distinctFrom: ox.NamedNode  # distinct from
    doctrineFor: ox.NamedNode  # doctrine for
    documentsDiscussionsOf: ox.NamedNode  # documents discussions of
    emphasizes: ox.NamedNode  # emphasizes
    encompasses: ox.NamedNode  # encompasses
    evidence: ox.NamedNode  # evidence
    expressedThrough: ox.NamedNode  # expressed through
    expresses: ox.NamedNode  # expresses
    expressesOpinionsOf: ox.NamedNode  # expresses opinions of
    followsUpOn: ox.NamedNode  # follows up on
    formallyArticulates: ox.NamedNode  # formally articulates
    groundedIn: ox.NamedNode  # grounded in
    hasApproach: ox.NamedNode  # has approach
    hasCoreActivity: ox.NamedNode  # has core activity
    hasFocus: ox.NamedNode  # has focus
    hasLegalBasis: ox.NamedNode  # has legal basis
    hasNexusWith: ox.NamedNode  # has nexus with
    hasNotion: ox.NamedNode  # has notion
    hasPredecessor: ox.NamedNode  # has predecessor
    identifiesDimension: ox.NamedNode  # identifies dimension
    implements: ox.NamedNode  # implements
    imposes: ox.NamedNode  # imposes
    inContextOf: ox.NamedNode  # in context of
    incorporates: ox.NamedNode  # incorporates
    influences: ox.NamedNode  # influences
    inSection: ox.NamedNode  # in section
    intendedToEnsureSecurityOf: ox.NamedNode  # intended to ensure security of
    isAbout: ox.NamedNode  # is about
    isAssociatedWith: ox.NamedNode  # is associated with
    isFoundationOf: ox.NamedNode  # is foundation of
    isLegalBasisOf: ox.NamedNode  # is legal basis of
    isNotionOf: ox.NamedNode  # is notion of
    isOrientedTowards: ox.NamedNode  # is oriented towards
    isPartOf: ox.NamedNode  # is part of
    isSubjectOf: ox.NamedNode  # is subject of
    ledBy: ox.NamedNode  # led by
    legalFrameworkFor: ox.NamedNode  # legal framework for
    makes: ox.NamedNode  # makes
    mattersTo: ox.NamedNode  # matters to
    mayConflictWith: ox.NamedNode  # may conflict with
    modality: ox.NamedNode  # has modality
    motivatedBy: ox.NamedNode  # motivated by
    notedAsConceptuallyRootedIn: ox.NamedNode  # noted as, at least conceptually, rooted in
    onAgendaOf: ox.NamedNode  # on agenda of
    originatesIn: ox.NamedNode  # originates in
    predates: ox.NamedNode  # predates
    presentedTo: ox.NamedNode  # presented to
    presents: ox.NamedNode  # presents
    primaryFrameworkFor: ox.NamedNode  # primary framework for
    produced: ox.NamedNode  # produced
    producedBy: ox.NamedNode  # produced by
    proposesResearchPath: ox.NamedNode  # proposes research path
    providesNormativeOrientationFor: ox.NamedNode  # provides normative orientation for
    pursuedSeparatePathsFrom: ox.NamedNode  # pursued separate paths from
    raisesQuestionsAbout: ox.NamedNode  # raises questions about
    recipientOf: ox.NamedNode  # recipient of
    recognizes: ox.NamedNode  # recognizes
    refersTo: ox.NamedNode  # refers to
    regulatesRelationsWithin: ox.NamedNode  # regulates relations within
    relatesTo: ox.NamedNode  # relates to
    requiresAttentionTo: ox.NamedNode  # requires attention to
    respondsTo: ox.NamedNode  # responds to
    rootedIn: ox.NamedNode  # rooted in
    seeksToProtect: ox.NamedNode  # seeks to protect
    seeksToShift: ox.NamedNode  # seeks to shift
    setOutIn: ox.NamedNode  # set out in
    setsOutCommonUnderstandingOf: ox.NamedNode  # sets out common understanding of
    setsOutCoreTask: ox.NamedNode  # sets out core task
    setsOutPurposesOf: ox.NamedNode  # sets out purposes of
    sharesGoalsWith: ox.NamedNode  # shares goals with
    situatesWithinLegalFrameworks: ox.NamedNode  # situates within legal frameworks
    soughtToDefine: ox.NamedNode  # sought to define
    sourceOf: ox.NamedNode  # source of
    suggests: ox.NamedNode  # suggests
    supports: ox.NamedNode  # supports
    symbioticRelationshipWith: ox.NamedNode  # has symbiotic relationship with
    tracedTo: ox.NamedNode  # traced to
    underExploredRelationshipWith: ox.NamedNode  # has under-explored relationship with
    understoodAs: ox.NamedNode  # understood as
    uses: ox.NamedNode  # uses

    # Datatype properties
    activeFrom: ox.NamedNode  # active from
    activeUntil: ox.NamedNode  # active until
    address: ox.NamedNode  # address
    appearsInBindingLegalDocument: ox.NamedNode  # appears in binding legal document
    contextFact: ox.NamedNode  # context fact
    locator: ox.NamedNode  # locator
    plannedFrom: ox.NamedNode  # planned from
    plannedUntil: ox.NamedNode  # planned until
    referenceNumber: ox.NamedNode  # reference number
    sequenceNumber: ox.NamedNode  # sequence number
    statedFor: ox.NamedNode  # stated for

    # Annotation properties
    memberKind: ox.NamedNode  # member kind


class RDF(Terms):
    _NS = PREFIXES["rdf"]
    type: ox.NamedNode
    subject: ox.NamedNode
    predicate: ox.NamedNode
    object: ox.NamedNode
    Statement: ox.NamedNode
    Property: ox.NamedNode
    List: ox.NamedNode
    first: ox.NamedNode
    rest: ox.NamedNode  # the link to the rest of a collection
    nil: ox.NamedNode
    langString: ox.NamedNode


class RDFS(Terms):
    _NS = PREFIXES["rdfs"]
    label: ox.NamedNode
    comment: ox.NamedNode
    isDefinedBy: ox.NamedNode
    seeAlso: ox.NamedNode
    domain: ox.NamedNode
    subClassOf: ox.NamedNode
    subPropertyOf: ox.NamedNode
    Class: ox.NamedNode
    Datatype: ox.NamedNode


class OWL(Terms):
    _NS = PREFIXES["owl"]
    Class: ox.NamedNode
    AnnotationProperty: ox.NamedNode
    DatatypeProperty: ox.NamedNode
    versionInfo: ox.NamedNode
    deprecated: ox.NamedNode
    NamedIndividual: ox.NamedNode
    NegativePropertyAssertion: ox.NamedNode
    Axiom: ox.NamedNode
    Ontology: ox.NamedNode
    imports: ox.NamedNode


class XSD(Terms):
    _NS = PREFIXES["xsd"]
    string: ox.NamedNode
    boolean: ox.NamedNode
    integer: ox.NamedNode
    int: ox.NamedNode
    long: ox.NamedNode
    nonNegativeInteger: ox.NamedNode
    positiveInteger: ox.NamedNode
    decimal: ox.NamedNode
    double: ox.NamedNode
    float: ox.NamedNode
    date: ox.NamedNode


class SKOS(Terms):
    _NS = PREFIXES["skos"]
    Concept: ox.NamedNode
    ConceptScheme: ox.NamedNode
    prefLabel: ox.NamedNode
    altLabel: ox.NamedNode
    definition: ox.NamedNode


class DCTERMS(Terms):
    _NS = PREFIXES["dcterms"]
    title: ox.NamedNode
    identifier: ox.NamedNode
    source: ox.NamedNode


class PROV(Terms):
    _NS = PREFIXES["prov"]
    Agent: ox.NamedNode
    wasDerivedFrom: ox.NamedNode


class OA(Terms):
    _NS = PREFIXES["oa"]
    TextQuoteSelector: ox.NamedNode
    exact: ox.NamedNode


class CITO(Terms):
    _NS = PREFIXES["cito"]
    citesAsEvidence: ox.NamedNode


class ORG(Terms):
    _NS = PREFIXES["org"]
    Organization: ox.NamedNode
    subOrganizationOf: ox.NamedNode
    memberOf: ox.NamedNode


class FOAF(Terms):
    _NS = PREFIXES["foaf"]
    Person: ox.NamedNode
    Document: ox.NamedNode


class SH(Terms):
    _NS = PREFIXES["sh"]
    ValidationReport: ox.NamedNode
    ValidationResult: ox.NamedNode
    conforms: ox.NamedNode
    result: ox.NamedNode
    resultSeverity: ox.NamedNode
    resultMessage: ox.NamedNode
    focusNode: ox.NamedNode
    sourceShape: ox.NamedNode
    resultPath: ox.NamedNode
    property: ox.NamedNode
    Violation: ox.NamedNode
    Warning: ox.NamedNode
    Info: ox.NamedNode
    # What hskg.shacl evaluates itself: targets, paths, constraint parameters, node kinds.
    NodeShape: ox.NamedNode
    PropertyShape: ox.NamedNode
    targetClass: ox.NamedNode
    targetNode: ox.NamedNode
    targetObjectsOf: ox.NamedNode
    targetSubjectsOf: ox.NamedNode
    path: ox.NamedNode
    alternativePath: ox.NamedNode
    inversePath: ox.NamedNode
    minCount: ox.NamedNode
    maxCount: ox.NamedNode
    datatype: ox.NamedNode
    nodeKind: ox.NamedNode
    minLength: ox.NamedNode
    maxLength: ox.NamedNode
    pattern: ox.NamedNode
    flags: ox.NamedNode
    minInclusive: ox.NamedNode
    maxInclusive: ox.NamedNode
    minExclusive: ox.NamedNode
    maxExclusive: ox.NamedNode
    hasValue: ox.NamedNode
    node: ox.NamedNode
    message: ox.NamedNode
    severity: ox.NamedNode
    deactivated: ox.NamedNode
    name: ox.NamedNode
    description: ox.NamedNode
    order: ox.NamedNode
    group: ox.NamedNode
    IRI: ox.NamedNode
    Literal: ox.NamedNode
    BlankNode: ox.NamedNode
    BlankNodeOrIRI: ox.NamedNode
    BlankNodeOrLiteral: ox.NamedNode
    IRIOrLiteral: ox.NamedNode
    xone: ox.NamedNode


# SHACL terms that are Python keywords, read as SH["class"], SH["or"] …
SH.__annotations__.update(dict.fromkeys(("class", "in", "or", "and", "not"), ox.NamedNode))
