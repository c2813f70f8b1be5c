#!/usr/bin/env bash
# Running the server: `airguard serve --config FILE` (strict key = value parser: errors name the
# file, line and key; command-line options override the file; plain HTTP only on loopback) and
# `airguard tls init DIR` (a self-signed ECDSA P-256 certificate for the first start: SANs,
# validity, key mode 0600, refusal to overwrite; a server started with it answers curl --cacert).
source "$(dirname "$0")/lib.sh"
for t in curl openssl; do
  command -v $t >/dev/null || { echo "not ok - $t is installed (scripts/install-deps)"; exit 1; }
done
db="$tmp/web.db"
"$AG_BIN" --db "$db" db init >/dev/null || exit 1
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT

# start_server NAME ARGS…: starts `airguard ARGS…` in the background; $port, $scheme; 1 if no start
start_server() {
  local log="$tmp/$1.log"
  shift
  "$AG_BIN" "$@" >"$log" 2>&1 &
  pids+=($!)
  spid=$!
  for _ in $(seq 100); do grep -q listening "$log" && break; kill -0 $spid 2>/dev/null || break; sleep 0.1; done
  scheme=$(sed -n 's|^listening on \(https*\)://.*|\1|p' "$log")
  port=$(sed -n 's|^listening on https*://[^ ]*:\([0-9]*\)/$|\1|p' "$log")
  [[ -n $port ]]
}
stop_server() { kill -TERM "$spid"; wait "$spid"; }

# ---- tls init ----
run "tls init" 0 "$AG_BIN" --lang en tls init "$tmp/tls" --host airguard.nanwan.example,192.0.2.7
contains "tls init reports the files" "$out" "wrote $tmp/tls/cert.pem and $tmp/tls/key.pem"
equals "key.pem is mode 0600" "$(stat -c %a "$tmp/tls/key.pem")" 600
equals "cert.pem is mode 0644" "$(stat -c %a "$tmp/tls/cert.pem")" 644
ls -a "$tmp/tls" >"$tmp/ls"
lacks "no temporary file is left" "$(cat "$tmp/ls")" ".tmp."
text=$(openssl x509 -in "$tmp/tls/cert.pem" -noout -text)
contains "ECDSA key" "$text" "id-ecPublicKey"
contains "P-256 curve" "$text" "NIST CURVE: P-256"
contains "signed with SHA-256" "$text" "ecdsa-with-SHA256"
contains "subject is the first host" "$text" "CN = airguard.nanwan.example"
contains "SANs: names, localhost, 127.0.0.1" "$text" \
  "DNS:airguard.nanwan.example, IP Address:192.0.2.7, DNS:localhost, IP Address:127.0.0.1"
contains "not a CA" "$text" "CA:FALSE"
contains "for TLS servers" "$text" "TLS Web Server Authentication"
nb=$(date -d "$(openssl x509 -in "$tmp/tls/cert.pem" -noout -startdate | cut -d= -f2)" +%s)
na=$(date -d "$(openssl x509 -in "$tmp/tls/cert.pem" -noout -enddate | cut -d= -f2)" +%s)
days=$(((na - nb) / 86400))
equals "valid for one year (days)" "$days" 365
now=$(date +%s)
[[ $nb -le $now && $nb -ge $((now - 600)) ]] && ok "valid from now" || not_ok "valid from now: notBefore $nb, now $now"
k1=$(openssl pkey -in "$tmp/tls/key.pem" -pubout 2>/dev/null)
k2=$(openssl x509 -in "$tmp/tls/cert.pem" -noout -pubkey)
[[ -n $k1 && $k1 == "$k2" ]] && ok "key.pem is the certificate's key" || not_ok "key and certificate differ"
serial1=$(openssl x509 -in "$tmp/tls/cert.pem" -noout -serial)
run "tls init refuses to overwrite" 2 "$AG_BIN" --lang en tls init "$tmp/tls"
contains "refusal names --force" "$err" "--force replaces them"
equals "the refused run left the certificate" "$(openssl x509 -in "$tmp/tls/cert.pem" -noout -serial)" "$serial1"
run "tls init --force" 0 "$AG_BIN" tls init "$tmp/tls" --force --host localhost
[[ $(openssl x509 -in "$tmp/tls/cert.pem" -noout -serial) != "$serial1" ]] && ok "--force makes a new certificate" || not_ok "same serial after --force"
text=$(openssl x509 -in "$tmp/tls/cert.pem" -noout -text)
contains "localhost not repeated" "$text" "DNS:localhost, IP Address:127.0.0.1"
run "a bad host name is refused" 2 "$AG_BIN" --lang en tls init "$tmp/tls2" --host 'bad name;x'
contains "bad host message" "$err" "is neither a host name nor an IP address"
[[ ! -e $tmp/tls2/key.pem ]] && ok "nothing written for a bad host" || not_ok "key written for a bad host"
run "tls without init" 2 "$AG_BIN" tls "$tmp/tls3"
contains "tls usage" "$err" "airguard tls init DIR"

# ---- the server with the generated certificate, configured by file ----
cat >"$tmp/https.conf" <<CONF
# airguard serve --config: HTTPS on loopback
listen = 127.0.0.1:0
db = $db
tls_cert = $tmp/tls/cert.pem
tls_key  = $tmp/tls/key.pem
threads = 3
per_ip_limit = 8
idle_timeout = 20
max_body = 131072
CONF
if start_server https serve --config "$tmp/https.conf"; then
  equals "config: TLS from the file" "$scheme" https
  code=$(curl -s --cacert "$tmp/tls/cert.pem" -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/login")
  equals "curl --cacert trusts the self-signed certificate (127.0.0.1)" "$code" 200
  code=$(curl -s --cacert "$tmp/tls/cert.pem" --resolve "localhost:$port:127.0.0.1" -o /dev/null \
    -w '%{http_code}' "https://localhost:$port/login")
  equals "curl --cacert (localhost)" "$code" 200
  code=$(curl -s --cacert "$tmp/tls/cert.pem" --resolve "other.example:$port:127.0.0.1" -o /dev/null \
    -w '%{http_code}' "https://other.example:$port/login")
  equals "a name not in the certificate is refused by the client" "$code" 000
  stop_server
  equals "stops on SIGTERM" "$?" 0
else
  not_ok "server with --config https.conf" "$(cat "$tmp/https.log")"
fi

# command line over file: the file says HTTPS on a port, the options say plain HTTP on port 0
cat >"$tmp/plain.conf" <<CONF
listen = 127.0.0.1:1
db = $tmp/does-not-exist.db
CONF
if start_server override serve --config "$tmp/plain.conf" --listen 127.0.0.1:0 --db "$db"; then
  equals "--listen overrides the file" "$scheme" http
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/login")
  equals "--db overrides the file" "$code" 200
  stop_server
else
  not_ok "command line over the file" "$(cat "$tmp/override.log")"
fi
# the file's TLS pair is replaced as a whole by --cert/--key: a --cert alone is half a pair
run "--cert alone over a file's pair is refused" 2 "$AG_BIN" serve --config "$tmp/https.conf" \
  --cert "$tmp/tls/cert.pem"

# ---- strict parsing: each error names file, line and key; nothing starts ----
conf_error() { # NAME CONTENT EXPECTED-MESSAGE
  printf '%b' "$2" >"$tmp/bad.conf"
  run "config: $1" 2 "$AG_BIN" --lang en --db "$db" serve --config "$tmp/bad.conf"
  contains "config: $1 (message)" "$err" "$3"
}
conf_error "unknown key" 'listen = 127.0.0.1:0\n\nport = 8080\n' \
  "$tmp/bad.conf:3: unknown key \"port\""
conf_error "no equals sign" '# c\nlisten 127.0.0.1:0\n' \
  "$tmp/bad.conf:2: \"listen 127.0.0.1:0\" is not a line of the form key = value"
conf_error "duplicate key" 'threads = 2\nthreads = 3\n' \
  "$tmp/bad.conf:2: key \"threads\" is given twice (first on line 1)"
conf_error "empty value" 'db =\n' "$tmp/bad.conf:1: key \"db\" has no value"
conf_error "number out of range" 'threads = 9\n' \
  "$tmp/bad.conf:1: key \"threads\": \"9\" is not a whole number from 1 to 4"
conf_error "not a number" 'idle_timeout = 10s\n' \
  "$tmp/bad.conf:1: key \"idle_timeout\": \"10s\" is not a whole number from 1 to 3600"
conf_error "negative number" 'max_body = -5\n' "key \"max_body\": \"-5\" is not a whole number"
conf_error "bad listen" 'listen = localhost:80\n' \
  "$tmp/bad.conf:1: key \"listen\": \"localhost:80\" is not an IP address"
conf_error "control character" 'db = a\033b\n' "$tmp/bad.conf:1: the line has a control character"
conf_error "half a TLS pair" "tls_cert = $tmp/tls/cert.pem\n" "tls_cert and tls_key go together"
conf_error "plain HTTP off loopback (file)" "listen = 0.0.0.0:0\n" \
  "plain HTTP is allowed only on a loopback address"
run "config: missing file" 2 "$AG_BIN" --lang en serve --config "$tmp/none.conf"
contains "config: missing file (message)" "$err" "$tmp/none.conf"
printf 'threads = 9\n' >"$tmp/ja.conf"
run "config: Japanese message" 2 "$AG_BIN" --lang ja serve --config "$tmp/ja.conf"
contains "config: Japanese message (text)" "$err" "キー「threads」"
# comments, blank lines, CRLF line ends and spaces around = are fine
printf '# c\r\n\r\n  listen=127.0.0.1:0  \r\n\tthreads\t=\t2\r\n' >"$tmp/crlf.conf"
if start_server crlf --db "$db" serve --config "$tmp/crlf.conf"; then
  ok "CRLF, comments and spacing are accepted"
  stop_server
else
  not_ok "CRLF config" "$(cat "$tmp/crlf.log")"
fi
finish
