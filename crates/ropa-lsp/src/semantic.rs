//! Semantic tokens: `ropa_ide::semantic_tokens` in LSP's encoding (a legend
//! of standard token types, relative positions, one token per line).

use ropa_ide::{IdKind, SemanticToken, TokenClass};
use tower_lsp_server::ls_types::{self as ls, SemanticTokenModifier, SemanticTokenType};

use crate::line_index::LineIndex;

/// Standard types only, so every theme colours them: ids by what they name
/// (activities as functions, parties as classes, data as variables,
/// subject categories as types), vocabulary words as enum members.
const TYPES: [SemanticTokenType; 12] = [
    SemanticTokenType::KEYWORD,     // node names
    SemanticTokenType::PROPERTY,    // property names
    SemanticTokenType::VARIABLE,    // data categories
    SemanticTokenType::TYPE,        // data-subject categories
    SemanticTokenType::FUNCTION,    // activities
    SemanticTokenType::CLASS,       // processors, recipients, systems
    SemanticTokenType::ENUM_MEMBER, // legal bases, mechanisms, other vocabulary
    SemanticTokenType::ENUM,        // country and region codes
    SemanticTokenType::NUMBER,      // numbers, dates, durations
    SemanticTokenType::STRING,
    SemanticTokenType::COMMENT,
    SemanticTokenType::MACRO, // rule ids
];
const MODIFIERS: [SemanticTokenModifier; 1] = [SemanticTokenModifier::DECLARATION];

pub fn legend() -> ls::SemanticTokensLegend {
    ls::SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: MODIFIERS.to_vec(),
    }
}

fn type_of(class: TokenClass) -> (u32, u32) {
    let index = |t: SemanticTokenType| TYPES.iter().position(|x| *x == t).unwrap_or(0) as u32;
    match class {
        TokenClass::NodeName => (index(SemanticTokenType::KEYWORD), 0),
        TokenClass::Property => (index(SemanticTokenType::PROPERTY), 0),
        TokenClass::Id { kind, declaration } => {
            let t = match kind {
                IdKind::Data => SemanticTokenType::VARIABLE,
                IdKind::Subjects => SemanticTokenType::TYPE,
                IdKind::Activity => SemanticTokenType::FUNCTION,
                IdKind::Party => SemanticTokenType::CLASS,
            };
            (index(t), u32::from(declaration))
        }
        TokenClass::Keyword => (index(SemanticTokenType::ENUM_MEMBER), 0),
        TokenClass::Country => (index(SemanticTokenType::ENUM), 0),
        TokenClass::Date | TokenClass::Duration | TokenClass::Number => (index(SemanticTokenType::NUMBER), 0),
        TokenClass::String => (index(SemanticTokenType::STRING), 0),
        TokenClass::Comment => (index(SemanticTokenType::COMMENT), 0),
        TokenClass::RuleId => (index(SemanticTokenType::MACRO), 0),
    }
}

/// The tokens, relative to each other, a token that crosses lines split at
/// each line end (clients need not support multi-line tokens).
pub fn encode(lines: &LineIndex, tokens: &[SemanticToken]) -> Vec<ls::SemanticToken> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut last_line, mut last_start) = (0u32, 0u32);
    for token in tokens {
        let (token_type, modifiers) = type_of(token.class);
        let start = lines.position(token.span.start);
        let end = lines.position(token.span.end);
        for line in start.line..=end.line {
            let from = if line == start.line { start.character } else { 0 };
            let to = if line == end.line {
                end.character
            } else {
                lines.line_span(line).map_or(from, |s| lines.position(s.end).character)
            };
            if to <= from {
                continue;
            }
            let delta_line = line - last_line;
            let delta_start = if delta_line == 0 { from - last_start } else { from };
            out.push(ls::SemanticToken {
                delta_line,
                delta_start,
                length: to - from,
                token_type,
                token_modifiers_bitset: modifiers,
            });
            (last_line, last_start) = (line, from);
        }
    }
    out
}
