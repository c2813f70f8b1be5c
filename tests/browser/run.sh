#!/usr/bin/env bash
# Runs one browser test (tests/browser/<name>.mjs) against a server of its own: a fresh demo
# store, `airguard serve` on a free loopback port, Debian's chromium driven by playwright-core
# (tools/node_modules). Registered with ctest as browser_<name> (tests/CMakeLists.txt).
#   AG_BIN=build/dev/airguard AG_SOURCE_DIR=$PWD tests/browser/run.sh assess
# Screenshots: $AG_SCREENSHOTS (default build/dev/screenshots). After the test the server must
# stop cleanly on SIGTERM and the audit trail must verify.
set -u
: "${AG_BIN:?AG_BIN must point to the airguard binary}"
: "${AG_SOURCE_DIR:?AG_SOURCE_DIR must point to the repository}"
name=${1:?usage: run.sh TEST (a tests/browser/TEST.mjs)}
script="$AG_SOURCE_DIR/tests/browser/$name.mjs"
[[ -f $script ]] || { echo "not ok - no $script"; exit 1; }
missing=()
chromium=$(command -v chromium) || missing+=(chromium)
for t in node oathtool sqlite3; do command -v $t >/dev/null || missing+=($t); done
[[ -d $AG_SOURCE_DIR/tools/node_modules/playwright-core ]] || missing+=("playwright-core (tools/node_modules)")
if ((${#missing[@]})); then
  echo "not ok - installed: ${missing[*]} (run scripts/install-deps)"
  exit 1
fi
tmp=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/web.db"
"$AG_BIN" --db "$db" db init --demo >/dev/null || { echo "not ok - db init --demo"; exit 1; }
"$AG_BIN" --db "$db" serve --listen 127.0.0.1:0 >"$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q listening "$tmp/serve.log" && break; sleep 0.1; done
port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)/$|\1|p' "$tmp/serve.log")
[[ -n $port ]] || { echo "not ok - the server starts"; cat "$tmp/serve.log"; exit 1; }

export AG_BASE_URL="http://127.0.0.1:$port" AG_DB="$db" AG_CHROMIUM="$chromium"
export AG_SCREENSHOTS="${AG_SCREENSHOTS:-$(dirname "$AG_BIN")/screenshots}"
export HOME="$tmp" # chromium's profile and crash dumps stay in the temporary folder
timeout 120 node "$script"
status=$?
((status == 124)) && echo "not ok - the browser test finished within 120 s"

kill -TERM "$pid"
wait "$pid"
rc=$?
pid=
if ((rc == 0)); then echo "ok - the server stops cleanly"; else
  echo "not ok - the server stops cleanly (exit status $rc)"
  sed 's/^/    /' "$tmp/serve.log" | tail -20
  status=1
fi
if "$AG_BIN" --db "$db" audit verify >"$tmp/verify" 2>&1; then echo "ok - audit verify"; else
  echo "not ok - audit verify"
  sed 's/^/    /' "$tmp/verify"
  status=1
fi
exit $status
