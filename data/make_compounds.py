#!/usr/bin/env python3
"""make_compounds.py: write data/compounds.tsv, the pairs of syllables that
make Vietnamese words ("kinh phí"; "bình đẳng giới" as "bình đẳng" and
"đẳng giới") that paragraph search keeps together.

  make_compounds.py SHARED > data/compounds.tsv

Vietnamese writes a word of several syllables as several tokens.  The
syllables of a word stand together far more often than chance would have
them, so they are found by counting: over the real texts of the shared
material (SHARED/seeds/*.txt, SHARED/realdocs/*.txt and the reference texts
of the precedent collection, tests/precedent/collection.tsv; documents, never
queries), every pair of neighbouring syllables inside one clause
(no punctuation between them) is counted, folded as vanban folds a token
(lower case, tone marks and đ folded).  A pair is kept when it occurs at
least MIN_COUNT times, its pointwise mutual information log2(P(a b) /
(P(a) P(b))) is at least MIN_PMI and its Dice coefficient 2 c(a b) /
(c(a) + c(b)) at least MIN_DICE (PMI alone favours rare pairs, Dice alone
frequent ones: "được xác" has a PMI of 3.8 but a Dice of 0.02).  A text that
comes twice (the same file under two names) is counted once.

Output columns: the pair folded, the pair as most often written (lower
case, with its marks), its count, its documents, its PMI.  Rows are sorted
by their folded form in byte order: the search looks them up by binary
search.
"""
import collections
import math
import os
import re
import sys
import unicodedata

MIN_COUNT = 4
MIN_PMI = 3.0
MIN_DICE = 0.08

TOKEN = re.compile(r"[^\W_]+|[\W_]+", re.UNICODE)


def fold(tok):
    """The token lower-cased, its marks removed and đ read as d."""
    t = unicodedata.normalize("NFD", tok.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(c for c in t if not unicodedata.combining(c))


def clauses(text):
    """The runs of words of text between punctuation, as lists of tokens
    (lower case, NFC)."""
    text = unicodedata.normalize("NFC", text)
    for line in text.split("\n"):
        run = []
        for m in TOKEN.finditer(line):
            piece = m.group(0)
            if piece[0].isalnum():
                run.append(piece.lower())
            elif piece.strip():  # punctuation ends the clause
                if run:
                    yield run
                run = []
        if run:
            yield run


def texts(shared, root):
    """The documents' texts, each once."""
    paths = []
    for sub in ("seeds", "realdocs"):
        d = os.path.join(shared, sub)
        paths += sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".txt"))
    with open(os.path.join(root, "tests", "precedent", "collection.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            paths.append(os.path.join(shared, line.rstrip("\n").split("\t")[1]))
    seen = set()
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            t = f.read()
        if t in seen:
            continue
        seen.add(t)
        yield t


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_compounds.py SHARED")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    uni, grams, docs, written = (collections.Counter(), collections.Counter(),
                                 collections.Counter(), collections.defaultdict(collections.Counter))
    total = 0
    for text in texts(sys.argv[1], root):
        indoc = set()
        for run in clauses(text):
            f = [fold(t) for t in run]
            uni.update(f)
            total += len(f)
            for i in range(len(f) - 1):
                if any(not re.fullmatch(r"[a-z]+", w) for w in f[i:i + 2]):
                    continue  # digits and letters of other scripts
                key = f[i] + " " + f[i + 1]
                grams[key] += 1
                written[key][run[i] + " " + run[i + 1]] += 1
                indoc.add(key)
        docs.update(indoc)
    npairs = total  # close enough for either order
    def pmi(parts, c):
        p = c / npairs
        q = 1.0
        for part in parts:
            q *= (grams[part] if " " in part else uni[part]) / npairs
        return math.log2(p / q) if q > 0 else 0
    rows = []
    for key, c in grams.items():
        if c < MIN_COUNT:
            continue
        w = key.split(" ")
        score = pmi(w, c)
        dice = 2 * c / (uni[w[0]] + uni[w[1]])
        if score < MIN_PMI or dice < MIN_DICE:
            continue
        rows.append((key.encode("utf-8"), key, written[key].most_common(1)[0][0], c, docs[key], score))
    rows.sort()
    print("# compounds.tsv: pairs of syllables making Vietnamese words, counted by")
    print("# data/make_compounds.py over the real documents (see that script).")
    print("# folded\twritten\tcount\tdocuments\tpmi")
    for _, key, wr, c, d, s in rows:
        print("%s\t%s\t%d\t%d\t%.2f" % (key, wr, c, d, s))


if __name__ == "__main__":
    main()
