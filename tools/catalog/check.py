#!/usr/bin/env python3
"""Independent self-check of tools/catalog/out/nodes-ja.json against the guideline text.

It does not import extract.py: it re-reads the source text with its own, simpler rules and
checks that the catalog covers it.

  (a) the 【対策項目】 blocks: there must be 67, and every paragraph of every block must occur
      (after removing whitespace, bullet markers, leading numbering and every 「・」) in the text
      of a measure / example / note node (circled sub-headings inside a block: in a section title);
  (b) every bullet line of chapter 3 (starting with ・, -, - ・, an indented " - ", or －) must be
      represented by an example or measure node whose text contains it;
  (c) structure: ids well-formed and unique, parents exist and precede their children, no cycles,
      orders strictly increasing, every measure has a phase and at least one role, every id
      reference (references / glossary / see_also / targets) resolves, enums are valid.

Prints each failure with the source line number (or node id) and exits 1 if there is any.
Usage: python3 tools/catalog/check.py [--src GUIDELINE.txt] [--catalog nodes-ja.json]
"""
import argparse
import difflib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SRC_CANDIDATES = [os.path.join(REPO, '..', 'shared', 'guideline', 'mlit-airport-guideline-2nd-ed.ja.txt'),
                  '/work/shared/guideline/mlit-airport-guideline-2nd-ed.ja.txt']

EXPECTED_MEASURE_BLOCKS = 67
KINDS = {'preface', 'chapter', 'section', 'guidance', 'purpose', 'measure', 'example', 'note',
         'definition', 'role', 'scheme', 'challenge', 'system', 'reference', 'term', 'revision',
         'paragraph'}
ROOT_KINDS = {'preface', 'chapter', 'revision'}
PHASES = {'plan', 'do', 'check', 'act'}

RE_MARK = re.compile(r'^\s*【[^】]+】\s*$')
RE_HEAD = re.compile(r'^(?:\d\.\s|\d(?:\.\d+)+\s*\S|\(\d+\)\s*\S|\([a-z]\)\s*\S)')
RE_CIRC_HEAD = re.compile(r'^[①-⑳]\s*[^。]{1,40}$')
RE_LABEL = re.compile(r'^\s*[<＜][^>＞]*[>＞]\s*$')
RE_BULLET = re.compile(r'^(?:・|-|－|\s+-)')
RE_LEAD = re.compile(r'^(?:\s*-\s*・|\s*-・|\s*-\s*－|\s*-|\s*・|\s*－)+')
RE_NUM = re.compile(r'^(?:[①-⑳]|\([ア-ン]\)|[a-z]\))')


def norm(s):
    """Whitespace, bullet markers, leading numbering and every 「・」 removed."""
    s = RE_LEAD.sub('', s)
    s = re.sub(r'\s+', '', s)
    s = RE_NUM.sub('', s)
    return s.replace('・', '').replace('（', '(').replace('）', ')')


def found(key, blob):
    """key occurs in blob, or each of its sentences does (a paragraph split into one measure per
    responsible subject)."""
    if key in blob:
        return True
    sents = [x for x in re.split(r'(?<=。)', key) if x]
    return len(sents) > 1 and all(x in blob for x in sents)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--src')
    ap.add_argument('--catalog', default=os.path.join(HERE, 'out', 'nodes-ja.json'))
    a = ap.parse_args()
    src = a.src or next((p for p in SRC_CANDIDATES if os.path.exists(p)), SRC_CANDIDATES[-1])
    with open(src, encoding='utf-8') as f:
        lines = f.read().split('\n')
    with open(a.catalog, encoding='utf-8') as f:
        doc = json.load(f)
    nodes = doc['nodes']
    fails = []

    def fail(where, msg):
        fails.append('%s: %s' % (where, msg))

    # corpora --------------------------------------------------------------------------------
    def paras(kinds):
        out = []
        for n in nodes:
            if n['kind'] in kinds:
                for p in n['text']['ja'].split('\n'):
                    if p.strip():
                        out.append(norm(p))
        return out
    body_paras = paras({'measure', 'example', 'note'})
    body_blob = '\u0001'.join(body_paras)
    bullet_paras = paras({'measure', 'example'})
    bullet_blob = '\u0001'.join(bullet_paras)
    titles = '\u0001'.join(norm(n['title']['ja']) for n in nodes if n['kind'] == 'section')

    # chapter 3 range ------------------------------------------------------------------------
    ch3 = [i for i, s in enumerate(lines, 1) if s.strip() == '3. 推奨される対策項目']
    ch4 = [i for i, s in enumerate(lines, 1) if s.strip() == '4. 参考文献']
    if not ch3 or not ch4:
        fail('source', 'chapter 3/4 headings not found')
        ch3, ch4 = [1], [len(lines)]
    c3_first, c3_last = ch3[0], ch4[0] - 1

    # (a) 【対策項目】 blocks ---------------------------------------------------------------------
    starts = [i for i, s in enumerate(lines, 1) if s.strip() == '【対策項目】']
    n_ex = sum(1 for s in lines if s.strip() == '【具体例】')
    print('(a) 【対策項目】 blocks: %d (expected %d); 【具体例】 markers: %d'
          % (len(starts), EXPECTED_MEASURE_BLOCKS, n_ex))
    if len(starts) != EXPECTED_MEASURE_BLOCKS:
        fail('source', '%d 【対策項目】 blocks, expected %d' % (len(starts), EXPECTED_MEASURE_BLOCKS))
    checked = 0
    for st in starts:
        i = st + 1
        while i <= len(lines):
            s = lines[i - 1]
            t = s.strip()
            if RE_MARK.match(t) or RE_HEAD.match(t):
                break
            i += 1
            if not t or RE_LABEL.match(t):
                continue
            key = norm(t)
            if not key:
                continue
            checked += 1
            if RE_CIRC_HEAD.match(t) and not s.startswith('-'):
                if key not in titles:
                    fail('line %d' % (i - 1), 'circled sub-heading not found as a section title: %s' % t[:40])
                continue
            if not found(key, body_blob):
                fail('line %d' % (i - 1), '【対策項目】 paragraph (block at line %d) not in any measure/example/note: %s'
                     % (st, t[:50]))
    print('    %d paragraphs of those blocks checked' % checked)

    # (b) bullets of chapter 3 ---------------------------------------------------------------
    nb = 0
    for i in range(c3_first, c3_last + 1):
        s = lines[i - 1]
        if not s.strip() or not RE_BULLET.match(s):
            continue
        nb += 1
        key = norm(s)
        if not key:
            fail('line %d' % i, 'empty bullet')
            continue
        if key not in bullet_paras and key not in bullet_blob:
            fail('line %d' % i, 'bullet not represented by an example/measure node: %s' % s.strip()[:50])
    print('(b) chapter 3 bullet lines checked: %d' % nb)

    # (d) completeness of the prose: every other non-blank line of the preface and chapters 1-3
    # and 5 (headings, prose, notes) occurs in some node's title or text.  Lines the extractor
    # corrected are accepted when a node that carries a `note` has a paragraph that is at least
    # 80% similar (difflib ratio) to the line.
    all_blob = '\u0001'.join(norm(n['title']['ja']) + '\u0001' + '\u0001'.join(
        norm(p) for p in n['text']['ja'].split('\n')) for n in nodes)
    noted_paras = [norm(p) for n in nodes if n.get('note')
                   for p in n['text']['ja'].split('\n') + [n['title']['ja']] if p.strip()]
    pre = [i for i, s in enumerate(lines, 1) if s.strip() == 'はじめに'][-1:]
    rev = [i for i, s in enumerate(lines, 1) if s.strip() == '【改訂履歴】']
    ch5 = [i for i, s in enumerate(lines, 1) if s.strip() == '5. 専門用語集']
    ranges = [(pre[0] if pre else 1, c3_last), (ch5[0] if ch5 else len(lines), len(lines))]
    nd = nfixed = 0
    for lo, hi in ranges:
        for i in range(lo, hi + 1):
            t = lines[i - 1].strip()
            if not t or RE_MARK.match(t) or RE_LABEL.match(t):
                continue
            key = norm(re.sub(r'^(?:\d(?:\.\d+)+|\d\.|\(\d+\)|\([a-z]\)|[①-⑳])\s*', '', t))
            if not key:
                continue
            nd += 1
            if found(key, all_blob):
                continue
            if any(difflib.SequenceMatcher(None, key, q).ratio() >= 0.8 for q in noted_paras
                   if abs(len(q) - len(key)) <= max(8, len(key) // 5)):
                nfixed += 1
                continue
            fail('line %d' % i, 'text not found in any node: %s' % t[:50])
    print('(d) prose lines checked: %d (%d corrected and noted)' % (nd, nfixed))

    # (c) structure --------------------------------------------------------------------------
    seen = {}
    prev_order = 0
    roles = {r['id'] for r in doc['catalog']['roles']}
    persp = {p['id'] for p in doc['catalog']['perspectives']}
    for k, n in enumerate(nodes):
        nid = n.get('id', '?')
        if not re.match(r'^[0-9a-z][0-9a-z.\-]*$', nid):
            fail(nid, 'malformed id')
        if nid in seen:
            fail(nid, 'duplicate id')
        if n['kind'] not in KINDS:
            fail(nid, 'unknown kind %s' % n['kind'])
        if not isinstance(n['order'], int) or n['order'] <= prev_order:
            fail(nid, 'order %r not strictly increasing (previous %r)' % (n['order'], prev_order))
        prev_order = n['order'] if isinstance(n['order'], int) else prev_order
        p = n['parent']
        if p is None:
            if n['kind'] not in ROOT_KINDS:
                fail(nid, 'parent is null but kind is %s' % n['kind'])
        elif p not in seen:
            fail(nid, 'parent %s missing or does not precede the node' % p)
        seen[nid] = n
        if n['kind'] == 'measure':
            if n['phase'] not in PHASES:
                fail(nid, 'measure without phase')
            if not n['roles']:
                fail(nid, 'measure without role')
            if not n['assessable']:
                fail(nid, 'measure not assessable')
        for r in n['roles']:
            if r not in roles:
                fail(nid, 'unknown role %s' % r)
        if n['phase'] is not None and n['phase'] not in PHASES:
            fail(nid, 'bad phase %s' % n['phase'])
        if n['perspective'] is not None and n['perspective'] not in persp:
            fail(nid, 'bad perspective %s' % n['perspective'])
        if ('targets' in n) != (n['kind'] == 'reference'):
            fail(nid, 'targets present/absent on wrong kind')
    ids = set(seen)
    for n in nodes:
        for fld in ('references', 'glossary', 'see_also', 'targets'):
            for x in n.get(fld, []):
                if x not in ids:
                    fail(n['id'], '%s -> %s does not exist' % (fld, x))
                elif fld == 'references' and seen[x]['kind'] != 'reference':
                    fail(n['id'], 'references -> %s is not a reference node' % x)
                elif fld == 'glossary' and seen[x]['kind'] not in ('term', 'definition', 'role'):
                    fail(n['id'], 'glossary -> %s is a %s' % (x, seen[x]['kind']))
        # no cycles
        cur, hops = n, 0
        while cur['parent'] is not None and hops <= len(nodes):
            cur = seen.get(cur['parent'])
            hops += 1
            if cur is None:
                break
        if hops > len(nodes):
            fail(n['id'], 'parent cycle')
    counts = {}
    for n in nodes:
        counts[n['kind']] = counts.get(n['kind'], 0) + 1
    print('(c) %d nodes: %s' % (len(nodes), ', '.join('%s %d' % kv for kv in sorted(counts.items()))))

    if fails:
        print('\nFAILURES (%d):' % len(fails))
        for x in fails:
            print('  ' + x)
        print('\n0 passed, %d failed' % len(fails))
        return 1
    print('\nall checks passed')
    print('%d passed, 0 failed' % (checked + nb + nd + len(nodes)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
