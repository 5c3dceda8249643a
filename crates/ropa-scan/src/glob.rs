//! `skip` patterns of the workspace's `scan` node.

/// Whether `path` (relative, `/`-separated) is skipped by `pattern`. A
/// pattern without `*` is a folder or file and skips everything under it;
/// `*` matches within one path segment and `**` any number of segments.
pub fn is_skipped(path: &str, pattern: &str) -> bool {
    let pattern = pattern.trim_start_matches("./").trim_end_matches('/');
    if pattern.is_empty() {
        return false;
    }
    if !pattern.contains('*') {
        return path == pattern || path.strip_prefix(pattern).is_some_and(|rest| rest.starts_with('/'));
    }
    let segments: Vec<&str> = pattern.split('/').collect();
    let parts: Vec<&str> = path.split('/').collect();
    matches(&segments, &parts)
}

fn matches(pattern: &[&str], path: &[&str]) -> bool {
    match pattern.split_first() {
        // The pattern named this path or a folder above it.
        None => true,
        Some((&"**", rest)) => (0..=path.len()).any(|i| matches(rest, &path[i..])),
        Some((first, rest)) => path
            .split_first()
            .is_some_and(|(head, tail)| segment_matches(first, head) && matches(rest, tail)),
    }
}

fn segment_matches(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((before, after)) => {
            text.len() >= before.len() + after.len()
                && text.starts_with(before)
                && (after.contains('*') && segment_matches(after, &text[before.len()..])
                    || !after.contains('*') && text.ends_with(after))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_skipped;

    #[test]
    fn folders_and_patterns() {
        assert!(is_skipped("tests/fixtures/package.json", "tests"));
        assert!(is_skipped("tests/fixtures/package.json", "tests/**"));
        assert!(is_skipped("web/tests/a.html", "**/tests/**"));
        assert!(is_skipped("docs/example.html", "docs/*.html"));
        assert!(!is_skipped("testsuite/a.html", "tests"));
        assert!(!is_skipped("src/index.html", "tests/**"));
        assert!(!is_skipped("docs/sub/example.html", "docs/*.html"));
        assert!(!is_skipped("anything", ""));
    }
}
