//! Input variables: values from `.tfvars` files and `--var` flags in Terraform's precedence, the
//! declared `default`, and conversion to the declared `type` (with `optional()` attributes).

use std::collections::HashMap;
use std::rc::Rc;

use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::Block;

use super::blocks::header_span;
use super::eval::{Evaluator, Scope, Source};
use super::files::{VarSource, span_of};
use super::plain::parse_number;
use super::types::{Diagnostic, DiagnosticKind};
use super::value::{Cause, Kind, Location, Member, Origin, Place, Value, set_elements};
use crate::source::Span;
use crate::source::tree::{Node, Value as Tree};

fn constant(source: Source) -> Scope {
    Scope { instance: 0, source, each: None, count: None, names: None, constant: true }
}

impl<'a> Evaluator<'a> {
    /// The root module's variables: later sources override earlier ones, then the default.
    pub fn root_variables(&mut self, sources: &'a [VarSource]) -> HashMap<String, Rc<Value>> {
        let declared: Vec<(usize, &'a str, &'a Block)> =
            self.decls.first().map(|d| d.variables.clone()).unwrap_or_default();
        let is_declared = |name: &str| declared.iter().any(|(_, declared, _)| *declared == name);
        let mut assigned: HashMap<String, Value> = HashMap::new();
        for source in sources {
            match source {
                VarSource::Hcl { id, body } => {
                    for attribute in body.attributes() {
                        let name = attribute.key.as_str();
                        if !is_declared(name) {
                            self.undeclared(Place::File(Location { file: *id, span: span_of(&attribute.key) }), name);
                            continue;
                        }
                        let value = self.eval(&constant(Source::File(*id)), &attribute.value);
                        assigned.insert(name.to_owned(), value);
                    }
                }
                VarSource::Json { id, root } => {
                    for member in root.members().unwrap_or_default() {
                        if !is_declared(&member.key) {
                            self.undeclared(Place::File(Location { file: *id, span: member.key_span }), &member.key);
                            continue;
                        }
                        assigned.insert(member.key.clone(), json_value(*id, &member.value));
                    }
                }
                VarSource::Flag { index, name, value, parsed } => {
                    let whole = Span::new(0, value.len());
                    let Some((_, _, block)) = declared.iter().find(|(_, declared, _)| declared == name) else {
                        self.undeclared(Place::CommandLine { index: *index, span: whole }, name);
                        continue;
                    };
                    let scope = constant(Source::CommandLine(*index));
                    let value = match parsed.as_ref().filter(|_| is_complex(block)) {
                        Some(expr) => self.eval(&scope, expr),
                        None => Value::new(Kind::String(value.clone()), scope.verbatim(whole)),
                    };
                    assigned.insert(name.clone(), value);
                }
            }
        }
        let mut variables = HashMap::new();
        for (file, name, block) in declared {
            let reason = format!("var.{name} has no default and no value from a .tfvars file or --var");
            let value = self.variable_value(file, name, block, assigned.remove(name), reason);
            variables.insert(name.to_owned(), Rc::new(value));
        }
        variables
    }

    fn undeclared(&mut self, place: Place, name: &str) {
        self.diagnostics.push(Diagnostic {
            kind: DiagnosticKind::Variable,
            message: format!("a value is given for var.{name}, which the root module does not declare"),
            place: Some(place),
            related: Vec::new(),
        });
    }

    /// The value given (or the default, or unknown), converted to the declared type.
    pub fn variable_value(
        &mut self,
        file: usize,
        name: &str,
        block: &'a Block,
        given: Option<Value>,
        reason: String,
    ) -> Value {
        let scope = constant(Source::File(file));
        let value = match given {
            Some(value) => value,
            None => match block.body.get_attribute("default") {
                Some(default) => self.eval(&scope, &default.value),
                None => {
                    let origin = scope.computed(header_span(block));
                    return Value::unknown(origin, Cause::NoValue { variable: format!("var.{name}") }, reason);
                }
            },
        };
        match block.body.get_attribute("type") {
            Some(declared) => self.conform(&scope, value, &declared.value, 0),
            None => value,
        }
    }

    /// Terraform's conversion of a value to a type constraint: primitives convert, object types
    /// drop attributes they do not declare and fill `optional()` ones with their default or null.
    fn conform(&mut self, scope: &Scope, value: Value, ty: &'a Expression, depth: usize) -> Value {
        if matches!(value.kind, Kind::Unknown(_) | Kind::Reference(_) | Kind::Null)
            || depth > super::budget::MAX_NESTING
        {
            return value;
        }
        let mismatch = |value: &Value, wanted: &str| {
            Value::unknown(
                value.origin.clone(),
                Cause::Error,
                format!("a {} is given where the variable's type wants {wanted}", value.type_name()),
            )
        };
        match ty {
            Expression::Variable(name) => match (name.as_str(), &value.kind) {
                ("string", Kind::String(_)) | ("number", Kind::Number(_)) | ("bool", Kind::Bool(_)) | ("any", _) => {
                    value
                }
                ("string", Kind::Number(text)) => Value::new(Kind::String(text.clone()), value.origin.clone()),
                ("string", Kind::Bool(flag)) => Value::new(Kind::String(flag.to_string()), value.origin.clone()),
                ("number", Kind::String(text)) if parse_number(text).is_some() => {
                    Value::new(Kind::Number(text.trim().to_owned()), value.origin.clone())
                }
                ("bool", Kind::String(text)) if text == "true" || text == "false" => {
                    Value::new(Kind::Bool(text == "true"), value.origin.clone())
                }
                ("string" | "number" | "bool", _) => mismatch(&value, name.as_str()),
                _ => value,
            },
            Expression::FuncCall(call) => {
                let argument = call.args.iter().next();
                match (call.name.name.as_str(), argument) {
                    ("list" | "set", Some(element)) => {
                        let set = call.name.name.as_str() == "set";
                        let Some(items) = value.items() else { return mismatch(&value, call.name.name.as_str()) };
                        let mut items: Vec<Value> =
                            items.iter().map(|item| self.conform(scope, item.clone(), element, depth + 1)).collect();
                        if set {
                            items = set_elements(items);
                        }
                        Value::new(if set { Kind::Set(items) } else { Kind::List(items) }, value.origin)
                    }
                    ("map", Some(element)) => {
                        let Some(members) = value.members() else { return mismatch(&value, "a map") };
                        let members = members
                            .iter()
                            .map(|member| Member {
                                value: self.conform(scope, member.value.clone(), element, depth + 1),
                                ..member.clone()
                            })
                            .collect();
                        Value::new(Kind::Object(members), value.origin)
                    }
                    ("object", Some(Expression::Object(attributes))) => {
                        self.conform_object(scope, value, attributes, depth)
                    }
                    ("optional", Some(inner)) => self.conform(scope, value, inner, depth + 1),
                    ("tuple", Some(Expression::Array(types))) => {
                        let Some(items) = value.items() else { return mismatch(&value, "a tuple") };
                        let items = items
                            .iter()
                            .zip(types.iter())
                            .map(|(item, ty)| self.conform(scope, item.clone(), ty, depth + 1))
                            .collect();
                        Value::new(Kind::List(items), value.origin)
                    }
                    _ => value,
                }
            }
            _ => value,
        }
    }

    fn conform_object(
        &mut self,
        scope: &Scope,
        value: Value,
        attributes: &'a hcl_edit::expr::Object,
        depth: usize,
    ) -> Value {
        let Some(given) = value.members() else {
            return Value::unknown(
                value.origin.clone(),
                Cause::Error,
                format!("a {} is given where the variable's type wants an object", value.type_name()),
            );
        };
        let mut members = Vec::new();
        for (key, ty) in attributes.iter() {
            let name = match key {
                ObjectKey::Ident(ident) => ident.as_str().to_owned(),
                ObjectKey::Expression(Expression::String(text)) => text.value().clone(),
                ObjectKey::Expression(_) => continue,
            };
            let ty = ty.expr();
            let optional = match ty {
                Expression::FuncCall(call) if call.name.name.as_str() == "optional" => Some(call),
                _ => None,
            };
            let member = match (given.iter().rev().find(|member| member.key == name), optional) {
                (Some(member), _) => {
                    Member { value: self.conform(scope, member.value.clone(), ty, depth + 1), ..member.clone() }
                }
                (None, Some(call)) => {
                    let origin = Origin::computed(value.origin.place);
                    let default = match (call.args.iter().next(), call.args.iter().nth(1)) {
                        (Some(inner), Some(default)) => {
                            let default = self.eval(scope, default);
                            self.conform(scope, default, inner, depth + 1)
                        }
                        _ => Value::new(Kind::Null, origin.clone()),
                    };
                    Member { key: name, key_origin: origin, value: default }
                }
                (None, None) => {
                    let reason = format!("the object has no attribute {name:?}, which the variable's type requires");
                    return Value::unknown(value.origin.clone(), Cause::Error, reason);
                }
            };
            members.push(member);
        }
        Value::new(Kind::Object(members), value.origin)
    }
}

/// Terraform parses `--var` values as HCL only for variables of a collection or object type.
fn is_complex(block: &Block) -> bool {
    match block.body.get_attribute("type").map(|attribute| &attribute.value) {
        Some(Expression::Variable(name)) => !matches!(name.as_str(), "string" | "number" | "bool" | "any"),
        Some(_) => true,
        None => false,
    }
}

/// A `.tfvars.json` value: JSON literals are verbatim at their JSON spans.
pub(super) fn json_value(file: usize, node: &Node) -> Value {
    let origin = Origin::verbatim(Place::File(Location { file, span: node.span }));
    let kind = match &node.value {
        Tree::Null => Kind::Null,
        Tree::Bool(flag) => Kind::Bool(*flag),
        Tree::Number(text) => Kind::Number(text.clone()),
        Tree::String(text) | Tree::Reference(text) => Kind::String(text.clone()),
        Tree::Array(items) => Kind::List(items.iter().map(|item| json_value(file, item)).collect()),
        Tree::Object(members) => Kind::Object(
            members
                .iter()
                .map(|member| Member {
                    key: member.key.clone(),
                    key_origin: Origin::verbatim(Place::File(Location { file, span: member.key_span })),
                    value: json_value(file, &member.value),
                })
                .collect(),
        ),
    };
    Value::new(kind, origin)
}
