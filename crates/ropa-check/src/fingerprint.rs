//! Fingerprints: the identity of a finding across commits.
//!
//! Baselines, SARIF `partialFingerprints` and GitLab Code Quality all need to
//! recognise "the same finding" after the file was edited. Line numbers move
//! whenever someone adds a comment above, so they are not part of the
//! identity, and neither is the file when the finding is about an entity:
//! ids are unique in a workspace, so renaming a file, splitting it, or moving
//! an activity to another file changes no finding. What is: the rule, the
//! entity the finding is about, and the message with its volatile parts
//! (positions) normalised away; for a finding about no entity (a syntax
//! error, a missing organization), its file relative to the workspace root
//! too, since nothing else says where it is.
//!
//! The hash is FNV-1a 64, written out here: its output is fixed by its
//! definition, whereas std's `DefaultHasher` may change between Rust
//! releases, which would silently invalidate every stored baseline.

use std::fmt;

use crate::Diagnostic;
use crate::par::prelude::*;
use crate::rules::Rule;
use crate::workspace::Workspace;

/// Bumped only if the inputs or their encoding change: stored baselines
/// and code-scanning alerts are keyed by it. Version 1 hashed the file of
/// every finding; version 2 only of findings about no entity, whose
/// version 1 fingerprint it keeps, so a version 1 baseline migrates
/// exactly (see [`migrate_v1`]).
pub const FINGERPRINT_VERSION: u32 = 2;

/// A stable 64-bit hash of a finding's identity, shown as 16 hex digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(pub u64);

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl Fingerprint {
    /// Parses the 16-hex-digit form written by `Display`.
    pub fn parse(text: &str) -> Option<Fingerprint> {
        if text.len() != 16 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u64::from_str_radix(text, 16).ok().map(Fingerprint)
    }
}

/// A finding's fingerprint plus which occurrence of it this is (1-based):
/// two identical findings (same rule, file, entity and message) are told
/// apart by their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FindingId {
    pub fingerprint: Fingerprint,
    pub occurrence: u32,
}

impl fmt::Display for FindingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.fingerprint, self.occurrence)
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a, 64 bits (http://www.isthe.com/chongo/tech/comp/fnv/), continued
/// from `hash` (`FNV_OFFSET` to start).
fn fnv1a64_continue(mut hash: u64, bytes: &[u8]) -> u64 {
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash
}

/// The fingerprint of a finding. `path` is the file's path relative to its
/// workspace root (`activities.ropa.kdl`, `hr/staff.ropa.kdl`), used only
/// when there is no entity; `\` and a leading `./` are normalised so the
/// same file gives the same fingerprint on every platform.
pub fn fingerprint(rule: Rule, path: &str, entity: Option<&str>, message: &str) -> Fingerprint {
    match entity {
        Some(entity) => entity_fingerprint(Fields::new(V2_TAG).text(rule.id()), entity, message),
        None => fingerprint_v1(rule, path, None, message),
    }
}

const V2_TAG: &str = "ropa-fingerprint-v2";

/// The fingerprint of a finding about `entity`, from its tag and rule
/// already hashed (`prefix`): the same for every finding of a rule.
fn entity_fingerprint(prefix: Fields, entity: &str, message: &str) -> Fingerprint {
    prefix.text(entity).message(message)
}

/// The fingerprint of each of `findings` of `workspace`, in order, with
/// file paths taken relative to `root` (the workspace's folder). On every
/// core: a large record has hundreds of thousands of findings.
pub fn fingerprint_all(workspace: &Workspace, findings: &[Diagnostic], root: &str) -> Vec<Fingerprint> {
    // The tag and rule begin every finding's hash: hashed once per rule.
    let prefixes: Vec<Fields> = Rule::ALL
        .iter()
        .map(|rule| Fields::new(V2_TAG).text(rule.id()))
        .collect();
    findings
        .par_iter()
        .map(|f| match f.entity.as_deref() {
            // The file is no part of an entity's finding: no path to work out.
            Some(entity) => {
                let prefix = prefixes.get(f.rule as usize).copied();
                entity_fingerprint(
                    prefix.unwrap_or_else(|| Fields::new(V2_TAG).text(f.rule.id())),
                    entity,
                    &f.message,
                )
            }
            None => {
                let path = workspace.file(f.file).map_or("", |file| file.path.as_str());
                fingerprint(f.rule, &relative_to_root(path, root), None, &f.message)
            }
        })
        .collect()
}

/// The fingerprint of a `ropa scan` finding: its rule and its subject (the
/// vendor, tracker, region or declared party it is about), so it stays the
/// same when the evidence moves to another line or file. Tagged apart from
/// the check's, so the two never collide in one baseline.
pub fn scan_fingerprint(rule: &str, subject: &str) -> Fingerprint {
    Fingerprint(
        Fields::new("ropa-scan-fingerprint-v1")
            .text(rule)
            .text(subject)
            .absent()
            .0,
    )
}

/// A version 1 baseline entry's fingerprint in version 2: recomputed
/// without the file when it names an entity, kept as it is otherwise.
/// `None` for a rule this ropa does not know (the entry can match nothing).
pub fn migrate_v1(old: Fingerprint, rule: &str, entity: Option<&str>, message: &str) -> Option<Fingerprint> {
    match entity {
        Some(_) => Some(fingerprint(Rule::from_id(rule)?, "", entity, message)),
        None => Some(old),
    }
}

/// The version 1 fingerprint: rule, file, entity and message (for
/// migrating stored baselines and testing that).
pub fn fingerprint_v1(rule: Rule, path: &str, entity: Option<&str>, message: &str) -> Fingerprint {
    let path = normalise_path(path);
    let fields = Fields::new("ropa-fingerprint-v1").text(rule.id()).text(&path);
    match entity {
        Some(entity) => fields.text(entity),
        None => fields.absent(),
    }
    .message(message)
}

/// A hash being fed a tag and then fields, each field after a NUL, which
/// none of them can contain after normalisation, so ("ab", "c") and ("a",
/// "bc") cannot collide; an absent field is distinct from an empty one. The
/// message is the last field.
#[derive(Clone, Copy)]
struct Fields(u64);

impl Fields {
    fn new(tag: &str) -> Fields {
        Fields(fnv1a64_continue(FNV_OFFSET, tag.as_bytes()))
    }

    fn text(self, text: &str) -> Fields {
        Fields(without_nul(fnv1a64_continue(self.0, b"\0"), text))
    }

    fn absent(self) -> Fields {
        Fields(fnv1a64_continue(self.0, b"\0\x01"))
    }

    /// The message, normalised (see [`normalise_message`]) as it is hashed:
    /// no copy of it is made.
    fn message(self, message: &str) -> Fingerprint {
        let mut hash = fnv1a64_continue(self.0, b"\0");
        if let Some(normal) = hashed_if_normal(hash, message.as_bytes()) {
            return Fingerprint(normal);
        }
        if message.contains('\0') {
            normalised_pieces(message, |piece| hash = without_nul(hash, piece));
        } else {
            normalised_pieces(message, |piece| hash = fnv1a64_continue(hash, piece.as_bytes()));
        }
        Fingerprint(hash)
    }
}

/// `message` hashed on from `hash`, if normalising leaves it as it is, as
/// it leaves most: printable ASCII words between single spaces, with no
/// `:` (a position in a file) and no word that starts with a digit (a
/// position after `line`, `column` and the like). `None` when normalising
/// might change it. One pass: the test costs nothing beside the hash's
/// multiplications, which wait on each other.
fn hashed_if_normal(mut hash: u64, message: &[u8]) -> Option<u64> {
    if message.first() == Some(&b' ') || message.last() == Some(&b' ') {
        return None;
    }
    let mut after_space = false;
    for &byte in message {
        match byte {
            b' ' | b'0'..=b'9' if after_space => return None,
            b':' | 0..=0x1f | 0x7f.. => return None,
            _ => {}
        }
        after_space = byte == b' ';
        hash = fnv1a64_continue(hash, std::slice::from_ref(&byte));
    }
    Some(hash)
}

/// FNV is a stream: hashing the pieces between NULs is hashing the text
/// without them, with no copy.
fn without_nul(mut hash: u64, text: &str) -> u64 {
    for piece in text.split('\0') {
        hash = fnv1a64_continue(hash, piece.as_bytes());
    }
    hash
}

/// [`normalise_path`], borrowed when that changes nothing, as for nearly
/// every path: outputs normalise the path of each of their findings.
pub fn normalised_path(path: &str) -> std::borrow::Cow<'_, str> {
    if path.contains('\\') || path.starts_with("./") {
        std::borrow::Cow::Owned(normalise_path(path))
    } else {
        std::borrow::Cow::Borrowed(path)
    }
}

/// `path` with `/` separators and without a leading `./`.
pub fn normalise_path(path: &str) -> String {
    let mut path = path.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_owned();
    }
    path
}

/// The path of `file` relative to the workspace root `root`, both as the
/// caller names them (`specs/office2go` and
/// `specs/office2go/activities.ropa.kdl` give `activities.ropa.kdl`). A file
/// outside `root` keeps its own path.
pub fn relative_to_root(file: &str, root: &str) -> String {
    let file = normalise_path(file);
    let root = normalise_path(root);
    let root = root.trim_end_matches('/');
    if root.is_empty() || root == "." {
        return file;
    }
    match file.strip_prefix(root).and_then(|rest| rest.strip_prefix('/')) {
        Some(rest) => rest.to_owned(),
        None => file,
    }
}

/// The message without what changes when unrelated text moves: runs of
/// whitespace become one space, and numbers that are positions (`line 12`,
/// `column 4`, `byte 300`, `offset 9`, `file.ropa.kdl:12:4`) become `#`.
/// Other numbers stay: "kept for 3 years" and "kept for 5 years" are
/// different findings.
#[cfg(test)]
fn normalise_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    normalised_pieces(message, |piece| out.push_str(piece));
    out
}

/// The normalised message (see [`normalise_message`]) as the pieces it is
/// made of, in order, each given to `emit`: fingerprinting runs once per
/// finding, hundreds of thousands of times in a large record, and needs no
/// copy of the message.
fn normalised_pieces<'m>(message: &'m str, mut emit: impl FnMut(&'m str)) {
    let mut first = true;
    let mut position_word = false;
    for word in words(message) {
        if !first {
            emit(" ");
        }
        first = false;
        if position_word {
            let rest = push_position(&mut emit, word);
            emit(rest);
        } else {
            push_kdl_positions_hashed(&mut emit, word);
        }
        position_word = ["line", "lines", "column", "columns", "col", "byte", "bytes", "offset"]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w));
    }
}

/// The words of `message` as `split_whitespace` gives them, a byte at a
/// time when the message is ASCII (nearly every one is) rather than a
/// character at a time.
fn words(message: &str) -> impl Iterator<Item = &str> {
    // `char::is_whitespace` within ASCII: space and tab to carriage return,
    // vertical tab included (which `u8::is_ascii_whitespace` leaves out).
    fn is_space(byte: u8) -> bool {
        byte == b' ' || (b'\t'..=b'\r').contains(&byte)
    }
    let mut general = (!message.is_ascii()).then(|| message.split_whitespace());
    let mut rest = if general.is_some() { "" } else { message };
    std::iter::from_fn(move || {
        if let Some(words) = &mut general {
            return words.next();
        }
        let start = rest.bytes().position(|b| !is_space(b))?;
        let tail = &rest[start..];
        let end = tail.bytes().position(is_space).unwrap_or(tail.len());
        let (word, after) = tail.split_at(end);
        rest = after;
        Some(word)
    })
}

/// Emits `text`'s leading `digits(:digits)*` as `#`s: `12:4,` gives
/// `#:#`. Returns the rest after the position.
fn push_position<'t>(emit: &mut impl FnMut(&'t str), text: &'t str) -> &'t str {
    let mut rest = text;
    loop {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            break;
        }
        emit("#");
        rest = &rest[digits..];
        match rest.strip_prefix(':') {
            Some(after) if after.starts_with(|c: char| c.is_ascii_digit()) => {
                emit(":");
                rest = after;
            }
            _ => break,
        }
    }
    rest
}

/// `a.ropa.kdl:12:4` → `a.ropa.kdl:#:#`, anywhere in a word.
fn push_kdl_positions_hashed<'t>(emit: &mut impl FnMut(&'t str), word: &'t str) {
    // Nearly every word has no `:`; looking for one byte is cheaper than
    // setting up a search for five.
    if !word.bytes().any(|b| b == b':') {
        emit(word);
        return;
    }
    let mut rest = word;
    while let Some(at) = rest.find(".kdl:") {
        let (head, tail) = rest.split_at(at + ".kdl:".len());
        emit(head);
        rest = push_position(emit, tail);
    }
    emit(rest);
}

/// Numbers each fingerprint's occurrences in order: the first finding with a
/// given fingerprint is occurrence 1, the next with the same one 2.
pub fn identify(fingerprints: impl IntoIterator<Item = Fingerprint>) -> Vec<FindingId> {
    let fingerprints: Vec<Fingerprint> = fingerprints.into_iter().collect();
    // Occurrences are counted per fingerprint, so fingerprints split by
    // value into shards are counted apart, each shard in order, on every
    // core. A shard's table is a fraction of the whole: fewer cache misses
    // as well. Few findings are counted in one go.
    let shards = if fingerprints.len() < 16_384 { 1 } else { 16 };
    let shard_of = |fingerprint: &Fingerprint| (fingerprint.0 >> 32) as usize % shards;
    let counted: Vec<Vec<(u32, u32)>> = (0..shards)
        .collect::<Vec<usize>>()
        .into_par_iter()
        .map(|shard| {
            // Fx mixes the hashes cheaply, where the default SipHash was the
            // one part of fingerprinting left on one core.
            let mut seen: rustc_hash::FxHashMap<Fingerprint, u32> = rustc_hash::FxHashMap::with_capacity_and_hasher(
                fingerprints.len() / shards + fingerprints.len() / (8 * shards),
                Default::default(),
            );
            (0u32..)
                .zip(&fingerprints)
                .filter(|(_, fingerprint)| shard_of(fingerprint) == shard)
                .map(|(at, fingerprint)| {
                    let count = seen.entry(*fingerprint).or_insert(0);
                    *count += 1;
                    (at, *count)
                })
                .collect()
        })
        .collect();
    let mut occurrences = vec![0u32; fingerprints.len()];
    for (at, occurrence) in counted.into_iter().flatten() {
        if let Some(slot) = occurrences.get_mut(at as usize) {
            *slot = occurrence;
        }
    }
    fingerprints
        .into_iter()
        .zip(occurrences)
        .map(|(fingerprint, occurrence)| FindingId {
            fingerprint,
            occurrence,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_the_reference_vectors() {
        // From the FNV reference test suite.
        let fnv1a64 = |bytes: &[u8]| fnv1a64_continue(FNV_OFFSET, bytes);
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn fingerprints_never_change() {
        // Pinned: a change here invalidates every stored baseline and
        // code-scanning alert. Bump FINGERPRINT_VERSION instead. (Computed
        // independently: FNV-1a 64 of "ropa-fingerprint-v2\0consent-only-basis\0…".)
        let message = "consent is the only legal basis of `newsletter`";
        let fp = fingerprint(
            Rule::ConsentOnlyBasis,
            "activities.ropa.kdl",
            Some("newsletter"),
            message,
        );
        assert_eq!(fp.to_string(), "2d24d98de244a6a0");
        assert_eq!(Fingerprint::parse("2d24d98de244a6a0"), Some(fp));
        // Version 1, which stored baselines may still hold.
        let v1 = fingerprint_v1(
            Rule::ConsentOnlyBasis,
            "activities.ropa.kdl",
            Some("newsletter"),
            message,
        );
        assert_eq!(v1.to_string(), "a73db99c7eb1133b");
        assert_eq!(
            migrate_v1(v1, "consent-only-basis", Some("newsletter"), message),
            Some(fp)
        );
        // About no entity: the file still counts, and version 1 carries over.
        let loose = fingerprint(Rule::MissingOrganization, "a.ropa.kdl", None, "no organization");
        assert_eq!(
            loose,
            fingerprint_v1(Rule::MissingOrganization, "a.ropa.kdl", None, "no organization")
        );
        assert_eq!(
            migrate_v1(loose, "missing-organization", None, "no organization"),
            Some(loose)
        );
        assert_eq!(migrate_v1(v1, "no-such-rule", Some("newsletter"), message), None);
    }

    #[test]
    fn each_input_counts() {
        let base = fingerprint(
            Rule::MissingPurpose,
            "a.ropa.kdl",
            Some("x"),
            "activity `x` states no purpose",
        );
        assert_ne!(
            base,
            fingerprint(
                Rule::MissingLegalBasis,
                "a.ropa.kdl",
                Some("x"),
                "activity `x` states no purpose"
            )
        );
        // The file of a finding about an entity does not count: ids are
        // unique in a workspace, and moving the node changes nothing.
        assert_eq!(
            base,
            fingerprint(
                Rule::MissingPurpose,
                "b.ropa.kdl",
                Some("x"),
                "activity `x` states no purpose"
            )
        );
        assert_ne!(
            fingerprint(Rule::MissingOrganization, "a.ropa.kdl", None, "m"),
            fingerprint(Rule::MissingOrganization, "b.ropa.kdl", None, "m")
        );
        assert_ne!(
            base,
            fingerprint(
                Rule::MissingPurpose,
                "a.ropa.kdl",
                Some("y"),
                "activity `x` states no purpose"
            )
        );
        assert_ne!(
            base,
            fingerprint(
                Rule::MissingPurpose,
                "a.ropa.kdl",
                None,
                "activity `x` states no purpose"
            )
        );
        assert_ne!(
            base,
            fingerprint(
                Rule::MissingPurpose,
                "a.ropa.kdl",
                Some("x"),
                "activity `y` states no purpose"
            )
        );
        // Field boundaries are part of the hash.
        assert_ne!(
            fingerprint(Rule::MissingPurpose, "ab", Some("c"), "m"),
            fingerprint(Rule::MissingPurpose, "a", Some("bc"), "m")
        );
    }

    #[test]
    fn paths_are_normalised() {
        let fp = |path| fingerprint(Rule::MissingPurpose, path, None, "m");
        assert_eq!(fp("hr/staff.ropa.kdl"), fp("hr\\staff.ropa.kdl"));
        assert_eq!(fp("hr/staff.ropa.kdl"), fp("./hr/staff.ropa.kdl"));
        assert_eq!(
            relative_to_root("specs/office2go/activities.ropa.kdl", "specs/office2go"),
            "activities.ropa.kdl"
        );
        assert_eq!(relative_to_root("./a.ropa.kdl", "."), "a.ropa.kdl");
        assert_eq!(relative_to_root("../a.ropa.kdl", ".."), "a.ropa.kdl");
        assert_eq!(relative_to_root("specs\\x\\a.ropa.kdl", "specs/x/"), "a.ropa.kdl");
        // A sibling folder that shares a prefix is not inside the root.
        assert_eq!(
            relative_to_root("specs/xy/a.ropa.kdl", "specs/x"),
            "specs/xy/a.ropa.kdl"
        );
        for path in [
            "hr/a.ropa.kdl",
            "hr\\a.ropa.kdl",
            "./hr/a.ropa.kdl",
            "././a",
            ".x/a",
            "a/./b",
            "",
        ] {
            assert_eq!(normalised_path(path), normalise_path(path), "{path}");
        }
    }

    #[test]
    fn positions_and_spacing_in_messages_do_not_count() {
        assert_eq!(normalise_message("  two\t spaces \n"), "two spaces");
        assert_eq!(
            normalise_message("first declared at line 12, column 4"),
            "first declared at line #, column #"
        );
        assert_eq!(
            normalise_message("see lines 3:7 and byte 300"),
            "see lines #:# and byte #"
        );
        assert_eq!(
            normalise_message("declared in (a.ropa.kdl:12:4) too"),
            "declared in (a.ropa.kdl:#:#) too"
        );
        // Numbers that carry meaning stay.
        assert_eq!(normalise_message("kept for 3 years"), "kept for 3 years");
        assert_ne!(
            fingerprint(Rule::RetentionBelowStatute, "a", None, "kept for 3 years"),
            fingerprint(Rule::RetentionBelowStatute, "a", None, "kept for 5 years")
        );
    }

    #[test]
    fn the_streamed_hash_is_the_hash_of_the_joined_fields() {
        // The definition: FNV-1a over the tag and the fields joined by NUL,
        // NULs inside a field dropped, the message normalised, an absent
        // field as byte 1.
        let joined = |tag: &str, fields: &[Option<String>]| {
            let mut bytes = tag.as_bytes().to_vec();
            for field in fields {
                bytes.push(0);
                match field {
                    Some(text) => bytes.extend(text.bytes().filter(|b| *b != 0)),
                    None => bytes.push(1),
                }
            }
            Fingerprint(fnv1a64_continue(FNV_OFFSET, &bytes))
        };
        let messages = [
            "",
            " ",
            "plain",
            "  two\t spaces \n",
            "first declared at line 12, column 4",
            "see lines 3:7 and byte 300: a.ropa.kdl:1:2 and b.kdl:3",
            "a\0b \0 line \u{0}7 c.ropa.kdl:\09",
            "LINE 4 Col 5:6 offset x7",
            "é ü 12 \u{a0}kdl: ::",
            // Left as they are by normalising: hashed in one pass.
            "`p3709` takes data of `a0` to US (United States), but no transfer is declared",
            "kept 8 months: below `Bokföringslagen`",
            "line12 col-4 (byte) x 9",
            "ends with a space ",
            "a\x7f b",
            "a\x0b b",
        ];
        for message in messages {
            let normalised = Some(normalise_message(message));
            for (entity, path) in [(Some("a\0x"), "p"), (Some(""), "p"), (None, "hr/a\0.ropa.kdl")] {
                let rule = Rule::MissingPurpose;
                let v1 = joined(
                    "ropa-fingerprint-v1",
                    &[
                        Some(rule.id().to_owned()),
                        Some(path.to_owned()),
                        entity.map(str::to_owned),
                        normalised.clone(),
                    ],
                );
                assert_eq!(fingerprint_v1(rule, path, entity, message), v1, "{message:?}");
                let expected = match entity {
                    Some(entity) => joined(
                        "ropa-fingerprint-v2",
                        &[Some(rule.id().to_owned()), Some(entity.to_owned()), normalised.clone()],
                    ),
                    None => v1,
                };
                assert_eq!(fingerprint(rule, path, entity, message), expected, "{message:?}");
            }
            assert_eq!(
                scan_fingerprint("r\0x", message),
                joined(
                    "ropa-scan-fingerprint-v1",
                    &[Some("r\0x".to_owned()), Some(message.to_owned()), None]
                )
            );
        }
    }

    #[test]
    fn ascii_words_are_the_words_split_whitespace_finds() {
        // Every string of up to four pieces from a set that holds each kind
        // of ASCII whitespace (and the control characters beside them).
        let pieces = [
            "", "a", "bc", " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{8}", "\u{e}", "\u{1c}", "  ", "é", "\u{85}",
        ];
        let mut count = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let text = format!("{a}{b}{c}{d}");
                        let ours: Vec<&str> = words(&text).collect();
                        let std: Vec<&str> = text.split_whitespace().collect();
                        assert_eq!(ours, std, "{text:?}");
                        count += 1;
                    }
                }
            }
        }
        assert_eq!(count, pieces.len().pow(4));
    }

    #[test]
    fn occurrences_tell_identical_findings_apart() {
        let (a, b) = (Fingerprint(1), Fingerprint(2));
        let ids = identify([a, b, a, a]);
        let occurrences: Vec<u32> = ids.iter().map(|id| id.occurrence).collect();
        assert_eq!(occurrences, [1, 1, 2, 3]);
        assert_eq!(ids[2].to_string(), "0000000000000001:2");
    }

    #[test]
    fn many_fingerprints_are_counted_in_order_as_few_are() {
        // Past the size where shards are counted apart: each fingerprint's
        // occurrences must still number its findings in order.
        let fingerprints: Vec<Fingerprint> = (0..50_000u64)
            .map(|i| Fingerprint((i % 7_919).wrapping_mul(0x9e37_79b9_7f4a_7c15)))
            .collect();
        let ids = identify(fingerprints.iter().copied());
        let mut seen = std::collections::HashMap::new();
        for (id, fingerprint) in ids.iter().zip(&fingerprints) {
            let count = seen.entry(*fingerprint).or_insert(0);
            *count += 1;
            assert_eq!((id.fingerprint, id.occurrence), (*fingerprint, *count));
        }
        assert_eq!(ids.len(), fingerprints.len());
    }
}
