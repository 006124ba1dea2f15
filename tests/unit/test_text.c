/*
** test_text.c: decoding file bytes (common/text.c), the UTF-8 coder
** (common/utf8.h), array growth and the capped buffer (common/vb.c,
** common/buf.c), table-driven, bad inputs included.
*/
#include <stdint.h>

#include "common/buf.h"
#include "common/text.h"
#include "common/utf8.h"
#include "vbtest.h"

typedef struct decode_case {
  const char *name;
  const char *in;
  size_t n;          /* bytes of in (may hold NUL) */
  vb_status want_rc;
  const char *want;  /* decoded text when VB_OK */
} decode_case;

#define C(name, lit, rc, want) {name, lit, sizeof(lit) - 1, rc, want}

static const decode_case g_cases[] = {
    C("ascii", "abc\n", VB_OK, "abc\n"),
    C("utf8", "Kế hoạch", VB_OK, "Kế hoạch"),
    C("utf8 bom", "\xEF\xBB\xBFSố", VB_OK, "Số"),
    C("crlf", "a\r\nb\rc\n", VB_OK, "a\nb\nc\n"),
    /* "hoà" decomposed: o + grave (U+0300) + a -> NFC */
    C("nfd to nfc", "ho\xCC\x80" "a", VB_OK, "hòa"),
    C("nfd u with horn and hook", "u\xCC\x9B\xCC\x89", VB_OK, "ử"),
    C("utf16le", "\xFF\xFE" "S\x00\xD1\x1E", VB_OK, "Số"),
    C("utf16be", "\xFE\xFF\x00S\x1E\xD1", VB_OK, "Số"),
    C("utf16le surrogate pair", "\xFF\xFE\x3D\xD8\x00\xDE", VB_OK,
      "\xF0\x9F\x98\x80"),
    C("utf16 odd length", "\xFF\xFE" "a\x00" "b", VB_EENCODING, NULL),
    C("utf16 lone surrogate", "\xFF\xFE\x00\xD8" "a\x00", VB_EENCODING, NULL),
    C("invalid byte", "ab\xFF" "cd", VB_EENCODING, NULL),
    C("truncated sequence", "ab\xE1\xBB", VB_EENCODING, NULL),
    C("overlong", "\xC0\xAF", VB_EENCODING, NULL),
    C("surrogate in utf8", "\xED\xA0\x80", VB_EENCODING, NULL),
    C("beyond U+10FFFF", "\xF4\x90\x80\x80", VB_EENCODING, NULL),
    C("nul byte", "ab\0cd", VB_EFORMAT, NULL),
    C("utf16 nul char", "\xFF\xFE" "a\x00\x00\x00", VB_EFORMAT, NULL),
};

static void test_decode(void) {
  for (size_t i = 0; i < sizeof g_cases / sizeof *g_cases; i++) {
    const decode_case *c = &g_cases[i];
    vb_buf out;
    vb_error err = {0};
    vb_buf_init(&out, VB_CAP_TEXT);
    vb_status rc =
        vb_text_decode((const unsigned char *)c->in, c->n, &out, &err);
    if (rc != c->want_rc) fprintf(stderr, "case '%s'\n", c->name);
    VB_CHECK_INT(rc, c->want_rc);
    if (c->want_rc == VB_OK) {
      if (!out.data || strcmp(out.data, c->want) != 0)
        fprintf(stderr, "case '%s'\n", c->name);
      VB_CHECK_STR(out.data, c->want);
    } else {
      VB_CHECK(err.msg[0] != '\0');
      VB_CHECK(strchr(err.msg, '\n') == NULL);
    }
    vb_buf_free(&out);
  }
}

/* The reason names the byte offset of the first bad sequence. */
static void test_offset_in_reason(void) {
  vb_buf out;
  vb_error err = {0};
  vb_buf_init(&out, VB_CAP_TEXT);
  vb_status rc =
      vb_text_decode((const unsigned char *)"Kế \xFF", 6, &out, &err);
  VB_CHECK_INT(rc, VB_EENCODING);
  VB_CHECK_STR(err.msg, "invalid UTF-8 at byte 5 (0xFF)");
  vb_buf_free(&out);
}

/* Long text crosses the NFC chunk boundary without splitting a letter. */
static void test_long_nfd(void) {
  vb_buf in, out;
  vb_buf_init(&in, VB_CAP_TEXT);
  vb_buf_init(&out, VB_CAP_TEXT);
  for (int i = 0; i < 40000; i++)
    VB_CHECK(vb_buf_puts(&in, "ho\xCC\x80" "a ") == VB_OK); /* 6 bytes */
  VB_CHECK(vb_text_decode((unsigned char *)in.data, in.len, &out, NULL) ==
           VB_OK);
  VB_CHECK_INT(out.len, 40000 * 5); /* "hòa " is 5 bytes in NFC */
  vb_buf_free(&in);
  vb_buf_free(&out);
}

/* The cap refuses growth past max and leaves the contents intact. */
static void test_buf_cap(void) {
  vb_buf b;
  vb_buf_init(&b, 8);
  VB_CHECK_INT(vb_buf_puts(&b, "12345"), VB_OK);
  VB_CHECK_INT(vb_buf_puts(&b, "6789"), VB_ELIMIT);
  VB_CHECK_STR(b.data, "12345");
  VB_CHECK_INT(vb_buf_printf(&b, "%d", 678), VB_OK);
  VB_CHECK_STR(b.data, "12345678");
  VB_CHECK_INT(vb_buf_putc(&b, 'x'), VB_ELIMIT);
  size_t n;
  char *p = vb_buf_take(&b, &n);
  VB_CHECK_STR(p, "12345678");
  VB_CHECK_INT(n, 8);
  VB_CHECK(b.data == NULL && b.len == 0);
  vb_free(p);
}

/* Allocation failure is reported, not fatal. */
static void test_buf_nomem(void) {
  vb_buf b;
  vb_buf_init(&b, 1 << 20);
  vb_alloc_fail_after(0);
  VB_CHECK_INT(vb_buf_puts(&b, "abc"), VB_ENOMEM);
  vb_alloc_fail_after(-1);
  VB_CHECK_INT(vb_buf_puts(&b, "abc"), VB_OK);
  vb_buf_free(&b);
}

static void test_sha256(void) {
  char hex[65];
  vb_sha256_hex("abc", 3, hex);
  VB_CHECK_STR(hex,
               "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* The one UTF-8 decoder: every length, and each kind of bad sequence. */
static void test_utf8(void) {
  static const struct {
    const char *in;
    size_t n, want_len;
    uint32_t want_cp;
  } cases[] = {
      {"A", 1, 1, 'A'},
      {"\xC3\xA9", 2, 2, 0xE9},               /* é */
      {"\xE1\xBB\x87", 3, 3, 0x1EC7},         /* ệ */
      {"\xF0\x9F\x98\x80", 4, 4, 0x1F600},
      {"\xC0\xAF", 2, 0, 0},                  /* overlong '/' */
      {"\xE0\x80\xAF", 3, 0, 0},             /* overlong, 3 bytes */
      {"\xED\xA0\x80", 3, 0, 0},             /* a surrogate */
      {"\xF4\x90\x80\x80", 4, 0, 0},         /* past U+10FFFF */
      {"\xE1\xBB", 2, 0, 0},                  /* cut short */
      {"\x80", 1, 0, 0},                       /* a lone continuation */
      {"\xC3" "A", 2, 0, 0},                   /* a bad continuation */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    uint32_t cp = 0;
    size_t len = vb_utf8_decode(cases[i].in, cases[i].n, &cp);
    VB_CHECK_INT(len, cases[i].want_len);
    if (len) VB_CHECK_INT(cp, cases[i].want_cp);
  }
  /* Encoding gives back the bytes decoding read, at every length. */
  static const uint32_t cps[] = {0x41, 0xE9, 0x1EC7, 0x1F600, 0x10FFFF};
  for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
    unsigned char b[4];
    uint32_t back = 0;
    size_t len = vb_utf8_encode(cps[i], b);
    VB_CHECK_INT(vb_utf8_decode(b, len, &back), len);
    VB_CHECK_INT(back, cps[i]);
  }
  /* A prefix keeps whole characters only. */
  VB_CHECK_INT(vb_utf8_whole("ab\xE1\xBB", 4), 2);
  VB_CHECK_INT(vb_utf8_whole("ab\xE1\xBB\x87", 5), 5);
  VB_CHECK_INT(vb_utf8_whole("abc", 3), 3);
}

/* Array growth: room made, lengths doubled, overflow refused. */
static void test_grow(void) {
  int *a = NULL;
  size_t cap = 0;
  VB_CHECK(vb_grow(&a, &cap, 1, sizeof *a) == VB_OK);
  VB_CHECK(a != NULL && cap >= 8);
  for (int i = 0; i < 8; i++) a[i] = i;
  VB_CHECK(vb_grow(&a, &cap, 9, sizeof *a) == VB_OK);
  VB_CHECK_INT(cap, 16);
  VB_CHECK_INT(a[7], 7);
  VB_CHECK(vb_grow(&a, &cap, 1000, sizeof *a) == VB_OK);
  VB_CHECK_INT(cap, 1000);
  int *before = a;
  VB_CHECK(vb_grow(&a, &cap, SIZE_MAX / 2, sizeof *a) == VB_ENOMEM);
  VB_CHECK(a == before && cap == 1000);
  vb_free(a);
}

int main(void) {
  test_utf8();
  test_grow();
  test_decode();
  test_offset_in_reason();
  test_long_nfd();
  test_buf_cap();
  test_buf_nomem();
  test_sha256();
  return vb_test_done();
}
