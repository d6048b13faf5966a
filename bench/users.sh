#!/usr/bin/env bash
# The users benchmark: `scimlint check --users` and `scimlint preview` on 100,000 and 1,000,000
# generated users (bench/gen_users.py), each against the parse floor (bench/users_floor.rs: the
# same file through serde_json, nothing else) in the same hyperfine run; peak memory with
# /usr/bin/time -v (median of 3).
#
# Usage: bench/users.sh          (writes target/bench-results/users-*.json and memory-users.tsv)
# Needs: hyperfine, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
data=target/bench-users
results=target/bench-results
[ -f "$data/users-1000000.ndjson" ] || python3 bench/gen_users.py "$data"
cargo build --release --quiet --bin scimlint --example users_floor
scimlint=target/release/scimlint
floor=target/release/examples/users_floor
mapping=$data/mapping
mkdir -p "$results"
rm -f "$results"/users-*.json "$results"/memory-users.tsv

# Findings exit 1: -i keeps hyperfine going.
measure() {
  local name=$1 runs=$2
  shift 2
  hyperfine --style basic -N -i --warmup 1 --runs "$runs" --export-json "$results/users-$name.json" "$@"
}

memory() {
  local label=$1
  shift
  local peaks=()
  for _ in 1 2 3; do
    /usr/bin/time -v -o "$results/peak.txt" "$@" >/dev/null 2>&1 || true
    peaks+=("$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$results/peak.txt")")
  done
  printf '%s\t%s\n' "$label" "$(printf '%s\n' "${peaks[@]}" | sort -n | sed -n 2p)" >>"$results/memory-users.tsv"
}

for size in 100000 1000000; do
  users=$data/users-$size.ndjson
  runs=$([ "$size" = 100000 ] && echo 10 || echo 3)
  measure "$size" "$runs" "$floor $users" \
    "$scimlint check --users $users $mapping" \
    "$scimlint check --format concise --users $users $mapping" \
    "$scimlint preview --format csv --users $users $mapping/haiilo.scimlint.yaml"
  memory "floor $size" "$floor" "$users"
  memory "check $size" "$scimlint" check --users "$users" "$mapping"
  memory "preview csv $size" "$scimlint" preview --format csv --users "$users" "$mapping/haiilo.scimlint.yaml"
done
cat "$results/memory-users.tsv"
