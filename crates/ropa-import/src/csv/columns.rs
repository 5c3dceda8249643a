//! Column headers → what they hold. The headers are those of the
//! supervisory authorities' Art. 30 templates and of the records people
//! build from them (IMY, Datatilsynet DK and NO, the ICO), in English,
//! Swedish, Danish and Norwegian, which follow each language's text of
//! Art. 30(1).
//!
//! A header matches a synonym when, ignoring case, accents and punctuation,
//! it is the synonym, or contains it as whole words; the longest synonym
//! contained wins ("Rättslig grund för känsliga personuppgifter" is the
//! Art. 9 condition, not the legal basis). Synonyms of three letters or
//! fewer ("Nr", "DPA") only match a whole header.

use std::sync::OnceLock;

use crate::Lang::{self, Da, En, Nb, Sv};
use crate::text::Phrases;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    Purpose,
    Role,
    Controller,
    Subjects,
    Data,
    Special,
    Criminal,
    Basis,
    Condition,
    Law,
    Interest,
    Assessment,
    ConsentRecords,
    Retention,
    Recipients,
    Processors,
    Dpa,
    Transfers,
    Safeguards,
    Security,
    Dpia,
    DpiaRequired,
    AutomatedDecision,
    Source,
    /// A known column with no counterpart in the language (department,
    /// system, comments): kept as comments, and said so.
    Kept,
}

impl Field {
    pub const ALL: [Field; 26] = [
        Field::Name,
        Field::Purpose,
        Field::Role,
        Field::Controller,
        Field::Subjects,
        Field::Data,
        Field::Special,
        Field::Criminal,
        Field::Basis,
        Field::Condition,
        Field::Law,
        Field::Interest,
        Field::Assessment,
        Field::ConsentRecords,
        Field::Retention,
        Field::Recipients,
        Field::Processors,
        Field::Dpa,
        Field::Transfers,
        Field::Safeguards,
        Field::Security,
        Field::Dpia,
        Field::DpiaRequired,
        Field::AutomatedDecision,
        Field::Source,
        Field::Kept,
    ];

    /// What the column becomes in the spec, for the summary and the docs.
    pub(crate) fn target(self) -> &'static str {
        match self {
            Field::Name => "activity `name` (and its id)",
            Field::Purpose => "`purpose`",
            Field::Role => "`role`",
            Field::Controller => "`role … for=`/`with=`",
            Field::Subjects => "`subjects` declarations, referenced by the activity",
            Field::Data => "`data` declarations, referenced by the activity",
            Field::Special => "`data … special=KIND` (Art. 9)",
            Field::Criminal => "`data … criminal=#true` (Art. 10)",
            Field::Basis => "`basis`",
            Field::Condition => "`condition` (Art. 9(2))",
            Field::Law => "`basis … law=`",
            Field::Interest => "`basis legitimate-interests interest=`",
            Field::Assessment => "`basis legitimate-interests assessment=`",
            Field::ConsentRecords => "`basis consent records=`",
            Field::Retention => "`retain`",
            Field::Recipients => "`recipient` declarations, referenced by the activity",
            Field::Processors => "`processor` declarations, referenced by the activity",
            Field::Dpa => "`processor … dpa`",
            Field::Transfers => "`transfer`",
            Field::Safeguards => "`transfer … mechanism=`",
            Field::Security => "`security`",
            Field::Dpia => "`dpia`",
            Field::DpiaRequired => "`dpia none` when the answer is no",
            Field::AutomatedDecision => "`automated-decision`",
            Field::Source => "`source`",
            Field::Kept => "kept as a comment (no counterpart)",
        }
    }

    /// Short name for the summary's column list.
    pub(crate) fn short(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Purpose => "purpose",
            Field::Role => "role",
            Field::Controller => "role for=/with=",
            Field::Subjects => "subjects",
            Field::Data => "data",
            Field::Special => "data special=",
            Field::Criminal => "data criminal=",
            Field::Basis => "basis",
            Field::Condition => "condition",
            Field::Law => "basis law=",
            Field::Interest => "basis interest=",
            Field::Assessment => "basis assessment=",
            Field::ConsentRecords => "basis records=",
            Field::Retention => "retain",
            Field::Recipients => "recipients",
            Field::Processors => "processors",
            Field::Dpa => "processor dpa",
            Field::Transfers => "transfer",
            Field::Safeguards => "transfer mechanism=",
            Field::Security => "security",
            Field::Dpia => "dpia",
            Field::DpiaRequired => "dpia (required?)",
            Field::AutomatedDecision => "automated-decision",
            Field::Source => "source",
            Field::Kept => "comment",
        }
    }

    /// Fields an activity has once: a second column of the same field is
    /// kept as comments.
    pub(crate) fn single(self) -> bool {
        matches!(
            self,
            Field::Name
                | Field::Purpose
                | Field::Role
                | Field::Controller
                | Field::Source
                | Field::Dpia
                | Field::DpiaRequired
        )
    }
}

use Field::*;

/// Header synonyms, by language.
pub const SYNONYMS: &[(&str, Lang, Field)] = &[
    // English: Art. 30(1) and the ICO's documentation template.
    ("processing activity", En, Name),
    ("activity", En, Name),
    ("name of processing", En, Name),
    ("processing", En, Name),
    ("process", En, Name),
    ("name", En, Name),
    ("business function", En, Kept),
    ("department", En, Kept),
    ("owner", En, Kept),
    ("purpose", En, Purpose),
    ("purposes", En, Purpose),
    ("purpose of processing", En, Purpose),
    ("purposes of the processing", En, Purpose),
    ("role", En, Role),
    ("controller or processor", En, Role),
    ("controller", En, Controller),
    ("name and contact details of joint controller", En, Controller),
    ("joint controller", En, Controller),
    ("on behalf of", En, Controller),
    ("categories of data subjects", En, Subjects),
    ("categories of individuals", En, Subjects),
    ("data subjects", En, Subjects),
    ("data subject categories", En, Subjects),
    ("individuals", En, Subjects),
    ("categories of personal data", En, Data),
    ("personal data", En, Data),
    ("personal data categories", En, Data),
    ("data categories", En, Data),
    ("categories of data", En, Data),
    ("data", En, Data),
    ("special category data", En, Special),
    ("special categories of personal data", En, Special),
    ("sensitive data", En, Special),
    ("sensitive personal data", En, Special),
    ("criminal offence data", En, Criminal),
    ("criminal convictions", En, Criminal),
    ("criminal records", En, Criminal),
    ("lawful basis", En, Basis),
    ("legal basis", En, Basis),
    ("article 6 lawful basis for processing personal data", En, Basis),
    ("lawful basis for processing", En, Basis),
    ("legal ground", En, Basis),
    ("article 9 basis for processing special category data", En, Condition),
    ("article 9 condition", En, Condition),
    ("article 9 basis", En, Condition),
    ("condition for special category data", En, Condition),
    ("legal reference", En, Law),
    ("legislation", En, Law),
    ("statutory basis", En, Law),
    ("legitimate interests for the processing", En, Interest),
    ("legitimate interest pursued", En, Interest),
    ("link to record of legitimate interests assessment", En, Assessment),
    ("legitimate interests assessment", En, Assessment),
    ("link to record of consent", En, ConsentRecords),
    ("record of consent", En, ConsentRecords),
    ("retention", En, Retention),
    ("retention period", En, Retention),
    ("retention schedule", En, Retention),
    ("time limits for erasure", En, Retention),
    ("envisaged time limits for erasure", En, Retention),
    ("storage period", En, Retention),
    ("erasure", En, Retention),
    ("deletion", En, Retention),
    ("recipients", En, Recipients),
    ("categories of recipients", En, Recipients),
    ("recipient", En, Recipients),
    ("shared with", En, Recipients),
    ("processors", En, Processors),
    ("processor", En, Processors),
    ("data processors", En, Processors),
    ("sub-processors", En, Processors),
    ("link to contract with processor", En, Dpa),
    ("data processing agreement", En, Dpa),
    ("DPA", En, Dpa),
    ("transfers", En, Transfers),
    ("third countries", En, Transfers),
    ("third country transfers", En, Transfers),
    ("transfers to third countries", En, Transfers),
    (
        "names of third countries or international organisations that personal data are transferred to",
        En,
        Transfers,
    ),
    ("international transfers", En, Transfers),
    ("safeguards", En, Safeguards),
    (
        "safeguards for exceptional transfers of personal data to third countries or international organisations",
        En,
        Safeguards,
    ),
    ("transfer mechanism", En, Safeguards),
    ("security measures", En, Security),
    ("technical and organisational security measures", En, Security),
    (
        "general description of technical and organisational security measures",
        En,
        Security,
    ),
    ("technical and organizational measures", En, Security),
    ("security", En, Security),
    ("DPIA", En, Dpia),
    ("link to DPIA", En, Dpia),
    ("data protection impact assessment", En, Dpia),
    ("link to data protection impact assessment", En, Dpia),
    ("DPIA required", En, DpiaRequired),
    ("data protection impact assessment required", En, DpiaRequired),
    ("data protection impact assessment progress", En, Kept),
    ("DPIA progress", En, Kept),
    ("automated decision-making", En, AutomatedDecision),
    (
        "existence of automated decision-making, including profiling",
        En,
        AutomatedDecision,
    ),
    ("automated decisions", En, AutomatedDecision),
    ("profiling", En, AutomatedDecision),
    ("source", En, Source),
    ("the source of the personal data", En, Source),
    ("source of personal data", En, Source),
    ("rights available to individuals", En, Kept),
    ("location of personal data", En, Kept),
    ("system", En, Kept),
    ("systems", En, Kept),
    ("comments", En, Kept),
    ("notes", En, Kept),
    ("personal data breach", En, Kept),
    ("link to record of personal data breach", En, Kept),
    ("ID", En, Kept),
    ("no", En, Kept),
    // Swedish: Art. 30(1) ("ändamålen med behandlingen", "kategorierna av
    // registrerade"), IMY's guidance on the register, common practice.
    ("behandling", Sv, Name),
    ("behandlingsaktivitet", Sv, Name),
    ("personuppgiftsbehandling", Sv, Name),
    ("benämning", Sv, Name),
    ("aktivitet", Sv, Name),
    ("namn", Sv, Name),
    ("avdelning", Sv, Kept),
    ("verksamhet", Sv, Kept),
    ("ansvarig", Sv, Kept),
    ("ändamål", Sv, Purpose),
    ("ändamålet", Sv, Purpose),
    ("ändamål med behandlingen", Sv, Purpose),
    ("ändamålen med behandlingen", Sv, Purpose),
    ("syfte", Sv, Purpose),
    ("syftet med behandlingen", Sv, Purpose),
    ("roll", Sv, Role),
    ("personuppgiftsansvarig eller biträde", Sv, Role),
    ("personuppgiftsansvarig", Sv, Controller),
    ("gemensamt personuppgiftsansvarig", Sv, Controller),
    ("för vems räkning", Sv, Controller),
    ("kategorier av registrerade", Sv, Subjects),
    ("registrerade", Sv, Subjects),
    ("de registrerade", Sv, Subjects),
    ("kategorier av personuppgifter", Sv, Data),
    ("personuppgifter", Sv, Data),
    ("typer av personuppgifter", Sv, Data),
    ("uppgifter", Sv, Data),
    ("känsliga personuppgifter", Sv, Special),
    ("särskilda kategorier av personuppgifter", Sv, Special),
    ("känsliga uppgifter", Sv, Special),
    ("personuppgifter om lagöverträdelser", Sv, Criminal),
    ("lagöverträdelser", Sv, Criminal),
    ("rättslig grund", Sv, Basis),
    ("rättslig grund för behandling", Sv, Basis),
    ("rättslig grund för behandlingen", Sv, Basis),
    ("laglig grund", Sv, Basis),
    ("rättslig grund för känsliga personuppgifter", Sv, Condition),
    ("undantag enligt artikel 9", Sv, Condition),
    ("undantag för känsliga personuppgifter", Sv, Condition),
    ("lagstöd", Sv, Law),
    ("lagrum", Sv, Law),
    ("berättigat intresse", Sv, Interest),
    ("berättigade intressen", Sv, Interest),
    ("intresseavvägning", Sv, Assessment),
    ("dokumentation av samtycke", Sv, ConsentRecords),
    ("lagringstid", Sv, Retention),
    ("gallring", Sv, Retention),
    ("gallringsfrist", Sv, Retention),
    ("gallringsfrister", Sv, Retention),
    ("löpande gallring", Sv, Retention),
    ("radering", Sv, Retention),
    ("tidsfrister för radering", Sv, Retention),
    ("bevarandetid", Sv, Retention),
    ("mottagare", Sv, Recipients),
    ("kategorier av mottagare", Sv, Recipients),
    ("personuppgiftsbiträden", Sv, Processors),
    ("personuppgiftsbiträde", Sv, Processors),
    ("biträden", Sv, Processors),
    ("underbiträden", Sv, Processors),
    ("personuppgiftsbiträdesavtal", Sv, Dpa),
    ("biträdesavtal", Sv, Dpa),
    ("PUB-avtal", Sv, Dpa),
    ("överföring till tredjeland", Sv, Transfers),
    ("överföringar till tredjeland", Sv, Transfers),
    ("tredjeland", Sv, Transfers),
    ("tredjelandsöverföring", Sv, Transfers),
    ("skyddsåtgärder vid överföring", Sv, Safeguards),
    ("lämpliga skyddsåtgärder", Sv, Safeguards),
    ("säkerhetsåtgärder", Sv, Security),
    ("tekniska och organisatoriska säkerhetsåtgärder", Sv, Security),
    ("skyddsåtgärder", Sv, Security),
    ("konsekvensbedömning", Sv, Dpia),
    ("konsekvensbedömning avseende dataskydd", Sv, Dpia),
    ("krävs konsekvensbedömning", Sv, DpiaRequired),
    ("automatiserat beslutsfattande", Sv, AutomatedDecision),
    ("automatiserade beslut", Sv, AutomatedDecision),
    ("profilering", Sv, AutomatedDecision),
    ("källa", Sv, Source),
    ("uppgiftskälla", Sv, Source),
    ("lagringsplats", Sv, Kept),
    ("system", Sv, Kept),
    ("kommentar", Sv, Kept),
    ("kommentarer", Sv, Kept),
    ("övrigt", Sv, Kept),
    ("nr", Sv, Kept),
    // Danish: Art. 30(1) ("formålene med behandlingen", "kategorier af
    // registrerede") and Datatilsynet's template for the record.
    ("behandlingsaktivitet", Da, Name),
    ("behandling", Da, Name),
    ("aktivitet", Da, Name),
    ("navn", Da, Name),
    ("afdeling", Da, Kept),
    ("formål", Da, Purpose),
    ("formålet", Da, Purpose),
    ("formål med behandlingen", Da, Purpose),
    ("formålene med behandlingen", Da, Purpose),
    ("rolle", Da, Role),
    ("dataansvarlig", Da, Controller),
    ("fælles dataansvarlig", Da, Controller),
    ("kategorier af registrerede", Da, Subjects),
    ("registrerede", Da, Subjects),
    ("kategorier af personoplysninger", Da, Data),
    ("personoplysninger", Da, Data),
    ("typer af personoplysninger", Da, Data),
    ("oplysninger", Da, Data),
    ("følsomme personoplysninger", Da, Special),
    ("følsomme oplysninger", Da, Special),
    ("særlige kategorier af personoplysninger", Da, Special),
    ("strafbare forhold", Da, Criminal),
    ("oplysninger om strafbare forhold", Da, Criminal),
    ("behandlingsgrundlag", Da, Basis),
    ("retsgrundlag", Da, Basis),
    ("lovligt grundlag", Da, Basis),
    ("behandlingsgrundlag for følsomme oplysninger", Da, Condition),
    ("undtagelse efter artikel 9", Da, Condition),
    ("lovhjemmel", Da, Law),
    ("hjemmel", Da, Law),
    ("legitime interesser", Da, Interest),
    ("interesseafvejning", Da, Assessment),
    ("dokumentation for samtykke", Da, ConsentRecords),
    ("opbevaringsperiode", Da, Retention),
    ("slettefrist", Da, Retention),
    ("slettefrister", Da, Retention),
    ("sletning", Da, Retention),
    ("tidsfrister for sletning", Da, Retention),
    ("løbende sletning", Da, Retention),
    ("modtagere", Da, Recipients),
    ("kategorier af modtagere", Da, Recipients),
    ("databehandlere", Da, Processors),
    ("databehandler", Da, Processors),
    ("underdatabehandlere", Da, Processors),
    ("databehandleraftale", Da, Dpa),
    ("databehandleraftaler", Da, Dpa),
    ("overførsel til tredjelande", Da, Transfers),
    ("overførsler til tredjelande", Da, Transfers),
    ("tredjelande", Da, Transfers),
    ("garantier", Da, Safeguards),
    ("overførselsgrundlag", Da, Safeguards),
    ("sikkerhedsforanstaltninger", Da, Security),
    ("tekniske og organisatoriske sikkerhedsforanstaltninger", Da, Security),
    ("konsekvensanalyse", Da, Dpia),
    ("konsekvensanalyse vedrørende databeskyttelse", Da, Dpia),
    ("krav om konsekvensanalyse", Da, DpiaRequired),
    ("automatiske afgørelser", Da, AutomatedDecision),
    ("profilering", Da, AutomatedDecision),
    ("kilde", Da, Source),
    ("kilden til oplysningerne", Da, Source),
    ("system", Da, Kept),
    ("bemærkninger", Da, Kept),
    ("kommentarer", Da, Kept),
    // Norwegian: Art. 30(1) ("formålene med behandlingen", "kategorier av
    // registrerte") and Datatilsynet's template for the record (protokoll).
    ("behandlingsaktivitet", Nb, Name),
    ("behandling", Nb, Name),
    ("aktivitet", Nb, Name),
    ("navn", Nb, Name),
    ("avdeling", Nb, Kept),
    ("formål", Nb, Purpose),
    ("formål med behandlingen", Nb, Purpose),
    ("formålet med behandlingen", Nb, Purpose),
    ("formålene med behandlingen", Nb, Purpose),
    ("rolle", Nb, Role),
    ("behandlingsansvarlig", Nb, Controller),
    ("felles behandlingsansvarlig", Nb, Controller),
    ("kategorier av registrerte", Nb, Subjects),
    ("registrerte", Nb, Subjects),
    ("kategorier av personopplysninger", Nb, Data),
    ("personopplysninger", Nb, Data),
    ("typer personopplysninger", Nb, Data),
    ("opplysninger", Nb, Data),
    ("særlige kategorier av personopplysninger", Nb, Special),
    ("sensitive personopplysninger", Nb, Special),
    ("straffbare forhold", Nb, Criminal),
    ("opplysninger om straffbare forhold", Nb, Criminal),
    ("behandlingsgrunnlag", Nb, Basis),
    ("rettslig grunnlag", Nb, Basis),
    ("behandlingsgrunnlag for særlige kategorier", Nb, Condition),
    ("unntak etter artikkel 9", Nb, Condition),
    ("supplerende rettsgrunnlag", Nb, Law),
    ("lovhjemmel", Nb, Law),
    ("hjemmel", Nb, Law),
    ("berettiget interesse", Nb, Interest),
    ("interesseavveining", Nb, Assessment),
    ("dokumentasjon av samtykke", Nb, ConsentRecords),
    ("lagringstid", Nb, Retention),
    ("slettefrist", Nb, Retention),
    ("sletting", Nb, Retention),
    ("tidsfrister for sletting", Nb, Retention),
    ("planlagt tidspunkt for sletting", Nb, Retention),
    ("løpende sletting", Nb, Retention),
    ("mottakere", Nb, Recipients),
    ("kategorier av mottakere", Nb, Recipients),
    ("databehandlere", Nb, Processors),
    ("databehandler", Nb, Processors),
    ("underdatabehandlere", Nb, Processors),
    ("databehandleravtale", Nb, Dpa),
    ("databehandleravtaler", Nb, Dpa),
    ("overføring til tredjeland", Nb, Transfers),
    ("overføringer til tredjeland", Nb, Transfers),
    ("tredjeland", Nb, Transfers),
    ("garantier", Nb, Safeguards),
    ("overføringsgrunnlag", Nb, Safeguards),
    ("sikkerhetstiltak", Nb, Security),
    ("tekniske og organisatoriske sikkerhetstiltak", Nb, Security),
    ("vurdering av personvernkonsekvenser", Nb, Dpia),
    ("personvernkonsekvensvurdering", Nb, Dpia),
    ("krav om DPIA", Nb, DpiaRequired),
    ("automatiserte avgjørelser", Nb, AutomatedDecision),
    ("profilering", Nb, AutomatedDecision),
    ("kilde", Nb, Source),
    ("kilden til opplysningene", Nb, Source),
    ("system", Nb, Kept),
    ("lagringssted", Nb, Kept),
    ("merknader", Nb, Kept),
    ("kommentarer", Nb, Kept),
];

fn phrases() -> &'static Phrases<Field> {
    static PHRASES: OnceLock<Phrases<Field>> = OnceLock::new();
    PHRASES.get_or_init(|| {
        let table: Vec<(&'static str, Field)> = SYNONYMS.iter().map(|(s, _, f)| (*s, *f)).collect();
        Phrases::new(&table)
    })
}

/// What a header names, if anything known.
pub(crate) fn field_of(header: &str) -> Option<Field> {
    let phrases = phrases();
    if let Some(p) = phrases.exact(header) {
        return Some(p.value);
    }
    phrases
        .iter()
        .filter(|p| p.spelling.chars().count() > 3)
        .find(|p| phrases_contains(header, &p.words))
        .map(|p| p.value)
}

fn phrases_contains(header: &str, needle: &[String]) -> bool {
    let words: Vec<String> = crate::text::words(header).into_iter().map(|w| w.norm).collect();
    !needle.is_empty() && words.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_in_each_language() {
        for (header, field) in [
            ("Ändamål med behandlingen", Purpose),
            ("Kategorier av registrerade", Subjects),
            ("Kategorier av personuppgifter", Data),
            ("Rättslig grund för behandling", Basis),
            ("Rättslig grund", Basis),
            ("Rättslig grund för känsliga personuppgifter", Condition),
            ("Radering efter avslutat\noch slutreglerat avtal/konto", Retention),
            ("Löpande gallring", Retention),
            ("Personuppgifter", Data),
            ("Personuppgiftsbiträden", Processors),
            ("Formålene med behandlingen", Purpose),
            ("Kategorier af registrerede", Subjects),
            ("Tidsfrister for sletning", Retention),
            ("Overførsel til tredjelande", Transfers),
            ("Behandlingsgrundlag", Basis),
            ("Kategorier av registrerte", Subjects),
            ("Behandlingsgrunnlag", Basis),
            ("Overføring til tredjeland", Transfers),
            ("Tekniske og organisatoriske sikkerhetstiltak", Security),
            ("Categories of individuals", Subjects),
            ("Article 6 lawful basis for processing personal data", Basis),
            ("Article 9 basis for processing special category data", Condition),
            ("Retention schedule (if possible)", Retention),
            (
                "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)",
                Safeguards,
            ),
            (
                "Names of third countries or international organisations that personal data are transferred to (if applicable)",
                Transfers,
            ),
            ("Data Protection Impact Assessment required?", DpiaRequired),
            ("Data Protection Impact Assessment progress", Kept),
            ("Link to contract with processor", Dpa),
            ("DPA", Dpa),
            ("ÖVRIGT", Kept),
        ] {
            assert_eq!(field_of(header), Some(field), "{header}");
        }
        assert_eq!(field_of("Favoritfärg"), None);
        assert_eq!(field_of("Nr."), Some(Kept));
        // Short synonyms only match whole headers.
        assert_eq!(field_of("Nr of items"), None);
    }

    #[test]
    fn every_field_has_a_synonym_in_every_language() {
        for field in Field::ALL {
            for lang in Lang::ALL {
                assert!(
                    SYNONYMS.iter().any(|(_, l, f)| *l == lang && *f == field),
                    "{field:?} has no {} synonym",
                    lang.name()
                );
            }
        }
    }
}
