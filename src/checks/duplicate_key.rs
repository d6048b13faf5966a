//! F004 duplicate-key: one object has the same key twice, and a reader silently keeps only one.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::{Kind, Outcome};
use crate::ruleset::Code;
use crate::source::tree::DuplicateKey;

fn duplicate_key(file: FileId, duplicate: &DuplicateKey) -> Finding {
    Finding::new(Code::F004, file, duplicate.again, format!("`{}` appears twice in the same object", duplicate.key))
        .label("defined again here")
        .related(file, duplicate.first, "first defined here")
        .help(
            "readers keep only one of the two (Okta and most JSON tools keep the last); delete the one you do not mean",
        )
}

pub fn check(ctx: &mut Ctx<'_>) {
    for document in ctx.documents {
        let Outcome::Recognized { kind, duplicates, .. } = &document.outcome else { continue };
        // Terraform repeats blocks (`mappings { … }`) by design; hcl-edit rejects repeated attributes.
        if *kind == Kind::Terraform {
            continue;
        }
        for duplicate in duplicates {
            ctx.report(duplicate_key(document.file, duplicate));
        }
    }
}
