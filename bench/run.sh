#!/usr/bin/env bash
# Whole-process benchmarks, every program of a scenario measured in the same hyperfine run:
# scimlint, the parse floor (read + serde_json, nothing else), and where installed the Python
# `jsonschema` validator and Spectral (Node). Peak memory: /usr/bin/time, median of 5 runs.
#
# Usage: bench/run.sh            (writes target/bench-results/*.json and prints a summary)
# Needs: hyperfine, python3; optional: python3 -m pip install jsonschema; npm i @stoplight/spectral-cli
# (put its bin directory on PATH as `spectral`).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=target/bench-corpus
results=target/bench-results
[ -f "$corpus/oneline-400000.json" ] || python3 bench/gen_corpus.py "$corpus"
cargo build --release --quiet --bin scimlint --example floor
scimlint=target/release/scimlint
floor=target/release/examples/floor
mkdir -p "$results"
rm -f "$results"/*.json "$results"/memory.tsv

python_ok=$(python3 -c 'import jsonschema' 2>/dev/null && echo yes || echo no)
spectral_ok=$(command -v spectral >/dev/null && echo yes || echo no)

# scimlint and the validators exit 1 when they find something: -i keeps hyperfine going.
measure() {
  local name=$1 runs=$2
  shift 2
  hyperfine --style basic -N -i --warmup 2 --runs "$runs" --export-json "$results/$name.json" "$@"
}

memory() {
  local label=$1
  shift
  local peaks=()
  for _ in 1 2 3 4 5; do
    # A finding exits 1; the peak is measured all the same.
    /usr/bin/time -f '%M' -o "$results/peak.txt" "$@" >/dev/null 2>&1 || true
    peaks+=("$(tail -1 "$results/peak.txt")")
  done
  printf '%s\t%s\n' "$label" "$(printf '%s\n' "${peaks[@]}" | sort -n | sed -n 3p)" >>"$results/memory.tsv"
}

typical=("$floor $corpus/typical.json" "$scimlint check $corpus/typical.json"
  "$scimlint check --format concise $corpus/typical.json")
[ "$python_ok" = yes ] && typical+=("python3 bench/python_validate.py $corpus/typical.json")
[ "$spectral_ok" = yes ] && typical+=("spectral lint --quiet --ruleset bench/spectral.yaml $corpus/typical.json")
measure typical 50 "${typical[@]}"

many=("$floor $corpus/many" "$scimlint check $corpus/many" "$scimlint check --format concise $corpus/many"
  "$scimlint check --format json $corpus/many")
[ "$python_ok" = yes ] && many+=("python3 bench/python_validate.py $corpus/many")
measure many 5 "${many[@]}"

measure threads 5 -n "2 threads" "$scimlint check --format concise $corpus/many" \
  -n "1 thread" "env RAYON_NUM_THREADS=1 $scimlint check --format concise $corpus/many"

measure noisy 5 "$floor $corpus/noisy" "$scimlint check --format concise $corpus/noisy" "$scimlint check $corpus/noisy"

for size in 1000 10000 100000; do
  measure "large-$size" 5 "$floor $corpus/large-$size.json" "$scimlint check --format concise $corpus/large-$size.json" \
    "$scimlint check $corpus/large-$size.json"
done

# Findings by the hundred thousand, pretty and on one line, in every format (issue 11's shapes).
formats=(human concise json sarif github gitlab junit markdown)
for shape in pretty-100000 oneline-40000 oneline-400000 line-2mb; do
  commands=("$floor $corpus/$shape.json")
  for format in "${formats[@]}"; do
    commands+=("$scimlint check --no-config --format $format $corpus/$shape.json")
  done
  runs=5
  [ "$shape" = oneline-400000 ] && runs=3
  measure "$shape" "$runs" "${commands[@]}"
  memory "scimlint $shape json" "$scimlint" check --no-config --format json "$corpus/$shape.json"
  memory "scimlint $shape human" "$scimlint" check --no-config "$corpus/$shape.json"
  memory "floor $shape" "$floor" "$corpus/$shape.json"
done

# Memory flat in the number of files: the clean repository at 1,000, 5,000 and 10,000 files.
for count in 1000 5000; do
  subset="$corpus/subset-$count"
  if [ ! -d "$subset" ]; then
    mkdir -p "$subset"
    cp "$corpus/many/scimlint.yaml" "$subset/"
    find "$corpus/many" -name '*.json' | sort | sed -n "1,${count}p" | xargs cp -t "$subset"
  fi
  memory "scimlint $count files" "$scimlint" check --format concise "$subset"
done
memory "scimlint 10000 files" "$scimlint" check --format concise "$corpus/many"
memory "floor 10000 files" "$floor" "$corpus/many"
memory "scimlint typical" "$scimlint" check "$corpus/typical.json"
memory "floor typical" "$floor" "$corpus/typical.json"
for size in 1000 10000 100000; do
  memory "scimlint large-$size" "$scimlint" check --format concise "$corpus/large-$size.json"
  memory "floor large-$size" "$floor" "$corpus/large-$size.json"
done

python3 bench/summarize.py "$results"
