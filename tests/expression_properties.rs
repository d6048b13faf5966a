//! Properties of the expression parser: random trees survive printing and parsing back, random
//! text never panics, and spans always point at real characters.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use scimlint::expr::source_map::SourceMap;
use scimlint::expr::{BinaryOp, Expr, ExprKind, Name, UnaryOp, parse, print};
use scimlint::source::Span;
use scimlint::source::Syntax;

const KEYWORDS: [&str; 6] = ["true", "false", "null", "and", "or", "matches"];

fn node(kind: ExprKind) -> Expr {
    Expr::new(kind, Span::default())
}

fn name() -> impl Strategy<Value = String> {
    "[a-zA-Z_][a-zA-Z0-9_]{0,6}"
        .prop_filter("not a keyword", |name| !KEYWORDS.iter().any(|keyword| keyword.eq_ignore_ascii_case(name)))
}

fn member_name() -> impl Strategy<Value = Name> {
    "[a-zA-Z_][a-zA-Z0-9_]{0,6}".prop_map(|text| Name { text, span: Span::default() })
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        any::<String>().prop_map(|text| node(ExprKind::Str(text))),
        "[0-9]{1,6}".prop_map(|text| node(ExprKind::Number { text, decimal: false })),
        "[0-9]{1,3}\\.[0-9]{1,3}".prop_map(|text| node(ExprKind::Number { text, decimal: true })),
        any::<bool>().prop_map(|flag| node(ExprKind::Bool(flag))),
        Just(node(ExprKind::Null)),
        name().prop_map(|name| node(ExprKind::Ident(name))),
    ]
}

fn binary_op() -> impl Strategy<Value = BinaryOp> {
    prop_oneof![
        Just(BinaryOp::Or),
        Just(BinaryOp::And),
        Just(BinaryOp::Eq),
        Just(BinaryOp::Ne),
        Just(BinaryOp::Lt),
        Just(BinaryOp::Gt),
        Just(BinaryOp::Le),
        Just(BinaryOp::Ge),
        Just(BinaryOp::Matches),
        Just(BinaryOp::Add),
        Just(BinaryOp::Sub),
        Just(BinaryOp::Mul),
        Just(BinaryOp::Div),
        Just(BinaryOp::Rem),
    ]
}

fn tree() -> impl Strategy<Value = Expr> {
    leaf().prop_recursive(5, 48, 4, |inner| {
        let boxed = || inner.clone().prop_map(Box::new);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|items| node(ExprKind::Array(items))),
            prop::collection::vec(("[a-z.]{0,8}", inner.clone()), 0..3).prop_map(|entries| {
                let entries = entries.into_iter().map(|(key, value)| (node(ExprKind::Str(key)), value)).collect();
                node(ExprKind::Map(entries))
            }),
            (boxed(), member_name()).prop_map(|(object, name)| node(ExprKind::Member { object, name })),
            (boxed(), boxed()).prop_map(|(object, index)| node(ExprKind::Index { object, index })),
            (boxed(), boxed()).prop_map(|(object, selection)| node(ExprKind::Projection { object, selection })),
            (prop::option::of(boxed()), name(), prop::collection::vec(inner.clone(), 0..4)).prop_map(
                |(receiver, text, args)| {
                    let name = Name { text, span: Span::default() };
                    node(ExprKind::Call { receiver, name, args, close: Span::default() })
                }
            ),
            (prop_oneof![Just(UnaryOp::Not), Just(UnaryOp::Minus)], boxed())
                .prop_map(|(op, operand)| node(ExprKind::Unary { op, op_span: Span::default(), operand })),
            (binary_op(), boxed(), boxed()).prop_map(|(op, left, right)| node(ExprKind::Binary {
                op,
                op_span: Span::default(),
                left,
                right
            })),
            (boxed(), boxed(), boxed()).prop_map(|(condition, then, otherwise)| node(ExprKind::Ternary {
                condition,
                then,
                otherwise
            })),
            (boxed(), boxed()).prop_map(|(value, default)| node(ExprKind::Elvis { value, default })),
        ]
    })
}

/// The tree without spans and parentheses, as an S-expression.
fn shape(expr: &Expr) -> String {
    let list = |items: &[Expr]| items.iter().map(shape).collect::<Vec<_>>().join(" ");
    match &expr.kind {
        ExprKind::Str(text) => format!("{text:?}"),
        ExprKind::Number { text, decimal } => format!("(num {text} {decimal})"),
        ExprKind::Bool(flag) => flag.to_string(),
        ExprKind::Null => "null".into(),
        ExprKind::Ident(name) => format!("(id {name})"),
        ExprKind::Array(items) => format!("(array {})", list(items)),
        ExprKind::Map(entries) => {
            let entries: Vec<String> = entries.iter().map(|(k, v)| format!("({} {})", shape(k), shape(v))).collect();
            format!("(map {})", entries.join(" "))
        }
        ExprKind::Member { object, name } => format!("(. {} {})", shape(object), name.text),
        ExprKind::Index { object, index } => format!("([] {} {})", shape(object), shape(index)),
        ExprKind::Projection { object, selection } => format!("(.! {} {})", shape(object), shape(selection)),
        ExprKind::Call { receiver, name, args, .. } => {
            format!("(call {} {} {})", receiver.as_deref().map_or("-".into(), shape), name.text, list(args))
        }
        ExprKind::Unary { op, operand, .. } => format!("({op:?} {})", shape(operand)),
        ExprKind::Binary { op, left, right, .. } => format!("({op:?} {} {})", shape(left), shape(right)),
        ExprKind::Ternary { condition, then, otherwise } => {
            format!("(? {} {} {})", shape(condition), shape(then), shape(otherwise))
        }
        ExprKind::Elvis { value, default } => format!("(?: {} {})", shape(value), shape(default)),
        ExprKind::Paren(inner) => shape(inner),
    }
}

fn spans_are_inside(expr: &Expr, text: &str) {
    expr.walk(&mut |node| {
        assert!(node.span.end <= text.len(), "{:?} past the end of {text:?}", node.span);
        assert!(text.is_char_boundary(node.span.start) && text.is_char_boundary(node.span.end));
    });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn printed_trees_parse_back_to_the_same_tree(expr in tree()) {
        let text = print(&expr);
        let parsed = parse(&text).map_err(|error| TestCaseError::fail(format!("{text}: {}", error.message)))?;
        prop_assert_eq!(shape(&parsed), shape(&expr), "printed as {}", text);
        spans_are_inside(&parsed, &text);
    }

    #[test]
    fn random_text_never_panics(text in any::<String>()) {
        if let Ok(expr) = parse(&text) {
            spans_are_inside(&expr, &text);
        }
    }

    #[test]
    fn expression_like_text_never_panics(text in "[a-zA-Z0-9_.(){}\\[\\]'\" ?:!=<>+*/%&|,-]{0,80}") {
        match parse(&text) {
            Ok(expr) => spans_are_inside(&expr, &text),
            Err(error) => {
                prop_assert!(error.span.end <= text.len() && !error.message.is_empty());
            }
        }
    }

    #[test]
    fn json_escapes_map_each_character_to_its_escape(text in any::<String>()) {
        let token = serde_json::to_string(&text).unwrap();
        let file = format!("{{\"value\": {token}}}");
        let start = file.find(&token).unwrap();
        let map = SourceMap::new(&file, Span::new(start, start + token.len()), Syntax::Json, &text);
        for (at, c) in text.char_indices() {
            let span = map.span(Span::new(at, at + c.len_utf8()));
            let written: String = serde_json::from_str(&format!("\"{}\"", &file[span.start..span.end])).unwrap();
            prop_assert_eq!(written, c.to_string());
        }
    }
}
