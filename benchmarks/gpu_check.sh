#!/usr/bin/env bash
# One-shot check of minigan on a machine with an NVIDIA GPU, in about 8 minutes:
#
#   1. install CuPy (the [cuda] extra) and, where torch cannot see the GPU, torch==2.13.0;
#   2. the whole test suite with the GPU visible, so every CuPy test runs on the device (not
#      only its emulated twin); any test still skipped for want of a GPU or CuPy is a failure;
#   3. benchmarks/ops.py --device 0          DCGAN layers, minigan on CuPy vs torch + cuDNN;
#   4. benchmarks/cuda_kernels.py --device 0  each fused kernel vs plain CuPy operations;
#   5. benchmarks/iteration.py --device 0    whole training iterations vs torch + cuDNN;
#   6. a short PGGAN run to 64x64 on the bundled faces (examples/train_pggan.py --device 0).
#
# It ends with one summary table (step, result, seconds, log) followed by the benchmarks'
# own tables; every log is kept under $GPU_CHECK_OUT (default /tmp/minigan-gpu-check).
#
#   bash benchmarks/gpu_check.sh              # run it (exits 3 without a GPU: nothing checked)
#   bash benchmarks/gpu_check.sh --dry-run    # print the steps and their time limits only
#
# Each step has a time limit, cut short so the whole check ends by $GPU_CHECK_SECONDS (480).
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${GPU_CHECK_OUT:-/tmp/minigan-gpu-check}
BUDGET=${GPU_CHECK_SECONDS:-480}
PYTHON=${PYTHON:-python}
DRY=0
[ "${1:-}" = "--dry-run" ] && DRY=1
START=$SECONDS
ROWS=()
FAILED=0

# name, limit in seconds, command...: run one step under a limit, log it, add a summary row
step() {
    local name=$1 limit=$2
    shift 2
    local left=$((BUDGET - (SECONDS - START)))
    [ "$limit" -gt "$left" ] && limit=$left
    local log="$OUT/$name.log"
    if [ "$DRY" = 1 ]; then
        printf 'would run (limit %3d s): %s\n' "$limit" "$*"
        return 0
    fi
    if [ "$limit" -le 5 ]; then
        ROWS+=("$name|skipped: the ${BUDGET} s budget is spent|0|-")
        return 0
    fi
    local t0=$SECONDS rc=0
    # NOTE: through bash -c, so that a step may be one of the functions exported below
    timeout "$limit" bash -c '"$@"' step "$@" >"$log" 2>&1 || rc=$?
    local result=ok
    [ "$rc" = 124 ] && result="TIMED OUT after $limit s"
    [ "$rc" != 0 ] && [ "$rc" != 124 ] && result="FAILED (exit $rc)"
    ROWS+=("$name|$result|$((SECONDS - t0))|$log")
    [ "$rc" = 0 ] || FAILED=$((FAILED + 1))
}

gpu_count() {
    command -v nvidia-smi >/dev/null || { echo 0; return; }
    nvidia-smi -L 2>/dev/null | grep -c '^GPU' || true
}

install() {
    "$PYTHON" -c 'import cupy; assert cupy.cuda.runtime.getDeviceCount() > 0' 2>/dev/null ||
        "$PYTHON" -m pip install --quiet -e ".[cuda]" nvidia-cuda-nvrtc-cu12 || return 1
    "$PYTHON" -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null ||
        "$PYTHON" -m pip install --quiet torch==2.13.0 || echo 'torch: CPU only, no cuDNN rows'
    "$PYTHON" -c 'import cupy; print("cupy", cupy.__version__, cupy.cuda.runtime.getDeviceCount(),
                                     "GPU(s)")'
}

gpu_skips() {
    # NOTE: "SKIPPED [12] tests/.../test_cupy.py:30: needs CuPy and a GPU": count by reason
    grep -E '^SKIPPED' "$1" | sed -E 's/^SKIPPED \[([0-9]+)\] .*:[0-9]+: /\1 /' |
        awk 'tolower($0) ~ /gpu|cupy|nvrtc/ {n += $1} END {print n + 0}'
}

tests() {
    # NOTE: -rs lists every skip with its reason: none may be for want of a GPU or CuPy
    "$PYTHON" -m pytest -q -rs -p no:cacheprovider | tee "$OUT/pytest.out"
    local rc=${PIPESTATUS[0]} skips
    skips=$(gpu_skips "$OUT/pytest.out")
    echo "$skips skipped for want of a GPU or CuPy"
    [ "$rc" = 0 ] && [ "$skips" = 0 ]
}

pggan() {
    rm -rf "$OUT/pggan"
    "$PYTHON" examples/train_pggan.py --device 0 --max-size 64 --ch 128 --z-dim 128 \
        --images-per-phase 3200 --out "$OUT/pggan" || return 1
    ls "$OUT/pggan/samples" | tail -1
}

export OUT PYTHON
export -f install gpu_skips tests pggan
GPUS=$(gpu_count)
if [ "$DRY" = 0 ] && [ "$GPUS" = 0 ]; then
    echo 'gpu_check: no NVIDIA GPU here (nvidia-smi lists none): nothing checked.'
    echo 'Run it on a machine with a GPU, or --dry-run to see the steps.'
    exit 3
fi
mkdir -p "$OUT"
[ "$DRY" = 0 ] && nvidia-smi -L
step install 90 install
step tests 120 tests
step ops 40 "$PYTHON" benchmarks/ops.py --device 0 --repeat 7
step cuda_kernels 30 "$PYTHON" benchmarks/cuda_kernels.py --device 0 --repeat 20
step iteration 90 "$PYTHON" benchmarks/iteration.py --device 0 --repeat 5
step pggan 100 pggan
[ "$DRY" = 1 ] && exit 0

echo
echo "| step | result | seconds | log |"
echo "| --- | --- | --: | --- |"
for row in "${ROWS[@]}"; do
    IFS='|' read -r name result secs log <<<"$row"
    if [ "$name" = tests ] && [ -f "$log" ]; then
        result="$result: $(tail -2 "$log" | paste -sd ';' | sed 's/;/; /')"
    fi
    if [ "$name" = pggan ] && [ -f "$log" ]; then
        result="$result: last grid $(tail -1 "$log")"
    fi
    echo "| $name | $result | $secs | $log |"
done
echo "total: $((SECONDS - START)) s, $FAILED step(s) not ok"
for name in ops cuda_kernels iteration; do
    [ -f "$OUT/$name.log" ] || continue
    echo
    echo "== $name"
    grep -E '^\||^-|^[A-Z][0-9] |^all|BLAS|torch|kernel' "$OUT/$name.log" | head -40
done
[ "$FAILED" = 0 ]
