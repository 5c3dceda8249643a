//! What may be written where: every node, its arguments, properties and
//! children, with a one-line meaning. This table drives validation, the
//! language server's completion and hover, and the test that keeps
//! `docs/language.md` complete.

use crate::names::{node as n, prop as p};
use crate::values::{
    Art9Condition, DerogationGround, DpiaCriterion, Keyword, LegalBasis, Material, Mechanism, Provision, RecipientKind,
    RoleKind, Severity, SpecialCategory, Statute, Tracker, TrackingPurpose,
};

/// The kinds of declarations a reference can point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefTarget {
    Data,
    Subjects,
    /// A processor or a sub-processor.
    Processor,
    Recipient,
    /// A processor, sub-processor or recipient: whoever receives a transfer.
    Party,
    /// A joint controller (Art. 26).
    JointController,
    /// A system (software) an activity uses.
    System,
    /// The controller a processor activity works for (`role processor for=ID`).
    Controller,
}

impl RefTarget {
    pub fn describe(self) -> &'static str {
        match self {
            RefTarget::Data => "data category",
            RefTarget::Subjects => "data-subject category",
            RefTarget::Processor => "processor",
            RefTarget::Recipient => "recipient",
            RefTarget::Party => "processor or recipient",
            RefTarget::JointController => "joint controller",
            RefTarget::System => "system",
            RefTarget::Controller => "controller",
        }
    }
}

/// A closed vocabulary, as (word, meaning) pairs.
#[derive(Clone, Copy)]
pub struct Vocabulary {
    pub name: &'static str,
    pub words: fn() -> Vec<(&'static str, &'static str)>,
    /// Whether a word belongs to it, without listing the words: validation
    /// asks this for every keyword in a record.
    pub accepts: fn(&str) -> bool,
}

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

fn accepts<K: Keyword>(word: &str) -> bool {
    K::parse(word).is_some()
}

fn words_of<K: Keyword>() -> Vec<(&'static str, &'static str)> {
    K::WORDS.iter().map(|(_, word, meaning)| (*word, *meaning)).collect()
}

#[derive(Clone, Copy, Debug)]
pub enum ValueKind {
    /// Free text.
    Text,
    /// A new id declared by this node.
    Id,
    Ref(RefTarget),
    Country,
    /// An ISO 3166-2 subdivision such as `DE-BY`.
    Region,
    /// A duration such as "7 years" (vague phrases are kept for the rules).
    Duration,
    Date,
    /// A date, or else a free-text reference.
    DateOrText,
    Integer {
        min: i128,
        max: i128,
    },
    Bool,
    Keyword(Vocabulary),
    /// A rule id (checked against the rule catalogue by ropa-check).
    RuleId,
}

impl ValueKind {
    /// How to describe the expected value in an error message.
    pub fn describe(&self) -> String {
        match self {
            ValueKind::Text => "text".to_owned(),
            ValueKind::Id => "an id".to_owned(),
            ValueKind::Ref(target) => format!("the id of a {}", target.describe()),
            ValueKind::Country => "a country code".to_owned(),
            ValueKind::Region => "an ISO 3166-2 region code such as DE-BY".to_owned(),
            ValueKind::Duration => "a duration such as \"7 years\"".to_owned(),
            ValueKind::Date => "a date \"YYYY-MM-DD\"".to_owned(),
            ValueKind::DateOrText => "a date \"YYYY-MM-DD\" or a reference".to_owned(),
            ValueKind::Integer { .. } => "a whole number".to_owned(),
            ValueKind::Bool => "#true or #false".to_owned(),
            ValueKind::Keyword(vocabulary) => format!("a {}", vocabulary.name),
            ValueKind::RuleId => "a rule id".to_owned(),
        }
    }
}

#[derive(Debug)]
pub struct Arg {
    pub(crate) name: &'static str,
    pub kind: ValueKind,
    pub(crate) required: bool,
}

#[derive(Debug)]
pub struct Prop {
    pub name: &'static str,
    pub kind: ValueKind,
    pub summary: &'static str,
}

#[derive(Debug)]
pub struct NodeSchema {
    pub name: &'static str,
    pub summary: &'static str,
    /// Positional arguments, in order.
    pub args: &'static [Arg],
    /// Any number of further arguments of one kind (`subjects a b c`).
    pub rest: Option<Arg>,
    pub props: &'static [Prop],
    pub children: &'static [&'static NodeSchema],
    /// Children whose names are not fixed (the rule ids of `rules { }`).
    pub any_child: Option<&'static NodeSchema>,
    /// At most one in its parent.
    pub once: bool,
}

impl NodeSchema {
    pub fn child(&self, name: &str) -> Option<&'static NodeSchema> {
        // The first byte rules out nearly every other child before a
        // comparison of the whole name is called for.
        let first = name.as_bytes().first();
        self.children
            .iter()
            .copied()
            .find(|c| c.name.as_bytes().first() == first && c.name == name)
            .or(self.any_child)
    }
    pub fn prop(&self, name: &str) -> Option<&'static Prop> {
        self.props.iter().find(|p| p.name == name)
    }
}

const fn node(name: &'static str, summary: &'static str) -> NodeSchema {
    NodeSchema {
        name,
        summary,
        args: &[],
        rest: None,
        props: &[],
        children: &[],
        any_child: None,
        once: true,
    }
}

const fn arg(name: &'static str, kind: ValueKind) -> Arg {
    Arg {
        name,
        kind,
        required: true,
    }
}

const fn optional(name: &'static str, kind: ValueKind) -> Arg {
    Arg {
        name,
        kind,
        required: false,
    }
}

const fn prop(name: &'static str, kind: ValueKind, summary: &'static str) -> Prop {
    Prop { name, kind, summary }
}

macro_rules! vocabulary {
    ($name:literal, $ty:ty) => {
        ValueKind::Keyword(Vocabulary {
            name: $name,
            words: words_of::<$ty>,
            accepts: accepts::<$ty>,
        })
    };
}

const TEXT: ValueKind = ValueKind::Text;
const LEGAL_BASIS: ValueKind = vocabulary!("legal basis", LegalBasis);
const SPECIAL: ValueKind = vocabulary!("special category", SpecialCategory);
const CONDITION: ValueKind = vocabulary!("Art. 9(2) condition", Art9Condition);
const MECHANISM: ValueKind = vocabulary!("transfer mechanism", Mechanism);
const GROUND: ValueKind = vocabulary!("Art. 49 derogation", DerogationGround);
const ROLE: ValueKind = vocabulary!("role", RoleKind);
const RECIPIENT_KIND: ValueKind = vocabulary!("recipient kind", RecipientKind);
const TRACKING: ValueKind = vocabulary!("tracking purpose", TrackingPurpose);
const TRACKER: ValueKind = vocabulary!("tracker", Tracker);
const CRITERION: ValueKind = vocabulary!("DPIA criterion", DpiaCriterion);
const PROVISION: ValueKind = vocabulary!("provision requirement", Provision);
const STATUTE: ValueKind = vocabulary!("statute", Statute);
const MATERIAL: ValueKind = vocabulary!("bookkeeping material", Material);
const SEVERITY_OR_OFF: ValueKind = ValueKind::Keyword(Vocabulary {
    name: "severity",
    words: severity_or_off,
    accepts: |word| word == "off" || accepts::<Severity>(word),
});

fn severity_or_off() -> Vec<(&'static str, &'static str)> {
    let mut words = words_of::<Severity>();
    words.push(("off", "the rule is not run"));
    words
}

const EMAIL: Prop = prop(p::EMAIL, TEXT, "e-mail address");
const PHONE: Prop = prop(p::PHONE, TEXT, "phone number");
const REASON: Prop = prop(p::REASON, TEXT, "why");

// --- allow -----------------------------------------------------------------

pub(crate) static ALLOW: NodeSchema = NodeSchema {
    args: &[arg("rule", ValueKind::RuleId)],
    props: &[REASON],
    once: false,
    ..node(n::ALLOW, "accept a finding of a rule here on purpose, with a reason")
};

// --- organization ----------------------------------------------------------

static REGISTRATION: NodeSchema = NodeSchema {
    args: &[arg("number", TEXT)],
    ..node(n::REGISTRATION, "company registration number")
};
static COUNTRY: NodeSchema = NodeSchema {
    args: &[arg("country", ValueKind::Country)],
    ..node(n::COUNTRY, "country of establishment (ISO 3166-1 alpha-2)")
};
static REGION: NodeSchema = NodeSchema {
    args: &[arg("region", ValueKind::Region)],
    ..node(
        n::REGION,
        "the region of establishment where supervision is regional (ISO 3166-2, e.g. DE-BY)",
    )
};
static ADDRESS: NodeSchema = NodeSchema {
    args: &[arg("address", TEXT)],
    ..node(n::ADDRESS, "postal address")
};
static WEBSITE: NodeSchema = NodeSchema {
    args: &[arg("url", TEXT)],
    ..node(n::WEBSITE, "public website")
};
static EMPLOYEES: NodeSchema = NodeSchema {
    args: &[arg(
        "count",
        ValueKind::Integer {
            min: 0,
            max: 100_000_000,
        },
    )],
    ..node(n::EMPLOYEES, "number of employees (Art. 30(5))")
};
static CONTACT: NodeSchema = NodeSchema {
    args: &[arg("name", TEXT)],
    props: &[EMAIL, PHONE],
    ..node(n::CONTACT, "who answers privacy questions (Art. 13(1)(a))")
};
static DPO: NodeSchema = NodeSchema {
    args: &[arg("name", TEXT)],
    props: &[EMAIL, PHONE, REASON],
    ..node(n::DPO, "the data protection officer (Art. 37), or `none` with a reason")
};
static REPRESENTATIVE: NodeSchema = NodeSchema {
    args: &[arg("name", TEXT)],
    props: &[
        EMAIL,
        PHONE,
        prop(
            p::COUNTRY,
            ValueKind::Country,
            "where the representative is established",
        ),
    ],
    ..node(
        n::REPRESENTATIVE,
        "EU representative of an organization outside the EEA (Art. 27)",
    )
};
static SECURITY: NodeSchema = NodeSchema {
    args: &[arg("measure", TEXT)],
    once: false,
    ..node(n::SECURITY, "a technical or organizational security measure (Art. 32)")
};
static BREACH_PROCEDURE: NodeSchema = NodeSchema {
    args: &[arg("procedure", TEXT)],
    ..node(
        n::BREACH_PROCEDURE,
        "how personal data breaches are handled (Art. 33, 34)",
    )
};
static RECORD_OWNER: NodeSchema = NodeSchema {
    args: &[arg("function", TEXT)],
    ..node(
        n::OWNER,
        "the function or department responsible for the record (Art. 5(2), 24(1))",
    )
};
static RECORD_VERSION: NodeSchema = NodeSchema {
    args: &[arg("version", TEXT)],
    props: &[
        prop(p::APPROVED, ValueKind::Date, "the date this version was approved"),
        prop(p::BY, TEXT, "who approved it: a person, a function or a board"),
    ],
    ..node(
        n::VERSION,
        "the version of the record, and its approval (shown on every page of the record)",
    )
};
static REVIEWED: NodeSchema = NodeSchema {
    args: &[arg("date", ValueKind::Date)],
    props: &[prop(p::BY, TEXT, "who reviewed it: a person or a function")],
    ..node(
        n::REVIEWED,
        "when this was last checked against how the processing is done, and by whom (Art. 24(1): reviewed and updated where necessary)",
    )
};
static RIGHTS_PROCEDURE: NodeSchema = NodeSchema {
    args: &[arg("procedure", TEXT)],
    ..node(
        n::RIGHTS_PROCEDURE,
        "how data-subject requests are handled (Art. 12-22)",
    )
};

pub(crate) static ORGANIZATION: NodeSchema = NodeSchema {
    args: &[arg("name", TEXT)],
    children: &[
        &REGISTRATION,
        &COUNTRY,
        &REGION,
        &ADDRESS,
        &WEBSITE,
        &EMPLOYEES,
        &CONTACT,
        &DPO,
        &REPRESENTATIVE,
        &SECURITY,
        &BREACH_PROCEDURE,
        &RIGHTS_PROCEDURE,
        &RECORD_OWNER,
        &RECORD_VERSION,
        &REVIEWED,
        &ALLOW,
    ],
    ..node(n::ORGANIZATION, "the organization whose record this is")
};

// --- controllers (the processor record) ------------------------------------

pub(crate) static CONTROLLER: NodeSchema = NodeSchema {
    args: &[arg("id", ValueKind::Id), optional("name", TEXT)],
    children: &[&COUNTRY, &ADDRESS, &CONTACT, &REPRESENTATIVE, &DPO, &ALLOW],
    once: false,
    ..node(
        n::CONTROLLER,
        "a controller on whose behalf you process, named by `role processor for=ID` (Art. 30(2)(a))",
    )
};

// --- data and subjects -----------------------------------------------------

pub(crate) static DATA: NodeSchema = NodeSchema {
    args: &[arg("id", ValueKind::Id), optional("description", TEXT)],
    props: &[
        prop(p::SPECIAL, SPECIAL, "special category data under Art. 9(1)"),
        prop(
            p::CRIMINAL,
            ValueKind::Bool,
            "criminal convictions and offences data (Art. 10)",
        ),
    ],
    once: false,
    ..node(n::DATA, "a category of personal data")
};

pub(crate) static SUBJECTS: NodeSchema = NodeSchema {
    args: &[arg("id", ValueKind::Id), optional("description", TEXT)],
    props: &[
        prop(p::CHILDREN, ValueKind::Bool, "the group includes children (Art. 8)"),
        prop(
            p::EMPLOYEES,
            ValueKind::Bool,
            "the group is the organization's employees",
        ),
        prop(
            p::VULNERABLE,
            ValueKind::Bool,
            "another vulnerable group (WP248 criterion 7)",
        ),
    ],
    once: false,
    ..node(n::SUBJECTS, "a category of data subjects")
};

// --- processors and recipients ---------------------------------------------

static SERVICE: NodeSchema = NodeSchema {
    args: &[arg("service", TEXT)],
    ..node(n::SERVICE, "what they do for you")
};
static PARTY_COUNTRY: NodeSchema = NodeSchema {
    args: &[arg("country", ValueKind::Country)],
    ..node(n::COUNTRY, "where the contracting entity is established")
};
static STORED_IN: NodeSchema = NodeSchema {
    args: &[arg("country", ValueKind::Country)],
    rest: Some(arg("country", ValueKind::Country)),
    ..node(n::STORED_IN, "countries where the data is stored")
};
static ACCESSED_FROM: NodeSchema = NodeSchema {
    args: &[arg("country", ValueKind::Country)],
    rest: Some(arg("country", ValueKind::Country)),
    ..node(
        n::ACCESSED_FROM,
        "countries from which the data is accessed (remote access is a transfer)",
    )
};
static PARENT: NodeSchema = NodeSchema {
    args: &[arg("country", ValueKind::Country)],
    ..node(n::PARENT, "country of the parent company")
};
static DPA: NodeSchema = NodeSchema {
    args: &[arg("signed", ValueKind::DateOrText)],
    ..node(
        n::DPA,
        "the data processing agreement (Art. 28(3)): date signed, reference, or `none`",
    )
};
static DPF: NodeSchema = NodeSchema {
    args: &[arg("certified", ValueKind::Bool)],
    ..node(n::DPF, "certified under the EU-US Data Privacy Framework")
};
static RECIPIENT_KIND_NODE: NodeSchema = NodeSchema {
    args: &[arg("kind", RECIPIENT_KIND)],
    ..node(n::KIND, "what kind of recipient")
};

pub(crate) static PROCESSOR: NodeSchema = NodeSchema {
    args: &[arg("id", ValueKind::Id), optional("entity", TEXT)],
    children: PROCESSOR_CHILDREN,
    once: false,
    ..node(n::PROCESSOR, "a processor acting on your behalf (Art. 28)")
};

pub(crate) static SUBPROCESSOR: NodeSchema = NodeSchema {
    args: &[arg("id", ValueKind::Id), optional("entity", TEXT)],
    children: PROCESSOR_CHILDREN,
    once: false,
    ..node(
        n::SUBPROCESSOR,
        "a sub-processor engaged by the processor (Art. 28(2), 28(4))",
    )
};

static PROCESSOR_CHILDREN: &[&NodeSchema] = &[
    &SERVICE,
    &PARTY_COUNTRY,
    &STORED_IN,
    &ACCESSED_FROM,
    &PARENT,
    &DPA,
    &DPF,
    &SUBPROCESSOR,
    &ALLOW,
];

pub(crate) static RECIPIENT: NodeSchema = NodeSchema {
    args: &[arg("id", ValueKind::Id), optional("name", TEXT)],
    children: &[
        &RECIPIENT_KIND_NODE,
        &SERVICE,
        &PARTY_COUNTRY,
        &STORED_IN,
        &ACCESSED_FROM,
        &PARENT,
        &DPF,
        &ALLOW,
    ],
    once: false,
    ..node(n::RECIPIENT, "a recipient that is not your processor (Art. 4(9))")
};

static ARRANGEMENT: NodeSchema = NodeSchema {
    args: &[arg("reference", TEXT)],
    ..node(
        n::ARRANGEMENT,
        "reference to the arrangement between the joint controllers (Art. 26(1))",
    )
};

pub(crate) static JOINT_CONTROLLER: NodeSchema = NodeSchema {
    args: &[arg("id", ValueKind::Id), optional("entity", TEXT)],
    children: &[
        &SERVICE,
        &PARTY_COUNTRY,
        &STORED_IN,
        &ACCESSED_FROM,
        &PARENT,
        &DPF,
        &ARRANGEMENT,
        &ALLOW,
    ],
    once: false,
    ..node(
        n::JOINT_CONTROLLER,
        "a controller that decides purposes and means together with you (Art. 26), such as the platform of a social-media pixel or fan page",
    )
};

static SELF_HOSTED: NodeSchema = node(
    n::SELF_HOSTED,
    "the organization runs the software itself: no one else receives the data through it",
);
static HOSTED_BY: NodeSchema = NodeSchema {
    args: &[arg("processor", ValueKind::Ref(RefTarget::Processor))],
    ..node(n::HOSTED_BY, "the processor that hosts or runs the software for you")
};

pub(crate) static SYSTEM: NodeSchema = NodeSchema {
    args: &[arg("id", ValueKind::Id), optional("name", TEXT)],
    children: &[&SERVICE, &SELF_HOSTED, &HOSTED_BY, &ALLOW],
    once: false,
    ..node(
        n::SYSTEM,
        "software an activity uses (a CMS, a plug-in, a database), with who runs it",
    )
};

// --- activity --------------------------------------------------------------

static NAME: NodeSchema = NodeSchema {
    args: &[arg("name", TEXT)],
    ..node(n::NAME, "a readable title")
};
static PURPOSE: NodeSchema = NodeSchema {
    args: &[arg("purpose", TEXT)],
    ..node(n::PURPOSE, "why the data is processed (Art. 5(1)(b), 30(1)(b))")
};
static ROLE_NODE: NodeSchema = NodeSchema {
    args: &[arg("role", ROLE)],
    props: &[
        prop(p::FOR, TEXT, "the controller you process on behalf of"),
        prop(p::WITH, TEXT, "the other joint controller"),
        prop(p::ARRANGEMENT, TEXT, "reference to the Art. 26 arrangement"),
    ],
    ..node(n::ROLE, "controller, processor or joint-controller")
};
static SUBJECTS_REF: NodeSchema = NodeSchema {
    args: &[arg("subjects", ValueKind::Ref(RefTarget::Subjects))],
    rest: Some(arg("subjects", ValueKind::Ref(RefTarget::Subjects))),
    once: false,
    ..node(n::SUBJECTS, "the data-subject categories")
};
static DATA_REF: NodeSchema = NodeSchema {
    args: &[arg("data", ValueKind::Ref(RefTarget::Data))],
    rest: Some(arg("data", ValueKind::Ref(RefTarget::Data))),
    once: false,
    ..node(n::DATA, "the data categories")
};
static SOURCE: NodeSchema = NodeSchema {
    args: &[arg("source", TEXT)],
    ..node(
        n::SOURCE,
        "where the data comes from (Art. 14(2)(f)); `data-subject` when it is collected from the person",
    )
};
static PROVISION_NODE: NodeSchema = NodeSchema {
    args: &[arg("requirement", PROVISION)],
    props: &[prop(
        p::CONSEQUENCE,
        TEXT,
        "what happens if the data subject does not provide the data",
    )],
    ..node(
        n::PROVISION,
        "whether the data subject must provide the data, and the consequence (Art. 13(2)(e))",
    )
};
static BASIS: NodeSchema = NodeSchema {
    args: &[arg("basis", LEGAL_BASIS)],
    props: &[
        prop(p::WITHDRAWAL, TEXT, "consent: how consent is withdrawn (Art. 7(3))"),
        prop(p::RECORDS, TEXT, "consent: where consents are recorded (Art. 7(1))"),
        prop(
            p::PARENTAL,
            ValueKind::Bool,
            "consent: given by a holder of parental responsibility (Art. 8)",
        ),
        prop(p::LAW, TEXT, "legal obligation or public task: the law (Art. 6(3))"),
        prop(p::INTEREST, TEXT, "legitimate interests: the interest pursued"),
        prop(
            p::ASSESSMENT,
            TEXT,
            "legitimate interests: reference to the balancing test",
        ),
    ],
    once: false,
    ..node(n::BASIS, "a legal basis under Art. 6(1)")
};
static CONDITION_NODE: NodeSchema = NodeSchema {
    args: &[arg("condition", CONDITION)],
    props: &[prop(
        p::LAW,
        TEXT,
        "the Union or Member State law the condition rests on",
    )],
    once: false,
    ..node(n::CONDITION, "the Art. 9(2) condition for special category data")
};
static CRIMINAL_AUTHORITY: NodeSchema = NodeSchema {
    props: &[prop(p::LAW, TEXT, "the law that authorises the processing")],
    ..node(
        n::CRIMINAL_AUTHORITY,
        "the authority for processing criminal data (Art. 10)",
    )
};
static RETAIN: NodeSchema = NodeSchema {
    args: &[optional("period", ValueKind::Duration)],
    props: &[
        prop(p::FROM, TEXT, "the event the period runs from"),
        prop(p::UNTIL, TEXT, "a criterion instead of a period"),
        prop(
            p::DATA,
            ValueKind::Ref(RefTarget::Data),
            "the data category this retention applies to",
        ),
        prop(
            p::STATUTE,
            STATUTE,
            "the period is set by this statute of the organization's country",
        ),
        prop(
            p::MATERIAL,
            MATERIAL,
            "which bookkeeping material is kept, where the statute sets different periods",
        ),
    ],
    once: false,
    ..node(n::RETAIN, "how long the data is kept (Art. 5(1)(e))")
};
static PROCESSORS_REF: NodeSchema = NodeSchema {
    args: &[arg("processor", ValueKind::Ref(RefTarget::Processor))],
    rest: Some(arg("processor", ValueKind::Ref(RefTarget::Processor))),
    once: false,
    ..node(n::PROCESSORS, "the processors used")
};
static RECIPIENTS_REF: NodeSchema = NodeSchema {
    args: &[arg("recipient", ValueKind::Ref(RefTarget::Recipient))],
    rest: Some(arg("recipient", ValueKind::Ref(RefTarget::Recipient))),
    once: false,
    ..node(
        n::RECIPIENTS,
        "the recipients, or `none` when no one outside the organization receives the data",
    )
};
static TRANSFER: NodeSchema = NodeSchema {
    // No country for a transfer to an international organisation.
    args: &[optional("country", ValueKind::Country)],
    props: &[
        prop(
            p::TO,
            ValueKind::Ref(RefTarget::Party),
            "the processor or recipient receiving the data",
        ),
        prop(p::MECHANISM, MECHANISM, "the Chapter V safeguard"),
        prop(
            p::MODULE,
            ValueKind::Integer { min: 1, max: 4 },
            "the SCC module, 1 to 4",
        ),
        prop(p::TIA, TEXT, "reference to the transfer impact assessment"),
        prop(p::GROUND, GROUND, "the Art. 49 derogation relied on"),
        prop(
            p::OCCASIONAL,
            ValueKind::Bool,
            "the transfer is occasional, not regular",
        ),
        prop(
            p::SAFEGUARDS,
            TEXT,
            "reference to the documentation of the suitable safeguards for a transfer on compelling legitimate interests (Art. 49(1) second subparagraph, 49(6), 30(1)(e))",
        ),
    ],
    once: false,
    ..node(n::TRANSFER, "a transfer to a third country (Chapter V)")
};
static JOINT_CONTROLLERS_REF: NodeSchema = NodeSchema {
    args: &[arg("joint-controller", ValueKind::Ref(RefTarget::JointController))],
    rest: Some(arg("joint-controller", ValueKind::Ref(RefTarget::JointController))),
    once: false,
    ..node(n::JOINT_CONTROLLERS, "the joint controllers of this activity (Art. 26)")
};
static SYSTEMS_REF: NodeSchema = NodeSchema {
    args: &[arg("system", ValueKind::Ref(RefTarget::System))],
    rest: Some(arg("system", ValueKind::Ref(RefTarget::System))),
    once: false,
    ..node(n::SYSTEMS, "the systems (software) the activity uses")
};
static TRACKERS_NODE: NodeSchema = NodeSchema {
    args: &[arg("tracker", TRACKER)],
    rest: Some(arg("tracker", TRACKER)),
    once: false,
    ..node(
        n::TRACKERS,
        "named tracking tools on the user's device, such as `meta-pixel` (ePrivacy Art. 5(3))",
    )
};
static TRACKING_NODE: NodeSchema = NodeSchema {
    args: &[arg("purpose", TRACKING)],
    rest: Some(arg("purpose", TRACKING)),
    once: false,
    ..node(
        n::TRACKING,
        "cookies, pixels or SDKs on the user's device (ePrivacy Art. 5(3))",
    )
};
static INVOLVES: NodeSchema = NodeSchema {
    args: &[arg("criterion", CRITERION)],
    rest: Some(arg("criterion", CRITERION)),
    once: false,
    ..node(n::INVOLVES, "WP248 DPIA criteria that apply")
};
static AUTOMATED_DECISION: NodeSchema = NodeSchema {
    args: &[arg("decision", TEXT)],
    props: &[
        prop(
            p::SAFEGUARDS,
            TEXT,
            "the Art. 22(3) safeguards: human intervention, contesting the decision",
        ),
        prop(
            p::LOGIC,
            TEXT,
            "meaningful information about the logic involved (Art. 13(2)(f))",
        ),
        prop(
            p::CONSEQUENCES,
            TEXT,
            "the significance and envisaged consequences for the person (Art. 13(2)(f))",
        ),
    ],
    once: false,
    ..node(
        n::AUTOMATED_DECISION,
        "a solely automated decision with legal or similar effect (Art. 22), or `none`",
    )
};
static ACTIVITY_OWNER: NodeSchema = NodeSchema {
    args: &[arg("function", TEXT)],
    ..node(
        n::OWNER,
        "the function or department responsible for the activity (Art. 5(2), 24(1))",
    )
};
static DPIA: NodeSchema = NodeSchema {
    args: &[arg("reference", TEXT)],
    props: &[REASON],
    ..node(
        n::DPIA,
        "the data protection impact assessment (Art. 35), or `none` with a reason",
    )
};

pub(crate) static ACTIVITY: NodeSchema = NodeSchema {
    args: &[arg("id", ValueKind::Id)],
    children: &[
        &NAME,
        &PURPOSE,
        &ROLE_NODE,
        &SUBJECTS_REF,
        &DATA_REF,
        &SOURCE,
        &PROVISION_NODE,
        &BASIS,
        &CONDITION_NODE,
        &CRIMINAL_AUTHORITY,
        &RETAIN,
        &PROCESSORS_REF,
        &RECIPIENTS_REF,
        &TRANSFER,
        &TRACKING_NODE,
        &JOINT_CONTROLLERS_REF,
        &SYSTEMS_REF,
        &TRACKERS_NODE,
        &INVOLVES,
        &AUTOMATED_DECISION,
        &DPIA,
        &SECURITY,
        &ACTIVITY_OWNER,
        &REVIEWED,
        &ALLOW,
    ],
    once: false,
    ..node(n::ACTIVITY, "a processing activity")
};

/// The top level of a spec file (`*.ropa.kdl`).
pub static SPEC_FILE: NodeSchema = NodeSchema {
    children: &[
        &ORGANIZATION,
        &DATA,
        &SUBJECTS,
        &PROCESSOR,
        &RECIPIENT,
        &ACTIVITY,
        &ALLOW,
        &JOINT_CONTROLLER,
        &SYSTEM,
        &CONTROLLER,
    ],
    once: false,
    ..node("spec file", "a ropa spec file")
};

// --- the workspace file ----------------------------------------------------

static RULE_SEVERITY: NodeSchema = NodeSchema {
    args: &[arg("severity", SEVERITY_OR_OFF)],
    ..node("RULE", "the severity of this rule")
};

static RULES: NodeSchema = NodeSchema {
    any_child: Some(&RULE_SEVERITY),
    ..node(n::RULES, "severity per rule: error, warning, info or off")
};

static SCAN_MAP: NodeSchema = NodeSchema {
    props: &[
        prop(p::PACKAGE, TEXT, "a dependency name, as the manifest spells it"),
        prop(p::HOST, TEXT, "a host a page or an environment template names"),
        prop(
            p::TO,
            TEXT,
            "the id of the declared processor, recipient or system it belongs to",
        ),
    ],
    once: false,
    ..node(
        n::MAP,
        "which declared party a package or host belongs to (`ropa scan`)",
    )
};

static SCAN_SKIP: NodeSchema = NodeSchema {
    rest: Some(arg("pattern", TEXT)),
    once: false,
    ..node(
        n::SKIP,
        "paths `ropa scan` does not read: a folder, or a pattern with * and **",
    )
};

static SCAN_ALLOW: NodeSchema = NodeSchema {
    args: &[arg("rule", TEXT), arg("subject", TEXT)],
    props: &[REASON],
    once: false,
    ..node(
        n::ALLOW,
        "accept a `ropa scan` finding on purpose: its rule, what it is about (a vendor, tracker, region or party id), and why",
    )
};

static SCAN: NodeSchema = NodeSchema {
    children: &[&SCAN_MAP, &SCAN_SKIP, &SCAN_ALLOW],
    ..node(
        n::SCAN,
        "settings for `ropa scan`: mappings, paths to skip, accepted findings",
    )
};

static REVIEW_INTERVAL: NodeSchema = NodeSchema {
    args: &[arg("period", ValueKind::Duration)],
    ..node(
        n::REVIEW_INTERVAL,
        "how long an activity may go unreviewed before `review-overdue` reports it (default \"12 months\")",
    )
};

/// The top level of the workspace file `ropa.kdl`.
pub static CONFIG_FILE: NodeSchema = NodeSchema {
    children: &[&RULES, &SCAN, &REVIEW_INTERVAL],
    once: false,
    ..node("ropa.kdl", "the workspace file")
};

/// Every node schema reachable from `root`, each once, with the path of
/// parents leading to it (for documentation checks).
pub fn walk(root: &'static NodeSchema) -> Vec<(Vec<&'static str>, &'static NodeSchema)> {
    let mut out = Vec::new();
    let mut stack = vec![(Vec::new(), root)];
    while let Some((path, schema)) = stack.pop() {
        if out
            .iter()
            .any(|(_, s): &(Vec<&str>, &NodeSchema)| std::ptr::eq(*s, schema))
        {
            continue;
        }
        for child in schema.children.iter().rev() {
            let mut child_path = path.clone();
            child_path.push(schema.name);
            stack.push((child_path, *child));
        }
        out.push((path, schema));
    }
    out
}
