//! The directory a run's paths are relative to in machine output: the root of the git work tree
//! the run happens in (what GitHub code scanning and GitLab resolve paths against), else the
//! working directory. SARIF names it `%SRCROOT%`, and fingerprints use paths relative to it, so
//! that `scimlint check okta/` at the root and `scimlint check .` inside `okta/` agree.

use std::path::{Component, Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRoot {
    /// Absolute.
    dir: PathBuf,
    /// The working directory (absolute), which relative input names start from.
    cwd: PathBuf,
}

impl SourceRoot {
    /// `dir` and `cwd` must be absolute; names are resolved lexically (no file is touched).
    #[must_use]
    pub fn new(dir: PathBuf, cwd: PathBuf) -> Self {
        Self { dir, cwd }
    }

    /// The git work tree around the working directory (a `.git` folder or file in it or above
    /// it), else the working directory; `None` when there is no working directory.
    #[must_use]
    pub fn discover() -> Option<Self> {
        let cwd = std::env::current_dir().ok()?;
        let dir = cwd.ancestors().find(|dir| dir.join(".git").exists()).unwrap_or(&cwd).to_path_buf();
        Some(Self::new(dir, cwd))
    }

    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `name` (an input name: relative to the working directory, or absolute) relative to the
    /// root, `/`-separated; `None` for a name outside the root, or no path (`<stdin>`).
    #[must_use]
    pub fn relative(&self, name: &str) -> Option<String> {
        if name.starts_with('<') || name.is_empty() {
            return None;
        }
        let path = Path::new(name);
        let full = if path.is_absolute() { normalise(path)? } else { normalise(&self.cwd.join(path))? };
        let relative = full.strip_prefix(normalise(&self.dir)?).ok()?;
        let parts: Vec<String> =
            relative.components().map(|part| part.as_os_str().to_string_lossy().into_owned()).collect();
        (!parts.is_empty()).then(|| parts.join("/"))
    }
}

/// `path` with `.` and `..` resolved lexically; `None` when `..` climbs above the root.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::SourceRoot;

    #[test]
    fn names_become_relative_to_the_root_from_wherever_the_run_is() {
        let root = SourceRoot::new("/repo".into(), "/repo/okta".into());
        assert_eq!(root.relative("haiilo.json").as_deref(), Some("okta/haiilo.json"));
        assert_eq!(root.relative("./a/../b.json").as_deref(), Some("okta/b.json"));
        assert_eq!(root.relative("../infra/x.tf").as_deref(), Some("infra/x.tf"));
        assert_eq!(root.relative("/repo/okta/x.json").as_deref(), Some("okta/x.json"));
        assert_eq!(root.relative("/elsewhere/x.json"), None);
        assert_eq!(root.relative("../../x.json"), None);
        assert_eq!(root.relative("<stdin>"), None);
        assert_eq!(SourceRoot::new("/repo".into(), "/repo".into()).relative("/repo"), None);
    }
}
