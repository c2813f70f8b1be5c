# Shared helpers for the integration tests (sourced). Each check prints "ok - …" or
# "not ok - …"; finish() exits non-zero if any failed.
set -u
: "${AG_BIN:?AG_BIN must point to the airguard binary}"
: "${AG_SOURCE_DIR:?}"
fails=0
checks=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { checks=$((checks + 1)); echo "ok - $1"; }
not_ok() { checks=$((checks + 1)); fails=$((fails + 1)); echo "not ok - $1"; [[ $# -gt 1 ]] && printf '%s\n' "$2" | head -20 | sed 's/^/    /'; return 0; }

# run NAME EXPECTED_STATUS CMD...: runs CMD, keeps stdout in $out and stderr in $err.
run() {
  local name=$1 want=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  status=$?
  out=$(cat "$tmp/out")
  err=$(cat "$tmp/err")
  if [[ $status -ne $want ]]; then
    not_ok "$name: exit status $status, expected $want" "$err"
    return 1
  fi
  return 0
}

contains() { # NAME HAYSTACK NEEDLE
  if [[ $2 == *"$3"* ]]; then ok "$1"; else not_ok "$1: missing \"$3\"" "$2"; fi
}
lacks() {
  if [[ $2 != *"$3"* ]]; then ok "$1"; else not_ok "$1: unexpected \"$3\"" "$2"; fi
}
equals() {
  if [[ $2 == "$3" ]]; then ok "$1"; else not_ok "$1: got \"$2\", expected \"$3\""; fi
}
finish() {
  echo "# $checks checks, $fails failed"
  ((fails == 0))
}
