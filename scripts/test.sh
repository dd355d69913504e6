#!/usr/bin/env bash
# The README's second command (and what .ci/run calls): the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
# Independent readers for the output tests (openpyxl from PyPI, in a
# venv of its own); without network the test falls back to Python's stdlib.
if [ ! -x .build/pyenv/bin/python ] || ! .build/pyenv/bin/python -c "import openpyxl" 2>/dev/null; then
  python3 -m venv .build/pyenv >/dev/null 2>&1 && .build/pyenv/bin/pip install -q openpyxl >/dev/null 2>&1 || echo "note: openpyxl not installed; the XLSX test uses Python's stdlib reader"
fi
# Two independent Parquet readers for the export tests: pyarrow and DuckDB.
if ! .build/pyenv/bin/python -c "import pyarrow, duckdb" 2>/dev/null; then
  .build/pyenv/bin/pip install -q pyarrow duckdb >/dev/null 2>&1 || echo "note: pyarrow/duckdb not installed; the Parquet tests will fail and say so"
fi
# A real browser for the print test (bulletin.html is one A4 page): Debian's
# Chromium and CJK fonts, installed when missing (root or sudo, as above).
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing: chromium fonts-noto-cjk (for the print test)" >&2
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; } \
    || echo "note: could not install Chromium; BulletinTests will fail and say so" >&2
fi
# LibreOffice Calc for the workbook test (tables.xlsx opened as a user opens it), when missing.
if ! command -v soffice >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing: libreoffice-calc (for the workbook test)" >&2
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc >/dev/null; } \
    || echo "note: could not install LibreOffice; WorkbookInLibreOfficeTests will fail and say so" >&2
fi
swift test
# The readers under libFuzzer for a fixed budget each: the loader, the count
# tables of --from-counts, and the mapping / plan / index YAML (longer:
# scripts/fuzz.sh 1800). A finding (crash, overflow trap, hang, leak, or the
# sequential and parallel loads disagreeing) fails the suite; its input is
# kept in .build/fuzz/TARGET/findings/. The seed is fixed so the suite
# explores the same inputs on every run (after replaying Fuzz/findings/);
# longer runs with fresh seeds: scripts/fuzz.sh 1800.
QINDEX_FUZZ_SEED="${QINDEX_FUZZ_SEED:-1}" scripts/fuzz.sh "${QINDEX_FUZZ_SECONDS:-40}"
