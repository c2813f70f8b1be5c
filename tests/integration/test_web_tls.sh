#!/usr/bin/env bash
# HTTPS: `airguard serve --cert --key` with a throw-away self-signed pair (openssl); HSTS and
# the security headers over TLS; half a TLS configuration is refused.
source "$(dirname "$0")/lib.sh"
command -v curl >/dev/null && command -v openssl >/dev/null || { echo "not ok - curl and openssl are installed (scripts/install-deps)"; exit 1; }
db="$tmp/web.db"
"$AG_BIN" --db "$db" db init >/dev/null || exit 1
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 \
  -subj /CN=localhost >/dev/null 2>&1 || exit 1
run "cert without key refused" 2 "$AG_BIN" --db "$db" serve --listen 127.0.0.1:0 --cert "$tmp/cert.pem"
"$AG_BIN" --db "$db" serve --listen 127.0.0.1:0 --cert "$tmp/cert.pem" --key "$tmp/key.pem" \
  >"$tmp/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do grep -q listening "$tmp/serve.log" && break; sleep 0.1; done
port=$(sed -n 's|^listening on https://127.0.0.1:\([0-9]*\)/$|\1|p' "$tmp/serve.log")
[[ -n $port ]] && ok "listening on https" || not_ok "no https port" "$(cat "$tmp/serve.log")"
hdr=$(curl -s --cacert "$tmp/cert.pem" --resolve "localhost:$port:127.0.0.1" -D - -o /dev/null \
  "https://localhost:$port/login" | tr -d '\r')
contains "200 over TLS" "$hdr" "HTTP/1.1 200"
contains "HSTS over TLS" "$hdr" "Strict-Transport-Security: max-age="
contains "Secure cookie over TLS" "$hdr" "Secure; HttpOnly; SameSite=Strict"
contains "CSP over TLS" "$hdr" "frame-ancestors 'none'"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/login")
[[ $code != 200 ]] && ok "plain HTTP to the TLS port is not served" || not_ok "plain HTTP served"
kill -TERM "$pid"
wait "$pid"
equals "SIGTERM stops the TLS server" "$?" 0

# `db init --tls DIR`: the store and a self-signed pair for the first HTTPS start, which curl
# accepts as the CA of a connection to localhost
run "db init --tls" 0 "$AG_BIN" --lang en --db "$tmp/first.db" db init --tls "$tmp/tls"
contains "db init --tls: says where the pair is" "$out" "$tmp/tls/cert.pem"
equals "db init --tls: the key is private" "$(stat -c %a "$tmp/tls/key.pem")" 600
contains "db init --tls: localhost in the certificate" \
  "$(openssl x509 -in "$tmp/tls/cert.pem" -noout -ext subjectAltName)" "DNS:localhost"
"$AG_BIN" --db "$tmp/first.db" serve --listen 127.0.0.1:0 --cert "$tmp/tls/cert.pem" \
  --key "$tmp/tls/key.pem" >"$tmp/serve2.log" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q listening "$tmp/serve2.log" && break; sleep 0.1; done
port=$(sed -n 's|^listening on https://127.0.0.1:\([0-9]*\)/$|\1|p' "$tmp/serve2.log")
code=$(curl -s --cacert "$tmp/tls/cert.pem" --resolve "localhost:$port:127.0.0.1" -o /dev/null \
  -w '%{http_code}' "https://localhost:$port/login")
equals "the server runs with the pair from db init --tls" "$code" 200
run "db init --tls refuses to overwrite the pair" 2 "$AG_BIN" --db "$tmp/second.db" db init --tls "$tmp/tls"
kill -TERM "$pid"
wait "$pid"
finish
