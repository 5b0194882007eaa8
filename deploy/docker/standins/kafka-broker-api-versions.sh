#!/bin/bash
# The official image's healthcheck path. The stand-in checks that the broker accepts connections on the
# --bootstrap-server address (the official script also asks each broker for its API versions).
set -euo pipefail
server=localhost:9092
while [ $# -gt 0 ]; do
  case "$1" in --bootstrap-server) server=$2; shift 2 ;; *) shift ;; esac
done
timeout 5 bash -c "exec 3<>/dev/tcp/${server%:*}/${server##*:}"
