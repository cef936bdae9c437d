#!/usr/bin/env bash
# A PostgreSQL streaming replica of the local cluster, for tests/core/test_replica.py and for trying
# the replica router (decision 096):  scripts/pg_replica.sh start|stop|status
# start: allows replication connections from 127.0.0.1 (pg_hba), takes a base backup with
# pg_basebackup -R (a standby that streams from the primary) and starts it on REPLICA_PORT.
set -euo pipefail
PORT="${REPLICA_PORT:-5433}"
DIR="${REPLICA_DIR:-/tmp/chengguan-pg-replica}"
VERSION="$(ls /etc/postgresql | sort -V | tail -1)"
BIN="/usr/lib/postgresql/$VERSION/bin"
HBA="/etc/postgresql/$VERSION/main/pg_hba.conf"
SLOT="chengguan_test_replica"
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }

case "${1:-}" in
  start)
    if pg_isready -h 127.0.0.1 -p "$PORT" -q; then echo "replica already on port $PORT"; exit 0; fi
    if ! grep -qE '^host[[:space:]]+replication' "$HBA"; then
      echo "host replication all 127.0.0.1/32 trust" >> "$HBA"
      psql -h 127.0.0.1 -U postgres -d postgres -qtAc "SELECT pg_reload_conf()" >/dev/null
    fi
    rm -rf "$DIR" && mkdir -p "$DIR" && chown postgres "$DIR" && chmod 700 "$DIR"
    echo "==> pg_basebackup into $DIR/data"
    # A replication slot keeps the WAL the standby still needs (without it a busy primary may
    # recycle a segment before the standby starts streaming); "stop" drops it.
    psql -h 127.0.0.1 -U postgres -d postgres -qtAc \
      "SELECT pg_drop_replication_slot('$SLOT') FROM pg_replication_slots WHERE slot_name = '$SLOT'" >/dev/null
    as_postgres "$BIN/pg_basebackup" -h 127.0.0.1 -U postgres -D "$DIR/data" -R -X stream -c fast -C -S "$SLOT"
    # Debian keeps a cluster's configuration under /etc/postgresql, outside the data folder:
    # the standby gets its own few lines (and the primary's access rules).
    cp "$HBA" "$DIR/data/pg_hba.conf"
    cat > "$DIR/data/postgresql.conf" <<CONF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
hot_standby = on
# A report's query on the standby keeps the rows it reads from being vacuumed away on the
# primary, and a conflict that still comes waits at most 5 s: replay never stalls for long.
hot_standby_feedback = on
max_standby_streaming_delay = 5s
wal_receiver_status_interval = 1s
max_connections = 100
shared_buffers = 128MB
CONF
    chown postgres "$DIR/data/pg_hba.conf" "$DIR/data/postgresql.conf"
    as_postgres "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 120 start
    echo "replica streaming on port $PORT"
    ;;
  stop)
    if [ -d "$DIR/data" ]; then as_postgres "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop || true; fi
    rm -rf "$DIR"
    psql -h 127.0.0.1 -U postgres -d postgres -qtAc \
      "SELECT pg_drop_replication_slot('$SLOT') FROM pg_replication_slots WHERE slot_name = '$SLOT'" >/dev/null
    ;;
  status)
    psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc \
      "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()"
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
