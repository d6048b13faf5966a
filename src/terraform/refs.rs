//! What a name refers to: `var.*`, `local.*`, `each.*`, `count.index`, `path.*`, resources of the
//! same module, `data.*` sources and `module.*` outputs. Locals, resources and outputs are
//! evaluated when first referenced, once; a name met again while it is being evaluated is a cycle.

use std::rc::Rc;

use super::eval::{Evaluator, Scope, Slot, Source, Step};
use super::types::{Diagnostic, DiagnosticKind};
use super::value::{Cause, Kind, Reference, Value};
use crate::source::Span;

impl<'a> Evaluator<'a> {
    pub fn traversal(&mut self, scope: &Scope, root: &str, steps: &[Step], span: Span) -> Value {
        if let Some(bound) = scope.bound(root) {
            let value = self.charge(scope, span, bound.clone());
            return self.apply(scope, value, steps, span);
        }
        if scope.constant {
            let message = format!("a variable value must be a constant: `{root}` cannot be referenced here");
            return Self::error(scope, span, message);
        }
        let first = match steps.first() {
            Some(Step::Attr(name)) => Some(name.as_str()),
            _ => None,
        };
        let rest = steps.get(1..).unwrap_or_default();
        let value = match (root, first) {
            ("var", Some(name)) => match self.instances.get(scope.instance).and_then(|i| i.variables.get(name)) {
                Some(value) => (**value).clone(),
                None => return Self::error(scope, span, format!("var.{name} is not declared in this module")),
            },
            ("local", Some(name)) => self.local(scope.instance, name, scope, span),
            ("each", Some(name @ ("key" | "value"))) => match &scope.each {
                Some(each) => {
                    if name == "key" {
                        each.0.clone()
                    } else {
                        each.1.clone()
                    }
                }
                None => return Self::error(scope, span, "each is only set in a block with for_each"),
            },
            ("count", Some("index")) => match &scope.count {
                Some(index) => (**index).clone(),
                None => return Self::error(scope, span, "count.index is only set in a block with count"),
            },
            ("path", Some(which @ ("module" | "root" | "cwd"))) => {
                let dir = match which {
                    "module" => self.module_dir(scope.instance),
                    _ => ".".to_owned(),
                };
                Value::new(Kind::String(dir), scope.computed(span))
            }
            ("terraform" | "self" | "path", _) => {
                let what = format!("{root}.{}", first.unwrap_or("*"));
                return Value::unknown(
                    scope.computed(span),
                    Cause::Unsupported { what: what.clone() },
                    format!("{what} is not evaluated by scimlint"),
                );
            }
            ("data", Some(kind)) => return self.data_reference(scope, kind, rest, span),
            ("module", Some(call)) => return self.module_reference(scope, call, rest, span),
            (_, Some(name)) if root.contains('_') => return self.resource_reference(scope, root, name, rest, span),
            _ => return Self::error(scope, span, format!("`{root}` is not a name Terraform knows here")),
        };
        let value = self.charge(scope, span, value);
        self.apply(scope, value, rest, span)
    }

    fn module_dir(&self, instance: usize) -> String {
        let dir = self.instances.get(instance).and_then(|i| self.decls.get(i.module)).map_or("", |decls| decls.dir);
        if dir.is_empty() { ".".to_owned() } else { dir.to_owned() }
    }

    pub fn local(&mut self, instance: usize, name: &str, from: &Scope, span: Span) -> Value {
        match self.instances.get(instance).and_then(|i| i.locals.get(name)) {
            Some(Slot::Done(value)) => return (**value).clone(),
            Some(Slot::Busy) => return self.cycle(from, span, &format!("local.{name}")),
            None => {}
        }
        let module = self.instances.get(instance).map_or(0, |i| i.module);
        let Some((file, attribute)) = self.decls.get(module).and_then(|decls| decls.locals.get(name)).copied() else {
            return Self::error(from, span, format!("local.{name} is not declared in this module"));
        };
        self.set_local(instance, name, Slot::Busy);
        self.stack.push(format!("local.{name}"));
        let scope =
            Scope { instance, source: Source::File(file), each: None, count: None, names: None, constant: false };
        let value = self.eval(&scope, &attribute.value);
        self.stack.pop();
        let value = Rc::new(value);
        self.set_local(instance, name, Slot::Done(Rc::clone(&value)));
        (*value).clone()
    }

    fn set_local(&mut self, instance: usize, name: &str, slot: Slot<Rc<Value>>) {
        if let Some(instance) = self.instances.get_mut(instance) {
            instance.locals.insert(name.to_owned(), slot);
        }
    }

    /// `what` was met again while being evaluated: a diagnostic naming the cycle, and an unknown.
    pub fn cycle(&mut self, scope: &Scope, span: Span, what: &str) -> Value {
        let start = self.stack.iter().rposition(|entry| entry == what).unwrap_or(0);
        let mut names: Vec<String> = self.stack.get(start..).unwrap_or_default().to_vec();
        names.push(what.to_owned());
        let message = format!("{} refer to each other, so none of them has a value", names.join(" → "));
        if !self.diagnostics.iter().any(|diagnostic| diagnostic.message == message) {
            self.diagnostics.push(Diagnostic {
                kind: DiagnosticKind::Cycle,
                message: message.clone(),
                place: Some(scope.place(span)),
                related: Vec::new(),
            });
        }
        Value::unknown(scope.computed(span), Cause::Cycle { names }, message)
    }

    fn data_reference(&mut self, scope: &Scope, kind: &str, steps: &[Step], span: Span) -> Value {
        let Some(Step::Attr(name)) = steps.first() else {
            return Self::error(scope, span, format!("data.{kind} must be followed by a name"));
        };
        let module = self.instances.get(scope.instance).map_or(0, |i| i.module);
        let declared = self
            .decls
            .get(module)
            .is_some_and(|decls| decls.data.iter().any(|data| data.kind == kind && data.name == name));
        if !declared {
            return self.undeclared_block(
                scope,
                &format!("data.{kind}.{name}"),
                steps.get(1..).unwrap_or_default(),
                span,
            );
        }
        let prefix = self.instances.get(scope.instance).map_or(String::new(), |i| i.prefix.clone());
        let mut address = format!("{prefix}data.{kind}.{name}");
        let mut rest = steps.get(1..).unwrap_or_default();
        if let Some(Step::Index(index)) = rest.first() {
            match super::steps::key_text(index) {
                Ok(key) => address.push_str(&instance_suffix(index, &key)),
                Err(unknown) => return *unknown,
            }
            rest = rest.get(1..).unwrap_or_default();
        }
        match rest.first() {
            Some(Step::Attr(attribute)) if attribute == "id" => {
                let reference = Value::new(
                    Kind::Reference(Reference { address, attribute: attribute.clone() }),
                    scope.computed(span),
                );
                self.apply(scope, reference, rest.get(1..).unwrap_or_default(), span)
            }
            Some(Step::Attr(attribute)) => {
                let reference = format!("{address}.{attribute}");
                let reason = format!("{reference} is read from Okta when Terraform plans");
                Value::unknown(scope.computed(span), Cause::Computed { reference }, reason)
            }
            _ => Value::unknown(
                scope.computed(span),
                Cause::Computed { reference: address.clone() },
                format!("{address} is read from Okta when Terraform plans"),
            ),
        }
    }

    /// A block the files checked do not declare: a file checked alone is often one file of its
    /// module. Its `id` is still a reference Okta resolves (enough to tell the app); anything
    /// else is unknown. `terraform validate` says whether the module declares it.
    fn undeclared_block(&mut self, scope: &Scope, block: &str, steps: &[Step], span: Span) -> Value {
        let prefix = self.instances.get(scope.instance).map_or(String::new(), |i| i.prefix.clone());
        let address = format!("{prefix}{block}");
        if let Some(Step::Attr(attribute)) = steps.first()
            && attribute == "id"
        {
            let reference =
                Value::new(Kind::Reference(Reference { address, attribute: attribute.clone() }), scope.computed(span));
            return self.apply(scope, reference, steps.get(1..).unwrap_or_default(), span);
        }
        let reason = format!("{block} is not declared in the files checked");
        Value::unknown(scope.computed(span), Cause::Computed { reference: address }, reason)
    }

    fn resource_reference(&mut self, scope: &Scope, kind: &str, name: &str, steps: &[Step], span: Span) -> Value {
        let module = self.instances.get(scope.instance).map_or(0, |i| i.module);
        let declared = self
            .decls
            .get(module)
            .is_some_and(|decls| decls.resources.iter().any(|resource| resource.kind == kind && resource.name == name));
        if !declared {
            return self.undeclared_block(scope, &format!("{kind}.{name}"), steps, span);
        }
        let expanded = self.resource(scope.instance, kind, name, scope, span);
        let mut value = self.charge(scope, span, expanded.value.clone());
        let mut rest = steps;
        let multiple = expanded.instances.first().is_some_and(|(key, ..)| *key != super::types::InstanceKey::Single);
        if multiple && matches!(rest.first(), Some(Step::Index(_))) {
            value = self.apply(scope, value, rest.get(..1).unwrap_or_default(), span);
            rest = rest.get(1..).unwrap_or_default();
        }
        if let (Some(Step::Attr(attribute)), Kind::Object(_)) = (rest.first(), &value.kind)
            && value.get(attribute).is_none()
        {
            let reference = format!("{kind}.{name}.{attribute}");
            let reason = format!("{reference} is not set in the configuration: Okta computes it");
            return Value::unknown(scope.computed(span), Cause::Computed { reference }, reason);
        }
        let mut value = self.apply(scope, value, rest, span);
        // An id Okta assigns is written here, as this reference; a literal stays where it is written.
        if matches!(value.kind, Kind::Reference(_)) {
            value.origin = scope.computed(span);
        }
        value
    }
}

/// `["key"]` or `[0]`, as Terraform writes instance keys in addresses.
pub(super) fn instance_suffix(index: &Value, key: &str) -> String {
    match index.kind {
        Kind::Number(_) => format!("[{key}]"),
        _ => format!("[{key:?}]"),
    }
}
