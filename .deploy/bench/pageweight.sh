#!/usr/bin/env bash
# pageweight.sh BASE PATH — what a browser fetches for the first view of a
# page (empty cache): the HTML, then every stylesheet, script and icon it
# links to (an icon given as a data: URI costs no request; with no
# <link rel=icon> a browser asks for /favicon.ico). Sends the Accept-Encoding
# of a current Chrome and counts the bytes as they come over the wire:
# status line, headers and body as sent (compressed when the server
# compresses, with its chunked framing; curl --raw decodes nothing).
#   .deploy/bench/pageweight.sh http://127.0.0.1:8080 '/result?use=dlmarket.card@2018-10-17T22:10'
set -euo pipefail
base=${1:?base URL}; path=${2:?path}
ae='gzip, deflate, br, zstd'
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
total=0; sent=0; n=0
fetch() { # fetch URL-PATH: one request, counted
  local out code hdr req all enc
  out=$(curl -sS --raw -D "$tmp/headers" -o "$tmp/body" -H "Accept-Encoding: $ae" -H 'Accept-Language: ja' \
    -w '%{http_code} %{size_header} %{size_request}' "$base$1")
  read -r code hdr req <<<"$out"
  all=$(( hdr + $(wc -c <"$tmp/body") ))
  enc=$(tr -d '\r' <"$tmp/headers" | awk -F': ' 'tolower($1)=="content-encoding"{print $2}')
  printf '%-60.60s %3s %-4s %6d B (headers %4d + body %6d)\n' "$1" "$code" "${enc:-id}" "$all" "$hdr" $(( all - hdr ))
  total=$((total + all)); sent=$((sent + req)); n=$((n + 1))
}
fetch "$path"
curl -sS --compressed "$base$path" > "$tmp/page.html"
subs=$( { grep -o '<link[^>]*rel="\?stylesheet"\?[^>]*>' "$tmp/page.html" || true; grep -o '<script[^>]*src=[^>]*>' "$tmp/page.html" || true; } |
  grep -o '\(href\|src\)="[^"]*"' | cut -d'"' -f2)
icon=$( { grep -o '<link[^>]*rel="\?\(shortcut \)\?icon"\?[^>]*>' "$tmp/page.html" || true; } | grep -o 'href="[^"]*"' | cut -d'"' -f2 | head -1)
[ -z "$icon" ] && icon=/favicon.ico
case $icon in data:*) echo "icon: data: URI in the page (no request)";; *) subs="$subs"$'\n'"$icon";; esac
for s in $subs; do fetch "$s"; done
echo "requests: $n  received: $total B ($(awk "BEGIN{printf \"%.1f\", $total/1024}") KiB)  sent: $sent B"
