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
K6=${K6:-$(go env GOPATH)/bin/k6} NGINX=${NGINX:-/usr/sbin/nginx}
[ -x "$K6" ] || { echo "k6 not found at $K6: go install go.k6.io/k6@v1.4.2" >&2; exit 2; }
[ -x "$NGINX" ] || { echo "nginx not found at $NGINX: apt-get install nginx" >&2; exit 2; }
(( KILL_AT > 1 && KILL_AT < DURATION && DURATION <= 600 && REPLICAS >= 2 )) || { echo "need 1 < KILL_AT < DURATION <= 600, REPLICAS >= 2" >&2; exit 2; }

tmp=$(mktemp -d); chmod 755 "$tmp"   # nginx's workers run as another user
pids=()
cleanup() {
  [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  if [ -n "${KEEP_TMP:-}" ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

go build -o "$tmp/exposurecheck" ./cmd/exposurecheck
"$tmp/exposurecheck" build --out "$tmp/exposure.db" >/dev/null
keys="failover-$RANDOM$RANDOM"
# Fixed ports below the kernel's ephemeral range (as in production): a
# dead replica's port in that range could be taken by an outgoing
# connection, even nginx's own to it (a TCP self-connect).
free_port() { # free_port FROM: the first port from FROM nobody listens on
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}
ports=()
next=$(( 18100 + RANDOM % 800 ))
for i in $(seq "$REPLICAS"); do
  port=$(free_port "$next"); next=$((port + 1))
  EXPOSURECHECK_SESSION_KEYS=$keys EXPOSURECHECK_API_RATE=off EXPOSURECHECK_TRUST_PROXY=true \
    "$tmp/exposurecheck" serve --addr "127.0.0.1:$port" --db "$tmp/exposure.db" >"$tmp/replica$i.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    grep -q '"msg":"listening"' "$tmp/replica$i.log" && break
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.05
  done
  grep -q '"msg":"listening"' "$tmp/replica$i.log" || { echo "replica $i did not start:"; cat "$tmp/replica$i.log"; exit 2; }
  ports+=("$port")
done

# nginx on a free port, with this run's replicas, cache and log.
port=$(free_port "$next")
servers=$(for p in "${ports[@]}"; do printf '    server 127.0.0.1:%s max_fails=1 fail_timeout=5s;\\n' "$p"; done)
sed -e "/^    server 127.0.0.1:808[0-9]/d" \
    -e "s|^    keepalive 32;|${servers}    keepalive 32;|" \
    -e "s|listen 80;|listen 127.0.0.1:$port;|" \
    -e "s|/var/cache/nginx/exposurecheck|$tmp/cache|" \
    -e "s|/var/log/nginx/exposurecheck.log|$tmp/access.log|" \
    -e "s|/var/log/nginx/exposurecheck.error.log|$tmp/error.log|" \
    .deploy/nginx/exposurecheck.conf >"$tmp/exposurecheck.conf"
cat >"$tmp/nginx.conf" <<CONF
worker_processes auto;
pid $tmp/nginx.pid;
error_log $tmp/error.log warn;
events { worker_connections 4096; }
http {
  client_body_temp_path $tmp/cb; proxy_temp_path $tmp/px; fastcgi_temp_path $tmp/fc;
  uwsgi_temp_path $tmp/uw; scgi_temp_path $tmp/sc;
  include $tmp/exposurecheck.conf;
}
CONF
"$NGINX" -t -q -p "$tmp" -c "$tmp/nginx.conf"
"$NGINX" -p "$tmp" -c "$tmp/nginx.conf"
base=http://127.0.0.1:$port
for _ in $(seq 50); do curl -sf -o /dev/null "$base/healthz" && break; sleep 0.1; done
echo "nginx on $base -> replicas ${ports[*]} (pids ${pids[*]}); k6 at $RATE req/s for ${DURATION}s; kill -$KILL_SIGNAL replica 1 at ${KILL_AT}s"

now_ms() { date +%s%3N; }
start=$(now_ms)
"$K6" run -q --summary-export "$tmp/summary.json" -e BASE="$base" -e RATE="$RATE" -e DURATION="${DURATION}s" \
  .deploy/k6/mix.js >"$tmp/k6.out" 2>"$tmp/k6.err" &
k6pid=$!
sleep "$KILL_AT"
kill "-$KILL_SIGNAL" "${pids[0]}"
killed=$(now_ms)
{ wait "${pids[0]}"; } 2>/dev/null || true
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
if [ -s "$tmp/k6.err" ]; then echo "k6 said:"; grep -v -e '^Request Failed$' -e 'msg="Request Failed"' "$tmp/k6.err" | sort | uniq -c | head -20 || true; fi
(( failed == 0 && $(m unexpected) == 0 )) || code=1
(( personal == 0 )) || code=1
(( k6exit == 0 || k6exit == 99 )) || { echo "k6 exit $k6exit"; code=1; }
(( code == 0 )) && echo "PASS 0 failed requests with a replica killed" || echo "FAIL"
exit $code
