#!/usr/bin/env python3
"""gen_corpus.py: writes a synthetic corpus of Vietnamese plans for the benchmark.

Documents are built from the paragraphs of the sample plans in corpus/seeds/
(split into pools by the section they come from: purpose, content, funding,
organisation, reporting), turned into templates whose provinces, districts,
years, dates, document numbers and theme phrases are slots, and whose common
wordings have interchangeable variants.  Each document draws an issuer (the
provincial People's Committee, a department, a district, a mass
organisation), a province, a theme and a year, then assembles a plan: header
block, title, the documents it implements, numbered sections with shuffled,
reworded paragraphs, an organising section giving units tasks and report
deadlines, "Nơi nhận" and a signature.

Output (deterministic for a given --seed; document i depends only on the seed
and i, so a smaller corpus is a prefix of a larger one):
    OUT/txt/000/000000.txt ...    plain text (UTF-8; a few with BOM, CRLF or NFD)
    OUT/docx/000/000007.docx ...  Word files written directly as ZIP + XML
    OUT/manifest.json             counts and bytes; written last, so its
                                  presence means the corpus is complete

    python3 bench/gen_corpus.py --docs 2000 --seed 1 --out bench/corpus/2000-1
    python3 bench/gen_corpus.py --queries > bench/queries.txt

Standard library only.
"""

import argparse
import json
import math
import multiprocessing
import os
import random
import re
import sys
import time
import unicodedata
import zipfile
from xml.sax.saxutils import escape as xml_escape

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEED_DIR = os.path.join(ROOT, "corpus", "seeds")

GEN_VERSION = 1              # bump when the output changes: bench/run regenerates
DOCS_PER_DIR = 1000          # files per sub-directory of txt/ and docx/
DEFAULT_DOCX_SHARE = 0.15    # share of documents written as .docx
SIZE_MEDIAN = 11500          # bytes of text; with SIZE_SIGMA the mean is ~16 KB
SIZE_SIGMA = 0.62
SIZE_MIN, SIZE_MAX = 3000, 90000

# ---------------------------------------------------------------------------
# Vocabulary and provinces: bench/corpus_vocab.py

from corpus_vocab import *  # noqa: E402,F401,F403  (THEMES, DEPARTMENTS, PROVINCES, ...)


# ---------------------------------------------------------------------------
# Templates from the seed plans
#
# A template is a list of parts: a str is literal text, a tuple is a slot
# ("P",) province, ("DI",) district, ("Y", offset) year, ("D",) date
# d/m/yyyy, ("DL",) long date, ("N", suffix) document number, ("T",) theme
# phrase, ("K",) key phrase, ("S", group) synonym group.

SEED_PROVINCES = ["Điện Biên", "Bắc Kạn", "Sơn La", "Bắc Giang"]
SEED_DISTRICTS = ["Yên Thế"]
GENDER_PHRASES = [
    "bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
    "bình đẳng giới và phòng ngừa, ứng phó bạo lực trên cơ sở giới",
    "bình đẳng giới và phòng, chống bạo lực trên cơ sở giới",
    "bình đẳng giới và phòng chống bạo lực trên cơ sở giới",
    "bình đẳng giới và phòng, chống bạo lực cơ sở giới",
    "bình đẳng giới và vì sự tiến bộ của phụ nữ",
    "bình đẳng giới",
]
KEY_PHRASES = ["bạo lực trên cơ sở giới", "bạo lực, xâm hại phụ nữ và trẻ em"]


def _alt(words):
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


SLOT_RE = re.compile(
    r"(?P<D>\b\d{1,2}/\d{1,2}/20\d\d\b)"
    r"|(?P<DL>\bngày \d{1,2} tháng \d{1,2} năm 20\d\d\b)"
    r"|(?P<N>\b\d{1,4}(?:/20\d\d)?/(?P<suf>[A-ZĐ][\wĐđ&\-]*))"
    r"|(?P<Y>\b20[0-3]\d\b)"
    r"|(?P<T>(?i:" + _alt(GENDER_PHRASES) + r"))"
    r"|(?P<K>" + _alt(KEY_PHRASES) + r")"
    r"|(?P<P>" + _alt(SEED_PROVINCES) + r")"
    r"|(?P<DI>" + _alt(SEED_DISTRICTS) + r")"
    r"|(?P<S>\b(?:" + _alt([w for g in SYNONYMS for w in g]) + r")\b)")
SYN_INDEX = {w: i for i, g in enumerate(SYNONYMS) for w in g}
SEED_YEAR_RE = re.compile(r"năm (20\d\d)")


def templatize(text, seed_year):
    parts, pos = [], 0
    for m in SLOT_RE.finditer(text):
        if m.start() > pos:
            parts.append(text[pos:m.start()])
        kind = m.lastgroup if m.lastgroup != "suf" else "N"
        if m.group("N"):
            parts.append(("N", m.group("suf"), "/20" in m.group("N")))
        elif kind == "Y":
            parts.append(("Y", int(m.group()) - seed_year))
        elif kind == "S":
            parts.append(("S", SYN_INDEX[m.group()]))
        elif kind == "T" and m.start() == 0:
            parts.append(("TC",))
        else:
            parts.append((kind,))
        pos = m.end()
    if pos < len(text):
        parts.append(text[pos:])
    return parts


SECTION_RE = re.compile(r"^([IVX]+)\.\s+(.*)$")
SUBHEAD_RE = re.compile(r"^(\d{1,2}|[a-gđ])[.)]\s+(.{4,130})$")
CLEAN_RE = re.compile(r"\[bookmark:[^\]]*\]|\*+")
NUMBERING_RE = re.compile(r"^(\d{1,2}|[a-gđ])[.)]\s+")


def section_kind(heading):
    h = heading.upper()
    if "MỤC ĐÍCH" in h or "MỤC TIÊU" in h:
        return "purpose"
    if "KINH PHÍ" in h:
        return "funding"
    if "TỔ CHỨC THỰC HIỆN" in h:
        return "org"
    if "BÁO CÁO" in h:
        return "report"
    return "content"


GENDER_WORDS_RE = re.compile(r"phụ nữ|giới|bạo lực|trẻ em gái|xâm hại|Tháng hành động", re.I)


def load_pools():
    """Paragraph templates by section kind ("gender": all of them, "generic":
    those that suit any theme), and content sub-headings."""
    pools = {k: [] for k in ("purpose", "content", "funding", "org", "report")}
    subheads = []
    for name in sorted(os.listdir(SEED_DIR)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(SEED_DIR, name), encoding="utf-8-sig") as f:
            text = unicodedata.normalize("NFC", f.read())  # some seeds are decomposed
        m = SEED_YEAR_RE.search(text)
        seed_year = int(m.group(1)) if m else 2020
        kind, paras = None, []
        for raw in text.splitlines():
            line = CLEAN_RE.sub("", raw).strip().lstrip("-+ ").strip()
            if not line:
                continue
            if line.startswith("Nơi nhận"):
                break
            sm = SECTION_RE.match(line)
            if sm:
                kind = section_kind(sm.group(2))
                continue
            if kind is None or line.startswith("Trên đây"):
                continue
            hm = SUBHEAD_RE.match(line)
            if hm and not hm.group(2).endswith("."):
                if kind in ("content", "purpose") and len(hm.group(2)) > 12:
                    subheads.append(templatize(hm.group(2).rstrip(":"), seed_year))
                continue
            if line[0].islower() and paras and paras[-1][0] == kind:
                paras[-1] = (kind, paras[-1][1] + " " + line)  # page-break split
                continue
            if len(line) >= 40:
                paras.append((kind, NUMBERING_RE.sub("", line)))
        for k, p in paras:
            pools[k].append(templatize(p, seed_year))
    # Paragraphs that speak of women, gender or violence literally (not
    # through the theme slot) only suit plans on the gender theme.
    generic = {k: [t for t in v if not GENDER_WORDS_RE.search("".join(x for x in t if isinstance(x, str)))]
               for k, v in pools.items()}
    return {"gender": pools, "generic": generic}, subheads


# ---------------------------------------------------------------------------
# One document


class Doc:
    """The random choices that make one document, and its rendering helpers."""

    def __init__(self, seed, i):
        self.i = i
        r = self.r = random.Random(seed * 1000003 + i)
        self.pi = r.randrange(len(PROVINCES))
        self.prov, self.prov_kind = PROVINCES[self.pi]
        self.districts = province_districts(self.pi)
        self.district = r.choice(self.districts)
        self.ti = GENDER if r.random() < 0.25 else r.randrange(len(THEMES))
        self.theme, self.keys, self.month_name = THEMES[self.ti]
        self.year = r.randint(2015, 2025)
        self.month = r.randint(1, 12)
        self.day = r.randint(1, 28)
        self.old_spelling = r.random() < 0.15   # "hoá", "thuỷ"
        x = r.random()
        self.level = ("province" if x < 0.45 else "dept" if x < 0.80
                      else "district" if x < 0.95 else "org")
        self.dept = r.choice(DEPARTMENTS)
        self.lead = THEME_LEAD[self.ti]
        self.signer = "%s %s %s" % (r.choice(FAMILY), r.choice(MIDDLE), r.choice(GIVEN))
        self.target = int(min(SIZE_MAX, max(SIZE_MIN, r.lognormvariate(math.log(SIZE_MEDIAN), SIZE_SIGMA))))

    # slot filling -------------------------------------------------------
    def date(self, after=0):
        """A date d/m/yyyy in the document's year, at least `after` months later."""
        r = self.r
        m = max(1, min(12, self.month + after + r.randint(0, 2)))
        return "%d/%d/%d" % (r.randint(1, 28), m, self.year)

    def number(self, suffix, with_year):
        """A document number "123/KH-UBND" (or "45/2019/NĐ-CP") cited in the text."""
        r = self.r
        if with_year:
            return "%d/%d/%s" % (r.randint(1, 300), self.year - r.randint(0, 4), suffix)
        return "%d/%s" % (r.randint(1, 3999), suffix)

    def render(self, parts):
        r, out = self.r, []
        for p in parts:
            if isinstance(p, str):
                out.append(p)
                continue
            k = p[0]
            if k == "P":
                out.append(self.prov)
            elif k == "DI":
                out.append(self.district)
            elif k == "Y":
                out.append(str(self.year + p[1]))
            elif k == "D":
                out.append(self.date())
            elif k == "DL":
                out.append("ngày %d tháng %d năm %d" % (r.randint(1, 28), r.randint(1, 12), self.year))
            elif k == "N":
                out.append(self.number(p[1], p[2]))
            elif k == "T":
                out.append(self.theme if self.ti != GENDER or r.random() < 0.5 else "bình đẳng giới")
            elif k == "TC":
                t = self.theme
                out.append(t[0].upper() + t[1:])
            elif k == "K":
                out.append(r.choice(self.keys) if self.ti != GENDER else "bạo lực trên cơ sở giới")
            elif k == "S":
                g = SYNONYMS[p[1]]
                out.append(g[0] if r.random() < 0.55 else r.choice(g))
        return "".join(out)

    def fill(self, s):
        """Fill a THEME_SENTENCES pattern."""
        r = self.r
        return (s.replace("{T}", self.theme).replace("{K}", r.choice(self.keys))
                .replace("{P}", self.prov).replace("{Y5}", str(self.year + 5))
                .replace("{Y1}", str(self.year + 1)).replace("{Y}", str(self.year))
                .replace("{G}", r.choice(TARGET_GROUPS)).replace("{NN}", r.choice(NUMBER_WORDS)))

    def reword(self, text):
        """Shuffle or drop clauses of a long paragraph now and then."""
        r = self.r
        clauses = text.rstrip(".").split("; ")
        if len(clauses) >= 3 and r.random() < 0.35:
            if r.random() < 0.3:
                del clauses[r.randrange(len(clauses))]
            r.shuffle(clauses)
            text = "; ".join(c[0].lower() + c[1:] if j and c[:1].isupper() and c[1:2].islower() else c
                             for j, c in enumerate(clauses))
            text = text[0].upper() + text[1:] + "."
        return text


OLD_SPELLING_RE = re.compile(r"([òóỏõọ])([ae])(?![\wàáảãạ])|([ùúủũụ])(y)(?!\w)")
OLD_MAP = {"ò": ("o", "à", "è"), "ó": ("o", "á", "é"), "ỏ": ("o", "ả", "ẻ"), "õ": ("o", "ã", "ẽ"),
           "ọ": ("o", "ạ", "ẹ"), "ù": ("u", "ỳ"), "ú": ("u", "ý"), "ủ": ("u", "ỷ"), "ũ": ("u", "ỹ"),
           "ụ": ("u", "ỵ")}


def _old(m):
    if m.group(1):
        base, a, e = OLD_MAP[m.group(1)]
        return base + (a if m.group(2) == "a" else e)
    base, y = OLD_MAP[m.group(3)]
    return base + y


def issuer_block(d):
    """Header lines (left column) and the symbol of the document."""
    p = d.prov
    prov_word = "THÀNH PHỐ" if d.prov_kind == "thành phố" else "TỈNH"
    if d.level == "province":
        return ["ỦY BAN NHÂN DÂN", "%s %s" % (prov_word, p.upper())], "KH-UBND", \
            "Ủy ban nhân dân %s %s" % (prov_word.lower(), p)
    if d.level == "dept":
        name, abbr = d.dept
        return ["UBND %s %s" % (prov_word, p.upper()), name.upper()], "KH-" + abbr, name
    if d.level == "district":
        return ["ỦY BAN NHÂN DÂN", "HUYỆN %s" % d.district.upper()], "KH-UBND", \
            "Ủy ban nhân dân huyện %s" % d.district
    org, sym = MASS_ORGS[d.i % len(MASS_ORGS)]
    return ["%s %s %s" % (org, prov_word, p.upper())], sym, org.capitalize() + " tỉnh"


def build(d, pools, subheads):
    """The document as a list of (kind, text) blocks.

    kinds: hdr (header table: left, right), title, center, h1, h2, p, li,
    sign (signature lines), recv (recipients), blank.
    """
    r = d.r
    left, symbol, issuer = issuer_block(d)
    number = "" if r.random() < 0.06 else str(r.randint(1, 3999))
    day = "" if r.random() < 0.05 else str(d.day)
    place = d.district if d.level == "district" else d.prov
    blocks = [("hdr", left + ["Số: %s/%s" % (number, symbol)],
               ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "%s, ngày %s tháng %d năm %d" % (place, day, d.month, d.year)])]
    # Title.
    y = d.year
    where = ("trên địa bàn huyện %s" % d.district if d.level == "district"
             else "trên địa bàn tỉnh %s" % d.prov)
    choices = ["Triển khai thực hiện công tác %s năm %d" % (d.theme, y),
               "Thực hiện công tác %s %s giai đoạn %d-%d" % (d.theme, where, y, y + 5),
               "Tuyên truyền về %s %s năm %d" % (d.theme, where, y),
               "Kiểm tra, giám sát việc thực hiện %s năm %d" % (d.theme, y)]
    if d.month_name:
        choices += ["Triển khai %s năm %d" % (d.month_name, y)] * 2
    title = r.choice(choices)
    blocks += [("center", "KẾ HOẠCH"), ("title", title)]
    # Documents implemented.
    parent_no = 1 + (d.pi * 7919 + d.ti * 104729 + y * 31) % 3900
    parent_date = "%d/%d/%d" % (1 + (d.pi + d.ti) % 28, max(1, d.month - 1), y)
    intro = []
    if r.random() < 0.5:
        intro.append("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019;")
    if r.random() < 0.6:
        intro.append("Căn cứ Quyết định số %d/QĐ-TTg ngày %s của Thủ tướng Chính phủ phê duyệt Chương trình %s giai đoạn %d-%d;"
                     % (r.randint(100, 2400), d.date(-12), d.theme, y - y % 5, y - y % 5 + 5))
    if d.level != "province":
        intro.append("Thực hiện Kế hoạch số %d/KH-UBND ngày %s của Ủy ban nhân dân tỉnh %s về %s năm %d, %s xây dựng Kế hoạch triển khai thực hiện như sau:"
                     % (parent_no, parent_date, d.prov, d.theme, y, issuer))
    else:
        intro.append("Thực hiện Công văn số %d/%s ngày %s của Bộ về việc %s năm %d, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:"
                     % (r.randint(50, 4000), r.choice(["LĐTBXH-BĐG", "BCA-C04", "BTTTT-CĐSQG", "BNN-VPĐP"]),
                        d.date(-1), d.theme, y))
    blocks += [("p", s) for s in intro]
    # Sections.
    roman = iter(["I", "II", "III", "IV", "V", "VI", "VII", "VIII"])

    used = set()

    def para(kind):
        """A paragraph not used yet in this document, if one is found."""
        pool = pools["gender" if d.ti == GENDER else "generic"][kind]
        if kind in ("funding", "report"):
            return d.reword(d.render(r.choice(pool)))
        for _ in range(4):
            if pool and r.random() < (0.7 if d.ti == GENDER else 0.45):
                j = r.randrange(len(pool))
                if (kind, j) not in used:
                    used.add((kind, j))
                    return d.reword(d.render(pool[j]))
            else:
                j = r.randrange(len(THEME_SENTENCES))
                if j not in used:
                    used.add(j)
                    return d.fill(THEME_SENTENCES[j])
        return d.fill(THEME_SENTENCES[j % len(THEME_SENTENCES)])

    blocks.append(("h1", "%s. MỤC ĐÍCH, YÊU CẦU" % next(roman)))
    blocks.append(("h2", "1. Mục đích"))
    blocks += [("li", para("purpose")) for _ in range(r.randint(2, 4))]
    blocks.append(("h2", "2. Yêu cầu"))
    blocks += [("li", para("purpose")) for _ in range(r.randint(1, 3))]
    # Fixed tail (organisation, reporting, closing) is built first to know
    # how much room the content section has.
    tail = []
    tail.append(("h1", "%s. KINH PHÍ THỰC HIỆN"))
    tail += [("p", para("funding")) for _ in range(r.randint(1, 2))]
    tail.append(("h1", "%s. TỔ CHỨC THỰC HIỆN"))
    if d.level == "district":
        units = r.sample(DISTRICT_UNITS, r.randint(3, 7)) + ["UBND các xã, thị trấn"]
        report_to = "UBND huyện (qua Phòng Lao động - Thương binh và Xã hội)"
    elif d.level == "dept":
        units = r.sample(DEPT_UNITS, r.randint(2, 5))
        report_to = d.lead if d.lead != d.dept[0] else "Ủy ban nhân dân tỉnh"
    else:
        units = [d.lead] + r.sample([n for n, _ in DEPARTMENTS if n != d.lead], r.randint(2, 7)) \
            + r.sample(PROVINCIAL_BODIES, r.randint(1, 3)) + ["Ủy ban nhân dân các huyện, thị xã, thành phố"]
        report_to = d.lead
    deadline = d.date(after=1)
    for k, u in enumerate(units, 1):
        tail.append(("h2", "%d. %s" % (k, u)))
        tail += [("li", para("org")) for _ in range(r.randint(1, 3))]
        if r.random() < 0.35:
            tail.append(("li", "Báo cáo kết quả thực hiện về %s trước ngày %s để tổng hợp." % (report_to, d.date(after=2))))
    tail.append(("h1", "%s. CHẾ ĐỘ BÁO CÁO"))
    tail.append(("p", r.choice([
        "Các cơ quan, đơn vị, địa phương báo cáo kết quả thực hiện Kế hoạch về %s trước ngày %s để tổng hợp, báo cáo Ủy ban nhân dân tỉnh và Bộ theo quy định." % (report_to, deadline),
        "Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12), các đơn vị gửi báo cáo kết quả thực hiện về %s để tổng hợp." % report_to,
        "Kết thúc %s, các đơn vị tổng hợp kết quả thực hiện và báo cáo về %s trước ngày %d tháng %d năm %d." % (
            d.month_name or "đợt cao điểm", report_to, r.randint(5, 28), min(12, d.month + 2), y),
    ])))
    if r.random() < 0.5:
        tail.append(("p", para("report")))
    tail.append(("p", "Trên đây là Kế hoạch %s của %s; yêu cầu các cơ quan, đơn vị, địa phương nghiêm túc triển khai thực hiện./." % (
        title[0].lower() + title[1:], issuer)))
    recv = ["Nơi nhận:"]
    if d.level == "province":
        recv += ["- %s;" % r.choice(RECIPIENTS_TOP), "- TT Tỉnh ủy, TT HĐND tỉnh;",
                 "- Chủ tịch, các PCT UBND tỉnh;", "- Các sở, ban, ngành, đoàn thể tỉnh;",
                 "- UBND các huyện, thị xã, thành phố;", "- Báo %s, Đài PT-TH tỉnh;" % d.prov]
    elif d.level == "dept":
        recv += ["- UBND tỉnh (b/c);", "- %s;" % d.lead, "- Lãnh đạo Sở;", "- Các phòng, đơn vị thuộc Sở;"]
    else:
        recv += ["- UBND tỉnh (b/c);", "- %s;" % d.lead, "- Chủ tịch, các PCT UBND huyện;",
                 "- Các cơ quan, đơn vị có liên quan;"]
    recv.append("- Lưu: VT, %s." % r.choice(["VP", "KGVX", "VX", "TH", "LĐTBXH"]))
    if d.level == "province":
        sign = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    elif d.level == "dept":
        sign = r.choice([["GIÁM ĐỐC"], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]])
    elif d.level == "district":
        sign = ["TM. ỦY BAN NHÂN DÂN", r.choice(["CHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"])]
    else:
        sign = ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"]
    tail.append(("recv", recv))
    tail.append(("sign", sign + ["", d.signer]))
    # Content sections fill the room left.
    written = sum(len(b[1]) if isinstance(b[1], str) else 60 for b in blocks + tail) * 1.3
    room = d.target - written
    nsec = max(1, min(4, int(room // 4000) + 1))
    per = room / nsec
    heads = ["NỘI DUNG HOẠT ĐỘNG", "NHIỆM VỤ VÀ GIẢI PHÁP", "NỘI DUNG TRUYỀN THÔNG", "CÁC HOẠT ĐỘNG TRỌNG TÂM"]
    for s in range(nsec):
        blocks.append(("h1", "%s. %s" % (next(roman), heads[s % len(heads)] if s else r.choice(heads))))
        size, k, n = 0.0, 0, 0
        while size < per or n < 3:
            n += 1
            if k == 0 or r.random() < 0.2:
                k += 1
                sh = d.render(r.choice(subheads)) if subheads and r.random() < 0.5 else \
                    d.fill(r.choice(THEME_SENTENCES)).split(";")[0].rstrip(".")
                blocks.append(("h2", "%d. %s" % (k, sh)))
            t = para("content")
            blocks.append(("li", t))
            size += len(t) * 1.3
    for b in tail:
        if b[0] == "h1":
            b = ("h1", b[1] % next(roman))
        blocks.append(b)
    return blocks


# ---------------------------------------------------------------------------
# Writers

BULLETS = ["- ", "- ", "+ ", ""]


def to_lines(d, blocks):
    """Paragraph lines of the document as a flat list (text form)."""
    r = d.r
    bullet = r.choice(BULLETS)
    lines = []
    for b in blocks:
        k = b[0]
        if k == "hdr":
            if r.random() < 0.5:
                for a, c in zip(b[1], b[2] + [""] * (len(b[1]) - len(b[2]))):
                    lines.append((a + "\t\t" + c).rstrip())
            else:
                lines += b[1] + b[2]
        elif k in ("recv", "sign"):
            lines += b[1]
        elif k == "li":
            lines.append(bullet + b[1])
        else:
            lines.append(b[1])
    out = []
    for ln in lines:
        if len(ln) > 400 and r.random() < 0.04:  # a page break inside a paragraph
            cut = ln.rfind(" ", 0, len(ln) // 2)
            out += [ln[:cut], ln[cut + 1:]]
        else:
            out.append(ln)
    if d.old_spelling:
        out = [OLD_SPELLING_RE.sub(_old, ln) for ln in out]
    return out


def write_txt(d, blocks, path):
    r = d.r
    lines = to_lines(d, blocks)
    sep = "\n\n" if r.random() < 0.7 else "\n"
    text = sep.join(lines) + "\n"
    if r.random() < 0.03:  # decomposed tone marks, as some converters write them
        text = unicodedata.normalize("NFD", text)
    if r.random() < 0.1:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if r.random() < 0.05:
        data = b"\xef\xbb\xbf" + data
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '</Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '</Relationships>')
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdH1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
    '</Relationships>')


def w_runs(d, text, bold=False):
    """Runs of one paragraph; Word often splits text into several runs, even
    inside a word, so this does too."""
    r = d.r
    rpr = '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>%s<w:sz w:val="28"/></w:rPr>' % (
        "<w:b/>" if bold else "")
    cuts = sorted(r.sample(range(1, len(text)), min(len(text) - 1, r.randint(0, 3)))) if len(text) > 8 else []
    out, prev = [], 0
    for c in cuts + [len(text)]:
        piece = text[prev:c]
        prev = c
        if piece:
            out.append('<w:r w:rsidR="00%06X">%s<w:t xml:space="preserve">%s</w:t></w:r>'
                       % (r.getrandbits(24), rpr, xml_escape(piece)))
    return "".join(out)


def w_p(d, text, bold=False, center=False):
    ppr = '<w:pPr><w:spacing w:before="120" w:after="120"/>%s</w:pPr>' % (
        '<w:jc w:val="center"/>' if center else '<w:ind w:firstLine="567"/><w:jc w:val="both"/>')
    return "<w:p>%s%s</w:p>" % (ppr, w_runs(d, text, bold))


def w_cell(d, lines, width, bold=True):
    return '<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>' % (
        width, "".join(w_p(d, ln, bold=bold, center=True) for ln in lines) or "<w:p/>")


def w_table(d, left, right):
    return ('<w:tbl><w:tblPr><w:tblW w:w="9400" w:type="dxa"/></w:tblPr>'
            '<w:tblGrid><w:gridCol w:w="3800"/><w:gridCol w:w="5600"/></w:tblGrid>'
            '<w:tr>%s%s</w:tr></w:tbl>' % (w_cell(d, left, 3800), w_cell(d, right, 5600)))


def write_docx(d, blocks, path):
    r = d.r
    body = []
    recv = None
    for b in blocks:
        k = b[0]
        if k == "hdr":
            body.append(w_table(d, b[1], b[2]))
        elif k in ("center", "title"):
            body.append(w_p(d, b[1], bold=True, center=True))
        elif k in ("h1", "h2"):
            body.append(w_p(d, b[1], bold=True))
        elif k == "li":
            body.append(w_p(d, ("- " if r.random() < 0.7 else "") + b[1]))
        elif k == "p":
            body.append(w_p(d, b[1]))
        elif k == "recv":
            recv = b[1]
        elif k == "sign":
            # Recipients and signature side by side, as plans are laid out.
            body.append('<w:tbl><w:tblPr><w:tblW w:w="9400" w:type="dxa"/></w:tblPr><w:tr>%s%s</w:tr></w:tbl>'
                        % (w_cell(d, recv or [], 4700, bold=False), w_cell(d, b[1], 4700)))
    header = r.random() < 0.3
    sect = ('<w:sectPr>%s<w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701"/></w:sectPr>') % (
        '<w:headerReference w:type="default" r:id="rIdH1"/>' if header else "")
    doc_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<w:document %s><w:body>%s%s</w:body></w:document>' % (W_NS, "".join(body), sect))
    title = next((b[1] for b in blocks if b[0] == "title"), "")
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:title>%s</dc:title><dc:creator>%s</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">%04d-%02d-%02dT08:00:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">%04d-%02d-%02dT09:30:00Z</dcterms:modified>'
            '</cp:coreProperties>') % (xml_escape(title), r.choice(["Admin", "VT", "user", "Van thu"]),
                                       d.year, d.month, d.day, d.year, d.month, d.day)
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
             ("word/document.xml", doc_xml), ("docProps/core.xml", core)]
    if header:
        parts += [("word/_rels/document.xml.rels", DOC_RELS),
                  ("word/header1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<w:hdr %s>%s</w:hdr>' % (W_NS, w_p(d, "Kế hoạch số %s" % title[:60])))]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts:
            # A fixed time stamp keeps the file the same from run to run.
            info = zipfile.ZipInfo(name, date_time=(d.year, d.month, d.day, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=6)
    return os.path.getsize(path)


# ---------------------------------------------------------------------------
# Driver

_POOLS = None


def _init_worker():
    global _POOLS
    _POOLS = load_pools()


def is_docx(seed, i, share):
    return random.Random(seed * 7 + i * 31337).random() < share


def rel_path(i, docx):
    return os.path.join("docx" if docx else "txt", "%03d" % (i // DOCS_PER_DIR),
                        "%06d.%s" % (i, "docx" if docx else "txt"))


def make_one(args):
    """Write document i; returns (is_docx, bytes on disk, bytes of text)."""
    seed, i, share, out = args
    pools, subheads = _POOLS
    d = Doc(seed, i)
    blocks = build(d, pools, subheads)
    docx = is_docx(seed, i, share)
    path = os.path.join(out, rel_path(i, docx))
    if docx:
        size = write_docx(d, blocks, path)
        text = sum(len(ln.encode("utf-8")) + 1 for ln in to_lines(Doc(seed, i), blocks))
        return True, size, text
    size = write_txt(d, blocks, path)
    return False, size, size


def generate(n, seed, out, share, jobs):
    t0 = time.perf_counter()
    for kind in ("txt", "docx"):
        for k in range((n + DOCS_PER_DIR - 1) // DOCS_PER_DIR):
            os.makedirs(os.path.join(out, kind, "%03d" % k), exist_ok=True)
    counts = {"txt": [0, 0, 0], "docx": [0, 0, 0]}  # files, bytes on disk, bytes of text
    work = ((seed, i, share, out) for i in range(n))
    if jobs > 1:
        pool = multiprocessing.Pool(jobs, initializer=_init_worker)
        results = pool.imap(make_one, work, chunksize=64)
    else:
        _init_worker()
        pool, results = None, map(make_one, work)
    for j, (docx, size, text) in enumerate(results):
        c = counts["docx" if docx else "txt"]
        c[0] += 1
        c[1] += size
        c[2] += text
        if sys.stderr.isatty() and j % 1000 == 999:
            sys.stderr.write("\rgen_corpus: %d/%d" % (j + 1, n))
    if pool:
        pool.close()
        pool.join()
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K")
    manifest = {"docs": n, "seed": seed, "docx_share": share, "version": GEN_VERSION,
                "txt": {"files": counts["txt"][0], "bytes": counts["txt"][1]},
                "docx": {"files": counts["docx"][0], "bytes": counts["docx"][1],
                         "text_bytes": counts["docx"][2]},
                "seconds": round(time.perf_counter() - t0, 1)}
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
    return manifest


# ---------------------------------------------------------------------------
# The query set


def strip_marks(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.replace("đ", "d").replace("Đ", "D")


def queries(seed):
    """Lines of bench/queries.txt (see its header for the format)."""
    r = random.Random(seed)
    words = ["báo cáo", "kinh phí", "tuyên truyền", "bình đẳng giới", "trẻ em", "người cao tuổi",
             "ma túy", "an toàn giao thông", "chuyển đổi số", "nông thôn mới", "hộ nghèo",
             "thiên tai", "thủ tục hành chính", "hòa giải", "phòng cháy", "thực phẩm", "vắc xin",
             "rác thải nhựa", "tai nạn lao động", "mua bán người", "dân số", "du lịch cộng đồng",
             "dân chủ", "tập huấn", "pa nô", "khen thưởng", "xâm hại", "sạt lở", "đuối nước",
             "hương ước", "OCOP", "COVID-19", "nền tảng số", "nồng độ cồn", "cai nghiện",
             "vùng đồng bào dân tộc thiểu số", "mô hình điểm", "người có uy tín", "giao ban",
             "dự toán", "thẩm định", "phần mềm chuyên ngành", "sân khấu hóa", "băng rôn",
             "Ban Chỉ đạo", "sơ kết", "tổng kết", "thanh quyết toán", "lồng ghép", "bạo lực gia đình"]
    out = []
    out.append("# Words (AND of the words; exact tone marks)")
    for w in words:
        out.append(w)
    for name in r.sample(DISTRICTS, 8):
        out.append(name)
    for _ in range(6):
        out.append("%s %s" % (r.choice(FAMILY), r.choice(GIVEN)))
    out.append("# Prefixes, OR, exclusion")
    out += ["tuyên*", "chuyển đổi*", "ma túy OR mua bán người", "thiên tai OR sạt lở",
            "trẻ em -xâm hại", "báo cáo -COVID-19", "(phòng cháy OR chữa cháy) Công an", "bạo lực -giới"]
    out.append("# Without tone marks (match every marked spelling)")
    for w in r.sample(words, 30):
        out.append(strip_marks(w).lower())
    for p, _ in r.sample(PROVINCES, 6):
        out.append(strip_marks(p).lower())
    out.append("# Phrases")
    phrases = ['"Sở Lao động - Thương binh và Xã hội"', '"Ủy ban nhân dân tỉnh"', '"trước ngày 20/12"',
               '"phòng ngừa, ứng phó với bạo lực"', '"Tháng hành động"', '"Nơi nhận"',
               '"hệ thống thông tin cơ sở"', '"người có uy tín"', '"một cửa liên thông"',
               '"phương châm bốn tại chỗ"', '"chuẩn nghèo đa chiều"', '"thông điệp 5K"',
               '"đội mũ bảo hiểm"', '"dân biết, dân bàn"', '"truy xuất nguồn gốc"',
               '"mất cân bằng giới tính khi sinh"', '"Ngày Môi trường thế giới"', '"Luật Trẻ em"',
               '"Nghị định số 125/2021/NĐ-CP"', '"Quyết định số 1790/QĐ-TTg"', '"nhà tạm lánh"',
               '"tủ sách pháp luật"', '"đa dạng hóa sinh kế"', '"Sở Tài chính" kinh phí',
               '"Sở Y tế" "an toàn thực phẩm"', '"Công an tỉnh" ma túy']
    out += phrases
    for p, _ in r.sample(PROVINCES, 10):
        out.append('"tỉnh %s"' % p)
    out.append("# Filters: [key=value; ...] before the query (province, year, issuer, type, symbol)")
    for _ in range(30):
        p, _k = r.choice(PROVINCES)
        w = r.choice(words)
        f = ["province=%s" % p]
        if r.random() < 0.6:
            f.append("year=%d" % r.randint(2015, 2025))
        out.append("[%s] %s" % ("; ".join(f), w if r.random() < 0.7 else strip_marks(w).lower()))
    for _ in range(10):
        out.append("[year=%d] %s" % (r.randint(2015, 2025), r.choice(words)))
    for _ in range(5):
        out.append("[symbol=KH-UBND; year=%d] %s" % (r.randint(2015, 2025), r.choice(words)))
    out.append("# Questions for `vanban ask` (the forms `vanban ask --help` lists)")
    units = [n for n, _ in DEPARTMENTS] + PROVINCIAL_BODIES[:4]
    for _ in range(26):
        ti = r.randrange(len(THEMES))
        p, _k = r.choice(PROVINCES)
        y, mo = r.randint(2015, 2025), r.randint(1, 12)
        unit = r.choice(units)
        form = r.randrange(9)
        if form == 0:
            q = "Những đơn vị nào báo cáo về %s?" % THEME_LEAD[ti]
        elif form == 1:
            q = "Những đơn vị nào báo cáo về %s ở tỉnh %s, năm %d?" % (THEME_LEAD[ti], p, y)
        elif form == 2:
            q = "which units report to %s in %d?" % (strip_marks(THEME_LEAD[ti]).lower(), y)
        elif form == 3:
            q = "thời hạn nào trong tháng %d năm %d?" % (mo, y)
        elif form == 4:
            q = "thời hạn nào trong tháng %d năm %d của %s?" % (mo, y, unit)
        elif form == 5:
            q = "which deadlines fall between 1/%d/%d and 28/%d/%d?" % (mo, y, mo, y)
        elif form == 6:
            q = "kế hoạch nào giao nhiệm vụ cho %s?" % unit
        elif form == 7:
            q = "kế hoạch nào căn cứ Quyết định %d/QĐ-TTg?" % r.randint(100, 2400)
        else:
            q = "%s phải làm gì theo kế hoạch %d/KH-UBND?" % (unit, r.randint(1, 3999))
        out.append("ask: " + q)
    out.append("# Paragraphs for `vanban similar`: #i:L is line L of document i of the corpus")
    out.append("# (i modulo the corpus size)")
    for _ in range(16):
        out.append("similar: #%d:%d" % (r.randrange(2000), r.randint(12, 40)))
    out.append("# Text for `vanban similar --text`")
    for _ in range(6):
        ti = r.randrange(len(THEMES))
        out.append("similar: Báo cáo kết quả thực hiện %s về %s trước ngày %d/12/%d"
                   % (THEMES[ti][0], THEME_LEAD[ti], r.choice([10, 15, 20]), r.randint(2015, 2025)))
    # Sections added later draw after the ones above, which stay as they were.
    out.append("# Reports for `vanban reports`: its options after the colon")
    for _ in range(12):
        ti = r.randrange(len(THEMES))
        opts = '--to "%s"' % THEME_LEAD[ti]
        if r.random() < 0.5:
            opts += " --year %d" % r.randint(2015, 2025)
        if r.random() < 0.3:
            opts += ' --province "%s"' % r.choice(PROVINCES)[0]
        out.append("reports: " + opts)
    out.append("# Deadlines for `vanban deadlines`: its options after the colon")
    for _ in range(12):
        y, mo = r.randint(2015, 2025), r.randint(1, 12)
        opts = "--after %d-%02d-01 --before %d-%02d-28" % (y, mo, y, mo)
        if r.random() < 0.3:
            opts += ' --unit "%s"' % r.choice(units)
        if r.random() < 0.3:
            opts += ' --province "%s"' % r.choice(PROVINCES)[0]
        out.append("deadlines: " + opts)
    out.append("# Paragraph search: `vanban search --paragraphs`")
    for w in r.sample(words, 12):
        out.append("paragraphs: " + w)
    for w in r.sample(words, 4):
        out.append("paragraphs: " + strip_marks(w).lower())
    return out


def is_complete(out):
    """True when out holds a finished corpus written by this version."""
    try:
        with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
            return json.load(f).get("version") == GEN_VERSION
    except (OSError, ValueError):
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100000, help="documents to write (default 100000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="output directory (default bench/corpus/DOCS-SEED)")
    ap.add_argument("--docx-share", type=float, default=DEFAULT_DOCX_SHARE)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--queries", action="store_true", help="print the query set and exit")
    ap.add_argument("--force", action="store_true", help="regenerate even if the manifest exists")
    a = ap.parse_args()
    if a.queries:
        print("# bench/queries.txt: the fixed query set of bench/run, written by\n"
              "# `python3 bench/gen_corpus.py --queries`.  One query per line; '#' lines are\n"
              "# comments.  A plain line is a `vanban search` query; a leading\n"
              "# [key=value; ...] adds filters (--province, --year, --symbol); 'ask: '\n"
              "# lines go to `vanban ask`, 'similar: ' lines to `vanban similar`;\n"
              "# 'reports: ' and 'deadlines: ' lines give those commands' options, and\n"
              "# 'paragraphs: ' lines go to `vanban search --paragraphs`.")
        print("\n".join(queries(a.seed)))
        return 0
    out = a.out or os.path.join(HERE, "corpus", "%d-%d" % (a.docs, a.seed))
    if is_complete(out) and not a.force:
        print("gen_corpus: %s is complete; reusing it" % out, file=sys.stderr)
        return 0
    m = generate(a.docs, a.seed, out, a.docx_share, max(1, a.jobs))
    print("gen_corpus: %d documents (%d txt, %d docx, %.1f MB) in %s, %.1f s" % (
        m["docs"], m["txt"]["files"], m["docx"]["files"],
        (m["txt"]["bytes"] + m["docx"]["bytes"]) / 1e6, out, m["seconds"]), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
