#!/usr/bin/env bash
# Libraries loaded when first used (src/common/dynlib.h, docs/architecture.md): the binary does
# not link libcurl, libnftables, libxlsxwriter, libzip, libmicrohttpd, libgettextpo, GnuTLS or
# libpcap (each
# command would pay for mapping and relocating them and their dependencies), a command that
# needs none of them does not load them, and commands that need them still work (their own
# tests cover each: test_notify*, test_assess_*, test_web_*, test_i18n_po, test_respond*).
source "$(dirname "$0")/lib.sh"

linked=$(ldd "$AG_BIN")
for lib in libcurl libnftables libxlsxwriter libzip libmicrohttpd libgettextpo libgnutls libpcap libcrypto.so; do
  if grep -q "$lib" <<<"$linked"; then
    not_ok "$lib is not linked" "$(grep "$lib" <<<"$linked")"
  else
    ok "$lib is not linked"
  fi
done

# A netwatch run maps none of them (the loader's own trace of what it opened)
gen=${AG_GEN_BHSPCAP:?AG_GEN_BHSPCAP must point to the gen_bhspcap binary}
"$gen" -o "$tmp/small.pcap" --packets 10000 --small 2>/dev/null
LD_DEBUG=files "$AG_BIN" --lang en netwatch inventory -r "$tmp/small.pcap" --json >"$tmp/inv.json" 2>"$tmp/ld.log"
grep -q '"mac"' "$tmp/inv.json" && ok "netwatch inventory ran" || not_ok "netwatch inventory ran" "$(tail -3 "$tmp/ld.log")"
opened=$(grep -o 'file=[^ ]*' "$tmp/ld.log" | sort -u)
[[ -n $opened ]] && ok "the loader trace lists the opened libraries" || not_ok "no loader trace"
for lib in libcurl libnftables libxlsxwriter libzip libmicrohttpd libgettextpo libgnutls libpcap; do
  if grep -q "$lib" <<<"$opened"; then not_ok "netwatch does not load $lib"; else ok "netwatch does not load $lib"; fi
done

# libpcap is loaded when a command needs it: a BPF filter over a file, and libpcap's own reader
run "stats --filter tcp" 0 "$AG_BIN" --lang en netwatch stats -r "$tmp/small.pcap" --filter tcp --json
filtered=$(sed -n 's/.*"filtered": \([0-9]*\).*/\1/p' <<<"$out")
[[ ${filtered:-0} -gt 0 ]] && ok "the filter dropped the UDP frames ($filtered)" || not_ok "the filter dropped frames" "$out"
LD_DEBUG=files "$AG_BIN" --lang en netwatch stats -r "$tmp/small.pcap" --filter tcp --json >/dev/null 2>"$tmp/ld3.log"
grep -q 'file=libpcap' "$tmp/ld3.log" && ok "--filter opened libpcap" || not_ok "--filter opened libpcap"
"$AG_BIN" --lang en netwatch stats -r "$tmp/small.pcap" --json | grep -v max_rss >"$tmp/own.json"
"$AG_BIN" --lang en netwatch stats -r "$tmp/small.pcap" --libpcap --json | grep -v max_rss >"$tmp/lib.json"
cmp -s "$tmp/own.json" "$tmp/lib.json" && ok "--libpcap (through the loaded table) counts as our reader" || not_ok "--libpcap counts as our reader" "$(diff "$tmp/own.json" "$tmp/lib.json" | head)"

# check-po loads libgettextpo when it is needed: it reads a catalogue
run "check-po reads po/ja.po" 0 "$AG_BIN" --lang en i18n check-po "$AG_SOURCE_DIR/po/ja.po"
LD_DEBUG=files "$AG_BIN" --lang en i18n check-po "$AG_SOURCE_DIR/po/ja.po" >/dev/null 2>"$tmp/ld2.log"
grep -q 'file=libgettextpo' "$tmp/ld2.log" && ok "check-po opened libgettextpo" || not_ok "check-po opened libgettextpo"

finish
