#!/usr/bin/env bash
# Installs what the course needs beyond Go: Debian's Jupyter (notebook server,
# nbconvert, nbclient) for running the GoNB notebooks, Node.js with the pinned
# npm packages of web/ (KaTeX renders the site's formulas at build time),
# Chromium (the site's browser test), bubblewrap, the sandbox every graded
# build and run of student code happens in, and on x86-64 QEMU's user-mode
# emulator (internal/vecmath tests its SSE2 kernels on an emulated CPU without
# AVX). Idempotent: installs only what is missing. As root it uses apt-get;
# otherwise it prints the exact command to run and fails.
set -euo pipefail
cd "$(dirname "$0")/.."

have_jupyter() {
  [ -x /usr/bin/jupyter ] && /usr/bin/python3 -c 'import nbclient, nbconvert' 2>/dev/null
}
have_chromium() {
  command -v chromium >/dev/null || command -v chromium-browser >/dev/null
}

packages=()
have_jupyter || packages+=(jupyter-notebook jupyter-nbconvert python3-nbclient)
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
have_chromium || packages+=(chromium)
command -v bwrap >/dev/null || packages+=(bubblewrap)
command -v prlimit >/dev/null || packages+=(util-linux)
# the classic compressors that chapter 24 and `course compress --compare` measure against
command -v gzip >/dev/null || packages+=(gzip)
command -v bzip2 >/dev/null || packages+=(bzip2)
command -v xz >/dev/null || packages+=(xz-utils)
# an x86-64 CPU without AVX, emulated, for the SSE2 kernels' test
[ "$(uname -m)" != x86_64 ] || command -v qemu-x86_64 >/dev/null || packages+=(qemu-user)

if [ ${#packages[@]} -gt 0 ]; then
  cmd="apt-get update && apt-get install -y ${packages[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages. Install them with:  sudo sh -c '$cmd'" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null; then
    echo "Missing ${packages[*]} and this is not a Debian/Ubuntu machine: install Jupyter (nbconvert, nbclient for /usr/bin/python3), Node.js with npm, Chromium, bubblewrap and (on x86-64) QEMU's user-mode emulator." >&2
    exit 1
  fi
  echo "Installing from Debian: ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${packages[@]}" >/dev/null
  have_jupyter || { echo "Jupyter still unusable after apt-get install" >&2; exit 1; }
fi

# The site's build-time npm packages, exactly as web/package-lock.json pins
# them; npm ci runs again only when the lock file is newer than the install.
stamp=web/node_modules/.installed
if ! [ -f web/node_modules/katex/package.json ] || ! [ "$stamp" -nt web/package-lock.json ]; then
  echo "Installing the site's npm packages (web/package-lock.json)"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
  touch "$stamp"
fi
