#!/usr/bin/env python3
"""gendata.py: turn the data files under data/ into C at build time.

  gendata.py rules SRC_ROOT data/rules.txt OUT_DIR
      writes OUT_DIR/rules_gen.h (the field enum) and OUT_DIR/rules_gen.c
      (the rule table vb_rules[] and, per field, the list of its rows)
  gendata.py names SRC_ROOT DATA_DIR OUT_DIR
      writes one OUT_DIR/<table>.inc per gazetteer (the rows of a C
      initialiser, included by extract/names.c)
  gendata.py questions SRC_ROOT data/questions.txt OUT_DIR
      writes OUT_DIR/questions.inc, the question forms of query/ask.c as
      rows of vb_rule (rules.h): the rule format of rules.txt, a field is
      an intent (VB_ASK_<FIELD>), every pattern caseless

The formats are described in data/README.md.  Every error names the file
and line ("data/rules.txt:12: unknown key 'patern'") and fails the build
with status 1, before any output is written.  Outputs are rewritten on
every run (so that make sees them newer than their sources).
"""
import os
import re
import sys


class DataError(Exception):
    pass


def fail(where, line, msg):
    raise DataError('%s:%d: %s' % (where, line, msg))


def c_string(s):
    """s as one or more adjacent C string literals (UTF-8 kept as is)."""
    if s is None:
        return 'NULL'
    pieces = []
    chunk = []
    width = 0
    prev = ''
    for ch in s:
        if ch == '\\':
            e = '\\\\'
        elif ch == '"':
            e = '\\"'
        elif ch == '?' and prev == '?':
            e = '\\?'  # no trigraph
        elif ch == '\n':
            e = '\\n'
        elif ch == '\t':
            e = '\\t'
        elif ord(ch) < 0x20 or ord(ch) == 0x7f:
            raise ValueError('control character in a value')
        else:
            e = ch
        prev = ch
        chunk.append(e)
        width += 1
        if width >= 1000:  # below C's limit on one literal (4095)
            pieces.append('"' + ''.join(chunk) + '"')
            chunk, width, prev = [], 0, ''
    if chunk or not pieces:
        pieces.append('"' + ''.join(chunk) + '"')
    return '\n     '.join(pieces)


def write_out(path, text):
    tmp = path + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(text)
    os.replace(tmp, path)


def read_lines(path, where):
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except UnicodeDecodeError as e:
        fail(where, 1, 'not UTF-8 (%s)' % e.reason)
    if text and not text.endswith('\n'):
        text += '\n'
    lines = text.split('\n')[:-1]
    for no, line in enumerate(lines, 1):
        if re.search(r'[\x00-\x08\x0a-\x1f\x7f]', line):
            fail(where, no, 'a control character')
    return lines


# ---------------------------------------------------------------------------
# Rules

RULE_KEYS = ('field', 'pattern', 'need', 'flags', 'comment', 'example')
QUESTION_KEYS = ('field', 'pattern', 'comment', 'example')
DEFINE_KEYS = ('define', 'pattern', 'comment')
JOIN_TIGHT = ('pattern', 'need')  # continuation lines join with nothing
FLAGS = {'caseless': 'VB_RULE_CASELESS'}
REF = re.compile(r'\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}')


def parse_blocks(lines, where):
    """Blocks of "key: value" lines, as lists of (key, value, line)."""
    blocks = []
    cur = None  # list of [key, [pieces], line]
    for no, raw in enumerate(lines, 1):
        if raw.startswith('#'):
            continue
        if not raw.strip():
            if raw:
                fail(where, no, 'white space on an empty line')
            if cur:
                blocks.append(cur)
            cur = None
            continue
        if raw != raw.rstrip():
            fail(where, no, 'trailing white space (quote a value that ends '
                 'with a space: "value ")')
        if raw[0] in ' \t':
            if not cur:
                fail(where, no, 'continuation line without a key before it')
            cur[-1][1].append(raw.strip())
            continue
        m = re.match(r'([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$', raw)
        if not m:
            fail(where, no, 'expected "key: value"')
        if m.group(2) is None or not m.group(2).strip():
            fail(where, no, "empty value for '%s'" % m.group(1))
        if cur is None:
            cur = []
        cur.append([m.group(1), [m.group(2)], no])
    if cur:
        blocks.append(cur)
    out = []
    for b in blocks:
        items = []
        for key, pieces, no in b:
            value = ''.join(pieces) if key in JOIN_TIGHT else ' '.join(pieces)
            if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
                value = value[1:-1]
            items.append((key, value, no))
        out.append(items)
    return out


def expand(value, defines, used, where, no):
    def sub(m):
        name = m.group(1)
        if name not in defines:
            fail(where, no, "'{{%s}}' is not defined above" % name)
        used.add(name)
        return defines[name]
    return REF.sub(sub, value)


def parse_rules(path, where, rule_keys=RULE_KEYS):
    defines = {}
    define_line = {}
    used = set()
    rules = []
    seen = {}
    for block in parse_blocks(read_lines(path, where), where):
        first = block[0][2]
        keys = {}
        for key, value, no in block:
            if key in keys:
                fail(where, no, "'%s' given twice in one rule" % key)
            keys[key] = (value, no)
        if 'define' in keys:
            allowed = DEFINE_KEYS
        elif 'field' in keys:
            allowed = rule_keys
        else:
            fail(where, first, "a rule needs 'field' (or 'define' for a "
                 "building block)")
        for key, value, no in block:
            if key not in allowed:
                fail(where, no, "unknown key '%s' (known: %s)"
                     % (key, ', '.join(allowed)))
        if 'pattern' not in keys:
            fail(where, first, "missing 'pattern'")
        pat, pno = keys['pattern']
        if 'define' in keys:
            name, no = keys['define']
            if not re.match(r'[A-Z][A-Z0-9_]*$', name):
                fail(where, no, "a define's name is in capitals: '%s'" % name)
            if name in defines:
                fail(where, no, "'%s' already defined at line %d"
                     % (name, define_line[name]))
            defines[name] = expand(pat, defines, used, where, pno)
            define_line[name] = no
            continue
        field, fno = keys['field']
        if not re.match(r'[a-z][a-z0-9_]*$', field):
            fail(where, fno, "a field's name is lower case letters, digits "
                 "and '_': '%s'" % field)
        for key in ('comment', 'example'):
            if key not in keys:
                fail(where, first, "missing '%s'" % key)
        pattern = expand(pat, defines, used, where, pno)
        need = None
        if 'need' in keys:
            need, nno = keys['need']
            need = expand(need, defines, used, where, nno)
            if '' in need.split('|'):
                fail(where, nno, "an empty alternative in 'need' would let "
                     "every text through")
        flags = []
        if 'flags' in keys:
            fv, fno2 = keys['flags']
            for fl in re.split(r'[\s,]+', fv.strip()):
                if fl not in FLAGS:
                    fail(where, fno2, "unknown flag '%s' (known: %s)"
                         % (fl, ', '.join(FLAGS)))
                if FLAGS[fl] not in flags:
                    flags.append(FLAGS[fl])
        ident = (field, pattern, tuple(flags))
        if ident in seen:
            fail(where, first, 'the same rule as line %d' % seen[ident])
        seen[ident] = first
        rules.append(dict(field=field, pattern=pattern, need=need,
                          flags=flags, comment=keys['comment'][0],
                          example=keys['example'][0], line=first))
    for name in defines:
        if name not in used:
            fail(where, define_line[name], "'%s' is never used" % name)
    if not rules:
        fail(where, 1, 'no rules')
    return rules


def gen_rules(root, path, out_dir):
    where = os.path.relpath(path, root)
    rules = parse_rules(path, where)
    fields = []
    rows = {}
    for i, r in enumerate(rules):
        if r['field'] not in rows:
            fields.append(r['field'])
            rows[r['field']] = []
        rows[r['field']].append(i)
    stamp = '/* Generated from %s by cmake/gendata.py; do not edit. */\n' % where
    h = [stamp,
         '#ifndef VB_RULES_GEN_H\n#define VB_RULES_GEN_H\n\n',
         '/* The fields of %s, in order of first appearance: a field is an\n'
         '** index into vb_fields[]. */\n' % where,
         'typedef enum vb_field {\n']
    for f in fields:
        h.append('  VB_F_%s, /* %s:%d */\n'
                 % (f.upper(), where, rules[rows[f][0]]['line']))
    h.append('  VB_F_COUNT\n} vb_field;\n\n#endif /* VB_RULES_GEN_H */\n')
    c = [stamp, '#include "extract_int.h"\n\n',
         'const vb_rule vb_rules[] = {\n']
    for r in rules:
        c.append('    /* %s:%d */\n' % (where, r['line']))
        c.append('    {VB_F_%s,\n     %s,\n     %s,\n     %s,\n     %s,\n'
                 '     %s,\n     %d},\n'
                 % (r['field'].upper(), c_string(r['pattern']),
                    c_string(r['need']),
                    '|'.join(r['flags']) if r['flags'] else '0',
                    c_string(r['comment']), c_string(r['example']),
                    r['line']))
    c.append('};\n\nconst size_t vb_rule_count = %d;\n\n' % len(rules))
    for k, f in enumerate(fields):
        c.append('static const size_t rows_%s[] = {%s};\n'
                 % (f, ', '.join(str(i) for i in rows[f])))
    c.append('\nconst vb_field_rules vb_fields[VB_F_COUNT] = {\n')
    for f in fields:
        c.append('    [VB_F_%s] = {"%s", rows_%s, %d},\n'
                 % (f.upper(), f, f, len(rows[f])))
    c.append('};\n')
    write_out(os.path.join(out_dir, 'rules_gen.h'), ''.join(h))
    write_out(os.path.join(out_dir, 'rules_gen.c'), ''.join(c))


def gen_questions(root, path, out_dir):
    where = os.path.relpath(path, root)
    rules = parse_rules(path, where, QUESTION_KEYS)
    text = ['/* Generated from %s by cmake/gendata.py; do not edit. */\n'
            % where]
    for r in rules:
        text.append('    /* %s:%d */\n' % (where, r['line']))
        text.append('    {VB_ASK_%s,\n     %s,\n     NULL,\n'
                    '     VB_RULE_CASELESS,\n     %s,\n     %s,\n     %d},\n'
                    % (r['field'].upper(), c_string(r['pattern']),
                       c_string(r['comment']), c_string(r['example']),
                       r['line']))
    write_out(os.path.join(out_dir, 'questions.inc'), ''.join(text))


# ---------------------------------------------------------------------------
# Gazetteers: tab-separated tables

PROVINCE_KINDS = ('tỉnh', 'thành phố')
DISTRICT_KINDS = ('huyện', 'quận', 'thị xã', 'thành phố')
PLACE_KINDS = ('tỉnh', 'thành phố', 'huyện', 'quận', 'thị xã')
SCOPES = {'national': 'SCOPE_NATIONAL', 'level': 'SCOPE_LEVEL',
          'province': 'SCOPE_PROVINCE', 'none': 'SCOPE_NONE',
          'party': 'SCOPE_PARTY'}

# table: (columns, required columns, key columns for duplicates)
TABLES = {
    'provinces': (('name', 'kind', 'since_2025', 'kind_since', 'aliases'),
                  ('name', 'kind', 'since_2025', 'kind_since'), ('name',)),
    'districts': (('name', 'kind', 'province'),
                  ('name', 'kind', 'province'), ('name', 'kind', 'province')),
    'departments': (('name', 'aliases', 'english', 'so_acronyms',
                     'bo_acronyms', 'codes'), ('name',), ('name',)),
    'bodies': (('name', 'aliases', 'codes', 'scope'), ('name', 'scope'),
               ('name',)),
    'doctypes': (('name', 'aliases', 'codes'), ('name',), ('name',)),
    'offices': (('name',), ('name',), ('name',)),
    'place_words': (('form', 'kind'), ('form', 'kind'), ('form',)),
}


def read_tsv(data_dir, root, table):
    path = os.path.join(data_dir, table + '.tsv')
    where = os.path.relpath(path, root)
    cols, required, key = TABLES[table]
    lines = read_lines(path, where)
    rows = []
    header = None
    seen = {}
    for no, raw in enumerate(lines, 1):
        if not raw.strip() or raw.startswith('#'):
            if raw.strip() == '' and raw:
                fail(where, no, 'white space on an empty line')
            continue
        cells = raw.split('\t')
        if header is None:
            header = cells
            if tuple(cells) != cols:
                fail(where, no, 'the header must be "%s" (tab-separated)'
                     % '\t'.join(cols))
            continue
        if len(cells) != len(cols):
            fail(where, no, '%d cells, the header has %d (cells are '
                 'separated by one tab; an empty cell is nothing between '
                 'two tabs)' % (len(cells), len(cols)))
        row = {}
        for c, v in zip(cols, cells):
            if v != v.strip():
                fail(where, no, "white space around the value of '%s'" % c)
            if c in required and not v:
                fail(where, no, "'%s' is empty" % c)
            if v and ('||' in v or v.startswith('|') or v.endswith('|')):
                fail(where, no, "an empty form in '%s'" % c)
            row[c] = v or None
        k = tuple(row[c] for c in key)
        if k in seen:
            fail(where, no, 'the same %s as line %d'
                 % ('/'.join(key), seen[k]))
        seen[k] = no
        row['_line'] = no
        rows.append(row)
    if header is None or not rows:
        fail(where, 1, 'no rows')
    return where, rows


def check_in(where, row, col, allowed):
    if row[col] not in allowed:
        fail(where, row['_line'], "'%s' is '%s', not one of: %s"
             % (col, row[col], ', '.join(allowed)))


def gen_names(root, data_dir, out_dir):
    s = c_string
    t = {name: read_tsv(data_dir, root, name) for name in TABLES}
    pending = {}  # written once every table is valid

    def emit(out_dir, table, where, rows, fmt):
        text = ['/* Generated from %s by cmake/gendata.py; do not edit. */\n'
                % where]
        for r in rows:
            text.append(fmt(r))
        pending[os.path.join(out_dir, table + '.inc')] = ''.join(text)

    where, prov = t['provinces']
    names = set()
    for r in prov:
        check_in(where, r, 'kind', PROVINCE_KINDS)
        check_in(where, r, 'kind_since', PROVINCE_KINDS)
        names.add(r['name'])
    emit(out_dir, 'provinces', where, prov, lambda r: '    {%s, %s, %s, %s},\n'
         % (s(r['name']), s(r['kind']), s(r['since_2025']),
            s(r['kind_since'])))
    emit(out_dir, 'province_aliases', where, prov,
         lambda r: '    %s,\n' % s(r['aliases']))

    where, dist = t['districts']
    for r in dist:
        check_in(where, r, 'kind', DISTRICT_KINDS)
        if r['province'] not in names:
            fail(where, r['_line'], "'%s' is not a name of "
                 "data/provinces.tsv" % r['province'])
    emit(out_dir, 'districts', where, dist, lambda r: '    {%s, %s, %s},\n'
         % (s(r['name']), s(r['kind']), s(r['province'])))

    where, rows = t['departments']
    emit(out_dir, 'departments', where, rows,
         lambda r: '    {%s, %s, %s, %s, %s, %s},\n'
         % (s(r['name']), s(r['aliases']), s(r['english']),
            s(r['so_acronyms']), s(r['bo_acronyms']), s(r['codes'])))

    where, rows = t['bodies']
    for r in rows:
        check_in(where, r, 'scope', tuple(SCOPES))
    emit(out_dir, 'bodies', where, rows, lambda r: '    {%s, %s, %s, %s},\n'
         % (s(r['name']), s(r['aliases']), s(r['codes']),
            SCOPES[r['scope']]))

    where, rows = t['doctypes']
    emit(out_dir, 'doctypes', where, rows, lambda r: '    {%s, %s, %s},\n'
         % (s(r['name']), s(r['aliases']), s(r['codes'])))

    where, rows = t['offices']
    emit(out_dir, 'offices', where, rows,
         lambda r: '    %s,\n' % s(r['name']))

    where, rows = t['place_words']
    for r in rows:
        check_in(where, r, 'kind', PLACE_KINDS)
    emit(out_dir, 'place_words', where, rows, lambda r: '    {%s, %s},\n'
         % (s(r['form']), s(r['kind'])))
    for path, text in pending.items():
        write_out(path, text)


def main(argv):
    if len(argv) != 5 or argv[1] not in ('rules', 'names', 'questions'):
        sys.stderr.write('usage: gendata.py rules SRC_ROOT FILE OUT_DIR\n'
                         '       gendata.py names SRC_ROOT DATA_DIR OUT_DIR\n'
                         '       gendata.py questions SRC_ROOT FILE OUT_DIR\n')
        return 2
    root, src, out_dir = argv[2], argv[3], argv[4]
    os.makedirs(out_dir, exist_ok=True)
    try:
        if argv[1] == 'rules':
            gen_rules(root, src, out_dir)
        elif argv[1] == 'questions':
            gen_questions(root, src, out_dir)
        else:
            gen_names(root, src, out_dir)
    except DataError as e:
        sys.stderr.write('%s\n' % e)
        return 1
    except (OSError, ValueError) as e:
        sys.stderr.write('gendata.py: %s\n' % e)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
