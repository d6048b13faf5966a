//! V502 team-variants: `locality`/`region` values that Haiilo would make into separate teams
//! though they mean one. Haiilo compares team names case-insensitively, so `Berlin` and
//! `BERLIN` are one team; spacing, punctuation, diacritics and one edit (in values of five or
//! more characters) split teams: `New York`/`New-York`, `Zürich`/`Zurich`, `Muenchen`/`Munchen`.

use std::collections::HashMap;

use super::shape::fold;

/// Edits of one character make variants only in values at least this long: `Kiel`/`Kiev` are
/// different cities.
const MIN_EDIT_LENGTH: usize = 5;

/// One Haiilo team: the spellings (differing in case only) that land in it, with user counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Team {
    /// Most users first.
    pub spellings: Vec<(String, u64)>,
    pub users: u64,
}

/// Teams that mean one, most users first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantGroup {
    pub teams: Vec<Team>,
}

/// Groups of teams among `values` (each distinct value with its number of users).
/// `case_blind`: the target compares team names ignoring letter case (Haiilo does), so values
/// that differ only in case are one team; otherwise case alone makes variants.
pub fn team_variants<'v>(values: impl IntoIterator<Item = (&'v str, u64)>, case_blind: bool) -> Vec<VariantGroup> {
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut teams: Vec<(String, Team)> = Vec::new();
    for (value, users) in values {
        let name = if case_blind { value.to_lowercase() } else { value.to_owned() };
        let index = *by_name.entry(name.clone()).or_insert_with(|| {
            teams.push((name, Team { spellings: Vec::new(), users: 0 }));
            teams.len() - 1
        });
        if let Some((_, team)) = teams.get_mut(index) {
            team.spellings.push((value.to_owned(), users));
            team.users += users;
        }
    }
    let mut sets = Sets::new(teams.len());
    let mut by_fold: HashMap<String, usize> = HashMap::new();
    for (index, (name, _)) in teams.iter().enumerate() {
        let folded = fold(name);
        if folded.is_empty() {
            continue;
        }
        match by_fold.get(&folded) {
            Some(&first) => sets.join(first, index),
            None => {
                by_fold.insert(folded, index);
            }
        }
    }
    join_one_edit_apart(&teams, &mut sets);
    let mut groups: HashMap<usize, Vec<Team>> = HashMap::new();
    for (index, (_, team)) in teams.into_iter().enumerate() {
        groups.entry(sets.root(index)).or_default().push(team);
    }
    let mut groups: Vec<VariantGroup> = groups
        .into_values()
        .filter(|teams| teams.len() > 1)
        .map(|mut teams| {
            for team in &mut teams {
                team.spellings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            }
            teams.sort_by(|a, b| b.users.cmp(&a.users).then(a.spellings.cmp(&b.spellings)));
            VariantGroup { teams }
        })
        .collect();
    groups.sort_by(|a, b| {
        let users = |group: &VariantGroup| group.teams.iter().map(|team| team.users).sum::<u64>();
        users(b).cmp(&users(a)).then(a.teams.cmp(&b.teams))
    });
    groups
}

impl PartialOrd for Team {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Team {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.spellings.cmp(&other.spellings)
    }
}

/// Joins teams whose names are one insertion, deletion or substitution apart. Candidates come
/// from an index of each name and its one-character deletions (two names one edit apart share
/// an entry), so the work grows with the number of teams, not its square.
fn join_one_edit_apart(teams: &[(String, Team)], sets: &mut Sets) {
    let names: Vec<Vec<char>> = teams.iter().map(|(name, _)| name.chars().collect()).collect();
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for (team, chars) in names.iter().enumerate() {
        if chars.len() < MIN_EDIT_LENGTH {
            continue;
        }
        index.entry(chars.iter().collect()).or_default().push(team);
        for skip in 0..chars.len() {
            let deleted: String = chars.iter().enumerate().filter(|(at, _)| *at != skip).map(|(_, c)| c).collect();
            index.entry(deleted).or_default().push(team);
        }
    }
    for candidates in index.values().filter(|candidates| candidates.len() > 1) {
        for (position, &a) in candidates.iter().enumerate() {
            for &b in candidates.iter().skip(position + 1) {
                if a != b
                    && let (Some(left), Some(right)) = (names.get(a), names.get(b))
                    && one_edit_apart(left, right)
                {
                    sets.join(a, b);
                }
            }
        }
    }
}

fn one_edit_apart(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 || short.len() < MIN_EDIT_LENGTH {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    let suffix = short.iter().rev().zip(long.iter().rev()).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        prefix + suffix + 1 >= short.len() && prefix < short.len()
    } else {
        prefix + suffix >= short.len()
    }
}

/// Union-find over team indices.
struct Sets(Vec<usize>);

impl Sets {
    fn new(count: usize) -> Self {
        Self((0..count).collect())
    }

    fn root(&mut self, mut index: usize) -> usize {
        while let Some(&parent) = self.0.get(index) {
            if parent == index {
                break;
            }
            let grandparent = self.0.get(parent).copied().unwrap_or(parent);
            if let Some(slot) = self.0.get_mut(index) {
                *slot = grandparent;
            }
            index = parent;
        }
        index
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if let Some(slot) = self.0.get_mut(a.max(b)) {
            *slot = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(group: &VariantGroup) -> Vec<Vec<(&str, u64)>> {
        group
            .teams
            .iter()
            .map(|team| team.spellings.iter().map(|(text, count)| (text.as_str(), *count)).collect())
            .collect()
    }

    #[test]
    fn case_alone_does_not_split_a_team() {
        assert!(team_variants([("Berlin", 10), ("BERLIN", 2), ("berlin", 1)], true).is_empty());
        assert_eq!(team_variants([("Berlin", 10), ("BERLIN", 2)], false).len(), 1, "unless the target says so");
    }

    #[test]
    fn spacing_punctuation_and_diacritics_split_teams() {
        let groups =
            team_variants([("New York", 40), ("New-York", 3), ("new york", 2), ("Zürich", 9), ("Zurich", 1)], true);
        assert_eq!(groups.len(), 2);
        assert_eq!(names(&groups[0]), vec![vec![("New York", 40), ("new york", 2)], vec![("New-York", 3)]]);
        assert_eq!(names(&groups[1]), vec![vec![("Zürich", 9)], vec![("Zurich", 1)]]);
        assert_eq!(groups[0].teams[0].users, 42);
    }

    #[test]
    fn one_edit_splits_teams_of_five_characters_or_more() {
        let groups = team_variants([("Hamburg", 5), ("Hamburgg", 1), ("Hambrug", 1), ("Kiel", 3), ("Kiev", 1)], true);
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert_eq!(
            names(&groups[0]),
            vec![vec![("Hamburg", 5)], vec![("Hamburgg", 1)]],
            "a transposition is two edits"
        );
    }

    #[test]
    fn one_edit_apart_counts_substitutions_insertions_and_deletions() {
        let chars = |text: &str| text.chars().collect::<Vec<_>>();
        assert!(one_edit_apart(&chars("munich"), &chars("munech")));
        assert!(one_edit_apart(&chars("munich"), &chars("munichs")));
        assert!(one_edit_apart(&chars("munich"), &chars("unich")));
        assert!(!one_edit_apart(&chars("munich"), &chars("munich")));
        assert!(!one_edit_apart(&chars("munich"), &chars("mnuich")));
    }
}
