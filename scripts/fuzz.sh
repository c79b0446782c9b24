#!/usr/bin/env bash
# Runs every fuzz target in the module for a fixed budget each:
#   scripts/fuzz.sh [FUZZTIME]     FUZZTIME as for go test: 100000x (default, 3–10 s a target here) or 60s
# go test -fuzz takes one target per run, so targets are listed first.
#
# The default budget is a count of executions, not a duration: with a duration,
# Go 1.26's fuzz coordinator can report a spurious "context deadline exceeded"
# failure at the deadline on a loaded machine (go.dev/issue/75804, fixed in Go
# 1.27); a count has no deadline to race.
set -euo pipefail
fuzztime=${1:-100000x}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
count=0
for pkg in $(go list ./...); do
  # A package whose tests do not build fails here, rather than being skipped.
  if ! listed=$(go test -list '^Fuzz' "$pkg" 2>&1); then
    echo "$listed"
    echo "fuzz: cannot list the fuzz targets of $pkg"
    exit 1
  fi
  for target in $(grep '^Fuzz' <<<"$listed" || true); do
    start=$(date +%s)
    if ! go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" >"$log" 2>&1; then
      cat "$log"
      echo "fuzz: $pkg $target FAILED (a crasher, if any, is in its testdata/fuzz/$target/)"
      exit 1
    fi
    echo "fuzz: $pkg $target: $fuzztime clean in $(( $(date +%s) - start )) s"
    count=$((count + 1))
  done
done
echo "fuzz: $count targets clean, $fuzztime each"
