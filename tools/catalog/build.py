#!/usr/bin/env python3
"""Build catalog/mlit-airport-2.json: the Japanese catalog plus English from the translation memory.

Inputs
  tools/catalog/out/nodes-ja.json   written by extract.py (every `en` is "")
  tools/catalog/out/lines.json      written by extract.py: source line numbers of every title and
                                    text paragraph (optional; used as a fallback key)
  tools/catalog/tm/*.jsonl          translation memory (format in TRANSLATION.md); files may be
                                    missing, incomplete or still being written: unreadable lines
                                    are skipped and counted
Outputs
  catalog/mlit-airport-2.json       UTF-8, ensure_ascii=False, indent=1, fixed key order,
                                    written to a temporary file and renamed
  tools/catalog/out/missing-en.txt  one line per node still lacking English: id, tab, first 40
                                    characters of its Japanese

Matching, for each "\\n"-separated paragraph of text.ja (and for title.ja):
  1. the paragraph with all white space removed == a TM entry's `ja` with all white space removed;
  2. the same after stripping leading bullet markers and numbering on both sides;
  3. the same after also dropping every 「・」 and unifying （）/() on both sides;
     then the same with notation unified (、/, ～/~ Ⅱ/II, <URL>) on both sides;
  4. the paragraph's source line numbers (lines.json) == a TM entry's `lines` (catches
     paragraphs the extractor corrected); when several TM entries share those lines (chapter 4
     rows split by cell), the one whose Japanese is at least 80% similar (difflib) to it;
  5. every one of those source lines has a single-line TM entry (fragments the translator did
     not join): their English joined with a space.
A node's `en` is filled only when every paragraph was found; a TM entry matched by line numbers
for several consecutive paragraphs (a table row split into lines) is used once.
Standard library only; deterministic.
"""
import difflib
import glob
import json
import os
import re
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
NODES = os.path.join(HERE, 'out', 'nodes-ja.json')
LINES = os.path.join(HERE, 'out', 'lines.json')
TM_GLOB = os.path.join(HERE, 'tm', '*.jsonl')
OUT = os.path.join(REPO, 'catalog', 'mlit-airport-2.json')
MISSING = os.path.join(HERE, 'out', 'missing-en.txt')

KEY_ORDER = ['id', 'ref', 'kind', 'parent', 'order', 'title', 'text', 'phase', 'perspective',
             'roles', 'assessable', 'control_system', 'references', 'glossary', 'see_also',
             'targets', 'checks', 'note']
CATALOG_ORDER = ['id', 'version', 'title', 'publisher', 'published', 'source', 'roles', 'perspectives']

RE_MARKERS = re.compile(r'^(?:-・|-|・|－|—)+')
RE_NUMBERING = re.compile(r'^(?:\d+(?:\.\d+)+\.?|\(\d+\)|（\d+）|\([a-z]\)|[a-z]\)|[①-⑳]|\([ア-ン]\)|（[ア-ン]）)')


def k1(s):
    return re.sub(r'\s+', '', s or '')


def k2(s):
    s = k1(s)
    for _ in range(3):
        s2 = RE_NUMBERING.sub('', RE_MARKERS.sub('', s))
        if s2 == s:
            break
        s = s2
    return s


def k3(s):
    return k2(s).replace('・', '').replace('（', '(').replace('）', ')')


def k4(s):
    """Notation-insensitive key: the extractor normalises some notation of chapter 4 and the
    glossary sources (、/, ～/~, Ⅱ/II, "II 4.1" / "II.4.1", <URL>); the TM keeps the source's."""
    s = k3(s).replace(',', '、').replace('，', '、').replace('～', '~').replace('Ⅱ', 'II')
    s = re.sub(r'II\.?(?=\d)', 'II.', s)
    return s.replace('<', '').replace('>', '')


KEYS = (k1, k2, k3, k4)


def load_tm():
    by = [{} for _ in KEYS]
    by_lines = {}          # exact `lines` tuple -> [(k4 key, en), ...]
    files = sorted(glob.glob(TM_GLOB))
    n_ok = n_bad = 0
    for path in files:
        try:
            with open(path, encoding='utf-8') as f:
                raw = f.read()
        except OSError:
            continue
        for line in raw.split('\n'):
            if not line.strip():
                continue
            try:
                e = json.loads(line)
                ja, en = e['ja'], e['en']
                lines = tuple(int(x) for x in e.get('lines') or [])
                if not isinstance(ja, str) or not isinstance(en, str) or not en.strip():
                    raise ValueError
            except (ValueError, KeyError, TypeError):
                n_bad += 1            # partial line of a file still being written, or malformed
                continue
            n_ok += 1
            en = en.strip()
            for d, f in zip(by, KEYS):
                k = f(ja)
                if k and k not in d:
                    d[k] = en
            if lines:
                by_lines.setdefault(lines, []).append((k4(ja), en))
                for x in lines:
                    if len(lines) > 1:
                        by_lines.setdefault(('any', x), []).append((k4(ja), en))
    return by, by_lines, files, n_ok, n_bad


def lookup(text, lines, by, by_lines):
    """English for one paragraph, and the TM line key used (None when matched by text)."""
    for d, f in zip(by, KEYS):
        k = f(text)
        if k and k in d:
            return d[k], None
    if lines:
        t = tuple(lines)
        key = k4(text)
        cands = by_lines.get(t, [])
        if len(cands) == 1:
            return cands[0][1], t
        # several TM entries on the same source line (chapter 4 rows split by cell): the one
        # whose Japanese is most similar, if it is similar enough
        best = max(cands, key=lambda c: difflib.SequenceMatcher(None, key, c[0]).ratio(), default=None)
        if best is not None and difflib.SequenceMatcher(None, key, best[0]).ratio() >= 0.8:
            return best[1], (t, best[0])
        parts = [by_lines.get((x,), []) for x in lines]
        if len(lines) > 1 and all(len(p) == 1 for p in parts):
            return ' '.join(p[0][1] for p in parts), t
    return None, None


def translate(ja, plines, by, by_lines):
    """English for a "\\n"-separated text, or "" when a paragraph is missing."""
    if not ja:
        return ''
    paras = ja.split('\n')
    out, last_key = [], None
    for i, p in enumerate(paras):
        if not p.strip():
            continue
        ln = plines[i] if i < len(plines) else []
        en, key = lookup(p, ln, by, by_lines)
        if en is None:
            return ''
        if key is not None and key == last_key:
            continue              # one TM entry (e.g. a table row) covering several paragraphs
        last_key = key
        if '<http' not in p:
            en = re.sub(r'<(https?://[^>\s]+)>', r'\1', en)   # extractor removed <> around URLs
        out.append(en)
    return '\n'.join(out)


def write_atomic(path, data):
    d = os.path.dirname(path)
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=d, prefix='.tmp-', suffix=os.path.splitext(path)[1])
    with os.fdopen(fd, 'w', encoding='utf-8') as f:
        f.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def main():
    with open(NODES, encoding='utf-8') as f:
        doc = json.load(f)
    lines_map = {}
    if os.path.exists(LINES):
        with open(LINES, encoding='utf-8') as f:
            lines_map = json.load(f).get('nodes', {})
    by, by_lines, files, n_ok, n_bad = load_tm()
    # the automated checks are written into the catalog by hand (docs/catalog.md, "checks"):
    # a rebuild keeps them
    kept_checks = {}
    if os.path.exists(OUT):
        with open(OUT, encoding='utf-8') as f:
            kept_checks = {n['id']: n['checks'] for n in json.load(f)['nodes'] if n.get('checks')}

    nodes_out, missing = [], []
    for n in doc['nodes']:
        lm = lines_map.get(n['id'], {})
        m = dict(n)
        if n['id'] in kept_checks:
            m['checks'] = kept_checks[n['id']]
        m['title'] = {'ja': n['title']['ja'],
                      'en': translate(n['title']['ja'], [lm.get('title', [])], by, by_lines)}
        m['text'] = {'ja': n['text']['ja'],
                     'en': translate(n['text']['ja'], lm.get('text', []), by, by_lines)}
        lacking = (m['title']['ja'] and not m['title']['en']) or (m['text']['ja'] and not m['text']['en'])
        if lacking:
            first = (m['text']['ja'] or m['title']['ja']).replace('\n', ' ')[:40]
            missing.append('%s\t%s' % (n['id'], first))
        nodes_out.append({k: m[k] for k in KEY_ORDER if k in m})

    cat = doc['catalog']
    out = {'format': doc['format'],
           'catalog': {k: cat[k] for k in CATALOG_ORDER if k in cat},
           'nodes': nodes_out}
    write_atomic(OUT, json.dumps(out, ensure_ascii=False, indent=1) + '\n')
    write_atomic(MISSING, ''.join(x + '\n' for x in missing))
    print('translation memory: %d file(s), %d entries%s' % (
        len(files), n_ok, (', %d unreadable line(s) skipped' % n_bad) if n_bad else ''))
    print('wrote %s: %d nodes, %d with English, %d still lacking English (listed in %s)' % (
        os.path.relpath(OUT, REPO), len(nodes_out), len(nodes_out) - len(missing), len(missing),
        os.path.relpath(MISSING, REPO)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
