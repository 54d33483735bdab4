"""The hskg vocabulary as an rdflib ``DefinedNamespace``: a typo is an error, not a new IRI.

Kept in step with ``ontology/*.ttl`` by tests/test_vocabulary.py: every class and
property the ontology declares is listed here, and nothing else.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class HSKG(DefinedNamespace):
    _NS = Namespace("https://w3id.org/hskg/ontology#")
    _fail = True

    # Classes
    Actor: URIRef  # actor
    ActorGroup: URIRef  # group of actors
    Agenda: URIRef  # agenda
    Approach: URIRef  # approach to human security
    Book: URIRef  # book
    Chapter: URIRef  # chapter
    Claim: URIRef  # claim
    Concept: URIRef  # concept
    ContextSource: URIRef  # context source
    Doctrine: URIRef  # doctrine
    Document: URIRef  # document
    DocumentGroup: URIRef  # group of documents
    DocumentPart: URIRef  # document part
    DocumentProducer: URIRef  # producer of documents
    ExpertGroup: URIRef  # expert group
    FrontMatter: URIRef  # front matter
    HumanizingRegime: URIRef  # regime expressing the humanization of international law
    HumanSecurityActor: URIRef  # actor with an approach to human security
    HumanSecurityArea: URIRef  # human security area
    HumanSecurityDimension: URIRef  # human security dimension
    InternationalOrganization: URIRef  # international organization
    LegalInstrument: URIRef  # legal instrument
    LegalRegime: URIRef  # legal regime
    MilitaryFunction: URIRef  # military function
    Modality: URIRef  # modality
    NegativeClaim: URIRef  # negative claim
    Notion: URIRef  # notion of human security
    OpenQuestion: URIRef  # open question
    Organ: URIRef  # organ
    Organization: URIRef  # organization
    Person: URIRef  # person
    PolicyDocument: URIRef  # policy document
    Principle: URIRef  # principle
    Publisher: URIRef  # publisher
    Reference: URIRef  # reference
    Report: URIRef  # report
    ReportPart: URIRef  # report part
    ResearchInstitution: URIRef  # research institution
    ResearchPath: URIRef  # research path
    ResearchTeam: URIRef  # research team
    Resolution: URIRef  # resolution
    Section: URIRef  # section
    State: URIRef  # state
    SummarizedPart: URIRef  # summarized part
    UnassertedModality: URIRef  # modality that is not asserted

    # Object properties
    accordingTo: URIRef  # according to
    actedAtBehestOf: URIRef  # acted at the behest of
    addresses: URIRef  # addresses
    advancesNotion: URIRef  # advances notion
    affiliatedWith: URIRef  # affiliated with
    affirms: URIRef  # affirms
    appearsIn: URIRef  # appears in
    approachOf: URIRef  # approach of
    attributedTo: URIRef  # attributed to
    bearsImplicationsFor: URIRef  # bears implications for
    buildsOn: URIRef  # builds on
    canImpact: URIRef  # can impact
    centralPurposeOf: URIRef  # central purpose of
    centralTo: URIRef  # central to
    characterizedAs: URIRef  # characterized as
    characterizedBy: URIRef  # characterized by
    codifiedThrough: URIRef  # codified through
    conflictsWith: URIRef  # conflicts with
    continues: URIRef  # continues
    contrastsWith: URIRef  # contrasts with
    contributedTo: URIRef  # contributed to
    country: URIRef  # country
    criticizedIn: URIRef  # criticized in
    custodianOf: URIRef  # custodian of
    deemsCounterproductive: URIRef  # deems counterproductive
    defines: URIRef  # defines
    describes: URIRef  # describes
    developedThrough: URIRef  # developed through
    differsFrom: URIRef  # differs from
    disclaimsEndorsementBy: URIRef  # disclaims endorsement by
    disclaimsLiabilityFor: URIRef  # disclaims liability for
    discussed: URIRef  # discussed
    distinctFrom: URIRef  # distinct from
    doctrineFor: URIRef  # doctrine for
    documentsDiscussionsOf: URIRef  # documents discussions of
    emphasizes: URIRef  # emphasizes
    encompasses: URIRef  # encompasses
    evidence: URIRef  # evidence
    expressedThrough: URIRef  # expressed through
    expresses: URIRef  # expresses
    expressesOpinionsOf: URIRef  # expresses opinions of
    followsUpOn: URIRef  # follows up on
    formallyArticulates: URIRef  # formally articulates
    groundedIn: URIRef  # grounded in
    hasApproach: URIRef  # has approach
    hasCoreActivity: URIRef  # has core activity
    hasFocus: URIRef  # has focus
    hasLegalBasis: URIRef  # has legal basis
    hasNexusWith: URIRef  # has nexus with
    hasNotion: URIRef  # has notion
    hasPredecessor: URIRef  # has predecessor
    identifiesDimension: URIRef  # identifies dimension
    implements: URIRef  # implements
    imposes: URIRef  # imposes
    inContextOf: URIRef  # in context of
    incorporates: URIRef  # incorporates
    influences: URIRef  # influences
    inSection: URIRef  # in section
    intendedToEnsureSecurityOf: URIRef  # intended to ensure security of
    isAbout: URIRef  # is about
    isAssociatedWith: URIRef  # is associated with
    isFoundationOf: URIRef  # is foundation of
    isLegalBasisOf: URIRef  # is legal basis of
    isNotionOf: URIRef  # is notion of
    isOrientedTowards: URIRef  # is oriented towards
    isPartOf: URIRef  # is part of
    isSubjectOf: URIRef  # is subject of
    ledBy: URIRef  # led by
    legalFrameworkFor: URIRef  # legal framework for
    makes: URIRef  # makes
    mattersTo: URIRef  # matters to
    mayConflictWith: URIRef  # may conflict with
    modality: URIRef  # has modality
    motivatedBy: URIRef  # motivated by
    notedAsConceptuallyRootedIn: URIRef  # noted as, at least conceptually, rooted in
    onAgendaOf: URIRef  # on agenda of
    originatesIn: URIRef  # originates in
    predates: URIRef  # predates
    presentedTo: URIRef  # presented to
    presents: URIRef  # presents
    primaryFrameworkFor: URIRef  # primary framework for
    produced: URIRef  # produced
    producedBy: URIRef  # produced by
    proposesResearchPath: URIRef  # proposes research path
    providesNormativeOrientationFor: URIRef  # provides normative orientation for
    pursuedSeparatePathsFrom: URIRef  # pursued separate paths from
    raisesQuestionsAbout: URIRef  # raises questions about
    recipientOf: URIRef  # recipient of
    recognizes: URIRef  # recognizes
    refersTo: URIRef  # refers to
    regulatesRelationsWithin: URIRef  # regulates relations within
    relatesTo: URIRef  # relates to
    requiresAttentionTo: URIRef  # requires attention to
    respondsTo: URIRef  # responds to
    rootedIn: URIRef  # rooted in
    seeksToProtect: URIRef  # seeks to protect
    seeksToShift: URIRef  # seeks to shift
    setOutIn: URIRef  # set out in
    setsOutCommonUnderstandingOf: URIRef  # sets out common understanding of
    setsOutCoreTask: URIRef  # sets out core task
    setsOutPurposesOf: URIRef  # sets out purposes of
    sharesGoalsWith: URIRef  # shares goals with
    situatesWithinLegalFrameworks: URIRef  # situates within legal frameworks
    soughtToDefine: URIRef  # sought to define
    sourceOf: URIRef  # source of
    suggests: URIRef  # suggests
    supports: URIRef  # supports
    symbioticRelationshipWith: URIRef  # has symbiotic relationship with
    tracedTo: URIRef  # traced to
    underExploredRelationshipWith: URIRef  # has under-explored relationship with
    understoodAs: URIRef  # understood as
    uses: URIRef  # uses

    # Datatype properties
    activeFrom: URIRef  # active from
    activeUntil: URIRef  # active until
    address: URIRef  # address
    appearsInBindingLegalDocument: URIRef  # appears in binding legal document
    contextFact: URIRef  # context fact
    locator: URIRef  # locator
    plannedFrom: URIRef  # planned from
    plannedUntil: URIRef  # planned until
    referenceNumber: URIRef  # reference number
    sequenceNumber: URIRef  # sequence number
    statedFor: URIRef  # stated for

    # Annotation properties
    memberKind: URIRef  # member kind
