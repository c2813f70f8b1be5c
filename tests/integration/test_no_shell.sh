#!/usr/bin/env bash
# Guideline 5.3(2) OS command injection and (11) eval injection, proven on the binary itself: the
# airguard executable imports no function that starts a program or a shell (system, popen, the
# exec family, fork, posix_spawn) and none that loads code at run time (dlopen). A feature that
# added one would fail here and must instead use a library call.
source "$(dirname "$0")/lib.sh"
command -v nm >/dev/null || { echo "not ok - nm (binutils) is installed"; exit 1; }
imports=$(nm -D --undefined-only "$AG_BIN" | awk '{print $NF}' | sed 's/@.*//')
[[ $(wc -l <<<"$imports") -gt 50 ]] && ok "the binary's imports are listed" ||
  not_ok "nm lists the imports" "$imports"
contains "the list is real: it has sqlite3_prepare_v2" "$imports" "sqlite3_prepare_v2"
for f in system popen execl execlp execle execv execvp execvpe execve fexecve fork vfork \
  posix_spawn posix_spawnp dlopen; do
  if grep -qx "$f" <<<"$imports"; then not_ok "no $f in the binary"; else ok "no $f in the binary"; fi
done
finish
