//! The tracked evaluator: walks hcl-edit expressions, resolves names, and carries each value's
//! origin. Structure that origins flow through (literals, collections, references, conditionals,
//! `for`, pass-through functions) is walked here; computations are left to hcl-rs (`leaf.rs`).

use std::collections::HashMap;
use std::rc::Rc;

use hcl_edit::expr::{Expression, ForExpr, ObjectKey, TraversalOperator};
use hcl_edit::template::Element;

use super::budget::{Budget, MAX_NESTING};
use super::files::{CallTarget, Decls, span_of};
use super::steps::{elements, key_text};
use super::types::{Diagnostic, DiagnosticKind, InstanceKey};
use super::value::{Cause, Kind, Location, Member, Origin, Place, Unknown, Value};
use crate::source::Span;

/// Where the text being evaluated is: a file, or a `--var` value on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Source {
    File(usize),
    CommandLine(usize),
}

/// The names an expression sees besides its module's: `each`, `count`, `for` and `dynamic` variables.
#[derive(Clone)]
pub(super) struct Scope {
    pub instance: usize,
    pub source: Source,
    pub each: Option<Rc<(Value, Value)>>,
    pub count: Option<Rc<Value>>,
    pub names: Option<Rc<Binding>>,
    /// A `.tfvars` value or a default: constants only.
    pub constant: bool,
}

impl Scope {
    pub fn place(&self, span: Span) -> Place {
        match self.source {
            Source::File(file) => Place::File(Location { file, span }),
            Source::CommandLine(index) => Place::CommandLine { index, span },
        }
    }

    pub fn verbatim(&self, span: Span) -> Origin {
        Origin::verbatim(self.place(span))
    }

    pub fn computed(&self, span: Span) -> Origin {
        Origin::computed(self.place(span))
    }

    pub fn with_name(&self, name: &str, value: Value) -> Self {
        let mut scope = self.clone();
        scope.names = Some(Rc::new(Binding { name: name.to_owned(), value, outer: self.names.clone() }));
        scope
    }

    pub fn bound(&self, name: &str) -> Option<&Value> {
        let mut binding = self.names.as_deref();
        while let Some(current) = binding {
            if current.name == name {
                return Some(&current.value);
            }
            binding = current.outer.as_deref();
        }
        None
    }
}

/// A name bound by `for` or `dynamic`, innermost first: adding one does not copy the others.
pub(super) struct Binding {
    name: String,
    value: Value,
    outer: Option<Rc<Binding>>,
}

pub(super) enum Slot<T> {
    Busy,
    Done(T),
}

/// A resource's instances, and its value as other expressions see it.
pub(super) struct Expanded {
    pub instances: Vec<(InstanceKey, Value, Option<Location>)>,
    pub value: Value,
}

/// The instances of one module call.
pub(super) struct Children {
    pub instances: Vec<(InstanceKey, usize)>,
    pub unknown: Option<Unknown>,
}

pub(super) struct Instance {
    pub module: usize,
    /// `module.m["k"].`, empty in the root module.
    pub prefix: String,
    pub calls: Vec<Location>,
    pub depth: usize,
    pub variables: HashMap<String, Rc<Value>>,
    pub locals: HashMap<String, Slot<Rc<Value>>>,
    pub resources: HashMap<(String, String), Slot<Rc<Expanded>>>,
    pub children: HashMap<String, Slot<Rc<Children>>>,
    pub outputs: HashMap<String, Slot<Rc<Value>>>,
    /// Set when this instance stands for an unknown number of instances of its module call.
    pub unknown_instances: Option<Unknown>,
}

impl Instance {
    pub fn new(module: usize, prefix: String, calls: Vec<Location>, depth: usize) -> Self {
        Self {
            module,
            prefix,
            calls,
            depth,
            variables: HashMap::new(),
            locals: HashMap::new(),
            resources: HashMap::new(),
            children: HashMap::new(),
            outputs: HashMap::new(),
            unknown_instances: None,
        }
    }
}

/// One step of a traversal after its root name.
pub(super) enum Step {
    Attr(String),
    Index(Value),
    /// `.*` (only the attribute steps that follow apply per element) or `[*]` (all that follow).
    Splat {
        full: bool,
    },
}

pub(super) struct Evaluator<'a> {
    pub decls: Vec<Decls<'a>>,
    pub targets: &'a [HashMap<String, CallTarget>],
    pub instances: Vec<Instance>,
    pub budget: Budget,
    pub diagnostics: Vec<Diagnostic>,
    /// What is being evaluated (`local.a`, `okta_x.y`), to name the members of a cycle.
    pub stack: Vec<String>,
    nesting: usize,
    limit_reported: bool,
}

impl<'a> Evaluator<'a> {
    pub fn new(decls: Vec<Decls<'a>>, targets: &'a [HashMap<String, CallTarget>]) -> Self {
        Self {
            decls,
            targets,
            instances: Vec::new(),
            budget: Budget::default(),
            diagnostics: Vec::new(),
            stack: Vec::new(),
            nesting: 0,
            limit_reported: false,
        }
    }

    /// A limit was hit at `place`: one diagnostic, and an unknown value.
    pub fn limit(&mut self, place: Place, message: String) -> Value {
        if !self.limit_reported || !self.budget.exhausted {
            self.diagnostics.push(Diagnostic {
                kind: DiagnosticKind::Limit,
                message: message.clone(),
                place: Some(place),
                related: Vec::new(),
            });
            self.limit_reported |= self.budget.exhausted;
        }
        Value::unknown(Origin::computed(place), Cause::Limit, message)
    }

    pub fn error(scope: &Scope, span: Span, message: impl Into<String>) -> Value {
        Value::unknown(scope.computed(span), Cause::Error, message)
    }

    /// Charges the copy of a value against the budget: references copy whole values.
    pub fn charge(&mut self, scope: &Scope, span: Span, value: Value) -> Value {
        if self.budget.spend(value.size()) { value } else { self.exhausted(scope, span) }
    }

    fn exhausted(&mut self, scope: &Scope, span: Span) -> Value {
        let message = format!(
            "evaluation stopped after {} units of work: the configuration expands too much",
            super::budget::MAX_WORK
        );
        self.limit(scope.place(span), message)
    }

    pub fn eval(&mut self, scope: &Scope, expr: &'a Expression) -> Value {
        let span = span_of(expr);
        if !self.budget.spend(1) {
            return self.exhausted(scope, span);
        }
        if self.nesting >= MAX_NESTING {
            let message = format!("expressions are nested deeper than {MAX_NESTING} levels");
            return self.limit(scope.place(span), message);
        }
        self.nesting += 1;
        let value = self.eval_inner(scope, expr, span);
        self.nesting -= 1;
        value
    }

    fn eval_inner(&mut self, scope: &Scope, expr: &'a Expression, span: Span) -> Value {
        match expr {
            Expression::Null(_) => Value::new(Kind::Null, scope.verbatim(span)),
            Expression::Bool(flag) => Value::new(Kind::Bool(*flag.value()), scope.verbatim(span)),
            Expression::Number(number) => {
                Value::new(Kind::Number(super::plain::number_text(number.value())), scope.verbatim(span))
            }
            Expression::String(text) => Value::new(Kind::String(text.value().clone()), scope.verbatim(span)),
            Expression::Array(array) => {
                let items = array.iter().map(|item| self.eval(scope, item)).collect();
                Value::new(Kind::List(items), scope.verbatim(span))
            }
            Expression::Object(object) => {
                let mut members: Vec<Member> = Vec::with_capacity(object.len());
                for (key, value) in object.iter() {
                    let (key, key_origin) = match key {
                        ObjectKey::Ident(ident) => (ident.as_str().to_owned(), scope.verbatim(span_of(ident))),
                        ObjectKey::Expression(expr) => {
                            let key = self.eval(scope, expr);
                            match key_text(&key) {
                                Ok(text) => (text, key.origin),
                                Err(unknown) => return *unknown,
                            }
                        }
                    };
                    let value = self.eval(scope, value.expr());
                    members.retain(|member| member.key != key);
                    members.push(Member { key, key_origin, value });
                }
                Value::new(Kind::Object(members), scope.verbatim(span))
            }
            Expression::Parenthesis(inner) => self.eval(scope, inner.inner()),
            Expression::Variable(name) => self.traversal(scope, name.as_str(), &[], span),
            Expression::Traversal(traversal) => {
                let Expression::Variable(root) = &traversal.expr else {
                    let base = self.eval(scope, &traversal.expr);
                    let steps = self.steps(scope, &traversal.operators);
                    return self.apply(scope, base, &steps, span);
                };
                let steps = self.steps(scope, &traversal.operators);
                self.traversal(scope, root.as_str(), &steps, span)
            }
            Expression::Conditional(conditional) => {
                let condition = self.eval(scope, &conditional.cond_expr);
                match condition.kind {
                    Kind::Bool(true) => self.eval(scope, &conditional.true_expr),
                    Kind::Bool(false) => self.eval(scope, &conditional.false_expr),
                    Kind::Unknown(unknown) => Value::new(Kind::Unknown(unknown), scope.computed(span)),
                    _ => Self::error(scope, span, format!("the condition is a {}, not a bool", condition.type_name())),
                }
            }
            Expression::ForExpr(for_expr) => self.eval_for(scope, for_expr, span),
            Expression::FuncCall(call) => {
                let name = call.name.name.as_str();
                if !call.name.namespace.is_empty() {
                    let what = format!("the provider function {}", super::leaf::call_name(call));
                    return Value::unknown(
                        scope.computed(span),
                        Cause::Unsupported { what: what.clone() },
                        format!("{what} is not evaluated by scimlint"),
                    );
                }
                let args: Vec<&'a Expression> = call.args.iter().collect();
                match self.pass_through(scope, name, &args, call.args.expand_final(), span) {
                    Some(value) => value,
                    None => self.leaf(scope, expr, span),
                }
            }
            Expression::StringTemplate(template) => match template.as_single_element() {
                Some(Element::Interpolation(interpolation)) => self.eval(scope, &interpolation.expr),
                _ if template.iter().all(Element::is_literal) => {
                    let text: String = template.iter().filter_map(Element::as_literal).map(|l| l.as_str()).collect();
                    Value::new(Kind::String(text), scope.verbatim(span))
                }
                _ => self.leaf(scope, expr, span),
            },
            Expression::HeredocTemplate(_) | Expression::UnaryOp(_) | Expression::BinaryOp(_) => {
                self.leaf(scope, expr, span)
            }
        }
    }

    fn steps(&mut self, scope: &Scope, operators: &'a [hcl_edit::Decorated<TraversalOperator>]) -> Vec<Step> {
        operators
            .iter()
            .map(|operator| match operator.value() {
                TraversalOperator::GetAttr(name) => Step::Attr(name.as_str().to_owned()),
                TraversalOperator::Index(index) => Step::Index(self.eval(scope, index)),
                TraversalOperator::LegacyIndex(index) => {
                    Step::Index(Value::new(Kind::Number(index.value().to_string()), scope.verbatim(span_of(index))))
                }
                TraversalOperator::AttrSplat(_) => Step::Splat { full: false },
                TraversalOperator::FullSplat(_) => Step::Splat { full: true },
            })
            .collect()
    }

    fn eval_for(&mut self, scope: &Scope, for_expr: &'a ForExpr, span: Span) -> Value {
        let collection = self.eval(scope, &for_expr.intro.collection_expr);
        let elements = match elements(&collection) {
            Ok(elements) => elements,
            Err(unknown) => return Value::new(Kind::Unknown(unknown), scope.computed(span)),
        };
        let key_var = for_expr.intro.key_var.as_ref().map(|name| name.as_str());
        let value_var = for_expr.intro.value_var.as_str();
        let mut list = Vec::new();
        let mut members: Vec<Member> = Vec::new();
        for (key, value) in elements {
            if self.budget.exhausted {
                return self.exhausted(scope, span);
            }
            let mut inner = scope.with_name(value_var, value);
            if let Some(key_var) = key_var {
                inner = inner.with_name(key_var, key);
            }
            if let Some(condition) = &for_expr.cond {
                match self.eval(&inner, &condition.expr).kind {
                    Kind::Bool(true) => {}
                    Kind::Bool(false) => continue,
                    Kind::Unknown(unknown) => return Value::new(Kind::Unknown(unknown), scope.computed(span)),
                    _ => return Self::error(scope, span, "the `if` of a `for` must be a bool"),
                }
            }
            let Some(key_expr) = &for_expr.key_expr else {
                list.push(self.eval(&inner, &for_expr.value_expr));
                continue;
            };
            let key = self.eval(&inner, key_expr);
            let text = match key_text(&key) {
                Ok(text) => text,
                Err(unknown) => return Value::new(unknown.kind, scope.computed(span)),
            };
            let value = self.eval(&inner, &for_expr.value_expr);
            match members.iter_mut().find(|member| member.key == text) {
                Some(member) if for_expr.grouping => {
                    if let Kind::List(items) = &mut member.value.kind {
                        items.push(value);
                    }
                }
                Some(_) => {
                    return Self::error(
                        scope,
                        span,
                        format!("two elements have the key {text:?}; add `...` to group them"),
                    );
                }
                None if for_expr.grouping => {
                    let group = Value::new(Kind::List(vec![value]), scope.computed(span));
                    members.push(Member { key: text, key_origin: key.origin, value: group });
                }
                None => members.push(Member { key: text, key_origin: key.origin, value }),
            }
        }
        let kind = if for_expr.key_expr.is_some() { Kind::Object(members) } else { Kind::List(list) };
        Value::new(kind, scope.computed(span))
    }
}
