# Helpers for the web integration tests (sourced after lib.sh): a server on a free loopback port
# over a fresh demo store, curl wrappers and signing in (password, and the TOTP code from
# `oathtool` for the accounts that need one).
#
#   source "$(dirname "$0")/lib.sh"; source "$(dirname "$0")/web_lib.sh"
#   web_start            # $db, $U, $pid; the server is stopped at exit
#   as kimura            # $S (cookie for -b) and $csrf of a signed-in session
#   req -b "$S" "$U/risks"; equals "risks page" "$code" 200; contains "…" "$body" "…"
for t in curl jq sqlite3 oathtool; do
  command -v $t >/dev/null || { echo "not ok - $t is installed (scripts/install-deps)"; exit 1; }
done
PW='Nanwan-Demo-2026'                         # the demo accounts' password (auth_demo)
TOTP_SECRET='JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' # their TOTP secret (mori, takahashi, hayashi, shimizu)

# web_start [serve options…]: fresh demo store in $db, server on a free port, $U its base URL.
web_start() {
  db="$tmp/web.db"
  "$AG_BIN" --db "$db" db init --demo >/dev/null || exit 1
  "$AG_BIN" --db "$db" serve --listen 127.0.0.1:0 "$@" >"$tmp/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do grep -q listening "$tmp/serve.log" && break; sleep 0.1; done
  port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)/$|\1|p' "$tmp/serve.log")
  [[ -n $port ]] || { cat "$tmp/serve.log"; kill "$pid"; exit 1; }
  trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
  U="http://127.0.0.1:$port"
}
# req CURL-ARGS…: $code, $hdr (CR stripped), $body
req() {
  code=$(curl -s -o "$tmp/body" -D "$tmp/hdr" -w '%{http_code}' "$@")
  hdr=$(tr -d '\r' <"$tmp/hdr")
  body=$(cat "$tmp/body")
}
cookie_of() { sed -n "s/^Set-Cookie: $1=\([^;]*\).*/\1/p" <<<"$hdr" | tail -1; }
csrf_of() { sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' <<<"$body" | head -1; }
login_token() { req "$U/login"; logintok=$(cookie_of __Host-ag_login); }
# login LOGIN PASSWORD [curl args]: the password step; $session is the new session cookie value
login() {
  login_token
  req -b "__Host-ag_login=$logintok" --data-urlencode "csrf=$logintok" \
    --data-urlencode "login=$1" --data-urlencode "password=$2" "${@:3}" "$U/login"
  session=$(cookie_of __Host-ag_session)
}
# as WHO: signs in (with the TOTP step when the account has one) and sets $S and $csrf
as() {
  login "$1" "$PW"
  equals "sign in as $1" "$code" 303
  S="__Host-ag_session=$session"
  if grep -q '^Location: /login/totp' <<<"$hdr"; then
    req -b "$S" "$U/login/totp"
    local c
    c=$(csrf_of)
    # a code is accepted once; wait for the next step if this one was used by an earlier login
    local code6
    code6=$(oathtool --totp -b "$TOTP_SECRET")
    req -b "$S" --data-urlencode "csrf=$c" --data-urlencode "code=$code6" "$U/login/totp"
    if [[ $code != 303 ]]; then
      sleep $((31 - $(date +%s) % 30))
      code6=$(oathtool --totp -b "$TOTP_SECRET")
      req -b "$S" --data-urlencode "csrf=$c" --data-urlencode "code=$code6" "$U/login/totp"
    fi
    equals "TOTP step for $1" "$code" 303
    S="__Host-ag_session=$(cookie_of __Host-ag_session)"
  fi
  req -b "$S" "$U/"
  csrf=$(csrf_of)
}
# post PATH FIELD=VALUE…: a form POST with the session and its CSRF token
post() {
  local path=$1 args=()
  shift
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  req -b "$S" --data-urlencode "csrf=$csrf" "${args[@]}" "$U$path"
}
q() { sqlite3 "$db" "$1"; }
