#!/usr/bin/env bash
# How the site grows with its data: writes N synthetic incidents, then times
# validate and start-up, reads the server's peak RSS, and takes the median of 5
# requests to each page, beside the same figures on the bundled data.
#   .deploy/scale.sh [N]        (default 10000; loopback only; stops by itself)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
BIN=$(mktemp -d)/exposurecheck
go build -o "$BIN" ./cmd/exposurecheck
WORK=$(mktemp -d)
mkdir -p "$WORK/none"
"$BIN" synth --incidents "$N" --out "$WORK/synth" >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { # ms URL: median of 5 requests, in milliseconds
  for _ in 1 2 3 4 5; do curl -s -o /dev/null -w '%{time_total}\n' "$1"; done | median | awk '{printf "%.1f", $1*1000}'
}

measure() { # measure LABEL PORT ARGS...
  local label=$1 port=$2; shift 2
  local t0; t0=$(date +%s.%N)
  "$BIN" serve --addr 127.0.0.1:"$port" "$@" >"$WORK/$label.log" 2>&1 &
  local pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
    kill -0 $pid 2>/dev/null || { cat "$WORK/$label.log"; exit 1; }
    sleep 0.05
  done
  local start; start=$(echo "$(date +%s.%N) - $t0" | bc)
  local u="http://127.0.0.1:$port"
  local uses; uses=$(curl -s "$u/api/v1/services" | python3 -c 'import json,sys; s=json.load(sys.stdin)["services"]; print("&".join("use=%s.%s@2019"%(x["id"],x["activities"][0]["id"]) for x in s[:5]))')
  printf '%-8s start %5.2f s  rss %4d MB  /%7s ms  /check%7s ms  /incidents%7s ms  search%7s ms  result5%7s ms\n' \
    "$label" "$start" "$(( $(awk '/VmHWM/{print $2}' /proc/$pid/status) / 1024 ))" \
    "$(ms "$u/")" "$(ms "$u/check")" "$(ms "$u/incidents")" "$(ms "$u/check?q=%E3%81%95%E3%81%8F%E3%82%89")" "$(ms "$u/result?$uses")"
  kill $pid; wait $pid 2>/dev/null || true
}

/usr/bin/time -f "validate $N: %e s, %M KB max RSS" "$BIN" validate --data "$WORK/synth" --notices "$WORK/synth/notices" --excerpts "$WORK/none" >/dev/null
measure bundled 18081
measure "n=$N" 18082 --data "$WORK/synth" --notices "$WORK/synth/notices" --excerpts "$WORK/none"
rm -rf "$WORK" "$(dirname "$BIN")"
