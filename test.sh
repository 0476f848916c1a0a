#!/usr/bin/env bash
# Runs every test project (unit and RabbitMQ integration tests) against a private RabbitMQ node started for the run,
# then prints the totals as "N passed, N failed, N skipped". Installs rabbitmq-server and chromium when they are missing.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT

# The report tests drive a real headless Chromium (Debian's, never a downloaded one): install it when missing.
if [ ! -x /usr/bin/chromium ]; then
  echo "test.sh: chromium not found; installing chromium and chromium-driver with apt-get" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  if ! { DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -q </dev/null &&
         DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver </dev/null; }; then
    echo "test.sh: chromium could not be installed; the browser tests will be skipped" >&2
  fi
fi

if ! dotnet build Scalearn.slnx -c Release --nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

run_tests() {
  local status=0
  for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    # A test that hangs ends its project's run (named in the log) after 10 minutes without a finished test, instead of
    # holding the whole run until CI's limit.
    dotnet test "$project" -c Release --no-build --nologo --blame-hang-timeout 10m --blame-hang-dump-type none 2>&1 | tee "$log_dir/$name.log" || status=1
  done
  return $status
}
export -f run_tests
export log_dir
scripts/with-rabbitmq.sh bash -c run_tests
status=$?

passed=0; failed=0; skipped=0; summaries=0
for log in "$log_dir"/*.log; do
  line=$(grep -E '^(Passed|Failed)!' "$log" | tail -n 1)
  if [ -z "$line" ]; then
    echo "no test summary in $(basename "$log" .log): counted as one failure"
    failed=$((failed + 1)); status=1; continue
  fi
  summaries=$((summaries + 1))
  passed=$((passed + $(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$line")))
  failed=$((failed + $(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$line")))
  skipped=$((skipped + $(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$line")))
done
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
