#!/bin/sh
# Migrations before start. With several replicas, run `popsbot db upgrade` once in a
# one-shot job instead (compose does) and set SKIP_MIGRATIONS=1 on the replicas.
set -e
if [ "${SKIP_MIGRATIONS:-0}" != "1" ]; then
  popsbot db upgrade
fi
exec "$@"
