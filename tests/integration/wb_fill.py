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

Prints one line per filled answer: sheet name, cell, sheet no., item id, answer, comment (the
test checks them in the store).
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

ANSWERS = ["実施", "一部実施", "未実施", "該当なし", "実施", "実施", "一部実施"]
SHEET = re.compile(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"')
REL = re.compile(r'<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"')
BLANK = re.compile(r'<c r="([KL])(\d+)"( s="\d+")?/>')
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def shared_strings(zin):
    root = ET.fromstring(zin.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(NS + "t")) for si in root.iter(NS + "si")]


def value(xml, ref, strings):
    """The value of cell ref: a number, or a shared string."""
    m = re.search(r'<c r="%s"([^>]*)><v>([^<]*)</v>' % ref, xml)
    if not m:
        return ""
    return strings[int(m.group(2))] if ' t="s"' in m.group(1) else m.group(2)


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
    strings = shared_strings(zin)
    out = {}
    for member, name in members.items():
        xml = zin.read(member).decode()
        if name != "集計":
            filled = {}

            def fill(m):
                col, row, style = m.group(1), int(m.group(2)), m.group(3)
                if col == "K":
                    filled[row] = [ANSWERS[row % len(ANSWERS)], ""]
                    return inline("K%d" % row, style, filled[row][0])
                if row in filled and row % 3 == 0:
                    filled[row][1] = "確認中 (row %d) <&>" % row
                    return inline("L%d" % row, style, filled[row][1])
                return m.group(0)

            orig = xml
            xml = BLANK.sub(fill, xml)
            for row, (answer, comment) in sorted(filled.items()):
                print("\t".join([name, "K%d" % row, value(orig, "B%d" % row, strings),
                                 value(orig, "F%d" % row, strings), answer, comment]))
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
