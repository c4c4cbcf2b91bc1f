#!/usr/bin/env bash
# Starts a throwaway redis-server for the BullMQ tests: loopback only, a free random port, AOF on,
# maxmemory-policy noeviction (the settings promo requires), its data in a new temp folder.
# Prints shell assignments to eval; stop it with `kill "$PROMO_TEST_REDIS_PID"`:
#   eval "$(scripts/start-test-redis.sh)"; trap 'kill "$PROMO_TEST_REDIS_PID"' EXIT
# Used by .ci/run; run it the same way locally before `npx vitest run test/queue/bullmq-*`.
set -euo pipefail
command -v redis-server >/dev/null || { echo "redis-server is not installed (apt-get install -y redis-server)" >&2; exit 1; }
dir="$(mktemp -d "${TMPDIR:-/tmp}/promo-test-redis-XXXXXX")"
# A port the kernel hands out as free (closed again at once; redis binds it next).
port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --appendonly yes --appendfsync everysec \
  --save '' --maxmemory-policy noeviction --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2
for _ in $(seq 1 100); do
  redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && break
  sleep 0.1
done
redis-cli -p "$port" ping | grep -q PONG || { echo "redis-server did not start; see $dir/redis.log" >&2; exit 1; }
echo "export PROMO_TEST_REDIS_URL=redis://127.0.0.1:$port/0 PROMO_TEST_REDIS_PID=$(cat "$dir/redis.pid") PROMO_TEST_REDIS_DIR=$dir"
