/*
** names.h: the names of Vietnamese administration, as data and lookups.
**
** Provinces (the 63 before 1 July 2025 and the 34 since), district-level
** units, bodies and their abbreviations (Vietnamese and English), document
** types, offices and persons' names: the gazetteers that extraction, the
** index and question answering share.  Implemented in names.c; the tables
** are built once, on first use, and are read-only afterwards, so every
** function may be called from any thread.
**
** Text conventions: every function takes UTF-8 with an explicit length (not
** necessarily NUL-terminated).  Returned structures point into static
** tables and are never freed; output goes to a caller's vb_buf.
*/
#ifndef VB_NAMES_H
#define VB_NAMES_H

#include "buf.h"

/* One provincial-level unit as it was before 1 July 2025 and the unit it
** belongs to since (National Assembly Resolution 202/2025/QH15). */
typedef struct vb_province {
  const char *name;       /* "Bắc Giang", "Thành phố Hồ Chí Minh" */
  const char *kind;       /* "tỉnh" or "thành phố" */
  const char *since_2025; /* "Bắc Ninh" */
  const char *kind_since; /* "tỉnh" or "thành phố" */
} vb_province;

/* One district-level unit (before July 2025) and its province. */
typedef struct vb_district {
  const char *name;     /* "Yên Thế" */
  const char *kind;     /* "huyện", "quận", "thị xã", "thành phố" */
  const char *province; /* vb_province.name of its province */
} vb_district;

/* The province named s ("Bắc Kạn", "BẮC KẠN", "Thừa Thiên - Huế", "TP.HCM",
** "Bac Kan"; tone placement and case do not matter; a leading "tỉnh" or
** "thành phố" is ignored).  A name in use only since July 2025 ("Huế")
** finds the row it continues.  NULL when s is not a province. */
const vb_province *vb_province_find(const char *s, size_t n);

/* The 63 provinces before July 2025, in a fixed order: vb_province_at(i)
** for i < vb_province_count() (NULL past the end). */
size_t vb_province_count(void);
const vb_province *vb_province_at(size_t i);

/* The district-level units named s (after an optional "huyện", "quận",
** "thị xã", "thành phố", "TP", "TX"): up to max of them in out (a name may
** exist in several provinces, "Châu Thành").  If kind is not NULL only
** units of that kind count.  Returns how many were found (may exceed max). */
size_t vb_district_find(const char *s, size_t n, const char *kind,
                        const vb_district **out, size_t max);

/* Where a document or a body sits.  level says which of the two localities
** a bare "Ủy ban nhân dân" means. */
typedef struct vb_locality {
  const vb_province *province; /* or NULL */
  const vb_district *district; /* or NULL; its province is province */
  int level;                   /* VB_LEVEL_* */
} vb_locality;

#define VB_LEVEL_NONE 0     /* unknown or national */
#define VB_LEVEL_PROVINCE 1 /* a provincial body */
#define VB_LEVEL_DISTRICT 2 /* a district body */

/* Append the locality as written after a body name: "tỉnh Bắc Kạn",
** "thành phố Hà Nội", "Thành phố Hồ Chí Minh", "huyện Yên Thế".  level
** picks the province or the district part.  Appends nothing when that part
** is unknown. */
vb_status vb_locality_put(const vb_locality *loc, int level,
                          vb_buf *out) VB_MUST_CHECK;

/* Read a locality phrase ("tỉnh Điện Biên", "TP. Hồ Chí Minh", "huyện Yên
** Thế", "Bắc Giang", "TỈNH NGHỆ AN") from the start of s into *loc.  A bare
** "tỉnh", "huyện" or "thành phố" takes the unit from def (may be NULL).
** Returns the number of bytes of s consumed (0 if s does not start with a
** locality). */
size_t vb_locality_parse(const char *s, size_t n, const vb_locality *def,
                         vb_locality *loc);

/* The canonical Vietnamese name of a body written in any of its forms:
** Vietnamese with any tone placement or case, abbreviations ("UBND tỉnh",
** "Sở LĐ-TB&XH", "Sở Lao động TB&XH", "Sở LĐTĐ&XH", "Sở KH&CN",
** "VH,TT&DL"), or English ("Department of Labour, Invalids and Social
** Affairs", "DOLISA", "the Labour department", "Provincial People's
** Committee").  A body of a province or district gets its locality, taken
** from the name itself or else from loc (may be NULL): "UBND tỉnh" in a
** document of Điện Biên becomes "Ủy ban nhân dân tỉnh Điện Biên".  A name
** that is not recognised is appended cleaned up (dashes " - ", "&" as
** "và", known abbreviations expanded).  Appends to out.
** Returns 1 in *known (if not NULL) when the body was recognised. */
vb_status vb_names_canon(const char *s, size_t n, const vb_locality *loc,
                         vb_buf *out, int *known) VB_MUST_CHECK;

/* The body a symbol's issuing code stands for: "UBND" -> "Ủy ban nhân
** dân", "KHCN" -> "Sở Khoa học và Công nghệ", "TTg" -> "Thủ tướng Chính
** phủ", "BTC" -> "Bộ Tài chính", "HĐND", "TU", "CP", "VPCP", ...  Appends
** the canonical name with its locality from loc (may be NULL) and returns
** 1, or appends nothing and returns 0 when the code is unknown (or on
** allocation failure, which leaves out unchanged). */
int vb_names_from_code(const char *code, size_t n, const vb_locality *loc,
                       vb_buf *out);

/* The kind of body named at the start of s, as a static string ("Ủy ban
** nhân dân", "Sở", "Bộ", ...), or NULL.  Used to tell a header's parent
** body from the issuing one ("UBND TỈNH BẮC GIANG / SỞ KHOA HỌC ..."). */
const char *vb_names_kind(const char *s, size_t n);

/* 1 if the body named at the start of s is a national one: a ministry
** ("BỘ Y TẾ", "Bộ Công an") or a body of national scope ("Chính phủ",
** "Thủ tướng Chính phủ"); 0 for a local body ("Bộ Chỉ huy Quân sự tỉnh",
** "UBND tỉnh") or an unknown name. */
int vb_names_national(const char *s, size_t n);

/* The title-case name of a document type written in capitals or any case
** ("KẾ HOẠCH" -> "Kế hoạch", "Văn bản" -> "Công văn"); NULL if unknown. */
const char *vb_doctype_canon(const char *s, size_t n);

/* The document type a symbol's first part stands for ("KH" -> "Kế
** hoạch", "QĐ" -> "Quyết định", "TTr" -> "Tờ trình"); NULL if unknown. */
const char *vb_doctype_from_code(const char *code, size_t n);

/* An office or signing authority in the case the documents print it in
** running text: "PHÓ CHỦ TỊCH THƯỜNG TRỰC" -> "Phó Chủ tịch Thường trực",
** "GIÁM ĐỐC" -> "Giám đốc", "ỦY BAN NHÂN DÂN TỈNH" -> "Ủy ban nhân dân
** tỉnh".  Unknown words are lower-cased.  Appends to out. */
vb_status vb_names_office(const char *s, size_t n,
                          vb_buf *out) VB_MUST_CHECK;

/* Length of the office name ("CHỦ TỊCH", "PHÓ GIÁM ĐỐC", ...) at the start
** of s, up to a word boundary, or 0. */
size_t vb_names_office_len(const char *s, size_t n);

/* A person's name with each word capitalised ("NGUYỄN VĂN A" -> "Nguyễn
** Văn A"); names already in mixed case are copied. */
vb_status vb_names_person(const char *s, size_t n, vb_buf *out) VB_MUST_CHECK;

/* Lookup key of a name: ASCII letters and digits only, lower case, marks
** removed, đ as d, '&' as "va" ("Sở LĐ-TB&XH" -> "soldtbvaxh").  Writes at
** most cap-1 bytes and a NUL to key; returns the key length. */
size_t vb_name_key(const char *s, size_t n, char *key, size_t cap);

#endif /* VB_NAMES_H */
