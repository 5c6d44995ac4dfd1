#!/usr/bin/env bash
# front.sh CMD [ARGS...] — run CMD against REPLICAS (default 2) replicas
# behind nginx (.deploy/nginx/exposurecheck.conf), then stop them all.
# CMD finds the front's URL in $BASE and the replicas' in $REPLICA_URLS.
#   .deploy/front.sh sh -c 'wrk -t2 -c32 -d10s "$BASE/"'
#   .deploy/front.sh sh -c 'k6 run -e BASE=$BASE -e DURATION=30s .deploy/k6/mix.js'
set -euo pipefail
cd "$(dirname "$0")/.."
(( $# > 0 )) || { echo "usage: .deploy/front.sh CMD [ARGS...]" >&2; exit 2; }
. .deploy/lib/front.sh
front_up
BASE=$base REPLICA_URLS=$(printf 'http://127.0.0.1:%s ' "${ports[@]}")
export BASE REPLICA_URLS
echo "nginx on $BASE -> replicas $REPLICA_URLS" >&2
"$@"
