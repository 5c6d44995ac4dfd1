#!/usr/bin/env bash
# wrk-vs-nginx.sh BASE PATH [ACCEPT_ENCODING] — throughput of one page of a
# running server against Debian's nginx serving the same bytes as a static
# file: wrk -t2 -c32 -d10s, interleaved (app, nginx, app, nginx, ...), three
# runs each, medians. Loopback only; every run stops by itself after 10 s.
#   .deploy/bench/wrk-vs-nginx.sh http://127.0.0.1:8080 '/result?use=...' gzip
# With ACCEPT_ENCODING (e.g. gzip) wrk sends it, and nginx serves the bytes
# the server answered with that header (the compressed body).
# Besides req/s it reports CPU time per request of the server process and
# of nginx's workers (from /proc, utime + stime): on a machine shared with
# other work, req/s swings with the neighbours, CPU per request much less.
set -euo pipefail
base=${1:?base URL}; path=${2:?path}; ae=${3:-}
case $base in http://127.0.0.1:*|http://localhost:*) ;; *) echo "loopback targets only" >&2; exit 2;; esac
runs=${RUNS:-3}; dur=${DURATION:-10s}; conns=${CONNS:-32}
tmp=$(mktemp -d); trap 'kill "$(cat "$tmp/nginx.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$tmp"' EXIT
hdr=(); [ -n "$ae" ] && hdr=(-H "Accept-Encoding: $ae")
chmod 755 "$tmp"; mkdir -p "$tmp/www"
curl -sS -f "${hdr[@]}" -D "$tmp/headers" -o "$tmp/www/page" "$base$path"
port=$(( 20000 + RANDOM % 20000 ))
cat > "$tmp/nginx.conf" <<CONF
worker_processes auto;
pid $tmp/nginx.pid;
error_log $tmp/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $tmp/cb; proxy_temp_path $tmp/px; fastcgi_temp_path $tmp/fc;
  uwsgi_temp_path $tmp/uw; scgi_temp_path $tmp/sc;
  server {
    listen 127.0.0.1:$port;
    root $tmp/www;
    location / { default_type text/html; try_files /page =404; }
  }
}
CONF
/usr/sbin/nginx -p "$tmp" -c "$tmp/nginx.conf"
sleep 0.3
curl -sS -f -o /dev/null "http://127.0.0.1:$port/page" || { echo "nginx does not serve the page" >&2; cat "$tmp/error.log" >&2; exit 1; }
echo "load average before: $(cut -d" " -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "page: $(wc -c < "$tmp/www/page") B body, Content-Encoding: $(tr -d '\r' < "$tmp/headers" | awk -F': ' 'tolower($1)=="content-encoding"{print $2}')"
app_port=${base##*:}; app_port=${app_port%%/*}
app_pid=$(ss -Hltnp "sport = :$app_port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
[ -n "$app_pid" ] || { echo "no process listens on :$app_port" >&2; exit 1; }
ngx_pids() { echo "$(cat "$tmp/nginx.pid")" $(ps -o pid= --ppid "$(cat "$tmp/nginx.pid")"); }
ticks() { for p in "$@"; do cat "/proc/$p/stat"; done | awk '{ sub(/^.*\) /, ""); t += $12 + $13 } END { print t }'; }
hz=$(getconf CLK_TCK)
# reqs URL PIDS...: req/s, then CPU µs per request of PIDS
reqs() {
  local url=$1 t0 t1 out; shift
  t0=$(ticks "$@")
  out=$(wrk -t2 -c"$conns" -d"$dur" --latency "${hdr[@]}" "$url" | tee -a "$tmp/wrk.log")
  t1=$(ticks "$@")
  awk -v t=$((t1 - t0)) -v hz="$hz" '/Requests\/sec/ {rps = $2} /requests in/ {n = $1}
    END { printf "%s %.0f\n", rps, t / hz * 1e6 / n }' <<<"$out"
}
p99() { awk '/ 99%/{print $2}' "$tmp/wrk.log" | tail -1; }
app=(); ngx=(); app99=(); ngx99=(); appcpu=(); ngxcpu=()
for i in $(seq "$runs"); do
  read -r a ac < <(reqs "$base$path" "$app_pid"); app+=("$a"); appcpu+=("$ac"); app99+=("$(p99)")
  read -r n nc < <(reqs "http://127.0.0.1:$port/page" $(ngx_pids)); ngx+=("$n"); ngxcpu+=("$nc"); ngx99+=("$(p99)")
  echo "run $i: app $a req/s (p99 ${app99[-1]}, ${ac} µs CPU/req)   nginx $n req/s (p99 ${ngx99[-1]}, ${nc} µs CPU/req)"
done
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
med() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
ma=$(med "${app[@]}"); mn=$(med "${ngx[@]}")
mac=$(med "${appcpu[@]}"); mnc=$(med "${ngxcpu[@]}")
echo "median: app $ma req/s, nginx $mn req/s, ratio $(awk "BEGIN{printf \"%.3f\", $ma/$mn}") (1/$(awk "BEGIN{printf \"%.0f\", $mn/$ma}"))"
echo "median CPU per request: app $mac µs, nginx $mnc µs (nginx/app $(awk "BEGIN{printf \"%.3f\", $mnc/$mac}"))"
grep -q 'Non-2xx' "$tmp/wrk.log" && { echo "warning: non-2xx answers:"; grep 'Non-2xx' "$tmp/wrk.log"; }
exit 0
