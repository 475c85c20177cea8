#!/usr/bin/env bash
# Runs every check: code format, unit, integration and end-to-end tests against real SIP peers, and a dry run of
# every benchmark so the suites never rot.
# Installs what the tests drive (sipp, baresip, libopus, PostgreSQL, Postfix and Dovecot) when it is missing; that step needs root.
# The storage tests get a PostgreSQL server from INBOX_TEST_POSTGRES (an Npgsql connection string whose user may
# CREATE DATABASE); when it is unset, this script starts the local cluster and points it there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v sipp >/dev/null 2>&1 || need+=(sip-tester)
# A real softphone on the agent's desk (headless: the core package, without the GTK front end).
command -v baresip >/dev/null 2>&1 || need+=(baresip-core)
# Native Opus: the codec tests cover libopus when it is present and the managed fallback always.
# grep reads to the end (no -q): quitting early would kill ldconfig with SIGPIPE, which pipefail reports as missing.
ldconfig -p 2>/dev/null | grep 'libopus\.so\.0' >/dev/null || need+=(libopus0)
if [ -z "${INBOX_TEST_POSTGRES:-}" ] && ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
  need+=(postgresql)
fi
# Postfix and Dovecot for the e-mail channel's tests, which start their own instances (not the system services).
[ -x /usr/sbin/postfix ] && [ -x /usr/lib/dovecot/imap ] && [ -x /usr/lib/dovecot/lmtp ] || need+=(postfix dovecot-imapd dovecot-lmtpd)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing test peers (${need[*]}): run as root or install them: apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "Installing test peers: ${need[*]}"
  apt-get update -qq
  # Postfix asks how to configure the system's mail; the tests write their own configuration.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The local cluster (Debian's postgresql-common: created with the package, started here when down) and a role
# "inbox" that may create the tests' databases. Every step is skipped when already done.
start_postgres() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "Set INBOX_TEST_POSTGRES (e.g. Host=127.0.0.1;Port=5432;Username=inbox;Password=inbox;Database=postgres)" \
      "or run as root to have this script start a local PostgreSQL." >&2
    exit 1
  fi
  if [ -z "$(pg_lsclusters --no-header 2>/dev/null)" ]; then
    pg_createcluster --locale C.UTF-8 "$(ls /usr/lib/postgresql | sort -V | tail -n 1)" main >/dev/null
  fi
  local version name port status
  # The first cluster that is up, else the first one.
  read -r version name port status _ < <(pg_lsclusters --no-header | sort -k4,4r | head -n 1)
  case "$status" in
    online*) ;;
    *) pg_ctlcluster "$version" "$name" start >/dev/null ;;
  esac
  # From / because psql, run as postgres, cannot enter the caller's folder.
  (cd / && runuser -u postgres -- psql -p "$port" -qAtX -v ON_ERROR_STOP=1) >/dev/null <<'SQL'
SELECT 'CREATE ROLE inbox' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'inbox') \gexec
ALTER ROLE inbox LOGIN CREATEDB PASSWORD 'inbox';
SQL
  export INBOX_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=inbox;Password=inbox;Database=postgres"
}
if [ -z "${INBOX_TEST_POSTGRES:-}" ]; then
  echo "Using the local PostgreSQL for the storage tests (INBOX_TEST_POSTGRES is unset)"
  start_postgres
fi

echo "Checking code format (dotnet format --verify-no-changes)"
dotnet format Inbox.sln --verify-no-changes

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
dotnet test Inbox.sln --configuration Release --logger "console;verbosity=normal" --logger "trx" --results-directory "$results" \
  2>&1 | tee "$results/output.log" || status=$?

if [ "$status" -eq 0 ]; then
  echo "Benchmark smoke run (--job dry)"
  dotnet run -c Release --project benchmarks/Inbox.Benchmarks -- --filter '*' --job dry >"$results/benchmarks.log" 2>&1 \
    || { tail -n 40 "$results/benchmarks.log"; echo "Benchmarks failed to run" >&2; status=1; }
fi

# One closing line for the whole run, summed over every test assembly's summary ("Total tests: N" then
# indented "Passed: N", "Failed: N", "Skipped: N" lines).
awk '/^Total tests:/ { inSummary = 1; next }
     inSummary && /^[[:space:]]+Passed:/  { p += $2; next }
     inSummary && /^[[:space:]]+Failed:/  { f += $2; next }
     inSummary && /^[[:space:]]+Skipped:/ { s += $2; next }
     { inSummary = 0 }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$results/output.log"

# CI logs are cut from the top: repeat each failure, with its message, at the very end.
if grep -qE '^[[:space:]]+Failed [A-Za-z]' "$results/output.log"; then
  echo "Failed tests:"
  grep -E -A 8 '^[[:space:]]+Failed [A-Za-z]' "$results/output.log" | head -n 120
fi
exit $status
