#!/usr/bin/env bash
# Runs a command against a private, throw-away RabbitMQ node:
#   scripts/with-rabbitmq.sh dotnet test tests/Scalearn.Cluster.Tests
# The node gets its own name, ports, data and log directories, so it never touches a system RabbitMQ. The command sees
# SCALEARN_TEST_BROKER=amqp://guest:guest@127.0.0.1:PORT/ (and SCALEARN_TEST_RABBITMQCTL, rabbitmqctl for the node); the node is stopped and its files removed on exit, and the
# script returns the command's exit code. Works unattended (CI=true, no stdin, root).
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 <command> [args...]" >&2
    exit 2
fi

export PATH="$PATH:/usr/sbin"
if ! command -v rabbitmq-server >/dev/null 2>&1 && [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
    echo "with-rabbitmq: rabbitmq-server not found; installing it with apt-get" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -q </dev/null
    $SUDO apt-get install -y -q --no-install-recommends rabbitmq-server </dev/null
    # The package starts a system node on 5672; ours is separate, so leave it alone.
fi

free_port() {
    python3 - 2>/dev/null <<'PY' || echo $(( 20000 + RANDOM % 20000 ))
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/scalearn-rabbitmq.XXXXXX")"
NODE="scalearn-test-$$@localhost"
AMQP_PORT="$(free_port)"
DIST_PORT="$(free_port)"
while [ "$DIST_PORT" = "$AMQP_PORT" ]; do DIST_PORT="$(free_port)"; done

# A fresh HOME (CI containers) may lack an Erlang cookie or be unwritable: the node and rabbitmqctl get a private
# HOME with their own cookie. Only they see it; the command keeps the caller's HOME (NuGet cache, tools).
NODE_HOME="$WORK_DIR/home"
mkdir -p "$NODE_HOME" "$WORK_DIR/mnesia" "$WORK_DIR/log"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 'a-f' 'A-F' > "$NODE_HOME/.erlang.cookie"
chmod 400 "$NODE_HOME/.erlang.cookie"

cat > "$WORK_DIR/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$AMQP_PORT
loopback_users = none
vm_memory_high_watermark.relative = 0.6
disk_free_limit.absolute = 50MB
log.console = false
log.file.level = warning
CONF
: > "$WORK_DIR/enabled_plugins"
printf '[].\n' > "$WORK_DIR/enabled_plugins"

export RABBITMQ_NODENAME="$NODE"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="$AMQP_PORT"
export RABBITMQ_DIST_PORT="$DIST_PORT"
export RABBITMQ_MNESIA_BASE="$WORK_DIR/mnesia"
export RABBITMQ_LOG_BASE="$WORK_DIR/log"
export RABBITMQ_CONFIG_FILE="$WORK_DIR/rabbitmq.conf"
export RABBITMQ_ENABLED_PLUGINS_FILE="$WORK_DIR/enabled_plugins"
export RABBITMQ_PID_FILE="$WORK_DIR/node.pid"
export RABBITMQ_CONF_ENV_FILE="$WORK_DIR/rabbitmq-env.conf"
# This node shares its cores with the workers and the tests: Erlang schedulers that run out of work should sleep
# instead of spinning (the runtime's busy wait is tuned for a machine that serves RabbitMQ alone).
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="${RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS:-} +sbwt none +sbwtdcpu none +sbwtdio none"
: > "$RABBITMQ_CONF_ENV_FILE"
# Keep epmd private too, so parallel runs and a system RabbitMQ don't collide.
EPMD_PORT="$(free_port)"
export ERL_EPMD_PORT="$EPMD_PORT"

# Debian's /usr/sbin wrappers switch to the rabbitmq user (and its HOME/cookie) when run as root; the real scripts
# run as whoever calls them, which is what a private node in a temp directory needs.
RABBIT_BIN=/usr/lib/rabbitmq/bin
if [ ! -x "$RABBIT_BIN/rabbitmq-server" ]; then RABBIT_BIN="$(dirname "$(command -v rabbitmq-server)")"; fi
SERVER_PID=""
cleanup() {
    local code=$?
    trap - EXIT INT TERM
    if [ -n "$SERVER_PID" ]; then
        HOME="$NODE_HOME" "$RABBIT_BIN/rabbitmqctl" -n "$NODE" stop >/dev/null 2>&1 </dev/null || true
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
        # The node runs in its own session (setsid below): take down the whole group if it ignored the stop.
        kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    epmd_bin="$(command -v epmd || ls /usr/lib/erlang/erts-*/bin/epmd 2>/dev/null | head -n 1 || true)"
    if [ -n "$epmd_bin" ]; then "$epmd_bin" -port "$EPMD_PORT" -kill >/dev/null 2>&1 || true; fi
    rm -rf "$WORK_DIR"
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

HOME="$NODE_HOME" setsid "$RABBIT_BIN/rabbitmq-server" </dev/null >"$WORK_DIR/log/server.out" 2>&1 &
SERVER_PID=$!

# await_startup gives up at once while the Erlang node is not registered yet, so retry until the boot completes.
started=""
for _ in $(seq 1 90); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
    if HOME="$NODE_HOME" "$RABBIT_BIN/rabbitmqctl" -n "$NODE" await_startup --timeout 60 </dev/null >"$WORK_DIR/log/await.out" 2>&1; then
        started=yes
        break
    fi
    sleep 1
done
if [ -z "$started" ]; then
    echo "with-rabbitmq: node $NODE did not start; output:" >&2
    tail -n 20 "$WORK_DIR/log/await.out" >&2 || true
    tail -n 40 "$WORK_DIR/log/server.out" >&2 || true
    tail -n 40 "$WORK_DIR"/log/*.log >&2 2>/dev/null || true
    exit 1
fi

export SCALEARN_TEST_BROKER="amqp://guest:guest@127.0.0.1:$AMQP_PORT/"
# Lets tests stop and restart the broker application (durable queues survive) to check recovery.
export SCALEARN_TEST_RABBITMQCTL="env HOME=$NODE_HOME ERL_EPMD_PORT=$EPMD_PORT $RABBIT_BIN/rabbitmqctl -n $NODE"
echo "with-rabbitmq: node $NODE listening on 127.0.0.1:$AMQP_PORT" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
