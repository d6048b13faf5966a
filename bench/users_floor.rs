//! The parse floor of the users benchmark (bench/users.sh): stream a users file (NDJSON, or JSON
//! arrays one after another) and parse each user into a `serde_json::Value`, nothing else: no
//! evaluation, no tallies, no output.

use std::io::BufReader;

fn main() -> std::process::ExitCode {
    let mut users = 0u64;
    for arg in std::env::args().skip(1) {
        let file = match std::fs::File::open(&arg) {
            Ok(file) => file,
            Err(error) => {
                let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{arg}: {error}\n").as_bytes());
                return std::process::ExitCode::from(2);
            }
        };
        let reader = BufReader::with_capacity(256 * 1024, file);
        for value in serde_json::Deserializer::from_reader(reader).into_iter::<serde_json::Value>() {
            match value {
                Ok(serde_json::Value::Array(items)) => users += items.len() as u64,
                Ok(_) => users += 1,
                Err(_) => return std::process::ExitCode::from(1),
            }
        }
    }
    std::process::ExitCode::from(u8::from(users == 0))
}
