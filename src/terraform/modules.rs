//! Module calls: local modules are instantiated with their arguments evaluated in the caller's
//! scope; remote ones are unknown. Also the walk that instantiates every module and collects
//! every resource instance.

use std::rc::Rc;

use super::blocks::{Repetition, header_span};
use super::budget::MAX_MODULE_DEPTH;
use super::eval::{Children, Evaluator, Instance, Scope, Slot, Source, Step};
use super::files::{CallTarget, span_of};
use super::types::{Diagnostic, DiagnosticKind, InstanceKey, Resource, ResourceSource};
use super::value::{Cause, Kind, Location, Member, Unknown, Value};
use crate::source::Span;

const META_ARGUMENTS: [&str; 6] = ["source", "version", "count", "for_each", "providers", "depends_on"];

impl<'a> Evaluator<'a> {
    pub fn children(&mut self, instance: usize, call: &str, from: &Scope, span: Span) -> Rc<Children> {
        match self.instances.get(instance).and_then(|i| i.children.get(call)) {
            Some(Slot::Done(children)) => return Rc::clone(children),
            Some(Slot::Busy) => {
                let value = self.cycle(from, span, &format!("module.{call}"));
                let unknown = value.as_unknown().cloned();
                return Rc::new(Children { instances: Vec::new(), unknown });
            }
            None => {}
        }
        let set = |this: &mut Self, slot| {
            if let Some(state) = this.instances.get_mut(instance) {
                state.children.insert(call.to_owned(), slot);
            }
        };
        set(self, Slot::Busy);
        self.stack.push(format!("module.{call}"));
        let children = Rc::new(self.instantiate(instance, call, from, span));
        self.stack.pop();
        set(self, Slot::Done(Rc::clone(&children)));
        children
    }

    fn instantiate(&mut self, parent: usize, call: &str, from: &Scope, span: Span) -> Children {
        let unknown =
            |cause, reason: String| Children { instances: Vec::new(), unknown: Some(Unknown { reason, cause }) };
        let (module, depth, prefix, calls) = match self.instances.get(parent) {
            Some(state) => (state.module, state.depth, state.prefix.clone(), state.calls.clone()),
            None => return unknown(Cause::Error, "no such module instance".into()),
        };
        let Some((file, block)) = self.decls.get(module).and_then(|decls| {
            decls.calls.iter().find(|(_, name, _)| *name == call).map(|(file, _, block)| (*file, *block))
        }) else {
            let _ = (from, span);
            return unknown(Cause::Error, format!("module.{call} is not declared in this module"));
        };
        let header = Location { file, span: header_span(block) };
        let target = self.targets.get(module).and_then(|targets| targets.get(call)).cloned();
        let child_module = match target {
            Some(CallTarget::Local(child)) => child,
            Some(CallTarget::Remote(source)) => {
                let reason = format!("module.{call} comes from {source:?}, a remote module scimlint does not read");
                self.module_diagnostic(block, header, &reason);
                return unknown(Cause::RemoteModule { source }, reason);
            }
            Some(CallTarget::NotRead { source, reason }) => {
                let reason = format!("module.{call} ({source:?}) could not be read: {reason}");
                self.module_diagnostic(block, header, &reason);
                return unknown(Cause::ModuleNotRead { source }, reason);
            }
            Some(CallTarget::NoSource) | None => {
                let reason = format!("module.{call} has no literal source");
                self.module_diagnostic(block, header, &reason);
                return unknown(Cause::Error, reason);
            }
        };
        if depth + 1 > MAX_MODULE_DEPTH {
            let message = format!("modules are nested deeper than {MAX_MODULE_DEPTH} levels");
            let value = self.limit(super::value::Place::File(header), message.clone());
            return Children { instances: Vec::new(), unknown: value.as_unknown().cloned() };
        }
        let scope = Scope {
            instance: parent,
            source: Source::File(file),
            each: None,
            count: None,
            names: None,
            constant: false,
        };
        let mut calls = calls;
        calls.push(header);
        let (instances, unknown) = match self.repetition(&scope, &block.body, header) {
            Repetition::Single(inner) => (vec![(InstanceKey::Single, inner)], None),
            Repetition::Many(many) => (many, None),
            Repetition::Unknown(unknown, inner) => {
                (vec![(InstanceKey::Unknown(unknown.clone()), inner)], Some(unknown))
            }
        };
        let mut created = Vec::with_capacity(instances.len());
        for (key, inner) in instances {
            let suffix = match &key {
                InstanceKey::Single => String::new(),
                InstanceKey::Index(index) => format!("[{index}]"),
                InstanceKey::Key(text) => format!("[{text:?}]"),
                InstanceKey::Unknown(_) => "[*]".to_owned(),
            };
            let child = self.instances.len();
            let mut state =
                Instance::new(child_module, format!("{prefix}module.{call}{suffix}."), calls.clone(), depth + 1);
            state.unknown_instances = match &key {
                InstanceKey::Unknown(unknown) => Some(unknown.clone()),
                _ => self.instances.get(parent).and_then(|p| p.unknown_instances.clone()),
            };
            self.instances.push(state);
            let variables = self.module_inputs(child_module, call, block, &inner, header, key != InstanceKey::Single);
            if let Some(state) = self.instances.get_mut(child) {
                state.variables = variables;
            }
            created.push((key, child));
        }
        Children { instances: created, unknown }
    }

    fn module_diagnostic(&mut self, block: &hcl_edit::structure::Block, header: Location, reason: &str) {
        let span = block.body.get_attribute("source").map_or(header.span, |source| span_of(&source.value));
        self.diagnostics.push(Diagnostic {
            kind: DiagnosticKind::Module,
            message: reason.to_owned(),
            place: Some(super::value::Place::File(Location { file: header.file, span })),
            related: Vec::new(),
        });
    }

    fn module_inputs(
        &mut self,
        child_module: usize,
        call: &str,
        block: &'a hcl_edit::structure::Block,
        scope: &Scope,
        header: Location,
        repeated: bool,
    ) -> std::collections::HashMap<String, Rc<Value>> {
        let declared: Vec<(usize, &'a str, &'a hcl_edit::structure::Block)> =
            self.decls.get(child_module).map(|decls| decls.variables.clone()).unwrap_or_default();
        for attribute in block.body.attributes() {
            let key = attribute.key.as_str();
            if !META_ARGUMENTS.contains(&key) && !declared.iter().any(|(_, name, _)| *name == key) {
                self.diagnostics.push(Diagnostic {
                    kind: DiagnosticKind::Variable,
                    message: format!("module.{call} declares no variable {key:?}; Terraform refuses this argument"),
                    place: Some(scope.place(span_of(&attribute.key))),
                    related: vec![header],
                });
            }
        }
        let mut variables = std::collections::HashMap::new();
        for (file, name, variable) in declared {
            let value = match block.body.get_attribute(name) {
                Some(argument) => {
                    let mut value = self.eval(scope, &argument.value);
                    if repeated {
                        value.set_via(header);
                    }
                    Some(value)
                }
                None => None,
            };
            let reason = format!("var.{name} of module.{call} is not set by the module call and has no default");
            let value = self.variable_value(file, name, variable, value, reason);
            variables.insert(name.to_owned(), Rc::new(value));
        }
        variables
    }

    pub fn module_reference(&mut self, scope: &Scope, call: &str, steps: &[Step], span: Span) -> Value {
        let children = self.children(scope.instance, call, scope, span);
        if let Some(unknown) = &children.unknown {
            return Value::new(Kind::Unknown(unknown.clone()), scope.computed(span));
        }
        let mut rest = steps;
        let child = match (children.instances.as_slice(), rest.first()) {
            ([(InstanceKey::Single, child)], _) => *child,
            (many, Some(Step::Index(index))) => {
                let key = super::steps::key_text(index).ok();
                let found = many.iter().find(|(instance_key, _)| match instance_key {
                    InstanceKey::Index(position) => key.as_deref() == Some(position.to_string().as_str()),
                    InstanceKey::Key(text) => key.as_deref() == Some(text.as_str()),
                    _ => false,
                });
                rest = rest.get(1..).unwrap_or_default();
                match found {
                    Some((_, child)) => *child,
                    None => return Self::error(scope, span, format!("module.{call} has no such instance")),
                }
            }
            _ => return Self::error(scope, span, format!("module.{call} has instances: index it first")),
        };
        match rest.first() {
            Some(Step::Attr(output)) => {
                let value = self.output(child, output, scope, span);
                self.apply(scope, value, rest.get(1..).unwrap_or_default(), span)
            }
            _ => {
                let module = self.instances.get(child).map_or(0, |i| i.module);
                let names: Vec<&'a str> =
                    self.decls.get(module).map(|d| d.outputs.keys().copied().collect()).unwrap_or_default();
                let members = names
                    .into_iter()
                    .map(|name| Member {
                        key: name.to_owned(),
                        key_origin: scope.computed(span),
                        value: self.output(child, name, scope, span),
                    })
                    .collect();
                let value = Value::new(Kind::Object(members), scope.computed(span));
                self.apply(scope, value, rest, span)
            }
        }
    }

    fn output(&mut self, instance: usize, name: &str, from: &Scope, span: Span) -> Value {
        match self.instances.get(instance).and_then(|i| i.outputs.get(name)) {
            Some(Slot::Done(value)) => return (**value).clone(),
            Some(Slot::Busy) => return self.cycle(from, span, &format!("output.{name}")),
            None => {}
        }
        let module = self.instances.get(instance).map_or(0, |i| i.module);
        let Some((file, block)) = self.decls.get(module).and_then(|decls| decls.outputs.get(name)).copied() else {
            return Self::error(from, span, format!("the module has no output {name:?}"));
        };
        let Some(expr) = block.body.get_attribute("value").map(|attribute| &attribute.value) else {
            return Self::error(from, span, format!("output {name:?} has no value"));
        };
        let set = |this: &mut Self, slot| {
            if let Some(state) = this.instances.get_mut(instance) {
                state.outputs.insert(name.to_owned(), slot);
            }
        };
        set(self, Slot::Busy);
        self.stack.push(format!("output.{name}"));
        let scope =
            Scope { instance, source: Source::File(file), each: None, count: None, names: None, constant: false };
        let value = Rc::new(self.eval(&scope, expr));
        self.stack.pop();
        set(self, Slot::Done(Rc::clone(&value)));
        (*value).clone()
    }

    /// Instantiates every module call (depth first, as declared) and returns every resource.
    pub fn all_resources(&mut self) -> Vec<Resource> {
        let mut at = 0;
        while at < self.instances.len() {
            let module = self.instances.get(at).map_or(0, |i| i.module);
            let calls: Vec<(usize, &'a str)> = self
                .decls
                .get(module)
                .map(|d| d.calls.iter().map(|(file, name, _)| (*file, *name)).collect())
                .unwrap_or_default();
            for (file, call) in calls {
                let scope = Scope {
                    instance: at,
                    source: Source::File(file),
                    each: None,
                    count: None,
                    names: None,
                    constant: false,
                };
                self.children(at, call, &scope, Span::empty(0));
            }
            at += 1;
        }
        let mut resources = Vec::new();
        for instance in 0..self.instances.len() {
            let Some(state) = self.instances.get(instance) else { continue };
            let (module, prefix, calls, outer_unknown) =
                (state.module, state.prefix.clone(), state.calls.clone(), state.unknown_instances.clone());
            let declared: Vec<(usize, &'a str, &'a str, &'a hcl_edit::structure::Block)> = self
                .decls
                .get(module)
                .map(|d| d.resources.iter().map(|r| (r.file, r.kind, r.name, r.block)).collect())
                .unwrap_or_default();
            for (file, kind, name, block) in declared {
                let scope = Scope {
                    instance,
                    source: Source::File(file),
                    each: None,
                    count: None,
                    names: None,
                    constant: false,
                };
                let expanded = self.resource(instance, kind, name, &scope, header_span(block));
                for (key, values, _) in &expanded.instances {
                    let suffix = match key {
                        InstanceKey::Index(index) => format!("[{index}]"),
                        InstanceKey::Key(text) => format!("[{text:?}]"),
                        _ => String::new(),
                    };
                    let key = match (key, &outer_unknown) {
                        (InstanceKey::Single, Some(unknown)) => InstanceKey::Unknown(unknown.clone()),
                        _ => key.clone(),
                    };
                    resources.push(Resource {
                        kind: kind.to_owned(),
                        name: name.to_owned(),
                        address: format!("{prefix}{kind}.{name}{suffix}"),
                        module: prefix.trim_end_matches('.').to_owned(),
                        key,
                        file,
                        labels: labels_span(block),
                        block: span_of(block),
                        values: values.clone(),
                        module_calls: calls.clone(),
                        source: ResourceSource::Configuration,
                    });
                }
            }
        }
        resources
    }
}

fn labels_span(block: &hcl_edit::structure::Block) -> Span {
    match (block.labels.first(), block.labels.last()) {
        (Some(first), Some(last)) => Span::new(span_of(first).start, span_of(last).end),
        _ => span_of(&block.ident),
    }
}
