#!/usr/bin/env bash
# The one-command real-GPU check, for a session that is lent a GPU (the device tool; standing
# order in the developers' guide): the CuPy half of the suite on real CuPy, then one epoch of the
# tutorial's MLP and LeNet on mx.gpu() against PyTorch CUDA. Under 10 minutes on an H200.
#
# Needs CuPy for the machine's CUDA (cupy-cuda12x or cupy-cuda13x), PyTorch with CUDA, pytest,
# and the four MNIST files in $TINYNET_MNIST_SOURCE (../shared does not travel to the device
# machine: copy shared/data/mnist into a git-excluded folder of the checkout and carry it).
# Results: $OUT/gpu_tests.log and $OUT/gpu_results.md (default: the current folder); append the
# table to benchmarks/RESULTS.md.
set -uo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-.}"
export TINYNET_HOME="$(mktemp -d)"
mkdir -p "$TINYNET_HOME/datasets/mnist"
cp "${TINYNET_MNIST_SOURCE:?set TINYNET_MNIST_SOURCE to the folder of the MNIST files}"/*.gz \
   "$TINYNET_HOME/datasets/mnist/"
unset TINYNET_FAKE_CUPY                  # the real CuPy, on the real GPU
python -c "import tinynet as mx; gpus = mx.test_utils.list_gpus(); print('GPUs:', gpus); assert gpus"
python -m pytest -q -p no:cacheprovider -k "cupy or gpu" tests/ 2>&1 | tee "$out/gpu_tests.log"
tests=${PIPESTATUS[0]}
PYTHONUNBUFFERED=1 python benchmarks/gpu_epoch.py --out "$out/gpu_results.md"
bench=$?
echo "tests exit $tests, benchmark exit $bench"
[ "$tests" -eq 0 ] && [ "$bench" -eq 0 ]
