# Sourced by .deploy/failover.sh and .deploy/front.sh (bash): front_up builds
# ./cmd/exposurecheck and a database file, starts REPLICAS replicas serving
# it on free loopback ports below the ephemeral range, with one shared
# EXPOSURECHECK_SESSION_KEYS, and Debian's nginx in front of them with
# .deploy/nginx/exposurecheck.conf (ports, cache and log paths replaced).
# It sets tmp, pids (replicas), ports (replicas), base (nginx's URL); the
# EXIT trap stops everything (KEEP_TMP=1 keeps the folder: logs, cache).
# The replicas run with the API rate limit off unless API_RATE says otherwise.
# Run from the repository root.

front_up() {
  REPLICAS=${REPLICAS:-2} NGINX=${NGINX:-/usr/sbin/nginx}
  [ -x "$NGINX" ] || { echo "nginx not found at $NGINX: apt-get install nginx" >&2; exit 2; }
  tmp=$(mktemp -d); chmod 755 "$tmp"   # nginx's workers run as another user
  pids=()
  # Under set -e: every command here must succeed, or the rest is skipped
  # (a replica killed on purpose is already gone).
  cleanup() {
    if [ -f "$tmp/nginx.pid" ]; then kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true; fi
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for _ in $(seq 50); do
      alive=0; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
      (( alive )) || break; sleep 0.1
    done
    wait 2>/dev/null || true
    if [ -n "${KEEP_TMP:-}" ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
  }
  trap cleanup EXIT

  go build -o "$tmp/exposurecheck" ./cmd/exposurecheck
  "$tmp/exposurecheck" build --out "$tmp/exposure.db" >/dev/null
  keys="front-$RANDOM$RANDOM"
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
    # Started from a subshell, so a replica killed on purpose is not this
    # shell's child (no job notice); stopped by pid in cleanup.
    ( EXPOSURECHECK_SESSION_KEYS=$keys EXPOSURECHECK_API_RATE=${API_RATE:-off} EXPOSURECHECK_TRUST_PROXY=true \
        "$tmp/exposurecheck" serve --addr "127.0.0.1:$port" --db "$tmp/exposure.db" >"$tmp/replica$i.log" 2>&1 &
      echo $! >"$tmp/replica$i.pid" )
    pids+=("$(cat "$tmp/replica$i.pid")")
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
}
