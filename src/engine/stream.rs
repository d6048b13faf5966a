//! Streaming the users files: a thread of its own reads them (scanning and parsing the JSON or
//! CSV) a batch ahead of the thread that evaluates, so that the two overlap, and at most a few
//! batches of users are in memory at once.

use std::sync::mpsc::{SyncSender, sync_channel};

use crate::error::Error;
use crate::finding::RunError;
use crate::users::{User, Users, UsersError};

/// How many unreadable records of one users file are reported one by one.
const ERRORS_PER_FILE: usize = 10;

/// Users read at a time and handed from the reading thread to the evaluating one.
const BATCH: usize = 512;

/// What the reading thread hands over.
enum Read {
    User(User),
    Error(RunError),
}

/// Every user of the run's users files, in order; unreadable files and records become run
/// errors. Reading (scanning and parsing the JSON or CSV) runs on a thread of its own, a batch
/// ahead, so that it overlaps the evaluation `visit` does.
pub(super) fn each_user(files: &[String], errors: &mut Vec<RunError>, mut visit: impl FnMut(&User)) {
    std::thread::scope(|scope| {
        let (sender, batches) = sync_channel::<Vec<Read>>(4);
        scope.spawn(move || read_files(files, &sender));
        for read in batches.into_iter().flatten() {
            match read {
                Read::User(user) => visit(&user),
                Read::Error(error) => errors.push(error),
            }
        }
    });
}

fn read_files(files: &[String], sender: &SyncSender<Vec<Read>>) {
    let mut batch = Vec::with_capacity(BATCH);
    let send = |batch: &mut Vec<Read>, read: Read| {
        batch.push(read);
        // The receiver only goes away when it is done: nothing is lost by stopping.
        batch.len() < BATCH || sender.send(std::mem::replace(batch, Vec::with_capacity(BATCH))).is_ok()
    };
    for path in files {
        let users = match Users::open(std::path::Path::new(path)) {
            Ok(users) => users,
            Err(UsersError::Io(error)) => {
                send(&mut batch, Read::Error(run_error(path, &Error::io(path, &error).to_string())));
                continue;
            }
            Err(error) => {
                send(&mut batch, Read::Error(run_error(path, &format!("cannot read `{path}`: {error}"))));
                continue;
            }
        };
        let mut bad = 0;
        for record in users {
            let read = match record {
                Ok(user) => Read::User(user),
                Err(error) => {
                    bad += 1;
                    if bad > ERRORS_PER_FILE {
                        continue;
                    }
                    Read::Error(run_error(path, &format!("cannot read `{path}`: {error}")))
                }
            };
            if !send(&mut batch, read) {
                return;
            }
        }
        if bad > ERRORS_PER_FILE {
            let more = bad - ERRORS_PER_FILE;
            send(
                &mut batch,
                Read::Error(run_error(path, &format!("cannot read `{path}`: {more} more records are not users"))),
            );
        }
    }
    if !batch.is_empty() {
        let _ = sender.send(batch);
    }
}

fn run_error(path: &str, message: &str) -> RunError {
    RunError { path: path.to_owned(), message: message.to_owned() }
}
