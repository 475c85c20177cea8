#!/usr/bin/env bash
# Call load run: sipp customers call campaign numbers of a Release server on loopback; sipp agent phones answer; the
# load tool (benchmarks/Inbox.CallLoad) plays the agents' desks over gRPC and the RTP of both ends of every call:
# the callers send a 20 ms PCMA packet every 20 ms, the agents' phones echo it back, and loss is counted both ways.
# Each call is queued, offered, rung, answered, bridged, carries 20 ms PCMA both ways for HOLD seconds, and ends
# with the caller's BYE; the desk then closes the interaction with a disposition so the agent is free again.
#
# Two phases, each a series of steps (one sipp caller run a step, which waits for the calls to drain):
#   setup rate:  BURST calls at each of SETUP_RATES calls/s (at most AGENTS at once): can the server set up and
#                bridge calls that fast?
#   concurrency: CONCURRENT calls held at once (sipp -l), each call replaced when it ends, two generations a
#                step, opened at FILL_RATE calls/s: how many bridged calls does it carry?
# Per step: calls attempted and failed (sipp); bridged (an agent accepted it) and missed (attempted but never
# bridged); desk (lapsed offers and gRPC errors at the desks); peak (calls bridged at once: server legs that sent the
# phones RTP in the last 0.3 s); answer (INVITE to 200 OK, sent once the inbox stored the call) and wait (stored to
# accepted, the phone's 0.5 s ring included) at p50/p99/max; RTP loss each way (sequence gaps); UDP datagrams dropped
# at the load generator's sockets and machine-wide; server CPU (step average, and steady: while at least 95 % of the
# peak was bridged, also per relayed packet), the load generator's and the whole machine's CPU; the load average.
#
# Usage: bash benchmarks/load/call-load.sh      (settings below, from the environment; a run takes about 10 minutes)
# e.g.   AGENTS=100 BURST=50 SETUP_RATES=20 CONCURRENT=50 HOLD=10 bash benchmarks/load/call-load.sh   (a quick check)
# Loopback only. Needs sipp (Debian package sip-tester) and the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

AGENTS=${AGENTS-1600}          # agents (and phones): the most calls that can be bridged at once
TEAM=${TEAM-20}                # agents per campaign; each campaign has its own number (see the docs for why)
HOLD=${HOLD-30}                # seconds each call lasts once answered
BURST=${BURST-600}             # calls per setup-rate step
SETUP_RATES=${SETUP_RATES-"100 200 400 800"}
CONCURRENT=${CONCURRENT-"400 800 1200 1600"}
FILL_RATE=${FILL_RATE-100}     # calls/s while filling a concurrency step
ENGINE=${ENGINE-Auto}          # Media:Receive:Engine, how the server reads media sockets: Auto (io_uring here), Batched...
DATA=${DATA-}                  # where the server's data folder (SQLite) goes; default: the work folder, on disk.
                               # DATA=/dev/shm takes the disk's fsync out of the inbox's commits, to see what they cost

sip=5970 api=5980 web=5981 phones=5990 callers=5995
# UDP: the tool's RTP sockets for the agents' phones and the callers; sipp's own media ports (unused, but bound).
agent_rtp=6300 caller_rtp=6100 phone_media=6200 caller_media=6400
work=$(mktemp -d /tmp/call-load.XXXXXX)
data=$work/data
[ -n "$DATA" ] && data=$(mktemp -d "$DATA/call-load-data.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
  if [ -n "$DATA" ]; then rm -rf "$data"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

dotnet build MediaServer/Inbox.MediaServer -c Release -v q -nologo >/dev/null
dotnet build benchmarks/Inbox.CallLoad -c Release -v q -nologo >/dev/null
tool=(dotnet "$repo/benchmarks/Inbox.CallLoad/bin/Release/net10.0/Inbox.CallLoad.dll")
scenarios=$repo/benchmarks/load

cd "$work"
"${tool[@]}" config --base "$repo/config/appsettings.json" --out config --data "$data" --agents "$AGENTS" --team-size "$TEAM" --receive-engine "$ENGINE" \
  --sip-port $sip --api-port $api --web-port $web

dotnet "$repo/MediaServer/Inbox.MediaServer/bin/Release/net10.0/Inbox.MediaServer.dll" --config-dir config > server.log 2>&1 &
server=$!; pids+=("$server")
timeout 60 bash -c "until ss -Hlun 'sport = :$sip' | grep -q .; do sleep 0.2; done"

# The phones register from the port the phones' UAS then listens on, as in the end-to-end tests.
sipp 127.0.0.1:$sip -sf "$scenarios/register_agents.xml" -inf config/registrations.csv -i 127.0.0.1 -p $phones -mp 6990 \
  -m "$AGENTS" -r 500 -l 500 -nostdin -timeout 60s -buff_size 8388608 -trace_err >/dev/null 2>&1 \
  || { echo "registering the agents' phones failed"; tail -n 20 ./*errors.log; exit 1; }
sipp 127.0.0.1:$sip -sf "$scenarios/agent_phones.xml" -key agent_rtp $agent_rtp -i 127.0.0.1 -p $phones -mi 127.0.0.1 -mp $phone_media \
  -nostdin -buff_size 8388608 -trace_err -error_file phones-errors.log -trace_stat -stf phones.csv -fd 1 > phones.log 2>&1 &
phones_sipp=$!; pids+=("$phones_sipp")
"${tool[@]}" agents --api-port $api --agents "$AGENTS" --agent-rtp-port $agent_rtp --caller-rtp-port $caller_rtp --server-pid "$server" --status status.txt --waits waits.txt > agents.log 2>&1 &
desks=$!; pids+=("$desks")
timeout 180 bash -c "until grep -q 'signed in' agents.log; do sleep 0.5; done" || { echo "agents did not sign in"; cat agents.log; exit 1; }

hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }                                   # utime + stime, clock ticks
machine() { awk '/^cpu /{print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }   # busy and all ticks, both cores
udp_drops() { awk '/^Udp: [0-9]/{print $4}' /proc/net/snmp; }   # InErrors, machine-wide: full receive buffers mostly
# Datagrams dropped at the load generator's own long-lived sockets (the tool's RTP sockets, the phones' SIP socket).
generator_drops() {
  ss -Huanm "( sport = :$agent_rtp or sport = :$caller_rtp or sport = :$phones )" | grep -o 'd[0-9]*)' | tr -d 'd)' | awk '{s += $1} END {print s + 0}'
}
# The load generator's CPU ticks into $generator: the tool, the phones' sipp, and (bash's `times`, which must run in
# this shell, not in a $(...) subshell) the callers' sipp runs this shell has reaped.
generator_ticks() {
  times > times.txt
  generator=$(($(ticks "$desks") + $(ticks "$phones_sipp") +
    $(awk -v hz="$hz" 'NR == 2 { gsub(/[ms]/, " "); print int(($1 * 60 + $2 + $3 * 60 + $4) * hz) }' times.txt)))
}
percentiles() { sort -n | awk '{v[NR] = $1} END { if (NR == 0) { print "- - -"; exit } i = int(NR * 0.99); if (i < 1) i = 1
  printf "%.0fms %.0fms %.0fms\n", v[int((NR + 1) / 2)], v[i], v[NR] }'; }
column() { awk -F';' -v name="$2" 'NR==1{for(i=1;i<=NF;i++) if($i==name) c=i} END{print $c}' "$1"; }
row='%-10s %5s %6s %6s %7s %6s %6s %6s %8s %8s %8s %8s %8s %8s %8s %7s %7s %6s %7s %7s %7s %7s %5s\n'

printf "$row" step rate calls failed bridged missed desk peak ans_p50 ans_p99 ans_max wait_p50 wait_p99 loss_c2a loss_a2c gen_drop \
  udp_drop server steady per_pkt loadgen machine load
step() { # name rate calls limit
  local name=$1 rate=$2 calls=$3 limit=$4
  local t0 s0 g0 m0 mt0 d0 x0 w0; t0=$(date +%s.%N); s0=$(ticks "$server"); generator_ticks; g0=$generator; read -r m0 mt0 < <(machine); d0=$(udp_drops); x0=$(generator_drops)
  w0=$(wc -l < server.log)
  rm -f step.csv
  # In the background and waited for, so that Ctrl+C reaches the trap at once.
  timeout $((calls / rate + 3 * HOLD + 90)) sipp 127.0.0.1:$sip -sf "$scenarios/callers.xml" -inf config/numbers.csv -key caller_rtp $caller_rtp \
    -i 127.0.0.1 -p $callers -mi 127.0.0.1 -mp $caller_media -r "$rate" -m "$calls" -l "$limit" -d $((HOLD * 1000)) -nostdin \
    -timeout $((calls / rate + 3 * HOLD + 60))s -buff_size 8388608 -trace_err -error_file "callers-$name-$rate-errors.log" \
    -trace_stat -stf step.csv -fd 1 -trace_rtt -rtt_freq 1 >/dev/null 2>&1 &
  wait $! || true
  # The desks close the last calls a moment after the callers' BYE.
  timeout 20 bash -c "until [ \"\$(tail -n 1 status.txt | cut -d' ' -f3)\" = 0 ]; do sleep 0.5; done" || true
  local t1 s1 g1 m1 mt1 d1 x1; t1=$(date +%s.%N); s1=$(ticks "$server"); generator_ticks; g1=$generator; read -r m1 mt1 < <(machine); d1=$(udp_drops); x1=$(generator_drops)
  local ok failed; ok=$(column step.csv 'SuccessfulCall(C)'); failed=$(column step.csv 'FailedCall(C)')

  # The step's status lines: counters as the difference from the last line before it, gauges at their peak.
  # Steady: the server's CPU over the seconds when at least 95 % of the peak was bridged (relaying, little setup),
  # and what that is per relayed packet (each bridged call relays 50 packets a second each way).
  local bridged lapsed desk peak loss_c2a loss_a2c steady per_packet
  read -r bridged lapsed desk peak loss_c2a loss_a2c steady per_packet < <(awk -v t0="$t0" -v t1="$t1" '
    function loss(r, e) { return sprintf("%.3f%%", e > 0 && e > r ? (e - r) / e * 100 : 0) }
    NR == 2 || (NR > 2 && $1 < t0) { for (i = 1; i <= NF; i++) base[i] = $i }
    NR > 1 && $1 >= t0 && $1 <= t1 + 1 { for (i = 1; i <= NF; i++) last[i] = $i; if ($2 > peak) peak = $2
      n++; time[n] = $1; legs[n] = $2; cpu[n] = $16 }
    END {
      for (i = 2; i <= n; i++) if (legs[i] >= 0.95 * peak && legs[i - 1] >= 0.95 * peak) { ms += cpu[i] - cpu[i - 1]; s += time[i] - time[i - 1]; pk += legs[i] * 100 * (time[i] - time[i - 1]) }
      print last[4] - base[4], last[8] - base[8], last[9] + last[10] - base[9] - base[10], peak + 0,
            loss(last[11] - base[11], last[12] - base[12]), loss(last[13] - base[13], last[14] - base[14]),
            (s > 0 ? sprintf("%.0f%%", ms / 10 / s) : "-"), (pk > 0 ? sprintf("%.1fus", ms * 1000 / pk) : "-") }' status.txt)
  # Answer: the caller's INVITE to the server's 200 OK, sent once the inbox has stored the call as queued (sipp's rtd).
  # Wait: from that stored moment to the agent's acceptance stored, including the phone's half-second ring.
  local a50 a99 amax w50 w99 wmax
  read -r a50 a99 amax < <(awk -F';' '$1 != "Date_ms" {print $2}' callers_*_rtt.csv 2>/dev/null | percentiles)
  rm -f callers_*_rtt.csv
  read -r w50 w99 wmax < <(awk -v t0="$t0" -v t1="$t1" '$1 >= t0 && $1 <= t1 {print $2}' waits.txt | percentiles)
  # Server and load generator: share of one core over the step; machine: of both cores, anyone's work included.
  local server_cpu generator_cpu machine_cpu
  server_cpu=$(awk -v d="$((s1 - s0))" -v hz="$hz" -v t0="$t0" -v t1="$t1" 'BEGIN{printf "%.0f%%", d / hz / (t1 - t0) * 100}')
  generator_cpu=$(awk -v d="$((g1 - g0))" -v hz="$hz" -v t0="$t0" -v t1="$t1" 'BEGIN{printf "%.0f%%", d / hz / (t1 - t0) * 100}')
  machine_cpu=$(awk -v b="$((m1 - m0))" -v t="$((mt1 - mt0))" 'BEGIN{printf "%.0f%%", b / t * 100}')
  printf "$row" "$name" "$rate" "$((ok + failed))" "$failed" "$bridged" "$((ok + failed - bridged))" "$((lapsed + desk))" "$peak" \
    "$a50" "$a99" "$amax" "$w50" "$w99" "$loss_c2a" "$loss_a2c" "$((x1 - x0))" "$((d1 - d0))" "$server_cpu" "$steady" "$per_packet" "$generator_cpu" "$machine_cpu" "$(cut -d' ' -f1 /proc/loadavg)"
  if [ "$(wc -l < server.log)" -gt "$w0" ]; then
    # What the server warned about during the step, most frequent first, without the time stamps.
    tail -n +$((w0 + 1)) server.log | cut -c14-170 | sed -E 's/[0-9a-f]{32}|[0-9]+(\.[0-9]+)?/N/g' | sort | uniq -c | sort -rn | head -n 3 |
      sed 's/^/        server: /'
  fi
}

echo "$(nproc) cores, .NET $(dotnet --list-runtimes | awk '/NETCore.App/ {v = $2} END {print v}'), $(sipp -v 2>&1 | grep -o 'SIPp v[0-9.]*'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for rate in $SETUP_RATES; do step setup "$rate" "$BURST" "$BURST"; done
for calls in $CONCURRENT; do step "held$calls" "$FILL_RATE" $((2 * calls)) "$calls"; done
sleep 2 # sipp writes its statistics once a second
echo "agent phones (sipp UAS): $(column phones.csv 'SuccessfulCall(C)') answered, $(column phones.csv 'FailedCall(C)') failed"
