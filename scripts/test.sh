#!/usr/bin/env bash
# The README's second command (and what .ci/run calls): the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift test
