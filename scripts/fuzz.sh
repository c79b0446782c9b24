#!/usr/bin/env bash
# Runs every fuzz target in the module for a while each (default 10s):
#   scripts/fuzz.sh [FUZZTIME]
# go test -fuzz takes one target per run, so targets are listed first.
set -euo pipefail
fuzztime=${1:-10s}
count=0
for pkg in $(go list ./...); do
  for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
    echo "fuzz $pkg $target ($fuzztime)"
    go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" >/tmp/fuzz.$$.log 2>&1 || {
      cat /tmp/fuzz.$$.log; rm -f /tmp/fuzz.$$.log; exit 1; }
    count=$((count + 1))
  done
done
rm -f /tmp/fuzz.$$.log
echo "fuzz: $count targets clean, $fuzztime each"
