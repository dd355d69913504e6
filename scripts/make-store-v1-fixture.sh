#!/usr/bin/env bash
# Writes Tests/Fixtures/store-v1.sqlite: a database as qindex 0.5.0's schema
# version 1 left it (manifest, runs, results; no run_inputs, documents or
# results.method), with one run. The migration test opens it with the
# current schema. Needs the sqlite3 command (Debian package sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
out=Tests/Fixtures/store-v1.sqlite
rm -f "$out"
sqlite3 "$out" <<'SQL'
CREATE TABLE files (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, kind TEXT NOT NULL,
    encoding TEXT, rows_read INTEGER, loaded INTEGER, rejected INTEGER, first_date TEXT, last_date TEXT,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);
CREATE INDEX files_path ON files(path);
CREATE INDEX files_sha ON files(sha256);
CREATE TABLE runs (id INTEGER PRIMARY KEY, started TEXT NOT NULL, tool TEXT NOT NULL, options TEXT NOT NULL);
CREATE TABLE results (
    run_id INTEGER NOT NULL REFERENCES runs(id), indicator TEXT NOT NULL, dimension TEXT NOT NULL, key TEXT NOT NULL,
    sub_key TEXT NOT NULL DEFAULT '', year INTEGER NOT NULL, numerator INTEGER, denominator INTEGER, value REAL,
    ci_low REAL, ci_high REAL);
PRAGMA user_version = 1;
INSERT INTO runs VALUES (1, '2025-01-15T08:00:00Z', 'qindex 0.5.0', 'lang=zh');
INSERT INTO files VALUES (1, 'data/2014.csv.gz', 123456, 'aa00000000000000000000000000000000000000000000000000000000000000', 'sampling',
    'utf-8', 1000, 990, 10, '2014-01-02', '2014-12-30', '2025-01-15T08:00:00Z', '2025-01-15T08:00:00Z');
INSERT INTO results VALUES (1, 'batch_pass_rate', 'region', '450000', '', 2014, 913, 1000, 0.913, 0.8938, 0.9290);
INSERT INTO results VALUES (1, 'batch_pass_rate', 'region', '450000', '', 2015, 917, 1000, 0.917, 0.8983, 0.9326);
SQL
echo "wrote $out"
