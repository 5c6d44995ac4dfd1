#!/usr/bin/env bash
# halfrate.sh BASE PATH — latency at half the maximum rate: the maximum is
# wrk -t2 -c32 -d10s's req/s (median of RUNS runs), then k6 sends requests
# at half that rate, open loop (.deploy/k6/steady.js), for DURATION, and
# prints p50, p90, p99 and max. Loopback only; everything stops by itself.
#   .deploy/bench/halfrate.sh http://127.0.0.1:8080 '/result?use=...'
# ACCEPT_ENCODING (default none) is sent by both.
set -euo pipefail
base=${1:?base URL}; path=${2:?path}
case $base in http://127.0.0.1:*|http://localhost:*) ;; *) echo "loopback targets only" >&2; exit 2;; esac
runs=${RUNS:-3}; dur=${DURATION:-20s}; ae=${ACCEPT_ENCODING:-}
k6=${K6:-$(go env GOPATH)/bin/k6}
[ -x "$k6" ] || { echo "k6 not found (go install go.k6.io/k6@v1.4.2, or K6=)" >&2; exit 1; }
hdr=(); [ -n "$ae" ] && hdr=(-H "Accept-Encoding: $ae")
rates=()
for _ in $(seq "$runs"); do
  rates+=("$(wrk -t2 -c32 -d10s "${hdr[@]}" "$base$path" | awk '/Requests\/sec/ {print $2}')")
done
max=$(printf '%s\n' "${rates[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
half=$(awk -v m="$max" 'BEGIN{printf "%d", m/2}')
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "maximum (wrk, median of $runs): $max req/s; k6 at half: $half req/s for $dur"
ACCEPT_ENCODING=$ae "$k6" run -q -e URL="$base$path" -e RATE="$half" -e DURATION="$dur" "$(dirname "$0")/../k6/steady.js" 2>&1 |
  grep -E 'http_req_duration|http_reqs|dropped_iterations|checks_failed|level=error' || true
