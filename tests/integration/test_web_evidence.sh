#!/usr/bin/env bash
# Evidence (証跡) on a self-inspection answer over real HTTP: upload from the respondent's sheet
# (multipart/form-data, decoded by libmicrohttpd's post processor, route flag ROUTE_UPLOAD),
# stored content-addressed by SHA-256 (isms_evidence_add_mem, never a client-chosen path), and
# downloaded from GET /evidence/{sha256} by the people who may see the sheet. Refusals store
# nothing: another person's sheet (403), no CSRF token (403), too large (413), not signed in.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
sheet_of() {
  "$AG_BIN" --db "$db" assess sheet list --json |
    jq -r --arg who "$1" '[.[] | select(.respondent == $who and .status == "issued")][0].id'
}
evdir="$(dirname "$db")/evidence"
stored() { q "SELECT count(*) FROM evidence"; }
files() { find "$evdir" -type f 2>/dev/null | wc -l; }

as kimura
sheet=$(sheet_of kimura)
other=$(sheet_of inoue)
item=$(q "SELECT item_id FROM assess_answers WHERE sheet_id = $sheet ORDER BY id LIMIT 1")
other_item=$(q "SELECT item_id FROM assess_answers WHERE sheet_id = $other ORDER BY id LIMIT 1")
[[ $sheet =~ ^[0-9]+$ && $other =~ ^[0-9]+$ && -n $item ]] || { echo "not ok - demo sheets"; exit 1; }

# --- the sheet page offers an upload form per item, CSRF field first
req -b "$S" "$U/assess/sheets/$sheet"
contains "sheet: upload form" "$body" "enctype=\"multipart/form-data\" class=\"evidence\" action=\"/assess/sheets/$sheet/evidence\""
contains "sheet: a file field" "$body" 'type="file" name="file"'

# --- upload round trip: bytes equal, name stored as a plain name (no path)
head -c 70000 /dev/urandom >"$tmp/ev.bin"
printf 'PDF-ish\0binary\r\n--boundary-lookalike\r\n' >>"$tmp/ev.bin"
sha=$(sha256sum "$tmp/ev.bin" | cut -d' ' -f1)
n0=$(stored)
req -b "$S" -F "csrf=$csrf" -F "item=$item" -F "file=@$tmp/ev.bin;filename=../../etc/passwd" \
  "$U/assess/sheets/$sheet/evidence"
equals "upload: 303" "$code" 303
contains "upload: back to the item" "$hdr" "Location: /assess/sheets/$sheet?ok=evidence#$item"
equals "upload: one evidence row" "$(stored)" $((n0 + 1))
equals "upload: stored by content hash" "$(q "SELECT sha256 FROM evidence ORDER BY id DESC LIMIT 1")" "$sha"
equals "path-traversal file name stored as a plain name" \
  "$(q "SELECT filename FROM evidence WHERE sha256 = '$sha'")" "passwd"
equals "upload: linked to the answer" "$(q "SELECT count(*) FROM assess_answer_evidence ae JOIN assess_answers a ON a.id = ae.answer_id JOIN evidence e ON e.id = ae.evidence_id WHERE a.sheet_id = $sheet AND a.item_id = '$item' AND e.sha256 = '$sha'")" 1
[[ -f "$evdir/${sha:0:2}/$sha" ]] && ok "upload: file at evidence/<aa>/<sha256>" || not_ok "upload: file at evidence/<aa>/<sha256>"
[[ ! -e "$(dirname "$db")/etc/passwd" && ! -e /etc/passwd.airguard ]] && ok "upload: nothing written at the client's path" || not_ok "upload: nothing written at the client's path"
equals "upload: audit actor" "$(q "SELECT actor FROM audit_log WHERE entity = 'assess_answer_evidence' ORDER BY seq DESC LIMIT 1")" kimura
req -b "$S" "$U/assess/sheets/$sheet?ok=evidence"
contains "sheet: attached message" "$body" "証跡を添付しました"
contains "sheet: the file listed with its download link" "$body" "<a href=\"/evidence/$sha\" download>passwd</a>"

req -b "$S" "$U/evidence/$sha"
equals "download: 200" "$code" 200
cmp -s "$tmp/body" "$tmp/ev.bin" && ok "download: the same bytes" || not_ok "download: the same bytes"
contains "download: octet-stream" "$hdr" "Content-Type: application/octet-stream"
contains "download: attachment, sanitised name" "$hdr" "Content-Disposition: attachment; filename=\"passwd\""
contains "download: nosniff" "$hdr" "X-Content-Type-Options: nosniff"
contains "download: not cached" "$hdr" "Cache-Control: no-store"

# a Japanese name: an ASCII fallback and the UTF-8 name percent-encoded
printf 'second file' >"$tmp/ev2.txt"
sha2=$(sha256sum "$tmp/ev2.txt" | cut -d' ' -f1)
req -b "$S" -F "csrf=$csrf" -F "item=$item" -F "file=@$tmp/ev2.txt;filename=手順書 v2%.txt" \
  "$U/assess/sheets/$sheet/evidence"
equals "upload with a Japanese name: 303" "$code" 303
req -b "$S" "$U/evidence/$sha2"
contains "download: ASCII fallback name" "$hdr" 'filename="_________ v2_.txt"'
contains "download: UTF-8 name encoded (RFC 5987)" "$hdr" "filename*=UTF-8''%E6%89%8B%E9%A0%86%E6%9B%B8%20v2%25.txt"

# --- refusals: nothing stored
n1=$(stored); f1=$(files); a1=$(q "SELECT count(*) FROM audit_log")
printf 'not mine' >"$tmp/other.bin"
req -b "$S" -F "csrf=$csrf" -F "item=$other_item" -F "file=@$tmp/other.bin" "$U/assess/sheets/$other/evidence"
equals "another person's sheet: 403" "$code" 403
req -b "$S" -F "item=$item" -F "file=@$tmp/other.bin" "$U/assess/sheets/$sheet/evidence"
equals "no CSRF token: 403" "$code" 403
req -b "$S" -F "csrf=0000$csrf" -F "item=$item" -F "file=@$tmp/other.bin" "$U/assess/sheets/$sheet/evidence"
equals "wrong CSRF token: 403" "$code" 403
head -c $((10 * 1024 * 1024 + 1)) /dev/zero >"$tmp/big.bin"
req -b "$S" -F "csrf=$csrf" -F "item=$item" -F "file=@$tmp/big.bin" "$U/assess/sheets/$sheet/evidence"
equals "oversize (Content-Length): 413" "$code" 413
req -b "$S" -H 'Transfer-Encoding: chunked' -F "csrf=$csrf" -F "item=$item" -F "file=@$tmp/big.bin" \
  "$U/assess/sheets/$sheet/evidence"
equals "oversize (chunked, counted while decoding): 413" "$code" 413
req -F "csrf=$csrf" -F "item=$item" -F "file=@$tmp/other.bin" "$U/assess/sheets/$sheet/evidence"
equals "not signed in: 403" "$code" 403
req -b "$S" --data-urlencode "csrf=$csrf" --data-urlencode "item=$item" "$U/assess/sheets/$sheet/evidence"
equals "urlencoded to the upload route: 415" "$code" 415
req -b "$S" -F "csrf=$csrf" -F "item=$item" "$U/assess/sheets/$sheet/evidence"
equals "no file: 400" "$code" 400
contains "no file: message" "$body" "添付するファイルを選択してください"
req -b "$S" -F "csrf=$csrf" -F "item=no-such-item" -F "file=@$tmp/other.bin" "$U/assess/sheets/$sheet/evidence"
equals "unknown item: 400" "$code" 400
req -b "$S" -F "csrf=$csrf" -F "item=$item" -F "file=@$tmp/other.bin" -F "file2=@$tmp/other.bin" \
  "$U/assess/sheets/$sheet/evidence"
equals "two files: 400" "$code" 400
equals "refusals: no evidence row" "$(stored)" "$n1"
equals "refusals: no file written" "$(files)" "$f1"
equals "refusals: no audit row" "$(q "SELECT count(*) FROM audit_log")" "$a1"
# multipart to an ordinary form route is refused as before
req -b "$S" -F "csrf=$csrf" -F "item=$item" -F "answer=実施" "$U/assess/sheets/$sheet/answer"
equals "multipart to a form route: 415" "$code" 415

# --- who may download: respondent, the department's manager, CISO, auditors; nobody else
as inoue # manager of adm, kimura's department
req -b "$S" "$U/evidence/$sha"
equals "the department's manager downloads: 200" "$code" 200
req -b "$S" "$U/assess/sheets/$sheet"
equals "the department's manager sees the sheet" "$code" 200
contains "…read-only" "$body" "閲覧のみです"
lacks "…without forms" "$body" "action=\"/assess/sheets/$sheet/answer\""
req -b "$S" -F "csrf=$csrf" -F "item=$item" -F "file=@$tmp/other.bin" "$U/assess/sheets/$sheet/evidence"
equals "the manager cannot upload to the respondent's sheet: 403" "$code" 403
as yamamoto # manager of fac, another department
req -b "$S" "$U/evidence/$sha"
equals "another department's manager: 403" "$code" 403
lacks "403 carries no file" "$body" "PDF-ish"
req -b "$S" "$U/evidence/$(printf '0%.0s' $(seq 64))"
equals "unknown hash: 403 (existence not told)" "$code" 403
req -b "$S" "$U/evidence/..%2F..%2Fetc%2Fpasswd"
equals "a path instead of a hash: 404" "$code" 404
as matsumoto # handler of pax
req -b "$S" "$U/evidence/$sha"
equals "a handler of another department: 403" "$code" 403
req -b "$S" "$U/assess/sheets/$sheet"
equals "…and not the sheet" "$code" 403
req "$U/evidence/$sha"
equals "not signed in: redirect to login" "$code" 303

"$AG_BIN" --db "$db" audit verify >/dev/null && ok "audit trail intact" || not_ok "audit trail intact"
kill "$pid"
wait "$pid" 2>/dev/null
finish
