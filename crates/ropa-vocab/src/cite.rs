//! Citations of the law: the provisions a rule rests on, and the GDPR
//! provisions the reports cite in each language.

use std::fmt;

/// A provision of the GDPR (or of another act numbered the same way):
/// article, paragraph and point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cite {
    pub article: u16,
    pub paragraph: Option<u8>,
    pub point: Option<char>,
}

impl Cite {
    pub const fn article(article: u16) -> Cite {
        Cite {
            article,
            paragraph: None,
            point: None,
        }
    }
    pub const fn paragraph(article: u16, paragraph: u8) -> Cite {
        Cite {
            article,
            paragraph: Some(paragraph),
            point: None,
        }
    }
    pub const fn new(article: u16, paragraph: u8, point: char) -> Cite {
        Cite {
            article,
            paragraph: Some(paragraph),
            point: Some(point),
        }
    }
}

/// As English texts and the rule docs cite it: `Art. 30(1)(a)`.
impl fmt::Display for Cite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Art. {}", self.article)?;
        if let Some(paragraph) = self.paragraph {
            write!(f, "({paragraph})")?;
        }
        if let Some(point) = self.point {
            write!(f, "({point})")?;
        }
        Ok(())
    }
}

/// What a rule rests on: a provision of the GDPR, a run of its articles,
/// a recital, or a provision of another instrument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Citation {
    /// `GDPR Art. 6(1)(a)`.
    Gdpr(Cite),
    /// `GDPR Art. 15-22`: the articles from the first to the last.
    GdprArticles(u16, u16),
    /// `GDPR Recital 47`.
    Recital(u16),
    /// `Directive 2002/58/EC (ePrivacy) Art. 5(3)`.
    EPrivacy(Cite),
    /// `SCC 2021/914 Clause 14`: the standard contractual clauses for
    /// transfers (Commission Implementing Decision (EU) 2021/914).
    SccClause(u8),
}

impl Citation {
    /// `Citation::gdpr(6).paragraph(1).point('a')` is GDPR Art. 6(1)(a).
    pub const fn gdpr(article: u16) -> Citation {
        Citation::Gdpr(Cite::article(article))
    }

    pub const fn eprivacy(article: u16) -> Citation {
        Citation::EPrivacy(Cite::article(article))
    }

    /// The paragraph of an article; a citation that is no article is left as it is.
    pub const fn paragraph(self, paragraph: u8) -> Citation {
        match self {
            Citation::Gdpr(cite) => Citation::Gdpr(Cite::paragraph(cite.article, paragraph)),
            Citation::EPrivacy(cite) => Citation::EPrivacy(Cite::paragraph(cite.article, paragraph)),
            other => other,
        }
    }

    /// The point of an article's paragraph (set the paragraph first); a
    /// citation that is no paragraph is left as it is.
    pub const fn point(self, point: char) -> Citation {
        match self {
            Citation::Gdpr(Cite {
                article,
                paragraph: Some(paragraph),
                ..
            }) => Citation::Gdpr(Cite::new(article, paragraph, point)),
            Citation::EPrivacy(Cite {
                article,
                paragraph: Some(paragraph),
                ..
            }) => Citation::EPrivacy(Cite::new(article, paragraph, point)),
            other => other,
        }
    }

    /// The GDPR provision cited, if it is one.
    pub const fn gdpr_provision(self) -> Option<Cite> {
        match self {
            Citation::Gdpr(cite) => Some(cite),
            _ => None,
        }
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Citation::Gdpr(cite) => write!(f, "GDPR {cite}"),
            Citation::GdprArticles(first, last) => write!(f, "GDPR Art. {first}-{last}"),
            Citation::Recital(n) => write!(f, "GDPR Recital {n}"),
            Citation::EPrivacy(cite) => write!(f, "Directive 2002/58/EC (ePrivacy) {cite}"),
            Citation::SccClause(n) => write!(f, "SCC 2021/914 Clause {n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_read_as_the_rule_docs_write_them() {
        let cases = [
            (Citation::gdpr(6).paragraph(1).point('a'), "GDPR Art. 6(1)(a)"),
            (Citation::gdpr(30).paragraph(3), "GDPR Art. 30(3)"),
            (Citation::gdpr(44), "GDPR Art. 44"),
            (Citation::GdprArticles(15, 22), "GDPR Art. 15-22"),
            (Citation::Recital(47), "GDPR Recital 47"),
            (
                Citation::eprivacy(5).paragraph(3),
                "Directive 2002/58/EC (ePrivacy) Art. 5(3)",
            ),
            (Citation::SccClause(14), "SCC 2021/914 Clause 14"),
        ];
        for (citation, text) in cases {
            assert_eq!(citation.to_string(), text);
        }
        // A point needs a paragraph to hang from.
        assert_eq!(Citation::gdpr(7).point('a'), Citation::gdpr(7));
    }
}
