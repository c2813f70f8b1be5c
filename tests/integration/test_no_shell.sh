#!/usr/bin/env bash
# Guideline 5.3(2) OS command injection and (11) eval injection, proven on the binary itself: the
# airguard executable imports no function that starts a shell or a program by name (system,
# popen, the exec family, fork, posix_spawnp). Code is loaded at run time only by name from a
# fixed list (src/common/dynlib.h: libraries loaded when first used): dlopen may be imported, but
# only dynlib.c.o calls it, every library it opens is an AG_DYNLIB_DEFINE with a SONAME fixed at
# build time (AG_SONAME_*, a bare file name: the system's library directories, never a path
# from input), and dlmopen is not imported. The
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
  posix_spawnp dlmopen; do
  if grep -qx "$f" <<<"$imports"; then not_ok "no $f in the binary"; else ok "no $f in the binary"; fi
done
libs=("$(dirname "$AG_BIN")"/libag_*.a)
if [[ -e ${libs[0]} ]]; then
  callers=$(nm -A --undefined-only "${libs[@]}" 2>/dev/null | awk '$NF == "posix_spawn"' |
    cut -d: -f2 | sort -u)
  equals "posix_spawn is called from src/report/pdf.c only" "$callers" "pdf.c.o"
  callers=$(nm -A --undefined-only "${libs[@]}" 2>/dev/null | awk '$NF == "dlopen"' |
    cut -d: -f2 | sort -u)
  equals "dlopen is called from src/common/dynlib.c only" "$callers" "dynlib.c.o"
else
  not_ok "the static libraries are next to the binary" "${libs[*]}"
fi
# every library object is defined with a build-time SONAME, and those are bare names
defs=$(grep -rhoE 'AG_DYNLIB_DEFINE\([^;]*' "$AG_SOURCE_DIR/src" --include='*.c')
n=$(grep -c . <<<"$defs")
[[ $n -ge 8 ]] && ok "the libraries loaded on use are defined ($n)" || not_ok "AG_DYNLIB_DEFINE found" "$defs"
bad=$(grep -vE 'AG_DYNLIB_DEFINE\([a-z0-9_]+, AG_[A-Z0-9_]+_FUNCS, AG_SONAME_[A-Z0-9_]+, "[a-z0-9.+-]+"\)$' <<<"$defs" || true)
equals "each takes its SONAME from the build (AG_SONAME_*)" "$bad" ""
other=$(grep -rn '\.soname *=' "$AG_SOURCE_DIR/src" --include='*.c' --include='*.h' | grep -v 'src/common/dynlib.h' || true)
equals "no library object outside AG_DYNLIB_DEFINE" "$other" ""
sonames=$(grep -rhoE 'AG_SONAME_[A-Z0-9_]+=[^ ]*' "$(dirname "$AG_BIN")/CMakeFiles" 2>/dev/null | sort -u)
n=$(grep -c . <<<"$sonames")
[[ $n -ge 8 ]] && ok "the build's SONAMEs are found ($n)" || not_ok "AG_SONAME_* in the build's flags" "$sonames"
slash=$(grep '/' <<<"$sonames" || true)
equals "the SONAMEs are bare file names" "$slash" ""
finish
