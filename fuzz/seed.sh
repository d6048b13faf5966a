#!/usr/bin/env bash
# Seeds every target's corpus with the fixtures (and the crash inputs kept as regressions).
# Usage: fuzz/seed.sh   (from anywhere; the corpus is fuzz/corpus/<target>/, not committed)
set -euo pipefail
cd "$(dirname "$0")"
for target in json_loader yaml_loader hcl_loader pipeline expression; do
  mkdir -p "corpus/$target"
  find ../fixtures -type f -print0 | while IFS= read -r -d '' file; do
    # One name per content, so that re-seeding adds nothing twice.
    cp "$file" "corpus/$target/seed-$(sha1sum "$file" | cut -c1-16)"
  done
  if [ -d "regressions/$target" ]; then
    cp regressions/"$target"/* "corpus/$target/" 2>/dev/null || true
  fi
done
# The expression parser also gets the mapping expressions alone, one per file.
grep -rhoE '"expression": *"([^"\\]|\\.)*"' ../fixtures | sed -E 's/^"expression": *"//; s/"$//' | sort -u |
  while IFS= read -r expression; do
    printf '%s' "$expression" > "corpus/expression/expr-$(printf '%s' "$expression" | sha1sum | cut -c1-16)"
  done
echo "seeded $(ls corpus/json_loader | wc -l) files into each of fuzz/corpus/*/"
