#!/bin/bash
# The 60-page statement of bench:statements read by docsift as a user runs it, one process measured:
#   bench/statement-process.sh server   # `npm start`'s process (HTTP API and workers) reads it
#   bench/statement-process.sh worker   # a `npm run worker` process reads it (the API one has 0 workers)
# Starts the process under tsx as package.json's start/worker scripts do (without prestart's web
# build), on a fresh data directory, submits the PDF with curl, polls until it is done and prints
# the process's RSS when ready, its peak RSS (VmHWM) and its CPU time from submit to completed.
# Needs curl, python3 and /proc (Linux). Not a test: the figures depend on the machine's load.
set -eu
MODE=${1:-server}; PORT=${PORT:-18915}; LAYOUT=${LAYOUT:-0}
cd "$(dirname "$0")/.."
D=$(mktemp -d)
trap 'kill $SPID ${WPID:-} 2>/dev/null; wait 2>/dev/null; rm -rf "$D"' EXIT
node --import tsx --input-type=module -e "
  import { writeFileSync } from 'node:fs';
  const { generateStatement } = await import('./test/fixtures/synthetic-statements.ts');
  const { textToPdf } = await import('./test/fixtures/text-pdf.ts');
  const s = generateStatement($LAYOUT, 60, { rows: 60 * 28 - 12, rowsPerPage: 28 });
  writeFileSync('$D/statement.pdf', textToPdf(s.text, { font: 'Helvetica' }));"
export DOCSIFT_DATA_DIR=$D/data DOCSIFT_PORT=$PORT DOCSIFT_HOST=127.0.0.1
[ "$MODE" = worker ] && export DOCSIFT_WORKER_CONCURRENCY=0
node --import tsx src/start/server.ts > "$D/server.out" 2>&1 & SPID=$!
for _ in $(seq 1 240); do grep -q listening "$D/server.out" && break; sleep 0.5; done
KEY=$(grep -o 'dsk_[A-Za-z0-9_-]*' "$D/server.out" | head -1)
PID=$SPID
if [ "$MODE" = worker ]; then
  DOCSIFT_WORKER_CONCURRENCY=1 node --import tsx src/start/worker.ts > "$D/worker.out" 2>&1 & WPID=$!
  for _ in $(seq 1 240); do grep -q 'worker is running' "$D/worker.out" && break; sleep 0.5; done
  PID=$WPID
fi
READY=$(awk '/VmRSS/ {print int($2 / 1024)}' /proc/$PID/status)
CPU0=$(awk '{print $14 + $15}' /proc/$PID/stat); T0=$(date +%s%N)
API=http://127.0.0.1:$PORT/v1/extractions
EXT=$(curl -s -H "X-API-Key: $KEY" -F file=@"$D/statement.pdf" $API | python3 -c 'import json,sys; print(json.load(sys.stdin)["extraction"]["extraction_id"])')
until curl -s -H "X-API-Key: $KEY" $API/$EXT | grep -qE '"status":"(completed|failed)"'; do sleep 0.1; done
T1=$(date +%s%N); CPU1=$(awk '{print $14 + $15}' /proc/$PID/stat)
PEAK=$(awk '/VmHWM/ {print int($2 / 1024)}' /proc/$PID/status)
RESULT=$(curl -s -H "X-API-Key: $KEY" $API/$EXT/results | python3 -c 'import json,sys; d=json.load(sys.stdin)["documents"][0]; print(d["status"], d.get("pages"), "pages,", len(d["data"].get("transactions") or []), "rows")')
TICK=$(getconf CLK_TCK)
echo "$MODE process: RSS when ready $READY MB, peak RSS $PEAK MB; submit to completed $(( (T1 - T0) / 1000000 )) ms wall, $(( (CPU1 - CPU0) * 1000 / TICK )) ms CPU; $RESULT; load $(cut -d' ' -f1-3 /proc/loadavg)"
