//! From a recognised document's tree to the [`crate::model::Setup`] the rules check.

mod manifest;
mod okta_mapping;

use crate::document::Kind;
use crate::finding::FileId;
use crate::model::Setup;
use crate::tree::Node;

/// Adds what `root` (of kind `kind`, in `file`) says about the setup.
pub fn read_into(setup: &mut Setup, file: FileId, text: &str, root: &Node, kind: Kind) {
    match kind {
        Kind::ProfileMapping | Kind::UpdateBody => {
            setup.mappings.extend(okta_mapping::read(file, text, root, "", kind));
        }
        Kind::MappingArray => {
            for (index, item) in root.items().unwrap_or_default().iter().enumerate() {
                setup.mappings.extend(okta_mapping::read(file, text, item, &format!("/{index}"), Kind::ProfileMapping));
            }
        }
        Kind::Manifest => manifest::read(setup, file, text, root),
        Kind::MappingList => {}
    }
}
