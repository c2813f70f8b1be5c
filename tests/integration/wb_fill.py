#!/usr/bin/env python3
"""wb_fill.py — fills a self-inspection workbook (airguard assess workbook) the way staff would,
for tests/integration/test_assess_workbook.sh, with nothing but the standard library: the .xlsx
is a zip of XML, and the answer (K) and comment (L) cells left blank are rewritten as inline
strings. Cached formula results are left alone, so only a reader that recalculates shows the new
figures.

  wb_fill.py IN.xlsx OUT.xlsx                  answer every blank answer cell
  wb_fill.py IN.xlsx OUT.xlsx --set SHEET CELL TEXT [--set …]
                                               and put TEXT into CELL of the sheet whose name
                                               starts with SHEET (a mistake to provoke)

Prints one line per filled cell: sheet name, cell, answer (the test checks them in the store).
"""
import re
import sys
import zipfile
from xml.sax.saxutils import escape

ANSWERS = ["実施", "一部実施", "未実施", "該当なし", "実施", "実施", "一部実施"]
SHEET = re.compile(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"')
REL = re.compile(r'<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"')
BLANK = re.compile(r'<c r="([KL])(\d+)"( s="\d+")?/>')


def inline(ref, style, text):
    return '<c r="%s"%s t="inlineStr"><is><t>%s</t></is></c>' % (ref, style or "", escape(text))


def set_cell(xml, ref, text):
    """Replaces cell ref (blank or with a value) by an inline string."""
    pat = re.compile(r'<c r="%s"( s="\d+")?( t="\w+")?(/>|>.*?</c>)' % ref)
    m = pat.search(xml)
    if not m:
        sys.exit("wb_fill: no cell %s" % ref)
    return xml[: m.start()] + inline(ref, m.group(1), text) + xml[m.end() :]


def main():
    src, dst, sets = sys.argv[1], sys.argv[2], []
    args = sys.argv[3:]
    while args:
        if args[0] != "--set" or len(args) < 4:
            sys.exit(__doc__)
        sets.append((args[1], args[2], args[3]))
        args = args[4:]
    zin = zipfile.ZipFile(src)
    book = zin.read("xl/workbook.xml").decode()
    rels = dict(REL.findall(zin.read("xl/_rels/workbook.xml.rels").decode()))
    members = {"xl/" + rels[rid]: name for name, rid in SHEET.findall(book)}
    out = {}
    for member, name in members.items():
        xml = zin.read(member).decode()
        if name != "集計":
            answered = set()

            def fill(m):
                col, row, style = m.group(1), int(m.group(2)), m.group(3)
                if col == "K":
                    answer = ANSWERS[row % len(ANSWERS)]
                    answered.add(row)
                    print("%s\t%s%d\t%s" % (name, col, row, answer))
                    return inline("K%d" % row, style, answer)
                if row in answered and row % 3 == 0:
                    return inline("L%d" % row, style, "確認中 (row %d) <&>" % row)
                return m.group(0)

            xml = BLANK.sub(fill, xml)
        for prefix, ref, text in sets:
            if name.startswith(prefix):
                xml = set_cell(xml, ref, text)
        out[member] = xml
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = out[info.filename].encode() if info.filename in out else zin.read(info)
            zout.writestr(info, data)


if __name__ == "__main__":
    main()
