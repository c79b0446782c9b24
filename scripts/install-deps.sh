#!/usr/bin/env bash
# Installs what the course needs beyond Go: Debian's Jupyter (notebook server,
# nbconvert, nbclient) for running the GoNB notebooks, and bubblewrap, the
# sandbox every graded build and run of student code happens in. Idempotent:
# does nothing when both are already usable. As root it uses apt-get;
# otherwise it prints the exact command to run and fails.
set -euo pipefail

packages=(jupyter-notebook jupyter-nbconvert python3-nbclient bubblewrap)

have_jupyter() {
  [ -x /usr/bin/jupyter ] && /usr/bin/python3 -c 'import nbclient, nbconvert' 2>/dev/null
}

have_all() {
  have_jupyter && command -v bwrap >/dev/null && command -v prlimit >/dev/null
}

if have_all; then
  exit 0
fi
cmd="apt-get update && apt-get install -y ${packages[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Jupyter or bubblewrap is missing. Install them with:  sudo sh -c '$cmd'" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "Jupyter or bubblewrap is missing and this is not a Debian/Ubuntu machine: install Jupyter, nbconvert and nbclient for /usr/bin/python3, and bubblewrap." >&2
  exit 1
fi
echo "Installing from Debian: ${packages[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${packages[@]}" >/dev/null
have_all || { echo "Jupyter or bubblewrap still unusable after apt-get install" >&2; exit 1; }
