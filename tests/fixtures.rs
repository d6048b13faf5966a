//! Every rule against its fixtures: fail files trigger it (snapshot of what the user sees), pass
//! files do not, and fixes turn fail files into their `.fixed` twin.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use scimlint::Code;

#[test]
fn fail_fixtures_trigger_their_rule_and_render_as_snapshotted() {
    for code in Code::ALL {
        let (fail, _) = common::fixtures(code.as_str());
        for path in fail {
            let report = common::lint_file(&path);
            assert!(
                report.findings.iter().any(|finding| finding.code == *code),
                "{} should trigger {code}; got {:?}",
                path.display(),
                report.findings.iter().map(|f| f.code).collect::<Vec<_>>()
            );
            let name = format!("{code}__{}", common::file_name(&path));
            insta::with_settings!({ snapshot_path => "snapshots/rules", prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!(name, common::human(&report));
            });
        }
    }
}

#[test]
fn pass_fixtures_do_not_trigger_their_rule() {
    for code in Code::ALL {
        let (_, pass) = common::fixtures(code.as_str());
        for path in pass {
            let report = common::lint_file(&path);
            let hits: Vec<_> = report.findings.iter().filter(|finding| finding.code == *code).collect();
            assert!(hits.is_empty(), "{} should not trigger {code}:\n{}", path.display(), common::human(&report));
        }
    }
}

#[test]
fn fixes_give_the_fixed_fixture_reparse_and_converge() {
    for code in Code::ALL {
        let (fail, _) = common::fixtures(code.as_str());
        for path in fail {
            let expected_path = common::fixed_path(&path);
            let Ok(expected) = std::fs::read_to_string(&expected_path) else { continue };
            let text = std::fs::read_to_string(&path).unwrap();
            let name = common::file_name(&path);
            let report = common::lint_bytes(&name, text.clone().into_bytes());
            let own: Vec<_> = report.findings.iter().filter(|finding| finding.code == *code).collect();
            let (fixed, _) = scimlint::finding::apply(&text, 0, own, true);
            assert_eq!(fixed, expected, "fixing {code} in {}", path.display());

            let again = common::lint_bytes(&name, fixed.clone().into_bytes());
            assert!(
                !again.findings.iter().any(|f| f.code == Code::F001),
                "{} no longer parses after the fix",
                path.display()
            );
            let left: Vec<_> = again.findings.iter().filter(|f| f.code == *code && f.fix.is_some()).collect();
            assert!(left.is_empty(), "{code} still offers a fix after fixing {}", path.display());
            let (twice, applied) =
                scimlint::finding::apply(&fixed, 0, again.findings.iter().filter(|f| f.code == *code), true);
            assert_eq!((twice.as_str(), applied), (fixed.as_str(), 0), "fixing {} again changed it", path.display());
        }
    }
}
