#!/usr/bin/env bash
# Guideline 5.3(2) OS command injection and (11) eval injection, proven on the binary itself: the
# airguard executable imports no function that starts a shell or a program by name (system,
# popen, the exec family, fork, posix_spawnp) and none that loads code at run time (dlopen). The
# one program airguard starts is headless Chromium for PDF reports, with posix_spawn, a fixed
# path and a fixed argv (src/report/pdf.c): posix_spawn may be imported, but only that object
# file may call it — checked on the static libraries the binary is linked from. A feature that
# added another would fail here and must instead use a library call.
source "$(dirname "$0")/lib.sh"
command -v nm >/dev/null || { echo "not ok - nm (binutils) is installed"; exit 1; }
imports=$(nm -D --undefined-only "$AG_BIN" | awk '{print $NF}' | sed 's/@.*//')
[[ $(wc -l <<<"$imports") -gt 50 ]] && ok "the binary's imports are listed" ||
  not_ok "nm lists the imports" "$imports"
contains "the list is real: it has sqlite3_prepare_v2" "$imports" "sqlite3_prepare_v2"
for f in system popen execl execlp execle execv execvp execvpe execve fexecve fork vfork \
  posix_spawnp dlopen; do
  if grep -qx "$f" <<<"$imports"; then not_ok "no $f in the binary"; else ok "no $f in the binary"; fi
done
libs=("$(dirname "$AG_BIN")"/libag_*.a)
if [[ -e ${libs[0]} ]]; then
  callers=$(nm -A --undefined-only "${libs[@]}" 2>/dev/null | awk '$NF == "posix_spawn"' |
    cut -d: -f2 | sort -u)
  equals "posix_spawn is called from src/report/pdf.c only" "$callers" "pdf.c.o"
else
  not_ok "the static libraries are next to the binary" "${libs[*]}"
fi
finish
