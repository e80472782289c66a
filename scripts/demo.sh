#!/usr/bin/env bash
# Install everything into .venv, run eventlens on the bundled sample articles, store them in
# eventlens.duckdb and print what was found.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
EL=.venv/bin/eventlens
DB="${EVENTLENS_DB:-eventlens.duckdb}"
$EL ingest samples --db "$DB"
$EL extract samples -o out/samples.jsonl 2>/dev/null
echo
echo "== events =="
$EL query events --db "$DB" --limit 25
echo "== quotes =="
$EL query quotes --db "$DB" --limit 15
echo "== actors =="
$EL query actors --db "$DB" --limit 15
echo "Records: out/samples.jsonl   Database: $DB   Try: $EL query events --db $DB --actor RUS"
