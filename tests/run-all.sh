#!/usr/bin/env bash
# Runs every check: code format, unit, integration and end-to-end tests against real SIP peers, and a dry run of
# every benchmark so the suites never rot.
# Installs what the tests drive (sipp, libopus) when it is missing; that step needs root.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v sipp >/dev/null 2>&1 || need+=(sip-tester)
# Native Opus: the codec tests cover libopus when it is present and the managed fallback always.
ldconfig -p 2>/dev/null | grep -q 'libopus\.so\.0' || need+=(libopus0)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing test peers (${need[*]}): run as root or install them: apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "Installing test peers: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
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
