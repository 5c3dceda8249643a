//! The names of the spec language's nodes and properties, each written
//! once: the schema declares its nodes and properties by them, the model
//! builder reads by them, and the importers write them.

/// Node names.
pub mod node {
    pub const ACCESSED_FROM: &str = "accessed-from";
    pub const ACTIVITY: &str = "activity";
    pub const ADDRESS: &str = "address";
    pub const ALLOW: &str = "allow";
    pub const ARRANGEMENT: &str = "arrangement";
    pub const AUTOMATED_DECISION: &str = "automated-decision";
    pub const BASIS: &str = "basis";
    pub const BREACH_PROCEDURE: &str = "breach-procedure";
    pub const CONDITION: &str = "condition";
    pub const CONTACT: &str = "contact";
    pub const CONTROLLER: &str = "controller";
    pub const COUNTRY: &str = "country";
    pub const CRIMINAL_AUTHORITY: &str = "criminal-authority";
    pub const DATA: &str = "data";
    pub const DPA: &str = "dpa";
    pub const DPF: &str = "dpf";
    pub const DPIA: &str = "dpia";
    pub const DPO: &str = "dpo";
    pub const EMPLOYEES: &str = "employees";
    pub const HOSTED_BY: &str = "hosted-by";
    pub const INVOLVES: &str = "involves";
    pub const JOINT_CONTROLLER: &str = "joint-controller";
    pub const JOINT_CONTROLLERS: &str = "joint-controllers";
    pub const KIND: &str = "kind";
    pub const MAP: &str = "map";
    pub const NAME: &str = "name";
    pub const ORGANIZATION: &str = "organization";
    pub const OWNER: &str = "owner";
    pub const PARENT: &str = "parent";
    pub const PROCESSOR: &str = "processor";
    pub const PROCESSORS: &str = "processors";
    pub const PROVISION: &str = "provision";
    pub const PURPOSE: &str = "purpose";
    pub const RECIPIENT: &str = "recipient";
    pub const RECIPIENTS: &str = "recipients";
    pub const REGION: &str = "region";
    pub const REGISTRATION: &str = "registration";
    pub const REPRESENTATIVE: &str = "representative";
    pub const RETAIN: &str = "retain";
    pub const REVIEW_INTERVAL: &str = "review-interval";
    pub const REVIEWED: &str = "reviewed";
    pub const RIGHTS_PROCEDURE: &str = "rights-procedure";
    pub const ROLE: &str = "role";
    pub const RULES: &str = "rules";
    pub const SCAN: &str = "scan";
    pub const SECURITY: &str = "security";
    pub const SELF_HOSTED: &str = "self-hosted";
    pub const SERVICE: &str = "service";
    pub const SKIP: &str = "skip";
    pub const SOURCE: &str = "source";
    pub const STORED_IN: &str = "stored-in";
    pub const SUBJECTS: &str = "subjects";
    pub const SUBPROCESSOR: &str = "subprocessor";
    pub const SYSTEM: &str = "system";
    pub const SYSTEMS: &str = "systems";
    pub const TRACKERS: &str = "trackers";
    pub const TRACKING: &str = "tracking";
    pub const TRANSFER: &str = "transfer";
    pub const VERSION: &str = "version";
    pub const WEBSITE: &str = "website";
}

/// Property names.
pub mod prop {
    pub const APPROVED: &str = "approved";
    pub const ARRANGEMENT: &str = "arrangement";
    pub const ASSESSMENT: &str = "assessment";
    pub const BY: &str = "by";
    pub const CHILDREN: &str = "children";
    pub const CONSEQUENCE: &str = "consequence";
    pub const CONSEQUENCES: &str = "consequences";
    pub const COUNTRY: &str = "country";
    pub const CRIMINAL: &str = "criminal";
    pub const DATA: &str = "data";
    pub const EMAIL: &str = "email";
    pub const EMPLOYEES: &str = "employees";
    pub const FOR: &str = "for";
    pub const FROM: &str = "from";
    pub const GROUND: &str = "ground";
    pub const HOST: &str = "host";
    pub const INTEREST: &str = "interest";
    pub const LAW: &str = "law";
    pub const LOGIC: &str = "logic";
    pub const MATERIAL: &str = "material";
    pub const MECHANISM: &str = "mechanism";
    pub const MODULE: &str = "module";
    pub const OCCASIONAL: &str = "occasional";
    pub const PACKAGE: &str = "package";
    pub const PARENTAL: &str = "parental";
    pub const PHONE: &str = "phone";
    pub const REASON: &str = "reason";
    pub const RECORDS: &str = "records";
    pub const SAFEGUARDS: &str = "safeguards";
    pub const SPECIAL: &str = "special";
    pub const STATUTE: &str = "statute";
    pub const TIA: &str = "tia";
    pub const TO: &str = "to";
    pub const UNTIL: &str = "until";
    pub const VULNERABLE: &str = "vulnerable";
    pub const WITH: &str = "with";
    pub const WITHDRAWAL: &str = "withdrawal";
}
