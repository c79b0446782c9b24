#!/usr/bin/env bash
# Installs what the course needs beyond Go: Debian's Jupyter (notebook server,
# nbconvert, nbclient) for running the GoNB notebooks. Idempotent: does nothing
# when /usr/bin/jupyter can already execute notebooks. As root it uses apt-get;
# otherwise it prints the exact command to run and fails.
set -euo pipefail

packages=(jupyter-notebook jupyter-nbconvert python3-nbclient)

have_jupyter() {
  [ -x /usr/bin/jupyter ] && /usr/bin/python3 -c 'import nbclient, nbconvert' 2>/dev/null
}

if have_jupyter; then
  exit 0
fi
cmd="apt-get update && apt-get install -y ${packages[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Jupyter is missing. Install it with:  sudo sh -c '$cmd'" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "Jupyter is missing and this is not a Debian/Ubuntu machine: install Jupyter, nbconvert and nbclient for /usr/bin/python3." >&2
  exit 1
fi
echo "Installing Jupyter from Debian: ${packages[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${packages[@]}" >/dev/null
have_jupyter || { echo "Jupyter still unusable after apt-get install" >&2; exit 1; }
