#!/usr/bin/env bash
# The web application over real HTTP: `airguard serve` on a free loopback port, driven by curl.
# Sign-in and sign-out, wrong password, lockout, cookie flags, no session fixation, CSRF,
# security headers on every response, 404/405/413/400, escaped XSS attempt, catalog pages.
source "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "not ok - curl is installed (scripts/install-deps)"; exit 1; }
db="$tmp/web.db"
PW='Correct-Horse-42'
"$AG_BIN" --db "$db" db init --demo >/dev/null || exit 1
# the demo has accounts for its people (auth_demo); give two of them a known password
for who in suzuki ito; do
  printf '%s\n' "$PW" | "$AG_BIN" --db "$db" user passwd "$who" >/dev/null || exit 1
done

"$AG_BIN" --db "$db" serve --listen 127.0.0.1:0 >"$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q listening "$tmp/serve.log" && break; sleep 0.1; done
port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)/$|\1|p' "$tmp/serve.log")
[[ -n $port ]] || { cat "$tmp/serve.log"; kill "$pid"; exit 1; }
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
U="http://127.0.0.1:$port"

# req NAME ARGS...: curl with headers in $hdr, body in $body, status in $code
req() {
  code=$(curl -s -o "$tmp/body" -D "$tmp/hdr" -w '%{http_code}' "$@")
  hdr=$(tr -d '\r' <"$tmp/hdr")
  body=$(cat "$tmp/body")
}
headers_ok() { # NAME: the security headers of every response
  contains "$1: CSP" "$hdr" "Content-Security-Policy: default-src 'self'"
  contains "$1: frame-ancestors" "$hdr" "frame-ancestors 'none'"
  lacks "$1: no unsafe-inline" "$hdr" "unsafe-inline"
  contains "$1: X-Frame-Options" "$hdr" "X-Frame-Options: DENY"
  contains "$1: nosniff" "$hdr" "X-Content-Type-Options: nosniff"
  contains "$1: Referrer-Policy" "$hdr" "Referrer-Policy: no-referrer"
  contains "$1: charset" "$hdr" "charset=utf-8"
}
cookie_of() { sed -n "s/^Set-Cookie: $1=\([^;]*\).*/\1/p" <<<"$hdr" | tail -1; }
csrf_of() { sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' <<<"$body" | head -1; }
login_token() { req "$U/login"; logintok=$(cookie_of __Host-ag_login); }
# login WHO PASSWORD [extra curl args]: sets $session
login() {
  login_token
  req -b "__Host-ag_login=$logintok" --data-urlencode "csrf=$logintok" \
    --data-urlencode "login=$1" --data-urlencode "password=$2" "${@:3}" "$U/login"
  session=$(cookie_of __Host-ag_session)
}

# --- not signed in
req "$U/"
equals "dashboard without a session redirects" "$code" 303
contains "to the login page" "$hdr" "Location: /login"
headers_ok "redirect"
req "$U/catalog"
equals "catalog needs a session" "$code" 303
req "$U/login"
equals "login page" "$code" 200
headers_ok "login page"
contains "login page: Cache-Control" "$hdr" "Cache-Control: no-store"
contains "login page in Japanese" "$body" '<html lang="ja">'
contains "login page: labelled fields" "$body" '<label for="password">'
contains "login page: pre-login token cookie" "$hdr" "Set-Cookie: __Host-ag_login="

# --- CSRF on the login form (double-submit) and on logout
req --data-urlencode "login=suzuki" --data-urlencode "password=$PW" "$U/login"
equals "login without the form token is refused" "$code" 403
lacks "no session without the token" "$hdr" "__Host-ag_session=0"
login_token
req -b "__Host-ag_login=$logintok" --data-urlencode "csrf=${logintok/a/b}x" \
  --data-urlencode "login=suzuki" --data-urlencode "password=$PW" "$U/login"
equals "login with a wrong form token is refused" "$code" 403

# --- wrong password
login suzuki 'Wrong-Password-1'
equals "wrong password refused" "$code" 403
contains "wrong password message" "$body" "ログイン名またはパスワードが違います"
equals "no session after a wrong password" "$session" ""
login nobody "$PW"
contains "unknown login: the same message" "$body" "ログイン名またはパスワードが違います"

# --- sign in; cookie flags; fixation
attacker=$(printf 'f%.0s' $(seq 64))
login suzuki "$PW" -b "__Host-ag_login=$logintok; __Host-ag_session=$attacker"
equals "login succeeds" "$code" 303
contains "login goes to the dashboard" "$hdr" "Location: /"
headers_ok "login response"
setcookie=$(grep '^Set-Cookie: __Host-ag_session=[0-9a-f]' <<<"$hdr")
contains "session cookie HttpOnly" "$setcookie" "HttpOnly"
contains "session cookie SameSite=Strict" "$setcookie" "SameSite=Strict"
contains "session cookie Path=/" "$setcookie" "Path=/"
contains "session cookie Secure (__Host- prefix)" "$setcookie" "Secure"
lacks "session cookie has no Domain" "$setcookie" "Domain="
equals "session id is 256 bits of hex" "${#session}" 64
[[ $session != "$attacker" ]] && ok "a planted session id is not adopted" || not_ok "fixation"
first=$session
login suzuki "$PW" -b "__Host-ag_login=$logintok; __Host-ag_session=$first"
[[ -n $session && $session != "$first" ]] && ok "a new id at every login" || not_ok "id reused"
req -b "__Host-ag_session=$first" "$U/"
equals "the replaced session no longer works" "$code" 303
S="__Host-ag_session=$session"

req -b "$S" "$U/"
equals "dashboard" "$code" 200
headers_ok "dashboard"
contains "dashboard: no-store" "$hdr" "Cache-Control: no-store"
contains "dashboard: name" "$body" "鈴木 大輔"
contains "dashboard: roles" "$body" "情報セキュリティ責任者"
contains "dashboard: login history" "$body" "127.0.0.1"
contains "dashboard: failed attempt shown" "$body" "拒否: パスワードの誤り"
csrf=$(csrf_of)
equals "CSRF token in the page" "${#csrf}" 64

# --- catalog
req -b "$S" "$U/catalog"
equals "catalog tree" "$code" 200
contains "catalog tree lists 3.1.5.1" "$body" 'href="/catalog/3.1.5.1"'
req -b "$S" "$U/catalog/3.1.5.1"
equals "catalog item" "$code" 200
contains "catalog item in Japanese" "$body" "情報セキュリティ要件の明確化・変更"
req -b "$S" "$U/catalog/3.1.5.1?lang=en"
contains "catalog item in English" "$body" "Clarification and modification of information security requirements"
contains "English page has lang=en" "$body" '<html lang="en">'
contains "language remembered in a cookie" "$hdr" "Set-Cookie: __Host-ag_lang=en"
req -b "$S; __Host-ag_lang=en" "$U/catalog"
contains "language cookie applies" "$body" '<html lang="en">'
req -b "$S" "$U/catalog/no.such.item"
equals "unknown catalog item" "$code" 404
req -b "$S" "$U/catalog/search?q=%E3%83%91%E3%82%B9%E3%83%AF%E3%83%BC%E3%83%89"
equals "search" "$code" 200
contains "search finds items" "$body" 'href="/catalog/'
req -b "$S" --get --data-urlencode 'q=<script>alert(1)</script>"'"'" "$U/catalog/search"
equals "XSS attempt: page served" "$code" 200
contains "XSS attempt comes back escaped" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;"
lacks "XSS attempt: no live script" "$body" "<script>"
req -b "$S" "$U/catalog/search?q=%FF"
equals "bad UTF-8 in the query" "$code" 400
req "$U/static/style.css"
equals "style sheet" "$code" 200
contains "style sheet type" "$hdr" "Content-Type: text/css; charset=utf-8"
headers_ok "style sheet"

# --- 404, 405, 413, 400, 415
req -b "$S" "$U/nope"
equals "unknown route" "$code" 404
headers_ok "404"
req -b "$S" "$U/static/../../etc/passwd"
equals "path traversal" "$code" 404
req -b "$S" -X POST -d "csrf=$csrf" "$U/catalog"
equals "wrong method" "$code" 405
contains "405 names the allowed methods" "$hdr" "Allow: GET, HEAD"
headers_ok "405"
req -b "$S" -X DELETE "$U/"
equals "DELETE" "$code" 405
req -b "$S" "$U/logout"
equals "GET on a POST route" "$code" 405
contains "Allow: POST" "$hdr" "Allow: POST"
head -c 100000 /dev/zero | tr '\0' a >"$tmp/big"
req -b "$S" --data-binary "@$tmp/big" "$U/logout"
equals "oversized body" "$code" 413
headers_ok "413"
req -b "$S" -H 'Transfer-Encoding: chunked' --data-binary "@$tmp/big" "$U/logout"
equals "oversized chunked body" "$code" 413
login_token
req -b "__Host-ag_login=$logintok" --data "csrf=$logintok&login=%FF&password=x" "$U/login"
equals "bad UTF-8 in a form" "$code" 400
req -b "$S" -H 'Content-Type: application/json' --data '{}' "$U/logout"
equals "not a form" "$code" 415

# --- logout needs the CSRF token; then the session is gone server-side
req -b "$S" -d "x=1" "$U/logout"
equals "logout without CSRF token refused" "$code" 403
req -b "$S" -d "csrf=0000$csrf" "$U/logout"
equals "logout with a wrong CSRF token refused" "$code" 403
req -b "$S" "$U/"
equals "still signed in after the refusals" "$code" 200
req -b "$S" --data-urlencode "csrf=$csrf" "$U/logout"
equals "logout" "$code" 303
contains "logout clears the cookie" "$hdr" "Set-Cookie: __Host-ag_session=; Path=/; Max-Age=0"
req -b "$S" "$U/"
equals "the old session id no longer works" "$code" 303

# --- lockout after 5 failures
for i in 1 2 3 4 5; do login ito "Wrong-Password-$i"; done
equals "5th failure refused" "$code" 403
login ito "$PW"
equals "locked: the right password is refused" "$code" 403
contains "locked message" "$body" "ロックされています"
equals "locked: no session" "$session" ""
run "user list shows the lock" 0 "$AG_BIN" --db "$db" user list
contains "user list: locked-until" "$out" "locked-until"
run "unlock" 0 "$AG_BIN" --db "$db" user unlock ito
login ito "$PW"
equals "after unlock the login works" "$code" 303

# --- graceful stop
kill -TERM "$pid"
wait "$pid"
equals "SIGTERM stops the server cleanly" "$?" 0
contains "stop is logged" "$(cat "$tmp/serve.log")" "stopping"

# --- refusals at start
run "plain HTTP on a public address is refused" 2 "$AG_BIN" --db "$db" serve --listen 0.0.0.0:0
contains "refusal names loopback" "$err" "ループバック"
run "bad --listen" 2 "$AG_BIN" --db "$db" serve --listen nonsense
run "bad --threads" 2 "$AG_BIN" --db "$db" serve --threads 9
finish
