//! Computations handed to hcl-rs: templates, operators and function calls. The names the
//! expression uses are resolved by the tracked evaluator first (only the parts it reads), then
//! hcl-rs evaluates the expression in a context that holds just those, with Terraform's functions.
//! The result is computed: its origin is the whole expression.

use hcl::Value as Plain;
use hcl::eval::{Context, Evaluate};
use hcl_edit::expr::{Expression, FuncCall, ObjectKey, TraversalOperator};
use hcl_edit::template::{Directive, Element, Template};

use super::budget::MAX_LEAF_COST;
use super::eval::{Evaluator, Scope, Step};
use super::functions;
use super::plain::{from_plain, to_plain};
use super::value::{Cause, Kind, Value};
use crate::source::Span;

pub(super) fn call_name(call: &FuncCall) -> String {
    let mut parts: Vec<&str> = call.name.namespace.iter().map(|part| part.as_str()).collect();
    parts.push(call.name.name.as_str());
    parts.join("::")
}

#[derive(Clone, PartialEq)]
enum Key {
    Attr(String),
    Pos(usize),
}

/// What a leaf reads: name prefixes that need no evaluation to find, and functions it calls.
#[derive(Default)]
struct Reads {
    prefixes: Vec<(String, Vec<Key>)>,
    functions: Vec<String>,
    /// How deep `for` expressions and `%{ for }` directives nest.
    loops: u32,
    literal_bytes: usize,
}

fn collect<'e>(expr: &'e Expression, bound: &mut Vec<&'e str>, reads: &mut Reads, loops: u32) {
    reads.loops = reads.loops.max(loops);
    match expr {
        Expression::String(text) => reads.literal_bytes += text.len(),
        Expression::Null(_) | Expression::Bool(_) | Expression::Number(_) => {}
        Expression::Variable(name) if !bound.contains(&name.as_str()) => {
            reads.prefixes.push((name.as_str().to_owned(), Vec::new()));
        }
        Expression::Variable(_) => {}
        Expression::Traversal(traversal) => {
            let mut rest = traversal.operators.as_slice();
            match &traversal.expr {
                Expression::Variable(root) if !bound.contains(&root.as_str()) => {
                    let mut keys = Vec::new();
                    while let Some(operator) = rest.first() {
                        let key = match operator.value() {
                            TraversalOperator::GetAttr(name) => Key::Attr(name.as_str().to_owned()),
                            TraversalOperator::LegacyIndex(index) => {
                                Key::Pos(usize::try_from(*index.value()).unwrap_or(usize::MAX))
                            }
                            TraversalOperator::Index(Expression::String(key)) => Key::Attr(key.value().clone()),
                            TraversalOperator::Index(Expression::Number(number)) => match number.value().as_u64() {
                                Some(index) => Key::Pos(usize::try_from(index).unwrap_or(usize::MAX)),
                                None => break,
                            },
                            _ => break,
                        };
                        keys.push(key);
                        rest = &rest[1..];
                    }
                    reads.prefixes.push((root.as_str().to_owned(), keys));
                }
                other => collect(other, bound, reads, loops),
            }
            for operator in rest {
                if let TraversalOperator::Index(index) = operator.value() {
                    collect(index, bound, reads, loops);
                }
            }
        }
        Expression::Array(items) => items.iter().for_each(|item| collect(item, bound, reads, loops)),
        Expression::Object(object) => {
            for (key, value) in object.iter() {
                if let ObjectKey::Expression(key) = key {
                    collect(key, bound, reads, loops);
                }
                collect(value.expr(), bound, reads, loops);
            }
        }
        Expression::Parenthesis(inner) => collect(inner.inner(), bound, reads, loops),
        Expression::Conditional(conditional) => {
            collect(&conditional.cond_expr, bound, reads, loops);
            collect(&conditional.true_expr, bound, reads, loops);
            collect(&conditional.false_expr, bound, reads, loops);
        }
        Expression::UnaryOp(unary) => collect(&unary.expr, bound, reads, loops),
        Expression::BinaryOp(binary) => {
            collect(&binary.lhs_expr, bound, reads, loops);
            collect(&binary.rhs_expr, bound, reads, loops);
        }
        Expression::FuncCall(call) => {
            reads.functions.push(call_name(call));
            call.args.iter().for_each(|arg| collect(arg, bound, reads, loops));
        }
        Expression::ForExpr(for_expr) => {
            collect(&for_expr.intro.collection_expr, bound, reads, loops);
            let before = bound.len();
            bound.extend(for_expr.intro.key_var.as_ref().map(|name| name.as_str()));
            bound.push(for_expr.intro.value_var.as_str());
            if let Some(key) = &for_expr.key_expr {
                collect(key, bound, reads, loops + 1);
            }
            collect(&for_expr.value_expr, bound, reads, loops + 1);
            if let Some(condition) = &for_expr.cond {
                collect(&condition.expr, bound, reads, loops + 1);
            }
            bound.truncate(before);
        }
        Expression::StringTemplate(template) => collect_template(template, bound, reads, loops),
        Expression::HeredocTemplate(heredoc) => collect_template(&heredoc.template, bound, reads, loops),
    }
}

fn collect_template<'e>(template: &'e Template, bound: &mut Vec<&'e str>, reads: &mut Reads, loops: u32) {
    for element in template.iter() {
        match element {
            Element::Literal(literal) => reads.literal_bytes += literal.len(),
            Element::Interpolation(interpolation) => collect(&interpolation.expr, bound, reads, loops),
            Element::Directive(directive) => match directive.as_ref() {
                Directive::If(directive) => {
                    collect(&directive.if_expr.cond_expr, bound, reads, loops);
                    collect_template(&directive.if_expr.template, bound, reads, loops);
                    if let Some(otherwise) = &directive.else_expr {
                        collect_template(&otherwise.template, bound, reads, loops);
                    }
                }
                Directive::For(directive) => {
                    let intro = &directive.for_expr;
                    collect(&intro.collection_expr, bound, reads, loops);
                    let before = bound.len();
                    bound.extend(intro.key_var.as_ref().map(|name| name.as_str()));
                    bound.push(intro.value_var.as_str());
                    collect_template(&intro.template, bound, reads, loops + 1);
                    bound.truncate(before);
                }
            },
        }
    }
}

/// A root name's value, built from the parts a leaf reads.
enum Part {
    Whole(Plain),
    Parts(Vec<(Key, Part)>),
}

impl Part {
    fn insert(&mut self, keys: &[Key], value: Plain) {
        let Some((first, rest)) = keys.split_first() else {
            *self = Part::Whole(value);
            return;
        };
        let Part::Parts(parts) = self else { return };
        match parts.iter_mut().find(|(key, _)| key == first) {
            Some((_, part)) => part.insert(rest, value),
            None => {
                let mut part = Part::Parts(Vec::new());
                part.insert(rest, value);
                parts.push((first.clone(), part));
            }
        }
    }

    fn into_plain(self) -> Plain {
        match self {
            Part::Whole(value) => value,
            Part::Parts(parts) if parts.iter().all(|(key, _)| matches!(key, Key::Pos(_))) => {
                let len = parts
                    .iter()
                    .filter_map(|(key, _)| if let Key::Pos(at) = key { Some(*at + 1) } else { None })
                    .max()
                    .unwrap_or(0);
                let mut items = vec![Plain::Null; len.min(super::budget::MAX_INSTANCES)];
                for (key, part) in parts {
                    if let Key::Pos(at) = key
                        && let Some(item) = items.get_mut(at)
                    {
                        *item = part.into_plain();
                    }
                }
                Plain::Array(items)
            }
            Part::Parts(parts) => Plain::Object(
                parts
                    .into_iter()
                    .map(|(key, part)| match key {
                        Key::Attr(name) => (name, part.into_plain()),
                        Key::Pos(at) => (at.to_string(), part.into_plain()),
                    })
                    .collect(),
            ),
        }
    }
}

fn plain_size(value: &Plain) -> (usize, usize) {
    let (mut nodes, mut bytes) = (0, 0);
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        nodes += 1;
        match value {
            Plain::String(text) => bytes += text.len(),
            Plain::Array(items) => stack.extend(items),
            Plain::Object(map) => {
                bytes += map.keys().map(String::len).sum::<usize>();
                stack.extend(map.values());
            }
            _ => {}
        }
    }
    (nodes, bytes)
}

impl<'a> Evaluator<'a> {
    pub fn leaf(&mut self, scope: &Scope, expr: &'a Expression, span: Span) -> Value {
        let mut reads = Reads::default();
        collect(expr, &mut Vec::new(), &mut reads, 0);
        if let Some(name) = reads.functions.iter().find(|name| !functions::is_known(name)) {
            let reason = format!("{name}() is not one of the functions scimlint evaluates");
            return Value::unknown(scope.computed(span), Cause::Function { name: name.clone() }, reason);
        }
        let mut roots: Vec<(String, Part)> = Vec::new();
        for (root, keys) in std::mem::take(&mut reads.prefixes) {
            let steps: Vec<Step> = keys
                .iter()
                .map(|key| match key {
                    Key::Attr(name) => Step::Attr(name.clone()),
                    Key::Pos(at) => Step::Index(Value::new(Kind::Number(at.to_string()), scope.computed(span))),
                })
                .collect();
            let tracked = self.traversal(scope, &root, &steps, span);
            let plain = match to_plain(&tracked) {
                Ok(plain) => plain,
                Err(unknown) => return Value::new(Kind::Unknown(unknown), scope.computed(span)),
            };
            match roots.iter_mut().find(|(name, _)| *name == root) {
                Some((_, part)) => part.insert(&keys, plain),
                None => {
                    let mut part = Part::Parts(Vec::new());
                    part.insert(&keys, plain);
                    roots.push((root, part));
                }
            }
        }
        let mut context = Context::new();
        let (mut nodes, mut bytes) = (0usize, reads.literal_bytes);
        for (name, part) in roots {
            let plain = part.into_plain();
            let (n, b) = plain_size(&plain);
            nodes += n;
            bytes += b;
            context.declare_var(name, plain);
        }
        let cost = (nodes + 2).checked_pow(reads.loops).and_then(|iterations| iterations.checked_mul(bytes + 16));
        if cost.is_none_or(|cost| cost > MAX_LEAF_COST) {
            let message = format!(
                "this expression could build more than {MAX_LEAF_COST} bytes ({} nested loops over {nodes} values), so scimlint does not evaluate it",
                reads.loops
            );
            return self.limit(scope.place(span), message);
        }
        functions::declare(&mut context, &reads.functions);
        let plain: hcl::Expression = expr.clone().into();
        match plain.evaluate(&context) {
            Ok(result) => {
                let value = from_plain(result, &scope.computed(span));
                self.charge(scope, span, value)
            }
            Err(error) => Self::error(scope, span, error.kind().to_string()),
        }
    }
}
