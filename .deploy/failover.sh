#!/usr/bin/env bash
# failover.sh — two (or more) replicas behind nginx, one killed under load.
#
# Builds ./cmd/exposurecheck and a database file (`build --out`), starts
# REPLICAS replicas on free loopback ports serving that --db with one
# shared EXPOSURECHECK_SESSION_KEYS, starts Debian's nginx with
# .deploy/nginx/exposurecheck.conf (ports, cache and log paths replaced),
# puts the k6 mix on nginx (.deploy/k6/mix.js, open loop), kills replica 1
# with KILL_SIGNAL (default KILL: a crash, no goodbye) at KILL_AT seconds,
# keeps the load on, and reports.
#
#   .deploy/failover.sh                         # 20 s at 300 req/s, kill at 8 s
#   RATE=500 DURATION=30 KILL_AT=10 KILL_SIGNAL=TERM REPLICAS=3 .deploy/failover.sh
#
# Pass (exit 0): k6 saw no failed request (every answer the one wanted),
# and nginx never cached a personal page (/check*, /result, /api/v1/check).
# Needs: go, k6 (K6=path, default $(go env GOPATH)/bin/k6), nginx
# (/usr/sbin/nginx), curl, jq.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-300} DURATION=${DURATION:-20} KILL_AT=${KILL_AT:-8} KILL_SIGNAL=${KILL_SIGNAL:-KILL} REPLICAS=${REPLICAS:-2}
K6=${K6:-$(go env GOPATH)/bin/k6}
[ -x "$K6" ] || { echo "k6 not found at $K6: go install go.k6.io/k6@v1.4.2" >&2; exit 2; }
(( KILL_AT > 1 && KILL_AT < DURATION && DURATION <= 600 && REPLICAS >= 2 )) || { echo "need 1 < KILL_AT < DURATION <= 600, REPLICAS >= 2" >&2; exit 2; }

. .deploy/lib/front.sh
front_up
echo "nginx on $base -> replicas ${ports[*]} (pids ${pids[*]}); k6 at $RATE req/s for ${DURATION}s; kill -$KILL_SIGNAL replica 1 at ${KILL_AT}s"

now_ms() { date +%s%3N; }
start=$(now_ms)
"$K6" run -q --summary-export "$tmp/summary.json" -e BASE="$base" -e RATE="$RATE" -e DURATION="${DURATION}s" \
  .deploy/k6/mix.js >"$tmp/k6.out" 2>"$tmp/k6.err" &
k6pid=$!
sleep "$KILL_AT"
kill "-$KILL_SIGNAL" "${pids[0]}"
killed=$(now_ms)
echo "replica 1 (pid ${pids[0]}, port ${ports[0]}) killed with SIG$KILL_SIGNAL at $(( (killed - start) / 1000 )).$(( (killed - start) % 1000 / 100 ))s"
wait "$k6pid" && k6exit=0 || k6exit=$?

m() { jq -r --arg k "$1" '.metrics[$k].count // 0' "$tmp/summary.json"; }
failed=$(jq -r '.metrics.http_req_failed.passes // 0' "$tmp/summary.json")
code=0
echo
echo "== failover under load ==   (load average $(cut -d' ' -f1-3 /proc/loadavg))"
printf 'k6: %s requests, %s failed, unexpected %s, dropped iterations %s; journeys completed %s, cut short %s\n' \
  "$(m http_reqs)" "$failed" "$(m unexpected)" "$(m dropped_iterations)" "$(m journeys_done)" "$(m journeys_incomplete)"
jq -r '.metrics.http_req_duration | "latency: med \(.med|floor) ms, p90 \(."p(90)"|floor) ms, p99 \(."p(99)"|floor) ms, max \(.max|floor) ms"' "$tmp/summary.json" 2>/dev/null || true
# What nginx did, from its log: cache use, and who answered.
awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^cache=/) c[$i]++ } END { for (k in c) printf "%s %d  ", k, c[k]; print "" }' "$tmp/access.log"
for p in "${ports[@]}"; do printf 'answered by :%s %s  ' "$p" "$(grep -c "upstream=[^ ]*127.0.0.1:$p" "$tmp/access.log" || true)"; done; echo
retried=$(grep -c 'upstream=[^ ]*, ' "$tmp/access.log" || true)
echo "requests nginx passed to a second replica after the first failed: $retried"
personal=$(grep -E '"(GET|POST|HEAD) (/check[^ ]*|/result|/api/v1/check)"' "$tmp/access.log" | grep -vc 'cache=-' || true)
echo "personal requests that went through the cache: $personal (must be 0)"
said=$(grep -v -e '^Request Failed$' -e 'msg="Request Failed"' "$tmp/k6.err" | sort | uniq -c | head -20 || true)
if [ -n "$said" ]; then echo "k6 said:"; echo "$said"; fi
(( failed == 0 && $(m unexpected) == 0 )) || code=1
(( personal == 0 )) || code=1
(( k6exit == 0 || k6exit == 99 )) || { echo "k6 exit $k6exit"; code=1; }
(( code == 0 )) && echo "PASS 0 failed requests with a replica killed" || echo "FAIL"
exit $code
