//! Error recovery: every error is reported, and everything around it that
//! did parse is still in the document.

use ropa_kdl::{MAX_DEPTH, Parse, TokenKind, Value, parse};

fn names(p: &Parse) -> Vec<&str> {
    p.document.nodes.iter().map(|n| n.name.value.as_str()).collect()
}

fn messages(p: &Parse) -> Vec<&str> {
    p.errors.iter().map(|e| e.message.as_str()).collect()
}

#[test]
fn three_errors_in_three_nodes() {
    let text =
        "first 1\nbad1 a=\nsecond \"x\"\nbad2 2023-01-10 ok=1\nthird\nbad3 \"\\q\" {\n  child\n}\nfourth #true\n";
    let p = parse(text);
    assert_eq!(p.errors.len(), 3, "{:?}", messages(&p));
    assert_eq!(
        names(&p),
        ["first", "bad1", "second", "bad2", "third", "bad3", "fourth"]
    );
    // Entries that parsed are kept: `bad2` drops only the bad value.
    let bad2 = &p.document.nodes[3];
    assert_eq!(bad2.property("ok").map(|e| &e.value), Some(&Value::Integer(1.into())));
    assert_eq!(bad2.arguments().count(), 0);
    // `bad3` keeps its children despite the bad escape.
    assert_eq!(p.document.nodes[5].child_nodes().len(), 1);
    assert_eq!(p.document.nodes[6].entries[0].value, Value::Bool(true));
    // Errors come in source order with precise spans.
    assert_eq!(&text[p.errors[0].span.range()], "=");
    assert_eq!(&text[p.errors[1].span.range()], "2023-01-10");
    assert_eq!(&text[p.errors[2].span.range()], "\\q");
}

#[test]
fn bare_date_suggests_quoting() {
    let p = parse("retain from=2023-01-10\n");
    assert_eq!(p.errors.len(), 1);
    let help = p.errors[0].help.as_deref().unwrap_or("");
    assert!(help.contains("quote it: \"2023-01-10\""), "{help}");
    assert!(help.contains("cannot start with a digit"), "{help}");
    assert_eq!(names(&p), ["retain"]);
}

#[test]
fn unclosed_brace_keeps_node_and_children() {
    let text = "a 1\nparent x=1 {\n  child1\n  child2 \"v\"\n";
    let p = parse(text);
    assert_eq!(messages(&p), ["unclosed `{`"]);
    assert_eq!(&text[p.errors[0].span.range()], "{");
    let parent = &p.document.nodes[1];
    assert_eq!(parent.name.value, "parent");
    let children = parent.children.as_ref().expect("children kept");
    assert_eq!(children.span.end as usize, text.len());
    assert_eq!(
        children.nodes.iter().map(|n| n.name.value.as_str()).collect::<Vec<_>>(),
        ["child1", "child2"]
    );
}

#[test]
fn unclosed_string_stops_at_end_of_line() {
    let p = parse("a \"oops\nb 2\nc \"fine\"\n");
    assert_eq!(messages(&p), ["unclosed string"]);
    assert_eq!(names(&p), ["a", "b", "c"]);
    assert_eq!(p.document.nodes[0].entries[0].value, Value::String("oops".into()));
}

#[test]
fn unclosed_multiline_string_runs_to_end() {
    let p = parse("a \"\"\"\n  text\nb 1\n");
    assert_eq!(messages(&p), ["unclosed multi-line string"]);
    assert_eq!(names(&p), ["a"]);
}

#[test]
fn stray_close_brace() {
    let p = parse("a 1\n}\nb 2 }\nc\n");
    assert_eq!(messages(&p), ["unexpected `}`", "unexpected `}`"]);
    assert_eq!(names(&p), ["a", "b", "c"]);
    assert_eq!(p.document.nodes[1].entries.len(), 1);
}

#[test]
fn broken_entry_keeps_earlier_entries_and_children() {
    let p = parse("node a b=) c d {\n  child\n}\nnext\n");
    assert_eq!(messages(&p), ["expected a value after `=`"]);
    let node = &p.document.nodes[0];
    assert_eq!(node.entries.len(), 1);
    assert_eq!(node.child_nodes().len(), 1);
    assert_eq!(names(&p), ["node", "next"]);
}

#[test]
fn missing_space_is_reported_but_entry_kept() {
    let p = parse("node \"a\"\"b\"\n");
    assert_eq!(messages(&p), ["missing space before this entry"]);
    assert_eq!(p.document.nodes[0].entries.len(), 2);
}

#[test]
fn bad_node_name_skips_its_line_and_block() {
    let p = parse("123 {\n  a\n}\nok\n");
    assert_eq!(messages(&p), ["a node name cannot be a number"]);
    assert_eq!(names(&p), ["ok"]);
}

#[test]
fn errors_inside_slashdash_are_reported() {
    let p = parse("/- node \"\\q\"\nkept\n");
    assert_eq!(messages(&p), ["invalid escape `\\q`"]);
    assert_eq!(names(&p), ["kept"]);
}

#[test]
fn slashdashed_items_are_tokens_not_nodes() {
    let text = "/- gone 1 {\n  x\n}\nnode /- a=1 b /-{ c }\n";
    let p = parse(text);
    assert!(p.errors.is_empty(), "{:?}", messages(&p));
    assert_eq!(names(&p), ["node"]);
    assert_eq!(p.document.nodes[0].entries.len(), 1);
    assert!(p.document.nodes[0].children.is_none());
    let slashdashed: Vec<&str> = p
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::SlashdashedText)
        .map(|t| &text[t.span.range()])
        .collect();
    assert_eq!(slashdashed, ["gone 1 {\n  x\n}", "a=1", "{ c }"]);
    assert_eq!(p.tokens.iter().filter(|t| t.kind == TokenKind::Slashdash).count(), 3);
}

#[test]
fn line_continuation_newline_is_whitespace() {
    let text = "node 1 \\ // more\n  2\n";
    let p = parse(text);
    assert!(p.errors.is_empty());
    assert_eq!(p.document.nodes[0].entries.len(), 2);
    let newlines = p.tokens.iter().filter(|t| t.kind == TokenKind::Newline).count();
    assert_eq!(newlines, 1, "only the final newline ends the node");
}

fn depth_errors(p: &Parse) -> usize {
    p.errors
        .iter()
        .filter(|e| e.message == format!("nesting deeper than {MAX_DEPTH} levels"))
        .count()
}

#[test]
fn max_depth_is_accepted() {
    let text = format!("{}{}", "a {".repeat(MAX_DEPTH), "}".repeat(MAX_DEPTH));
    let p = parse(&text);
    assert!(p.errors.is_empty(), "{:?}", messages(&p));
    let one_more = format!("{}{}", "a {".repeat(MAX_DEPTH + 1), "}".repeat(MAX_DEPTH + 1));
    let p = parse(&one_more);
    assert_eq!(messages(&p), [format!("nesting deeper than {MAX_DEPTH} levels")]);
    assert_eq!(p.document.nodes.len(), 1);
}

#[test]
fn fifty_thousand_open_braces() {
    let text = "a {".repeat(50_000);
    let p = parse(&text);
    assert_eq!(depth_errors(&p), 1);
    assert_eq!(p.tokens.last().map(|t| t.span.end as usize), Some(text.len()));
    // Bare braces without node names: one error, no deep recursion at all.
    let p = parse(&"{".repeat(50_000));
    assert_eq!(p.errors.len(), 1);
}

#[test]
fn kdl_rs_issue_177_patterns() {
    // Nested slashdashed children blocks; exponential in parsers that
    // backtrack over slashdash alternatives.
    for unit in ["a /-{", "/-a /-{ ", "a /-{ /-b /-{"] {
        let text = unit.repeat(100_000);
        let p = parse(&text);
        assert_eq!(depth_errors(&p), 1, "{unit}");
        assert!(p.document.nodes.len() <= 1);
        let covered: u32 = p.tokens.iter().map(|t| t.span.len()).sum();
        assert_eq!(covered as usize, text.len());
    }
}

#[test]
fn deep_block_after_depth_error_parsing_resumes() {
    let text = format!(
        "{}{}\nafter 1\n",
        "a {".repeat(MAX_DEPTH + 5),
        "}".repeat(MAX_DEPTH + 5)
    );
    let p = parse(&text);
    assert_eq!(messages(&p), [format!("nesting deeper than {MAX_DEPTH} levels")]);
    assert_eq!(names(&p), ["a", "after"]);
}

#[test]
fn max_depth_fits_in_a_small_stack() {
    // Worst case for recursion: every level a slashdashed children block of
    // a slashdashed node, at the limit and beyond, in a debug build.
    let text = format!("{}{}", "/-a /-{ ".repeat(MAX_DEPTH + 10), "}".repeat(MAX_DEPTH + 10));
    let handle = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || depth_errors(&parse(&text)))
        .expect("spawn test thread");
    assert_eq!(handle.join().ok(), Some(1));
}
