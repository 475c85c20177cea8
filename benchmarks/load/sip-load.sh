#!/usr/bin/env bash
# SIP load run: OPTIONS and digest REGISTER (401 + authenticated REGISTER) from sipp at rising rates against a
# Release build of the server on loopback. Prints, per rate, the calls that succeeded and failed.
# Usage: bash benchmarks/load/sip-load.sh [seconds-per-step] [rates...]
set -euo pipefail
cd "$(dirname "$0")/../.."
step=${1:-5}; shift || true
rates=${*:-"250 500 1000 2000 4000"}
port=5960
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build MediaServer/Inbox.MediaServer -c Release -v q -nologo >/dev/null
mkdir -p "$work/config"
sed -e "s/\"Port\": 5060/\"Port\": $port/" -e 's/"Algorithms": \[ "SHA-256", "MD5" \]/"Algorithms": [ "MD5" ]/' \
    -e 's/"Default": "Information"/"Default": "Warning"/' config/appsettings.json > "$work/config/appsettings.json"
(cd "$work" && exec dotnet "$OLDPWD/MediaServer/Inbox.MediaServer/bin/Release/net10.0/Inbox.MediaServer.dll" --config-dir "$work/config") &
server=$!
sleep 3

scenarios=tests/Inbox.EndToEndTests/Scenarios
for scenario in options register; do
  for rate in $rates; do
    calls=$((rate * step))
    sipp 127.0.0.1:$port -sf "$scenarios/$scenario.xml" -i 127.0.0.1 -p 5961 -mp 6961 -s 1001 -au 1001 -ap demo-1001 \
      -r "$rate" -m "$calls" -l $((rate * 2)) -nostdin -timeout $((step + 30))s -buff_size 8388608 \
      -trace_stat -stf "$work/stat.csv" >/dev/null 2>&1 || true
    last=$(tail -n 1 "$work/stat.csv")
    ok=$(echo "$last" | awk -F';' -v h="$(head -n 1 "$work/stat.csv")" 'BEGIN{n=split(h,c,";")} {for(i=1;i<=n;i++) if(c[i]=="SuccessfulCall(C)") print $i}')
    failed=$(echo "$last" | awk -F';' -v h="$(head -n 1 "$work/stat.csv")" 'BEGIN{n=split(h,c,";")} {for(i=1;i<=n;i++) if(c[i]=="FailedCall(C)") print $i}')
    retrans=$(echo "$last" | awk -F';' -v h="$(head -n 1 "$work/stat.csv")" 'BEGIN{n=split(h,c,";")} {for(i=1;i<=n;i++) if(c[i]=="Retransmissions(C)") print $i}')
    echo "$scenario rate=$rate/s calls=$calls ok=$ok failed=$failed retransmissions=$retrans"
    rm -f "$work/stat.csv"
  done
done
