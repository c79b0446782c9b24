#!/usr/bin/env bash
# gpu-check.sh — run pkg/xla's parity tests and `course bench` on an NVIDIA GPU
# through XLA's CUDA PJRT plugin.
#
#   scripts/gpu-check.sh build        # here (linux/amd64, cgo): build the binaries into build/gpu-check/
#   scripts/gpu-check.sh run          # on the GPU machine, from the repository root: tests, then bench
#   scripts/gpu-check.sh              # both, when this machine has a GPU
#
# The GPU machine needs the NVIDIA driver and a PJRT CUDA plugin. JAX's wheel
# `jax-cuda13-pjrt` ships one (jax_plugins/xla_cuda13/xla_cuda_plugin.so) and its
# dependencies bring the CUDA libraries (site-packages/nvidia/...):
#     pip install jax-cuda13-pjrt        # or: pip download it elsewhere and carry the wheels
# go-xla looks for plugins named pjrt_c_api_<name>_plugin.so in $PJRT_PLUGIN_LIBRARY_PATH and
# for the CUDA libraries in ../nvidia next to the plugin, so `run` builds that layout from
# the installed wheel with symlinks, unless PJRT_PLUGIN_LIBRARY_PATH is already set.
# Nothing is downloaded: pkg/xla never auto-installs plugins.
#
# Environment: PYTHON (default python3) to find the wheel; BATCH, VOCAB, RUNS for the bench
# (default 64, 128000, 5); OUT (default build/gpu-check) for the binaries and logs.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=${OUT:-build/gpu-check}
PYTHON=${PYTHON:-python3}

build() {
	mkdir -p "$OUT"
	echo "gpu-check: building linux/amd64 binaries with cgo into $OUT"
	export CGO_ENABLED=1 GOOS=linux GOARCH=amd64 GOEXPERIMENT=simd
	go test -c -o "$OUT/xla.test" ./pkg/xla
	go test -c -o "$OUT/rows.test" ./pkg/rows
	go build -o "$OUT/course" ./cmd/course
	cp scripts/bench_torch.py "$OUT/"
	ls -l "$OUT"
}

# plugin_dir prints a folder holding pjrt_c_api_cuda_plugin.so, with ../nvidia beside it.
plugin_dir() {
	if [[ -n "${PJRT_PLUGIN_LIBRARY_PATH:-}" ]]; then
		echo "$PJRT_PLUGIN_LIBRARY_PATH"
		return
	fi
	local so
	so=$("$PYTHON" - <<'PY'
import glob, importlib.util, os, sys
for name in ("jax_plugins.xla_cuda13", "jax_plugins.xla_cuda12"):
    try:
        spec = importlib.util.find_spec(name)
    except ModuleNotFoundError:
        continue
    if spec and spec.submodule_search_locations:
        for d in spec.submodule_search_locations:
            for f in glob.glob(os.path.join(d, "xla_cuda_plugin.so")):
                print(f)
                sys.exit(0)
sys.exit(1)
PY
) || {
		echo "gpu-check: no CUDA PJRT plugin found: pip install jax-cuda13-pjrt, or set PJRT_PLUGIN_LIBRARY_PATH" >&2
		exit 1
	}
	local site root
	site=$(dirname "$(dirname "$(dirname "$so")")") # …/site-packages
	root=$(mktemp -d /tmp/pjrt-cuda.XXXX)
	mkdir -p "$root/lib"
	ln -s "$so" "$root/lib/pjrt_c_api_cuda_plugin.so"
	[[ -d "$site/nvidia" ]] && ln -s "$site/nvidia" "$root/nvidia"
	echo "$root/lib"
}

run() {
	command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv
	local dir
	dir=$(plugin_dir)
	export PJRT_PLUGIN_LIBRARY_PATH=$dir GOMLX_BACKEND=${GOMLX_BACKEND:-xla:cuda}
	echo "gpu-check: GOMLX_BACKEND=$GOMLX_BACKEND PJRT_PLUGIN_LIBRARY_PATH=$dir"
	echo "== parity tests on $GOMLX_BACKEND (pkg/xla vs pkg/probability, pkg/sampling, pkg/rows)"
	(cd pkg/xla && "../../$OUT/xla.test" -test.v -test.count=1) 2>&1 | tee "$OUT/xla-tests.log"
	echo "== native engine tests on this machine's CPU"
	(cd pkg/rows && "../../$OUT/rows.test" -test.count=1) 2>&1 | tee "$OUT/rows-tests.log"
	echo "== bench"
	"$OUT/course" bench --batch "${BATCH:-64}" --vocab "${VOCAB:-128000}" --runs "${RUNS:-5}" 2>&1 | tee "$OUT/bench.txt"
	"$OUT/course" bench --json --batch "${BATCH:-64}" --vocab "${VOCAB:-128000}" --runs "${RUNS:-5}" > "$OUT/bench.json" 2>/dev/null
	echo "gpu-check: logs in $OUT (xla-tests.log, rows-tests.log, bench.txt, bench.json)"
}

case "${1:-all}" in
build) build ;;
run) run ;;
all)
	build
	if command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1; then
		run
	else
		echo "gpu-check: no NVIDIA GPU here; copy the repository with $OUT to a GPU machine and run: scripts/gpu-check.sh run"
	fi
	;;
*)
	echo "usage: scripts/gpu-check.sh [build|run|all]" >&2
	exit 2
	;;
esac
