//! Properties of the expression evaluator: on random trees and random profiles it never panics,
//! gives the same outcome twice, and every Unknown or error points inside the expression.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use proptest::prelude::*;
use scimlint::expr::eval::{Env, Evaluator, Outcome, Profile, Value, coverage::COVERAGE};
use scimlint::expr::{BinaryOp, Expr, ExprKind, Name, UnaryOp, parse, print};
use scimlint::source::Span;

const ATTRIBUTES: [&str; 6] = ["firstName", "lastName", "countryCode", "city", "tags", "age"];

fn node(kind: ExprKind) -> Expr {
    Expr::new(kind, Span::default())
}

fn name(text: &str) -> Name {
    Name { text: text.to_owned(), span: Span::default() }
}

fn reference() -> impl Strategy<Value = Expr> {
    (prop_oneof![Just("user"), Just("appuser"), Just("source"), Just("org")], prop::sample::select(&ATTRIBUTES[..]))
        .prop_map(|(root, attribute)| {
            node(ExprKind::Member { object: Box::new(node(ExprKind::Ident(root.to_owned()))), name: name(attribute) })
        })
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        "[ -~äöüßÅ😀,@.]{0,12}".prop_map(|text| node(ExprKind::Str(text))),
        "-?[0-9]{1,12}".prop_map(|text| node(ExprKind::Number { text, decimal: false })),
        "[0-9]{1,3}\\.[0-9]{1,3}".prop_map(|text| node(ExprKind::Number { text, decimal: true })),
        any::<bool>().prop_map(|flag| node(ExprKind::Bool(flag))),
        Just(node(ExprKind::Null)),
        reference(),
        reference(),
    ]
}

/// A catalogue function, namespaced or bare, as a call's receiver and name.
fn function() -> impl Strategy<Value = (Option<String>, String)> {
    let names: Vec<&'static str> = COVERAGE.iter().map(|entry| entry.name).chain(["String.nope", "foo"]).collect();
    prop::sample::select(names).prop_map(|qualified| match qualified.rsplit_once('.') {
        Some((namespace, name)) => (Some(namespace.to_owned()), name.to_owned()),
        None => (None, qualified.to_owned()),
    })
}

fn binary_op() -> impl Strategy<Value = BinaryOp> {
    prop::sample::select(vec![
        BinaryOp::Or,
        BinaryOp::And,
        BinaryOp::Eq,
        BinaryOp::Ne,
        BinaryOp::Lt,
        BinaryOp::Gt,
        BinaryOp::Le,
        BinaryOp::Ge,
        BinaryOp::Matches,
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::Div,
        BinaryOp::Rem,
    ])
}

fn tree() -> impl Strategy<Value = Expr> {
    leaf().prop_recursive(5, 48, 5, |inner| {
        let boxed = || inner.clone().prop_map(Box::new);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|items| node(ExprKind::Array(items))),
            (function(), prop::collection::vec(inner.clone(), 0..5)).prop_map(|((namespace, text), args)| {
                let receiver = namespace.map(|namespace| Box::new(node(ExprKind::Ident(namespace))));
                node(ExprKind::Call { receiver, name: name(&text), args, close: Span::default() })
            }),
            (boxed(), "[a-z]{1,6}").prop_map(|(object, text)| node(ExprKind::Member { object, name: name(&text) })),
            (boxed(), boxed()).prop_map(|(object, index)| node(ExprKind::Index { object, index })),
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

#[derive(Debug)]
struct Attributes(HashMap<String, Value<'static>>);

impl Profile for Attributes {
    fn attribute(&self, name: &str) -> Value<'_> {
        self.0.get(name).cloned().unwrap_or(Value::Null)
    }
}

fn value() -> impl Strategy<Value = Value<'static>> {
    let scalar = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Int),
        any::<f64>().prop_map(Value::Num),
        "[ -~äöü,]{0,10}".prop_map(|text| Value::Str(text.into())),
        prop::sample::select(vec!["DE", "de", "Germany", "EMEA", "840", "1234", "12.5", "a,b", ""])
            .prop_map(|text| Value::Str(text.into())),
    ];
    scalar.prop_recursive(2, 8, 3, |inner| prop::collection::vec(inner, 0..3).prop_map(Value::Array))
}

fn profile() -> impl Strategy<Value = Attributes> {
    prop::collection::hash_map(prop::sample::select(&ATTRIBUTES[..]).prop_map(str::to_owned), value(), 0..6)
        .prop_map(Attributes)
}

fn inside(span: Span, text: &str) -> bool {
    span.start <= span.end && span.end <= text.len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn evaluation_never_panics_and_points_inside(expr in tree(), user in profile(), app_user in profile()) {
        let text = print(&expr);
        let parsed = parse(&text).map_err(|error| TestCaseError::fail(format!("{text}: {}", error.message)))?;
        let env = Env { user: &user, app_user: Some(&app_user), id: Some("00u1"), status: Some("ACTIVE") };
        let evaluator = Evaluator::new();
        let first = evaluator.evaluate(&parsed, &env);
        match &first {
            Outcome::Unknown(unknown) => prop_assert!(inside(unknown.span, &text) && !unknown.reason.is_empty(), "{}", text),
            Outcome::Error(error) => prop_assert!(inside(error.span, &text) && !error.reason.is_empty(), "{}", text),
            Outcome::Value(_) => {}
        }
        let again = evaluator.evaluate(&parsed, &env);
        prop_assert_eq!(format!("{first:?}"), format!("{again:?}"), "{}", text);
    }

    #[test]
    fn unparsed_trees_never_panic(expr in tree(), user in profile()) {
        let _ = Evaluator::new().evaluate(&expr, &Env::user(&user));
    }
}
