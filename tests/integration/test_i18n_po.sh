#!/usr/bin/env bash
# The translators' catalogs in po/ (docs/i18n.md): gettext's msgfmt --check accepts them; the
# committed files are exactly what `airguard i18n export-po` writes from the message tables now
# (po/ never drifts); `airguard i18n check-po` reads a translator's edit back and lists exactly
# the entries that differ, with gettext's own PO reader.
source "$(dirname "$0")/lib.sh"
command -v msgfmt >/dev/null || { echo "not ok - msgfmt is installed (gettext, scripts/install-deps)"; exit 1; }
po="$AG_SOURCE_DIR/po"

run "export-po" 0 "$AG_BIN" --lang en i18n export-po "$tmp/po"
n=$(grep -c '^msgid ' "$tmp/po/ja.po")
contains "export-po reports the count" "$out" "wrote $tmp/po/ja.po ($((n - 1)) messages)"
[[ $n -gt 500 ]] && ok "every table is exported ($n entries)" || not_ok "only $n entries exported"

# (a) gettext accepts them, format strings included (c-format entries are compared with msgid)
for f in airguard.pot ja.po en.po; do
  for dir in "$po" "$tmp/po"; do
    if msgfmt --check -o /dev/null "$dir/$f" 2>"$tmp/msgfmt.err"; then
      ok "msgfmt --check $dir/$f"
    else
      not_ok "msgfmt --check $dir/$f" "$(cat "$tmp/msgfmt.err")"
    fi
  done
done
# msgfmt compiles a catalog in which a Japanese text and an id key come out as in the tables
msgfmt -o "$tmp/ja.mo" "$tmp/po/ja.po" && msgunfmt "$tmp/ja.mo" >"$tmp/ja.unfmt" 2>/dev/null
contains "compiled catalog has a translation" "$(cat "$tmp/ja.unfmt")" 'msgstr "ノード数:"'
contains "id keys are the msgctxt" "$(cat "$tmp/ja.unfmt")" 'msgctxt "serve-usage"'

# (b) the committed po/ equals a fresh export
for f in airguard.pot ja.po en.po; do
  if cmp -s "$po/$f" "$tmp/po/$f"; then
    ok "po/$f is up to date"
  else
    not_ok "po/$f differs from the message tables: run \`make po\` and commit po/ (after merging branches that add message tables, \`make po\` regenerates po/)" \
      "$(diff "$po/$f" "$tmp/po/$f" | head -20)"
  fi
done

# escaping round trip through gettext's reader: every entry reads back the same
run "check-po ja.po (fresh export)" 0 "$AG_BIN" --lang en i18n check-po "$tmp/po/ja.po"
contains "check-po: all the same (ja)" "$out" "$((n - 1)) the same, 0 changed"
run "check-po en.po (fresh export)" 0 "$AG_BIN" --lang en i18n check-po "$tmp/po/en.po"
contains "check-po: all the same (en)" "$out" "$((n - 1)) the same, 0 changed"
# the texts with quotes, backslashes-free newlines and tabs exist and survive (spot checks)
grep -q '\\"%s\\"' "$tmp/po/en.po" && ok "quotes are escaped" || not_ok "no escaped quote found"
grep -q '^"  --listen ' "$tmp/po/en.po" && ok "multi-line texts are split at newlines" || not_ok "no multi-line text"

# a translator's edit: one changed text, one emptied, one fuzzy, one broken conversion, one
# unknown key; each is reported, nothing else
cp "$tmp/po/ja.po" "$tmp/edit.po"
python3 - "$tmp/edit.po" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
def sub(old, new):
    global s
    assert old in s, old
    s = s.replace(old, new, 1)
sub('msgid "Nodes:"\nmsgstr "ノード数:"', 'msgid "Nodes:"\nmsgstr "ノードの数:"')
sub('msgid "Glossary:"\nmsgstr "用語:"', 'msgid "Glossary:"\nmsgstr ""')
sub('msgid "Note:"\nmsgstr "注記:"', '#, fuzzy\nmsgid "Note:"\nmsgstr "注:"')
sub('msgid "unknown option \\"%s\\""\nmsgstr "不明なオプション「%s」です"',
    'msgid "unknown option \\"%s\\""\nmsgstr "不明なオプション「%d」です"')
s += '\nmsgid "No such key in airguard"\nmsgstr "そんなキーはない"\n'
open(p, "w", encoding="utf-8").write(s)
PY
run "check-po: an edit with a broken conversion is an error" 2 "$AG_BIN" --lang en i18n check-po "$tmp/edit.po"
contains "changed entry listed" "$out" "changed: Nodes:"
contains "old text shown" "$out" "- ノード数:"
contains "new text shown" "$out" "+ ノードの数:"
contains "untranslated listed" "$out" "untranslated: Glossary:"
contains "fuzzy listed" "$out" "fuzzy (not to be applied until reviewed): Note:"
contains "wrong conversion listed" "$out" "(\"%d\" instead of \"%s\"): unknown option \"%s\""
contains "unknown key listed" "$out" "unknown key (not in the tables): No such key in airguard"
contains "summary" "$out" "$((n - 5)) the same, 1 changed, 1 untranslated, 1 fuzzy, 1 unknown, 1 with wrong conversions"
# without the errors: only differences to review → exit 1
grep -v -e 'No such key in airguard' -e 'そんなキーはない' "$tmp/edit.po" \
  | sed 's/不明なオプション「%d」です/不明なオプション「%s」です/' >"$tmp/edit2.po"
run "check-po: differences to review exit 1" 1 "$AG_BIN" --lang en i18n check-po "$tmp/edit2.po"
contains "summary without errors" "$out" "1 changed, 1 untranslated, 1 fuzzy, 0 unknown, 0 with wrong conversions"
# an English text that changed since the export (msgctxt entries carry the English as msgid)
sed 's/^"Runs the web application (SIGTERM/"Starts the web application (SIGTERM/' "$tmp/po/ja.po" >"$tmp/old.po"
run "check-po: outdated entry" 1 "$AG_BIN" --lang en i18n check-po "$tmp/old.po"
contains "outdated listed" "$out" "outdated (the English text has changed since the export): serve-usage"
# a file that is not PO, and a header without a language
printf 'msgid "a"\nmsgstr "b\n' >"$tmp/broken.po"
run "check-po: a broken file is refused" 2 "$AG_BIN" --lang en i18n check-po "$tmp/broken.po"
contains "broken file: line named" "$err" "broken.po:"
run "check-po: the template has no language" 2 "$AG_BIN" --lang en i18n check-po "$tmp/po/airguard.pot"
contains "template refused" "$err" "Language field must be ja or en"
run "i18n without a subcommand" 2 "$AG_BIN" i18n
contains "i18n usage" "$err" "i18n export-po DIR"
finish
