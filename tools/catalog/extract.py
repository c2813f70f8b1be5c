#!/usr/bin/env python3
"""Extract the airguard catalog (Japanese side) from the guideline text.

Reads  ../shared/guideline/mlit-airport-guideline-2nd-ed.ja.txt (relative to the repository
root; override with --src) and writes tools/catalog/out/nodes-ja.json as specified in
tools/catalog/FORMAT.md, with every `en` field left "" (build.py fills them from the
translation memory).  It also writes tools/catalog/out/lines.json, a side table that maps every
node's title / text paragraphs to the source line numbers they came from; build.py uses it as a
fallback key into the translation memory (whose entries carry `lines`).

Standard library only.  Deterministic: the same input always gives byte-identical output.

How the text is read
--------------------
The text is a PDF extraction: one paragraph per line, blank lines between paragraphs, bullets
written "- ・", "・", "- ", sub-bullets " - －", " - ・", " - a)", "- －", "－".  Every line is first
classified (heading / block marker / example label / bullet / ※ note / text), page-break
fragments are joined (JOINS), the explicit corrections (TEXT_FIXES, LEVEL_FIXES, ...) are applied,
and then a small state machine builds the node tree.  Every correction that changes what the
catalog says is recorded in the node's `note`.
"""
import argparse
import json
import os
import re
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_SRC = os.path.join(REPO, '..', 'shared', 'guideline', 'mlit-airport-guideline-2nd-ed.ja.txt')
FALLBACK_SRC = '/work/shared/guideline/mlit-airport-guideline-2nd-ed.ja.txt'
OUT_DIR = os.path.join(HERE, 'out')

# ---------------------------------------------------------------------------------------------
# Catalog metadata
# ---------------------------------------------------------------------------------------------
ROLES = [
    ('executive', '経営層', 'Senior management'),
    ('ciso', '最高情報セキュリティ責任者（CISO）', 'Chief Information Security Officer (CISO)'),
    ('committee', '情報セキュリティ委員会', 'Information Security Committee'),
    ('manager', '情報セキュリティ責任者', 'Information security manager'),
    ('sysadmin', 'システム管理者', 'System administrator'),
    ('csirt', 'CSIRT', 'CSIRT'),
    ('handler', '取扱者', 'Handlers'),
    ('auditor', '監査実施者', 'Auditor'),
    ('operator', '重要インフラ事業者等', 'Critical infrastructure operators (the organisation as a whole)'),
]
PERSPECTIVES = [
    ('requirements', '関係主体等からの要求事項の理解', 'Understanding requirements from stakeholders'),
    ('policy', '方針', 'Policy'),
    ('planning', '計画', 'Planning'),
    ('organisation', '体制', 'Organisation'),
    ('build', '構築', 'Build'),
    ('common', '平時・障害発生時共通', 'Common to normal operations and incidents'),
    ('normal', '平時', 'Normal operations'),
    ('incident', '障害発生時', 'Incidents'),
]
CATALOG = {
    'id': 'mlit-airport-2',
    'version': '2.0',
    'title': {'ja': '空港分野における情報セキュリティ確保に係る安全ガイドライン 第2版',
              'en': 'Information Security Safety Guideline for the Airport Sector, 2nd edition'},
    'publisher': {'ja': '国土交通省', 'en': 'Ministry of Land, Infrastructure, Transport and Tourism (MLIT)'},
    'published': '2019-03-29',
    'source': 'mlit-airport-guideline-2nd-ed.ja.txt',
    'roles': [{'id': i, 'ja': j, 'en': e} for i, j, e in ROLES],
    'perspectives': [{'id': i, 'ja': j, 'en': e} for i, j, e in PERSPECTIVES],
}

# ---------------------------------------------------------------------------------------------
# Source layout (line numbers are 1-based, as printed by `cat -n`)
# ---------------------------------------------------------------------------------------------
TOC_FIRST, TOC_LAST = 12, 53          # table of contents: skipped
BODY_FIRST = 55                        # "はじめに"
CH4_TABLE_FIRST, CH4_TABLE_LAST = 2491, 2657   # chapter 4 reference table rows

# ---------------------------------------------------------------------------------------------
# Extraction-artefact corrections.  Each entry is an explicit, commented rule.
# ---------------------------------------------------------------------------------------------

# Page breaks split a paragraph: a line that stops mid-sentence, a blank line, then the line
# that continues it.  first line -> continuation lines (joined without separator).
JOINS = {
    99: [101],          # 1.1.3 「…統一基準群」を初めとし | た国内外で…
    139: [141, 143],    # 1.1.3(6) IEC62443: split over three lines
    303: [305],         # 2.2.1 「重要インフラサー | ビスの説明」
    668: [670],         # 3.1.2.6(2)(c) example: …必要があると認め | たときは…
    1007: [1009],       # 3.1.2.6(6)(c)② …漏えい、滅失又はき損等をした場合に | 本人が被る…
    1738: [1740],       # 3.1.5.2(1)① …必要な対策、機器 | 等の選定基準…
    1864: [1866],       # 3.1.5.2(3)(a) purpose: …なりすまし等 | に電子メールを…
    2000: [2002],       # 3.1.5.2(4)(b) purpose: …損なわれるおそれ | を有している。
    2723: [2725],       # 5.3(5) …なりすまし操作等の | 被害が生じ得る。
    2749: [2751],       # 5.3(9) …悪意ある者 | により任意の…
}
JOIN_NOTE = ('ページ区切りで分断されていた段落を結合した（{lines}行）。',
             'Joined a paragraph that a page break had split (lines {lines}).')

# In-text corrections: line -> [(old, new, note_ja, note_en)].
TEXT_FIXES = {
    57: [(' of ', 'の',
          '抽出時に混入した「 of 」を本来の「の」に修正した（障害発生の早期検知）。',
          'Replaced a stray " of " (an extraction artefact meaning 「の」) with 「の」 (障害発生の早期検知).')],
    148: [('（1.1.6.（2）参照）', '（1.1.6(2)参照）',
           '参照番号の全角括弧と余分な「.」を他の参照と同じ表記（1.1.6(2)）に統一した。',
           'Normalised the cross reference "1.1.6.（2）" (full-width parentheses, stray dot) to "1.1.6(2)".')],
    # 5.1 glossary sources: the site name was extracted letter-spaced and URLs in markdown <...>
    2669: [('@p o l i c e', '@police', '出典名「@p o l i c e」の文字間の空白を除去した（@police）。',
            'Removed letter spacing in the source name "@p o l i c e" (@police).')],
    2676: [('@p o l i c e', '@police', '出典名「@p o l i c e」の文字間の空白を除去した（@police）。',
            'Removed letter spacing in the source name "@p o l i c e" (@police).')],
    2690: [('@p o l i c e', '@police', '出典名「@p o l i c e」の文字間の空白を除去した（@police）。',
            'Removed letter spacing in the source name "@p o l i c e" (@police).')],
    2670: [('(<https://www.npa.go.jp/cyberpolice/words/>)', '(https://www.npa.go.jp/cyberpolice/words/)',
            'URL を囲む抽出由来の「<>」を除去した。', 'Removed extraction-generated "<>" around a URL.')],
    2677: [('(<https://www.npa.go.jp/cyberpolice/words/>)', '(https://www.npa.go.jp/cyberpolice/words/)',
            'URL を囲む抽出由来の「<>」を除去した。', 'Removed extraction-generated "<>" around a URL.')],
    2691: [('(<https://www.npa.go.jp/cyberpolice/words/>)', '(https://www.npa.go.jp/cyberpolice/words/)',
            'URL を囲む抽出由来の「<>」を除去した。', 'Removed extraction-generated "<>" around a URL.')],
    # 【改訂履歴】: dates and words were extracted with stray spaces ("4月 1日 制 定").
    2797: [('平成30年 4月 1日 制 定', '平成30年4月1日 制定',
            '日付と「制定」に混入した空白を除去した。', 'Removed stray spaces inside the date and the word 制定.')],
    2799: [('平成31年 3月 29日 一部改訂（第2版）', '平成31年3月29日 一部改訂（第2版）',
            '日付に混入した空白を除去した。', 'Removed stray spaces inside the date.')],
}

# Heading titles whose parentheses were extracted half-width with a space, unlike the rest of
# the headings (and the table of contents, e.g. line 40 「Do（実行）」).
TITLE_FIXES = {
    2070: [('「Do (実行)」', '「Do（実行）」',
            '見出しの半角括弧を目次・他の見出しと同じ全角括弧に統一した。',
            'Normalised half-width parentheses in the heading to full-width, as in the table of contents.')],
    2074: [(' (監視・統括)', '（監視・統括）',
            '見出しの半角括弧を他の見出しと同じ全角括弧に統一した。',
            'Normalised half-width parentheses in the heading to full-width, as in the other headings.')],
    444: [('', '', '見出し番号と見出し文の間の空白が欠落していた（3.1.2.4コンティンジェンシー…）ため分離した。',
           'The heading number was run together with its title ("3.1.2.4コンティンジェンシー…"); separated them.')],
}

# Bullet level corrections: line -> level (1 = bullet, 2 = sub-bullet) with the note to record.
LEVEL_FIXES = {
    # 3.1.2.6(4)② (4) 保管・バックアップ: the footnote ※ (line 870) interrupted the sub-list and the
    # next sub-item was extracted as a top-level "- ・" bullet; in every sibling group (1)-(5)
    # 「定められた手続による…の実施」 is a sub-item of 「手続の明確化と手続に従った実施」.
    871: (2, '脚注（※）の挿入で上位の箇条として抽出されていた項目を、他の群と同様に「手続の明確化と手続に従った実施」の下位項目に戻した。',
          'The footnote (※) had turned this sub-item into a top-level bullet; restored it as a sub-item of '
          '"clarifying procedures and acting on them", as in the sibling groups.'),
    # 3.1.2.6(4)② (5) 消去・廃棄: after a page break the two sub-items lost their " - " marker.
    907: (2, 'ページ区切り後に下位箇条の記号「 - 」が欠落していたため、下位項目として扱った。',
          'The sub-bullet marker " - " was lost after a page break; treated as a sub-item.'),
    908: (2, 'ページ区切り後に下位箇条の記号「 - 」が欠落していたため、下位項目として扱った。',
          'The sub-bullet marker " - " was lost after a page break; treated as a sub-item.'),
}
# Bullet-marker inconsistencies that do not change the structure, only recorded.
MARKER_NOTES = {
    400: ('箇条記号が他の項目（「- ・」）と異なり「・」のみで抽出されていたため統一した。',
          'Bullet extracted as "・" instead of "- ・" like its siblings; normalised.'),
    805: ('下位箇条記号が「- －」と抽出されていた（他は「 - －」）ため統一した。',
          'Sub-bullet extracted as "- －" instead of " - －"; normalised.'),
    806: ('下位箇条記号が「- －」と抽出されていた（他は「 - －」）ため統一した。',
          'Sub-bullet extracted as "- －" instead of " - －"; normalised.'),
}
# Lines that repeat a block marker (【具体例】 twice in a row): ignored, noted on the measure.
DUP_MARKER_NOTE = ('【具体例】の見出しが重複して抽出されていた（{lines}行）ため1つとして扱った。',
                   'The 【具体例】 marker was extracted twice (lines {lines}); treated as one.')
# Full-width label brackets ＜…＞ next to the usual <…>: same meaning, noted where they title a node.
FULLWIDTH_LABEL_NOTE = ('全角の山括弧「＜＞」で抽出されたラベルを見出しとして扱った。',
                        'A label extracted with full-width brackets "＜＞" was used as the title.')

# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------
CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'
KATAKANA = 'アイウエオカキクケコサシスセソタチツテト'

RE_CHAPTER = re.compile(r'^([1-5])\.\s+(\S.*)$')
RE_DOTTED = re.compile(r'^(\d(?:\.\d+)+)\s*(\S.*)$')
RE_NUM = re.compile(r'^\((\d+)\)\s*(\S.*)$')
RE_ALPHA = re.compile(r'^\(([a-z])\)\s*(\S.*)$')
RE_CIRC = re.compile(r'^([①-⑳])\s*(\S.*)$')
RE_MARKER = re.compile(r'^【(主旨・目的|対策の指針|対策項目|具体例|改訂履歴)】\s*$')
RE_LABEL = re.compile(r'^[<＜]([^>＞]*)[>＞]\s*$')
# bullets: level 2 first
RE_SUB = re.compile(r'^(?:\s+-\s*(?:・\s*|－\s*)?|-\s*－\s*|－\s*)')
RE_TOP = re.compile(r'^(?:-\s*・\s*|-・\s*|・\s*|-\s+)')
RE_ITEMNUM = re.compile(r'^(?:([①-⑳])\s*|\(([ア-ン])\)\s*|([a-z])\)\s*)')
RE_OBLIGATION = re.compile(r'こと[。]?$')
RE_SEEREF_NOTE = re.compile(r'^[^。]*「\d(?:\.\d+)+[^」]*」\s*を?参照のこと。?$')
RE_CIRC_ID = re.compile(r'-c\d+$')      # id of a circled (①…) section
CONNECTIVES = ('また、', 'なお、', 'その際、', 'この際、', 'さらに、', '加えて、', '併せて、', 'ただし、')
RE_LEADIN = re.compile(r'以下(?:【具体例】|の|を|に|のよう)')


def nows(s):
    return re.sub(r'\s+', '', s)


class Line:
    """One logical source paragraph (page-break fragments already joined)."""

    def __init__(self, no, raw):
        self.no = no                 # first line number
        self.lines = [no]            # all line numbers it covers
        self.raw = raw               # raw text (first fragment + joined fragments)
        self.notes = []              # (ja, en) fixes applied to this paragraph
        self.type = None             # classified type
        self.level = 0               # bullet level
        self.num = ''                # heading number / item number
        self.content = ''            # text without markers/numbering (fixes applied)
        self.title_notes = []


def classify(ln):
    s = ln.raw
    t = s.strip()
    if RE_MARKER.match(t):
        ln.type = 'marker'
        ln.num = RE_MARKER.match(t).group(1)
        return
    m = RE_LABEL.match(t)
    if m:
        ln.type = 'label'
        ln.content = m.group(1)
        ln.fullwidth = t.startswith('＜')
        return
    if t.startswith('※'):
        ln.type = 'note'
        ln.content = t
        return
    lvl = 0
    m = RE_SUB.match(s)
    if m:
        lvl = 2
    else:
        m = RE_TOP.match(s)
        if m:
            lvl = 1
    if lvl:
        body = s[m.end():].strip()
        ln.type = 'bullet'
        ln.level = lvl
        im = RE_ITEMNUM.match(body)
        if im:
            ln.num = im.group(1) or ('(%s)' % im.group(2) if im.group(2) else im.group(3) + ')')
            body = body[im.end():].strip()
        ln.content = body
        return
    for typ, rx in (('chapter', RE_CHAPTER), ('dotted', RE_DOTTED), ('num', RE_NUM),
                    ('alpha', RE_ALPHA), ('circ', RE_CIRC)):
        m = rx.match(t)
        if m:
            ln.type = typ
            ln.num = m.group(1)
            ln.content = m.group(2).strip()
            return
    ln.type = 'text'
    ln.content = t


def load(src):
    with open(src, encoding='utf-8') as f:
        raw = f.read().split('\n')
    # `raw[i]` is line i+1
    skip = set()
    for first, rest in JOINS.items():
        skip.update(rest)
    out = []
    for i, s in enumerate(raw, 1):
        if i < BODY_FIRST or not s.strip() or i in skip:
            continue
        if CH4_TABLE_FIRST - 1 <= i <= CH4_TABLE_LAST:
            continue      # the chapter 4 table is parsed separately
        ln = Line(i, s)
        if i in JOINS:
            for j in JOINS[i]:
                ln.raw = ln.raw.rstrip() + raw[j - 1].strip()
                ln.lines.append(j)
            ln.notes.append((JOIN_NOTE[0].format(lines='・'.join(map(str, ln.lines))),
                             JOIN_NOTE[1].format(lines=', '.join(map(str, ln.lines)))))
        for old, new, nja, nen in TEXT_FIXES.get(i, []):
            assert old in ln.raw, (i, old)
            ln.raw = ln.raw.replace(old, new)
            ln.notes.append((nja, nen))
        classify(ln)
        for old, new, nja, nen in TITLE_FIXES.get(i, []):
            if old:
                assert old in ln.content, (i, old)
                ln.content = ln.content.replace(old, new)
            ln.notes.append((nja, nen))
        if i in LEVEL_FIXES:
            lvl, nja, nen = LEVEL_FIXES[i]
            if ln.type == 'text':
                ln.type = 'bullet'
                ln.content = ln.raw.strip().lstrip('－').strip()
            assert ln.type == 'bullet', i
            ln.level = lvl
            ln.notes.append((nja, nen))
        if i in MARKER_NOTES:
            ln.notes.append(MARKER_NOTES[i])
        out.append(ln)
    return raw, out


# ---------------------------------------------------------------------------------------------
# Node store
# ---------------------------------------------------------------------------------------------
class Store:
    def __init__(self):
        self.nodes = []
        self.by_id = {}
        self.lines = {}      # id -> {"title": [..], "text": [[..], ..]}
        self.counters = {}

    def add(self, nid, kind, parent, ref, title='', title_lines=None, after=None):
        assert re.match(r'^[0-9a-z][0-9a-z.\-]*$', nid), nid
        assert nid not in self.by_id, nid
        n = {'id': nid, 'ref': ref, 'kind': kind, 'parent': parent, 'order': 0,
             'title': {'ja': title, 'en': ''}, 'text': {'ja': '', 'en': ''},
             'phase': None, 'perspective': None, 'roles': [], 'assessable': False,
             'control_system': False, 'references': [], 'glossary': [], 'see_also': [],
             'targets': [], 'checks': [], '_paras': [], '_notes': []}
        if after is not None:
            self.nodes.insert(after, n)
        else:
            self.nodes.append(n)
        self.by_id[nid] = n
        self.lines[nid] = {'title': list(title_lines or []), 'text': []}
        return n

    def para(self, n, text, lines, notes=()):
        n['_paras'].append(text)
        self.lines[n['id']]['text'].append(list(lines))
        for nt in notes:
            if nt not in n['_notes']:
                n['_notes'].append(nt)

    def note(self, n, notes):
        for nt in notes:
            if nt not in n['_notes']:
                n['_notes'].append(nt)

    def next_id(self, base, suffix):
        k = (base, suffix)
        self.counters[k] = self.counters.get(k, 0) + 1
        return '%s.%s%d' % (base, suffix, self.counters[k])


# ---------------------------------------------------------------------------------------------
# Chapters 1-3 and 5: the state machine
# ---------------------------------------------------------------------------------------------
SPECIAL_CHILD_KIND = {'1.1.5': 'definition', '1.1.6': 'role', '1.2.2': 'scheme'}


def sec_suffix(typ, num):
    if typ == 'num':
        return '-' + num
    if typ == 'alpha':
        return '-' + num
    if typ == 'circ':
        return '-c%d' % (CIRCLED.index(num) + 1)
    raise ValueError(typ)


def ref_suffix(typ, num):
    return '(%s)' % num if typ in ('num', 'alpha') else num


LEVEL_RANK = {'chapter': 0, 'dotted': 1, 'num': 2, 'alpha': 3, 'circ': 4}


class Builder:
    def __init__(self, lines):
        self.L = lines
        self.S = Store()
        self.stack = []          # [(typ, node)] for headings
        self.mode = None         # None | guidance | purpose | measures | examples | ...
        self.block = None        # current block node (guidance / purpose)
        self.block_measures = []   # measures created in the current 対策項目 context (section)
        self.sec_measures = {}   # section id -> [measure nodes]
        self.target = None       # measure the current 具体例 block illustrates
        self.group = None        # current titled group / lead example
        self.last_top = None     # last level-1 example
        self.last_bullet = None  # last example created from a bullet (for continuations)
        self.block_nodes = []    # nodes created in the current 対策項目 / 具体例 block
        self.pending = []        # examples that appear before any measure of their section
        self.prev_line = None
        self.chapter = None
        self.dup_marker = None

    # -- helpers ---------------------------------------------------------------------------
    @property
    def sec(self):
        return self.stack[-1][1] if self.stack else None

    def in_ch3(self):
        return self.chapter == '3'

    def next_nonblank(self, idx):
        return self.L[idx + 1] if idx + 1 < len(self.L) else None

    def close_block(self):
        self.mode = None
        self.block = None
        self.group = None
        self.last_top = None
        self.target = None

    # -- headings --------------------------------------------------------------------------
    def heading(self, ln):
        typ = ln.type
        S = self.S
        self.close_block()
        self.block_nodes = []
        self.block_measures = []
        if typ == 'chapter':
            self.stack = []
            self.chapter = ln.num
            n = S.add(ln.num, 'chapter', None, ln.num, ln.content, ln.lines)
            S.note(n, ln.notes)
            self.stack.append(('chapter', n))
            return
        if typ == 'dotted':
            depth = ln.num.count('.')
            # pop to the dotted parent (depth - 1) or the chapter
            while self.stack and not (
                    (self.stack[-1][0] == 'dotted' and self.stack[-1][1]['id'].count('.') < depth)
                    or self.stack[-1][0] == 'chapter'):
                self.stack.pop()
            parent = self.sec
            nid = ln.num
            kind = 'section'
            if self.chapter == '5' and nid in ('5.1', '5.2'):
                kind = 'term'
            n = S.add(nid, kind, parent['id'], ln.num, ln.content, ln.lines)
            S.note(n, ln.notes)
            self.stack.append(('dotted', n))
            return
        rank = LEVEL_RANK[typ]
        while self.stack and LEVEL_RANK[self.stack[-1][0]] >= rank:
            self.stack.pop()
        parent = self.sec
        nid = parent['id'] + sec_suffix(typ, ln.num)
        ref = parent['ref'] + ref_suffix(typ, ln.num)
        kind = 'section'
        if typ == 'num' and parent['id'] in SPECIAL_CHILD_KIND:
            kind = SPECIAL_CHILD_KIND[parent['id']]
        if self.chapter == '5' and typ == 'num':
            kind = 'term'
        if typ == 'circ' and parent['id'] == '2.2.1':
            kind = 'system'
        if typ == 'circ' and parent['id'] == '1.1.2':
            kind = 'paragraph'
        n = S.add(nid, kind, parent['id'], ref, ln.content, ln.lines)
        S.note(n, ln.notes)
        if kind == 'paragraph':
            # 1.1.2 ①-④ are one-line items, not headings: the line is the item's text
            n['title']['ja'] = ''
            S.lines[nid]['title'] = []
            S.para(n, ln.content, ln.lines)
            return     # not pushed: following prose belongs to 1.1.2 itself
        self.stack.append((typ, n))

    # -- measures ---------------------------------------------------------------------------
    def add_measure(self, ln, text=None):
        S = self.S
        sec = self.sec
        nid = S.next_id(sec['id'], 'm')
        n = S.add(nid, 'measure', sec['id'], sec['ref'])
        S.para(n, text if text is not None else ln.content, ln.lines, ln.notes)
        n['_line'] = ln.no
        n['_item'] = bool(ln.type == 'bullet')
        self.sec_measures.setdefault(sec['id'], []).append(n)
        self.block_measures.append(n)
        self.block_nodes.append(n)
        if self.pending:
            # examples printed before the first measure of their section (3.1.5.1(1)(e)):
            # attach them to this measure, placed right after it
            idx = S.nodes.index(n)
            for ex_ln in self.pending:
                idx += 1
                e = S.add(S.next_id(nid, 'x'), 'example', nid, sec['ref'], after=idx)
                S.para(e, ex_ln.content, ex_ln.lines, ex_ln.notes)
                self.block_nodes.append(e)
            self.pending = []
        return n

    def pick_target(self, sec_id):
        ms = self.sec_measures.get(sec_id, [])
        if not ms:
            return None
        # prefer the last lead-in paragraph ("以下【具体例】…", "以下の…") — the measure the
        # examples illustrate; otherwise the last measure
        for m in reversed(ms):
            if RE_LEADIN.search(m['_paras'][0]):
                return m
        return ms[-1]

    # -- examples ---------------------------------------------------------------------------
    def add_example(self, parent, ln, title='', text=None, title_lines=None):
        S = self.S
        nid = S.next_id(parent['id'], 'x')
        ref = parent['ref']
        n = S.add(nid, 'example', parent['id'], ref, title, title_lines)
        if text is not None or ln is not None:
            if text is None:
                text = ln.content
            if text:
                S.para(n, text, ln.lines if ln else [], ln.notes if ln else ())
        self.block_nodes.append(n)
        return n

    def add_note(self, parent, ln):
        S = self.S
        n = S.add(S.next_id(parent['id'], 'n'), 'note', parent['id'], parent['ref'])
        S.para(n, ln.content, ln.lines, ln.notes)
        self.block_nodes.append(n)
        return n

    def note_parent(self):
        """※ note: the latest node of the block whose text carries the ※ mark; when several
        siblings under one titled group carry it, the group; else the block's first measure."""
        for n in reversed(self.block_nodes):
            if n['kind'] != 'note' and any('※' in p for p in n['_paras']):
                par = self.S.by_id.get(n['parent'])
                if par and par['kind'] == 'example':
                    sibs = [x for x in self.block_nodes if x['parent'] == par['id']
                            and any('※' in p for p in x['_paras'])]
                    if len(sibs) > 1:
                        return par
                return n
        if self.block_measures:
            return self.block_measures[0]
        return self.block or self.sec

    def bullet_parent_top(self):
        if self.group is not None:
            return self.group
        return self.target

    # -- main loop ---------------------------------------------------------------------------
    def run(self):
        S = self.S
        L = self.L
        i = 0
        while i < len(L):
            ln = L[i]
            nxt = L[i + 1] if i + 1 < len(L) else None
            t = ln.type
            if ln.no == 55:          # はじめに
                n = S.add('0', 'preface', None, '', ln.raw.strip(), ln.lines)
                self.stack = [('chapter', n)]
                self.chapter = '0'
                i += 1
                continue
            if t == 'marker' and ln.num == '改訂履歴':
                self.close_block()
                n = S.add('rev', 'revision', None, '', '改訂履歴', ln.lines)
                self.stack = [('chapter', n)]
                self.chapter = 'rev'
                i += 1
                continue
            if self.chapter == 'rev':
                n = S.add(S.next_id('rev', ''), 'revision', 'rev', '')
                S.para(n, ln.raw.strip(), ln.lines, ln.notes)
                i += 1
                continue
            if t in ('chapter', 'dotted'):
                if t == 'chapter' and self.chapter not in (None, '0') and \
                        int(ln.num) != int(self.chapter) + 1:
                    t = 'text'; ln.type = 'text'; ln.content = ln.raw.strip()
                else:
                    self.heading(ln)
                    i += 1
                    continue
            if t in ('num', 'alpha', 'circ'):
                if self.is_real_heading(ln, nxt):
                    self.heading(ln)
                    self.block_measures = []
                    i += 1
                    continue
                if self.mode == 'examples':
                    # titled group inside 【具体例】
                    parent = self.target
                    if parent is None:
                        raise SystemExit('group without measure at line %d' % ln.no)
                    self.group = self.add_example(parent, None, ln.content, title_lines=ln.lines)
                    S.note(self.group, ln.notes)
                    self.group['_group'] = True
                    self.last_top = None
                    i += 1
                    continue
                # chapter 1/2 circled items that are not headings fall through as text
                ln.type = t = 'text'
                ln.content = ln.raw.strip()
            if t == 'marker':
                self.marker(ln, L, i)
                i += 1
                continue
            if t == 'label':
                self.label(ln)
                i += 1
                continue
            self.body(ln, nxt)
            self.prev_line = ln
            i += 1
        return S

    def is_real_heading(self, ln, nxt):
        """Is a (n)/(a)/① line a real heading (section) or a titled group inside 【具体例】?"""
        if self.chapter in ('0', '1', '2', '4', '5'):
            if ln.type == 'circ':
                return any(x['id'] in ('2.2.1', '1.1.2') for _, x in self.stack)
            return True
        if self.mode != 'examples':
            if ln.type == 'circ':
                # ① in chapter 3 outside 具体例: a short title on its own line
                return len(ln.content) <= 40 and not ln.content.endswith('。')
            return True
        # inside 【具体例】
        if ln.type == 'circ':
            # a circled heading continues the ①②… sub-headings of the 対策項目 block
            return bool(RE_CIRC_ID.search(self.sec['id']))
        # (n)/(a): a section heading is followed by a block marker or another heading;
        # a titled example group is followed by its bullets / text
        return nxt is not None and (nxt.type == 'marker' or nxt.type in ('alpha', 'num', 'dotted', 'chapter'))

    def marker(self, ln, L, i):
        S = self.S
        kind = ln.num
        sec = self.sec
        if kind == '具体例':
            prev = L[i - 1] if i > 0 else None
            if self.mode == 'examples' and prev is not None and prev.type == 'marker' and prev.num == '具体例':
                # duplicated marker (artefact)
                tgt = self.target
                nt = (DUP_MARKER_NOTE[0].format(lines='・'.join([str(prev.no), str(ln.no)])),
                      DUP_MARKER_NOTE[1].format(lines='%d, %d' % (prev.no, ln.no)))
                if tgt is not None:
                    S.note(tgt, [nt])
                else:
                    self.dup_marker = nt
                return
            self.mode = 'examples'
            self.group = None
            self.last_top = None
            self.target = self.pick_target(sec['id'])
            self.block_nodes = []
            return
        self.close_block()
        self.block_nodes = []
        if kind == '対策項目':
            self.mode = 'measures'
            self.block_measures = []
            return
        k = 'guidance' if kind == '対策の指針' else 'purpose'
        base = sec['id'] + ('.g' if k == 'guidance' else '.p')
        nid = base
        c = 2
        while nid in S.by_id:
            nid = base + str(c)
            c += 1
        self.block = S.add(nid, k, sec['id'], sec['ref'])
        self.mode = k

    def label(self, ln):
        S = self.S
        if self.mode == 'examples':
            nums = [c for c in ln.content if c in CIRCLED]
            if nums:
                sec = self.sec
                base = sec['id']
                if RE_CIRC_ID.search(base):
                    base = base.rsplit('-', 1)[0]
                tid = base + '-c%d' % (CIRCLED.index(nums[-1]) + 1)
                tgt = self.pick_target(tid)
                if tgt is None:
                    raise SystemExit('label %s at line %d: no measure in %s' % (ln.content, ln.no, tid))
                self.target = tgt
            return
        if self.mode == 'purpose':
            # ＜外部委託の例＞ inside 【主旨・目的】: a titled list of examples under the purpose
            self.group = self.add_example(self.block, None, ln.content, title_lines=ln.lines)
            if getattr(ln, 'fullwidth', False):
                S.note(self.group, [FULLWIDTH_LABEL_NOTE])
            return
        raise SystemExit('unexpected label at line %d' % ln.no)

    def body(self, ln, nxt):
        S = self.S
        t = ln.type
        sec = self.sec
        ch = self.chapter
        # ----- chapters 0-2 and 5: prose goes into the current node's text ------------------
        if ch in ('0', '1', '2', '4', '5'):
            if t == 'note':
                n = S.add(S.next_id(sec['id'], 'n'), 'note', sec['id'], sec['ref'])
                S.para(n, ln.content, ln.lines, ln.notes)
                return
            if sec['id'] == '1.1.3-6' and t == 'bullet':
                # the list of other reference guidelines: one paragraph item per entry
                n = S.add(S.next_id(sec['id'], 'i'), 'paragraph', sec['id'], sec['ref'],
                          ln.content, ln.lines)
                S.note(n, ln.notes)
                self.group = n
                return
            if sec['id'] == '1.1.3-6' and self.group is not None:
                S.para(self.group, ln.content, ln.lines, ln.notes)
                return
            if sec['id'] == '2.1.2' and t == 'text':
                n = S.add(S.next_id(sec['id'], 'i'), 'challenge', sec['id'], sec['ref'])
                S.para(n, ln.content, ln.lines, ln.notes)
                return
            S.para(sec, ln.content, ln.lines, ln.notes)
            return
        # ----- chapter 3 --------------------------------------------------------------------
        if self.mode in ('guidance', 'purpose'):
            if t == 'bullet' and self.group is not None:
                self.add_example(self.group, ln)
                return
            S.para(self.block, ln.content, ln.lines, ln.notes)
            return
        if self.mode is None and (sec['kind'] == 'chapter' or sec['id'].count('.') < 2):
            S.para(sec, ln.content, ln.lines, ln.notes)   # chapter 3 introduction
            return
        if self.mode is None:
            # a section that states obligations without the 【対策項目】 marker
            self.mode = 'measures'
            self.block_measures = []
        if self.mode == 'measures':
            if t == 'note':
                self.add_note(self.note_parent(), ln)
                return
            if t == 'text' and RE_SEEREF_NOTE.match(ln.content):
                self.add_note(self.block_measures[-1] if self.block_measures else sec, ln)
                return
            if t == 'text':
                # one measure per sentence group with its own responsible subject
                # (3.1.2.4(4)②: 情報セキュリティ委員会は…。情報セキュリティ責任者は…。)
                for part in split_by_subject(ln.content):
                    self.add_measure(ln, part)
                return
            if t == 'bullet' and ln.level == 1 and ln.num and ln.num in CIRCLED:
                self.add_measure(ln)       # ①②③④ full-sentence items
                return
            if t == 'bullet' and ln.level == 1 and RE_OBLIGATION.search(ln.content):
                # a bulleted obligation ("CSIRT を整備し、…明確化すること。") is a measure of its
                # own: one distinct thing a self-inspection can ask about
                self.add_measure(ln)
                self.last_top = None
                return
            if t == 'bullet':
                if not self.block_measures:
                    raise SystemExit('bullet without measure at line %d' % ln.no)
                lead = self.block_measures[-1]
                if ln.level == 1 or self.last_top is None:
                    self.last_top = self.add_example(lead, ln)
                else:
                    self.add_example(self.last_top, ln)
                self.last_bullet = self.last_top
                return
        if self.mode == 'examples':
            tgt = self.target
            if tgt is None:
                # 【具体例】 before the 【対策項目】 of its section (3.1.5.1(1)(e))
                if t == 'bullet':
                    self.pending.append(ln)
                    return
                raise SystemExit('example text without measure at line %d' % ln.no)
            if t == 'note':
                self.add_note(self.note_parent(), ln)
                return
            if t == 'text':
                prev = self.prev_line
                if prev is not None and prev.type == 'bullet' and prev.lines[-1] + 1 == ln.no \
                        and self.last_bullet is not None:
                    # "・ 実施頻度：" followed directly by its explanation
                    S.para(self.last_bullet, ln.content, ln.lines, ln.notes)
                    return
                if RE_SEEREF_NOTE.match(ln.content):
                    host = self.last_top if (self.last_top is not None and any(
                        x['parent'] == self.last_top['id'] for x in self.block_nodes)) else None
                    if host is None and self.group is not None and not self.group.get('_group'):
                        host = self.group
                    self.add_note(host or tgt, ln)
                    return
                if nxt is not None and nxt.type == 'marker' and nxt.num == '具体例':
                    # a new lead-in measure between two 【具体例】 blocks (3.3.1.1(2))
                    self.mode = 'measures'
                    self.add_measure(ln)
                    return
                if self.group is not None and self.group.get('_group') and not self.group['_paras'] \
                        and not any(x['parent'] == self.group['id'] for x in self.block_nodes):
                    S.para(self.group, ln.content, ln.lines, ln.notes)   # titled group's text
                    return
                # a lead sentence inside 具体例: an example whose following bullets are its children
                self.group = self.add_example(tgt, ln)
                self.group['_group'] = False
                self.last_top = None
                return
            if t == 'bullet':
                if ln.level == 1 or self.last_top is None:
                    self.last_top = self.add_example(self.bullet_parent_top(), ln)
                    self.last_bullet = self.last_top
                else:
                    self.last_bullet = self.add_example(self.last_top, ln)
                return
        raise SystemExit('unhandled line %d (%s, mode %s)' % (ln.no, t, self.mode))


# ---------------------------------------------------------------------------------------------
# Chapter 4: the reference table
# ---------------------------------------------------------------------------------------------
# Broken rows (explicit rules):
CH4_TITLE_CONT = {
    # a row whose first cell continues the previous row's title (page break inside the cell)
    2521: ('リテリ対策', 'リティ対策'),      # "(2)情報のライフサイクルにおける情報セキュ" + "リテリ対策" (also a garbled 「リティ」)
    2562: ('確保策の徹底', '確保策の徹底'),  # "(2)外部委託実施における情報セキュリティ" + "確保策の徹底"
}
CH4_SHIFTED = {2518}       # "\t(1)情報の格付け\t統一基準:…": cells shifted one column right
CH4_STRAY = {2572: (' 6.1.3 3 「', ' 6.1.3 「')}   # a stray "3" between two documents
CH4_NOTES = {
    'join': ('表の行がページ区切りで分断され、見出しセルが次の行に続いていたため結合した（{lines}行）。',
             'A table row was split by a page break and its heading cell continued on the next row; joined (lines {lines}).'),
    'garble': ('分断された見出しセルの「リテリ」を「リティ」（情報セキュリティ対策）に修正した。',
               'Fixed the garbled 「リテリ」 in the split heading cell to 「リティ」 (情報セキュリティ対策).'),
    'shift': ('見出しセルが1列右にずれて抽出されていた行を補正した（{lines}行）。',
              'Corrected a row whose cells had been shifted one column to the right (line {lines}).'),
    'html': ('抽出時に混入した HTML 断片（<ul style=...>）を除去し、文献ごとの行に分けた。',
             'Removed HTML fragments (<ul style=...>) left by the extraction and split the cell into one line per document.'),
    'stray': ('文献名の間に混入した数字「3」を除去した（{lines}行）。',
              'Removed a stray "3" between two document entries (line {lines}).'),
    'quote': ('欠落していた開き括弧「「」を補った（「JIS Q 27002:2014」）。',
              'Restored a missing opening bracket 「 (「JIS Q 27002:2014」).'),
    'norm': ('表記の揺れ（全角/半角、空白、区切り記号、Ⅱ/II）を統一した。',
             'Normalised inconsistent notation (full-width/half-width characters, spaces, separators, Ⅱ/II).'),
}


def norm_clause(s):
    """Normalise a source-clause cell, e.g. "策定指針: II 4.1.3(2)(ア)" -> "策定指針: II.4.1.3(2)(ア)"."""
    o = s.strip()
    s = o.replace('Ⅱ', 'II').replace('Ⅰ', 'I').replace('Ⅳ', 'IV')
    s = re.sub(r'^([^:：]+?)\s*[:：]\s*', r'\1: ', s)
    s = re.sub(r'\b(I{1,3}|IV)\s+(\d)', r'\1.\2', s)
    s = re.sub(r'\s*[、,]\s*', '、', s)
    return s, s != o


def split_docs(s):
    """Split a related-documents cell into one item per document (top-level 「…」 groups)."""
    items, cur, depth = [], '', 0
    for ch in s:
        if depth == 0 and (ch == '・' or ch == '「') and cur.strip():
            if ch == '・' or not cur.strip().endswith('・'):
                items.append(cur)
                cur = ''
        if ch == '「':
            depth += 1
        elif ch == '」':
            depth = max(0, depth - 1)
        cur += ch
    if cur.strip():
        items.append(cur)
    return [x.strip() for x in items if x.strip().strip('・').strip()]


def norm_doc(s):
    o = s
    s = s.strip().lstrip('・').strip()
    notes = []
    if '」' in s and '「' not in s:
        s = '「' + s
        notes.append('quote')

    def inner(m):
        x = m.group(1)
        x = re.sub(r'(?<=[^\x00-\x7f])\s+(?=\d)|(?<=\d)\s+(?=[^\x00-\x7f])', '', x)
        x = x.replace('~', '～')
        return '「' + x + '」'
    s = re.sub(r'「([^」]*)」', inner, s)
    head, _, tail = s.rpartition('」')
    if _:
        tail = tail.strip()
        tail = re.sub(r'\s*[、,]\s*', '、', tail)
        tail = re.sub(r'\s*[~～]\s*', ' ~ ', tail)
        tail = re.sub(r'要点\s*(\d)', r'要点\1', tail)
        s = head + '」' + tail
    s = '・' + s
    if nows(s) != nows('・' + o.strip().lstrip('・').strip()):
        notes.append('norm')
    return s, notes


def parse_ch4(raw, S):
    """One reference node per section row group of the table in chapter 4."""
    ctx = {}                    # 'dotted', 'num', 'alpha' -> current ids
    groups = []                 # [dict(target, ref, title, rows=[(clause, docs, line)], notes, lines)]
    cur = None
    section_ids = set(n['id'] for n in S.nodes if n['kind'] in ('section',))
    i = CH4_TABLE_FIRST
    while i <= CH4_TABLE_LAST:
        line = raw[i - 1]
        if not line.strip():
            i += 1
            continue
        cells = line.split('\t')
        while len(cells) < 3:
            cells.append('')
        notes = []
        if i in CH4_SHIFTED:
            cells = [cells[1], cells[2], '-']
            notes.append(('shift', str(i)))
        c0, c1, c2 = cells[0].strip(), cells[1].strip(), cells[2].strip()
        if i in CH4_STRAY:
            old, new = CH4_STRAY[i]
            assert old in c2, i
            c2 = c2.replace(old, new)
            notes.append(('stray', str(i)))
        if i in CH4_TITLE_CONT:
            frag, fixed = CH4_TITLE_CONT[i]
            assert c0 == frag, (i, c0)
            cur['title'] += fixed
            cur['lines'].append(i)
            cur['notes'].append(('join', '%d・%d' % (cur['lines'][0], i)))
            if frag != fixed:
                cur['notes'].append(('garble', ''))
            c0 = ''
        if c0:
            m = re.match(r'^(\d(?:\.\d+)+)\s*(.*)$', c0)
            if m:
                num, title = m.group(1), m.group(2)
                ctx = {'dotted': num}
                tid = num
                ref = num
            else:
                m = re.match(r'^\((\d+|[a-z])\)\s*(.*)$', c0)
                assert m, (i, c0)
                num, title = m.group(1), m.group(2)
                if num.isdigit():
                    ctx = {'dotted': ctx['dotted'], 'num': num}
                    tid = ctx['dotted'] + '-' + num
                    ref = ctx['dotted'] + '(%s)' % num
                else:
                    ctx = {'dotted': ctx['dotted'], 'num': ctx['num'], 'alpha': num}
                    tid = ctx['dotted'] + '-' + ctx['num'] + '-' + num
                    ref = ctx['dotted'] + '(%s)(%s)' % (ctx['num'], num)
            assert tid in section_ids, (i, tid)
            cur = {'target': tid, 'ref': ref, 'title': title.strip(), 'rows': [], 'notes': [],
                   'lines': [i], 'title_lines': [i]}
            groups.append(cur)
        else:
            cur['lines'].append(i)
        cur['notes'].extend(notes)
        if c1 and c1 != '-' or c2 and c2 != '-':
            cur['rows'].append((c1, c2, i))
        i += 1
    # build nodes: chapter 4's nodes go right after chapter 4's own node (document order)
    pos = [k for k, x in enumerate(S.nodes) if x['id'] == '4'][0] + 1
    counts = {}
    for g in groups:
        if not g['rows']:
            continue          # "-" / "-": the table lists no source for this heading
        paras, plines, notes = [], [], list(g['notes'])
        for c1, c2, ln_no in g['rows']:
            if c1 and c1 != '-':
                cl, changed = norm_clause(c1)
                paras.append(cl)
                plines.append([ln_no])
                if changed:
                    notes.append(('norm', ''))
            if c2 and c2 != '-':
                if '<ul' in c2:
                    c2 = re.sub(r'<[^>]+>', ' ', c2)
                    notes.append(('html', ''))
                for d in split_docs(c2):
                    d2, dn = norm_doc(d)
                    paras.append(d2)
                    plines.append([ln_no])
                    notes.extend((x, '') for x in dn)
        counts[g['target']] = counts.get(g['target'], 0) + 1
        nid = '4.r.' + g['target'] + ('' if counts[g['target']] == 1 else '-%d' % counts[g['target']])
        n = S.add(nid, 'reference', '4', g['ref'], g['title'], g['title_lines'], after=pos)
        pos += 1
        n['targets'] = [g['target']]
        for p, pl in zip(paras, plines):
            S.para(n, p, pl)
        seen = []
        for key, arg in notes:
            if (key, arg) in seen:
                continue
            seen.append((key, arg))
            ja, en = CH4_NOTES[key]
            S.note(n, [(ja.format(lines=arg), en.format(lines=arg.replace('・', ', ')))])
        S.by_id[g['target']]['references'].append(nid)


# ---------------------------------------------------------------------------------------------
# Enrichment: cross references, glossary, roles, phases, perspectives, control systems
# ---------------------------------------------------------------------------------------------
GLOSSARY_TERMS = [
    # (name as it appears, whitespace removed) -> node id.  Longer names are matched first and
    # masked, so 「最高情報セキュリティ責任者」 does not also count as 「情報セキュリティ責任者」.
    ('重要インフラサービス障害', '1.1.5-1'), ('重要インフラ利用者', '1.1.5-2'), ('取扱者', '1.1.5-3'),
    ('情報システム', '1.1.5-4'), ('情報資産', '1.1.5-5'), ('機能保証', '1.1.5-6'),
    ('経営層', '1.1.6-1'), ('最高情報セキュリティ責任者', '1.1.6-2'), ('CISO', '1.1.6-2'),
    ('情報セキュリティ委員会', '1.1.6-3'), ('情報セキュリティ責任者', '1.1.6-4'),
    ('システム管理者', '1.1.6-5'), ('CSIRT', '1.1.6-6'),
    ('サービス不能攻撃', '5.1'), ('パケットフィルタリング', '5.1-1'), ('パケット・フィルタリング', '5.1-1'),
    ('3-wayhandshake', '5.1-2'), ('Flood攻撃', '5.1-3'), ('アプリケーションゲートウェイ', '5.1-4'),
    ('アプリケーション・ゲートウェイ', '5.1-4'), ('多要素認証', '5.2'),
    ('SQLインジェクション', '5.3-1'), ('OSコマンドインジェクション', '5.3-2'),
    ('ディレクトリトラバーサル', '5.3-3'), ('セッション管理の脆弱性', '5.3-4'),
    ('アクセス制御欠如', '5.3-5'), ('認可処理欠如', '5.3-5'), ('クロスサイトスクリプティング', '5.3-6'),
    ('クロスサイトリクエストフォージェリ', '5.3-7'), ('クリックジャッキング', '5.3-8'),
    ('メールヘッダインジェクション', '5.3-9'), ('HTTPヘッダインジェクション', '5.3-10'),
    ('HTTPヘッドインジェクション', '5.3-10'), ('evalインジェクション', '5.3-11'),
    ('レースコンディション', '5.3-12'), ('バッファオーバーフロー', '5.3-13'), ('整数オーバーフロー', '5.3-13'),
    ('アプリケーション・コンテンツ', '5.4-1'), ('ドメインネームシステム', '5.4-2'), ('DNS', '5.4-2'),
    ('データベース', '5.4-3'), ('IPv6', '5.4-4'), ('HSE', '5.4-5'),
]
GLOSSARY_KINDS = ('term', 'definition', 'role')

RE_XREF = re.compile(r'(\d(?:\.\d+)+)\.?((?:[（(][0-9a-z]{1,2}[）)])*)\s*(?=参照|に規定|で定め|で策定)')
RE_XREF_Q = re.compile(r'「(\d(?:\.\d+)+)\s*[^」\d][^」]*」')
RE_XREF_LOCAL = re.compile(r'\(([a-z])\)([^\s、。]{2,20}?)と同様')

ROLE_TOPICS = [
    # topic ("…は") -> role, checked in this order on the whitespace-free text
    ('最高情報セキュリティ責任者', 'ciso'), ('CISO', 'ciso'), ('経営層', 'executive'),
    ('情報セキュリティ委員会', 'committee'), ('情報セキュリティ責任者', 'manager'),
    ('システム管理者', 'sysadmin'), ('CSIRT', 'csirt'), ('取扱者', 'handler'),
    ('情報セキュリティ監査を実施する者', 'auditor'), ('監査実施者', 'auditor'),
    ('重要インフラ事業者等', 'operator'),
    # 3.3.1.1(3): 規程を整備した者 = the CISO, who establishes the regulations (3.1.2.3(1))
    ('情報セキュリティ関係規程を整備した者', 'ciso'),
]
# Subjects that are actors but none of the catalog roles: the measure is the organisation's.
NON_ROLE_SUBJECTS = ('委託先', '審査者')
# Measures whose responsible role the sentence leaves implicit and the mechanical rule
# ("inherit from the previous measure when it continues it, else operator") gets wrong.
# Keyed by source line; each with the reason.
ROLE_OVERRIDES = {
    2401: (['ciso'], '自己点検の実施計画: 年度自己点検計画は最高情報セキュリティ責任者が整備する (line 2389)'),
    2436: (['auditor'], '年度情報セキュリティ監査計画は情報セキュリティ監査を実施する者が整備する (line 2422)'),
    2446: (['auditor'], '個別の監査実施計画は情報セキュリティ監査を実施する者が立案する (line 2422)'),
}
RE_TOPIC = re.compile(r'(?:^|。)(?:また、|なお、|さらに、|その際、)?([^、。「」]{1,30}?)は、?')


def topic_roles(text):
    t = nows(text)
    roles = []
    for m in RE_TOPIC.finditer(t):
        topic = m.group(1)
        role = None
        for name, r in ROLE_TOPICS:
            if topic.endswith(name):
                role = r
                break
        if role is None and topic.startswith('監査') and len(topic) <= 8:
            role = 'auditor'            # 「監査結果は」 etc.: the audit side
        if role and role not in roles:
            roles.append(role)
    return roles


def split_by_subject(text):
    """Splits a paragraph where a sentence names a different responsible role than the one
    before it; otherwise returns [text]."""
    sents = [x for x in re.split(r'(?<=。)', text) if x.strip()]
    parts, roles = [], None
    for sent in sents:
        r = topic_roles(sent)
        starts_with_subject = bool(r) and RE_TOPIC.match(nows(sent))
        if parts and starts_with_subject and roles and r[0] not in roles:
            parts.append(sent.strip())
            roles = r
        elif parts:
            parts[-1] += sent
        else:
            parts.append(sent)
            roles = r
    return parts if len(parts) > 1 else [text]


def section_chain(S, n):
    chain = []
    while n is not None:
        chain.append(n)
        n = S.by_id.get(n['parent']) if n['parent'] else None
    return chain


def sec_of(S, n):
    for x in section_chain(S, n):
        if x['kind'] in ('section', 'chapter', 'definition', 'role', 'scheme', 'system', 'term'):
            return x
    return None


def perspective_of(sid):
    for pre, p in (('3.1.1', 'requirements'), ('3.1.2', 'policy'), ('3.1.3', 'planning'),
                   ('3.1.4', 'organisation'), ('3.1.5', 'build'), ('3.2.1', 'common'),
                   ('3.2.2', 'normal'), ('3.2.3', 'incident'), ('3.3.1', 'normal'),
                   ('3.3.2', 'incident')):
        if sid == pre or sid.startswith(pre + '.') or sid.startswith(pre + '-'):
            return p
    return None


def phase_of_section(sid):
    if sid.startswith('3.1'):
        return 'plan'
    if sid.startswith('3.2'):
        return 'do'
    if sid.startswith('3.3.1.1-3') or sid.startswith('3.3.1.2') or sid.startswith('3.3.2'):
        return 'act'
    if sid.startswith('3.3'):
        return 'check'
    return None


def enrich(S):
    ids = S.by_id
    # text
    for n in S.nodes:
        n['text']['ja'] = '\n'.join(n['_paras'])
    # cross references
    for n in S.nodes:
        if n['kind'] == 'reference':
            continue
        text = n['title']['ja'] + '\n' + n['text']['ja']
        refs = []
        for m in RE_XREF.finditer(text):
            base = m.group(1)
            parts = re.findall(r'[（(]([0-9a-z]{1,2})[）)]', m.group(2))
            tid = base + ''.join('-' + p for p in parts)
            refs.append((tid, m.group(0)))
        for m in RE_XREF_Q.finditer(text):
            refs.append((m.group(1), m.group(0)))
        for m in RE_XREF_LOCAL.finditer(text):
            anc = [x for x in section_chain(S, n) if re.search(r'-[a-z]$', x['id'])]
            if anc:
                sib = anc[0]['id'][:-1] + m.group(1)
                if sib in ids and ids[sib]['title']['ja'].startswith(m.group(2)):
                    refs.append((sib, m.group(0)))
        for tid, printed in refs:
            if tid not in ids:
                n.setdefault('_unresolved', []).append(printed)
                continue
            if tid == n['id']:
                continue
            dest = 'glossary' if ids[tid]['kind'] in GLOSSARY_KINDS else 'see_also'
            if tid not in n[dest]:
                n[dest].append(tid)
    # glossary by term names
    terms = sorted(GLOSSARY_TERMS, key=lambda x: -len(x[0]))
    for n in S.nodes:
        if n['kind'] == 'reference':
            continue
        t = nows(n['title']['ja'] + n['text']['ja'])
        found = []
        for name, tid in terms:
            if name in t:
                t = t.replace(name, '\u0000')
                if tid != n['id'] and tid not in found and tid in ids:
                    found.append(tid)
        # keep document order of the glossary ids
        order = {x['id']: k for k, x in enumerate(S.nodes)}
        n['glossary'] = sorted(set(n['glossary']) | set(found), key=lambda x: order[x])
        n['see_also'] = sorted(set(n['see_also']), key=lambda x: order[x])
    # phase / perspective / roles / control systems
    for n in S.nodes:
        chain = section_chain(S, n)
        root = chain[-1]['id']
        sec = sec_of(S, n)
        if root == '3' and sec is not None:
            n['phase'] = phase_of_section(sec['id'])
            n['perspective'] = perspective_of(sec['id'])
        if n['kind'] == 'measure':
            n['assessable'] = True
            sid = sec['id']
            if sid.startswith('3.3.1.1-1') or sid.startswith('3.3.1.1-2'):
                t = nows(n['text']['ja'])
                # improvement measures of self-inspection / audit belong to "act"
                if '改善' in t or '更新に活用' in t:
                    n['phase'] = 'act'
        body = nows(n['title']['ja'] + n['text']['ja'])
        if re.search(r'制御システム|制御系|制御関連部門|IACS', body):
            n['control_system'] = True
    # roles: measures from their subject (inherit / operator), examples from their own subject
    prev_in_sec = {}
    for n in S.nodes:
        if n['kind'] not in ('measure', 'example', 'role'):
            continue
        if n['kind'] == 'role':
            continue
        own = topic_roles(n['text']['ja'])
        if n['kind'] == 'example':
            n['roles'] = own
            continue
        prev = prev_in_sec.get(n['parent'])
        txt = n['text']['ja'].strip()
        first = nows(re.sub(r'^(?:また、|なお、)', '', txt))
        if n.get('_line') in ROLE_OVERRIDES:
            n['roles'] = list(ROLE_OVERRIDES[n['_line']][0])
        elif own:
            n['roles'] = own
        elif first.startswith(tuple(x + 'は' for x in NON_ROLE_SUBJECTS)):
            n['roles'] = ['operator']
        elif prev is not None and (txt.startswith(CONNECTIVES) or RE_LEADIN.search(txt)
                                   or n.get('_item')):
            n['roles'] = list(prev['roles'])      # continues the previous measure
        else:
            n['roles'] = ['operator']
        prev_in_sec[n['parent']] = n


KEY_ORDER = ['id', 'ref', 'kind', 'parent', 'order', 'title', 'text', 'phase', 'perspective',
             'roles', 'assessable', 'control_system', 'references', 'glossary', 'see_also',
             'targets', 'checks', 'note']


def finalize(S):
    out = []
    for k, n in enumerate(S.nodes, 1):
        n['order'] = k
        o = {}
        for key in KEY_ORDER:
            if key == 'targets' and n['kind'] != 'reference':
                continue
            if key == 'note':
                if n['_notes']:
                    o['note'] = {'ja': ' '.join(j for j, _ in n['_notes']),
                                 'en': ' '.join(e for _, e in n['_notes'])}
                continue
            o[key] = n[key]
        out.append(o)
    return out


def write_json(path, obj):
    d = os.path.dirname(path)
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=d, prefix='.tmp-', suffix='.json')
    with os.fdopen(fd, 'w', encoding='utf-8') as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write('\n')
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--src', default=None)
    ap.add_argument('--out', default=os.path.join(OUT_DIR, 'nodes-ja.json'))
    a = ap.parse_args()
    src = a.src or (DEFAULT_SRC if os.path.exists(DEFAULT_SRC) else FALLBACK_SRC)
    raw, lines = load(src)
    b = Builder(lines)
    S = b.run()
    if b.pending:
        raise SystemExit('examples left without a measure: %s' % [x.no for x in b.pending])
    parse_ch4(raw, S)
    enrich(S)
    nodes = finalize(S)
    unresolved = [(n['id'], u) for n in S.nodes for u in n.get('_unresolved', [])]
    write_json(a.out, {'format': 'airguard-catalog/1', 'catalog': CATALOG, 'nodes': nodes})
    write_json(os.path.join(os.path.dirname(a.out), 'lines.json'),
               {'source': os.path.basename(src),
                'nodes': {n['id']: S.lines[n['id']] for n in S.nodes}})
    counts = {}
    for n in nodes:
        counts[n['kind']] = counts.get(n['kind'], 0) + 1
    print('wrote %s: %d nodes' % (os.path.relpath(a.out), len(nodes)))
    print('  ' + ', '.join('%s %d' % kv for kv in sorted(counts.items())))
    for nid, u in unresolved:
        print('  unresolved cross reference in %s: %s' % (nid, u))


if __name__ == '__main__':
    main()
