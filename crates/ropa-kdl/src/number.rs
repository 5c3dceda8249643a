//! Number syntax (SPEC.md "Number"): checking a bare word that starts like a
//! number, and turning a checked one into a [`Value`].

use crate::Value;

/// Why a number-like word is not a number: (message, help).
pub(crate) type NumberError = (String, Option<String>);

fn quote_help(word: &str) -> String {
    format!("bare identifiers cannot start with a digit; quote it: \"{word}\"")
}

fn radix_of(b: &[u8]) -> Option<(u32, &'static str)> {
    match b {
        [b'0', b'x', ..] => Some((16, "hexadecimal")),
        [b'0', b'o', ..] => Some((8, "octal")),
        [b'0', b'b', ..] => Some((2, "binary")),
        _ => None,
    }
}

fn strip_sign(b: &[u8]) -> (bool, &[u8]) {
    match b {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, b),
    }
}

/// Checks `word` (a run of identifier characters that starts like a number,
/// see [`crate::chars::looks_like_number`]) against the number grammar.
pub(crate) fn check(word: &str) -> Result<(), NumberError> {
    let (_, b) = strip_sign(word.as_bytes());
    if let Some((radix, name)) = radix_of(b) {
        let digits = &b[2..];
        let is_digit = |c: u8| (c as char).is_digit(radix);
        let ok = digits.first().is_some_and(|&c| is_digit(c)) && digits.iter().all(|&c| c == b'_' || is_digit(c));
        if ok {
            return Ok(());
        }
        let what = match digits.first() {
            None => format!(
                "`{}` must be followed by {name} digits",
                &word[..word.len() - digits.len()]
            ),
            Some(b'_') => "underscores may only come after the first digit".to_owned(),
            Some(_) => format!("only {name} digits and `_` may follow the prefix"),
        };
        return Err((
            format!("invalid {name} number `{word}`: {what}"),
            Some(quote_help(word)),
        ));
    }
    if b.first() == Some(&b'.') {
        let help = if check_decimal(&b[1..]).is_ok() {
            format!(
                "write a digit before the decimal point: `0{}`, or quote it: \"{word}\"",
                &word[word.len() - b.len()..]
            )
        } else {
            format!("quote it: \"{word}\"")
        };
        return Err((
            format!("invalid number `{word}`: numbers need a digit before the decimal point"),
            Some(help),
        ));
    }
    check_decimal(b).map_err(|what| (format!("invalid number `{word}`: {what}"), Some(quote_help(word))))
}

/// `integer ('.' integer)? (('e' | 'E') sign? integer)?` where
/// `integer := digit (digit | '_')*`.
fn check_decimal(b: &[u8]) -> Result<(), &'static str> {
    let mut i = integer(b, 0).ok_or("expected a digit")?;
    if b.get(i) == Some(&b'.') {
        i = integer(b, i + 1).ok_or("a digit must follow the decimal point")?;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = integer(b, i).ok_or("the exponent needs digits")?;
    }
    if i == b.len() {
        Ok(())
    } else if b[i] == b'.' {
        Err("a number can have only one decimal point")
    } else {
        Err("unexpected character in number")
    }
}

fn integer(b: &[u8], start: usize) -> Option<usize> {
    if !b.get(start)?.is_ascii_digit() {
        return None;
    }
    let len = b[start..]
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == b'_')
        .count();
    Some(start + len)
}

/// Converts a word that passed [`check`]. Fails only when an integer does not
/// fit in 128 bits (KDL leaves the representation to implementations; the
/// document model keeps integers exact, so an out-of-range one is an error
/// rather than a silently rounded float).
pub(crate) fn value(word: &str) -> Result<Value, NumberError> {
    let (negative, b) = strip_sign(word.as_bytes());
    let (radix, digits) = match radix_of(b) {
        Some((radix, _)) => (radix, &b[2..]),
        None if b.iter().any(|c| matches!(c, b'.' | b'e' | b'E')) => return Ok(Value::Float(float(word))),
        None => (10, b),
    };
    let mut magnitude: u128 = 0;
    for &c in digits {
        if c == b'_' {
            continue;
        }
        let d = (c as char).to_digit(radix).unwrap_or(0);
        magnitude = match magnitude
            .checked_mul(u128::from(radix))
            .and_then(|m| m.checked_add(u128::from(d)))
        {
            Some(m) => m,
            None => return Err(too_large(word)),
        };
    }
    let v = if negative {
        0i128.checked_sub_unsigned(magnitude)
    } else {
        i128::try_from(magnitude).ok()
    };
    v.map(|v| Value::Integer(v.into())).ok_or_else(|| too_large(word))
}

fn too_large(word: &str) -> NumberError {
    (
        format!("integer `{word}` does not fit in 128 bits"),
        Some(format!(
            "integers must lie between -2^127 and 2^127-1; quote it to keep it as text: \"{word}\""
        )),
    )
}

fn float(word: &str) -> f64 {
    let parsed = if word.contains('_') {
        word.replace('_', "").parse::<f64>()
    } else {
        word.parse::<f64>()
    };
    // `check` accepted the word, and every decimal it accepts (underscores
    // removed) is in the syntax Rust's float parser reads.
    parsed.unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_spec_numbers() {
        for ok in [
            "0",
            "+10",
            "-1.0",
            "1_000",
            "12____",
            "1.0e-10",
            "1E+10",
            "1e10",
            "1.0_2",
            "1.0e-10_0",
            "0x01",
            "0xABCDEF0123456789abcdef",
            "0o76543210",
            "0b1010_",
            "-0x1f",
            "011",
        ] {
            assert!(check(ok).is_ok(), "{ok}");
        }
        for bad in [
            "1.",
            "1.e5",
            "1e",
            "1._5",
            "1.0.0",
            "1e1.0",
            "0x",
            "0x_1a",
            "0xg",
            "0o8",
            "0b2",
            "1a",
            "2023-01-10",
            ".1",
            "-.1",
            "1ee1",
            "0x1.0",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn converts() {
        assert_eq!(
            value("0xABCDEF0123456789abcdef"),
            Ok(Value::Integer(207698809136909011942886895.into()))
        );
        assert_eq!(value("-0b1_0"), Ok(Value::Integer((-2).into())));
        assert_eq!(value("1.0_2"), Ok(Value::Float(1.02)));
        assert_eq!(value("1e10"), Ok(Value::Float(1e10)));
        assert_eq!(
            value("-170141183460469231731687303715884105728"),
            Ok(Value::Integer(i128::MIN.into()))
        );
        assert!(value("170141183460469231731687303715884105728").is_err());
        assert_eq!(value("1.23E+1000"), Ok(Value::Float(f64::INFINITY)));
    }
}
