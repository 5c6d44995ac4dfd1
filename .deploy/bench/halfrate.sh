#!/usr/bin/env bash
# halfrate.sh BASE PATH — latency at half the maximum rate: the maximum is
# wrk -t2 -c32 -d10s's req/s (median of RUNS runs), then k6 sends requests
# at half that rate, open loop (.deploy/k6/steady.js: a 3 s warm-up, then
# DURATION counted), and prints p50, p90, p99 and max and whether p99 < 5 ms.
# Loopback only; everything stops by itself.
#   .deploy/bench/halfrate.sh http://127.0.0.1:8080 '/result?use=...'
# ACCEPT_ENCODING (default none) is sent by both. CLIENT_CPUS (e.g. 1) runs
# wrk and k6 on those cores only: start the server on the others
# (taskset -c 0 exposurecheck serve ...), so that the maximum and the
# latency are the server's on its own core, not what is left of two cores
# shared with the client.
# k6 runs with its own collector off (GOGC=off, GOMEMLIMIT=2GiB; a 20 s run
# uses well under that): at these rates k6's collections were pauses of the
# client that showed up as the server's latency (p99 10.3 against 4.9 ms,
# same server, same rate).
set -euo pipefail
base=${1:?base URL}; path=${2:?path}
case $base in http://127.0.0.1:*|http://localhost:*) ;; *) echo "loopback targets only" >&2; exit 2;; esac
runs=${RUNS:-3}; dur=${DURATION:-20s}; ae=${ACCEPT_ENCODING:-}
k6=${K6:-$(go env GOPATH)/bin/k6}
[ -x "$k6" ] || { echo "k6 not found (go install go.k6.io/k6@v1.4.2, or K6=)" >&2; exit 1; }
pin=(); [ -n "${CLIENT_CPUS:-}" ] && pin=(taskset -c "$CLIENT_CPUS")
hdr=(); [ -n "$ae" ] && hdr=(-H "Accept-Encoding: $ae")
rates=()
for _ in $(seq "$runs"); do
  rates+=("$("${pin[@]}" wrk -t2 -c32 -d10s "${hdr[@]}" "$base$path" | awk '/Requests\/sec/ {print $2}')")
done
max=$(printf '%s\n' "${rates[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
half=$(awk -v m="$max" 'BEGIN{printf "%d", m/2}')
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)${CLIENT_CPUS:+, client on cores $CLIENT_CPUS}"
echo "maximum (wrk, median of $runs: ${rates[*]}): $max req/s; k6 at half: $half req/s for $dur"
GOGC=off GOMEMLIMIT=2GiB ACCEPT_ENCODING=$ae "${pin[@]}" "$k6" run -q -e URL="$base$path" -e RATE="$half" -e DURATION="$dur" "$(dirname "$0")/../k6/steady.js" 2>&1 |
  grep -E "scenario:steady|p\(99\)<|count=|rate=|http_reqs|level=error" || true
