#!/usr/bin/env bash
# Start PostgreSQL and Redis on 127.0.0.1 when they are installed but down, so their tests run
# for real. Never fails by itself: the tests decide (they skip locally, and fail in CI when
# POPSBOT_REQUIRE_SERVICES=1, if a server is still unreachable).
set -uo pipefail

pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
redis_up() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }

if ! pg_up && command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "services: starting PostgreSQL"
  for version in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 30); do pg_up && break; sleep 0.5; done
fi

if ! redis_up && command -v redis-server >/dev/null 2>&1; then
  echo "services: starting Redis"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  for _ in $(seq 1 30); do redis_up && break; sleep 0.2; done
fi

pg_up && echo "services: PostgreSQL up on 127.0.0.1:5432" || echo "services: PostgreSQL DOWN"
redis_up && echo "services: Redis up on 127.0.0.1:6379" || echo "services: Redis DOWN"
exit 0
