/*
** test_serve_html.c: the web server's one writer of markup (serve/html.c):
** every value is HTML-escaped, highlight marks become <mark> only where
** asked for, URL parameters are percent-encoded, a lone % is literal, and
** a page past its size cap fails as a whole instead of being cut.
*/
#include <string.h>

#include "serve/internal.h"
#include "vbtest.h"

/* What sv_printf wrote for one call (static buffer). */
static const char *render(const char *fmt, const char *arg) {
  static char out[4096];
  sv_req r;
  memset(&r, 0, sizeof r);
  vb_buf_init(&r.out, 1 << 16);
  sv_printf(&r, fmt, arg);
  snprintf(out, sizeof out, "%s", r.failed ? "(failed)" : r.out.data ? r.out.data : "");
  vb_buf_free(&r.out);
  return out;
}

static void test_escape(void) {
  VB_CHECK_STR(render("<p>%s</p>", "<script>alert(\"x\")</script>"),
               "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>");
  VB_CHECK_STR(render("<a title=\"%s\">", "a' onmouseover='b & c"),
               "<a title=\"a&#39; onmouseover=&#39;b &amp; c\">");
  VB_CHECK_STR(render("%s", "bình đẳng giới"), "bình đẳng giới");
  VB_CHECK_STR(render("[%s]", NULL), "[]");
  /* marks: only %m turns them into elements, after escaping the text */
  VB_CHECK_STR(render("%m", "a <b> " SV_MARK_OPEN "bình" SV_MARK_CLOSE " c"),
               "a &lt;b&gt; <mark>bình</mark> c");
  VB_CHECK_STR(render("%s", "x" SV_MARK_OPEN "y" SV_MARK_CLOSE), "xy");
  /* raw is raw; a lone or unknown % is literal */
  VB_CHECK_STR(render("%r", "<b>"), "<b>");
  VB_CHECK_STR(render("100%% %", NULL), "100% %");
}

static void test_url(void) {
  VB_CHECK_STR(render("/search?q=%u", "Sơn La & \"x\"/../<y>"),
               "/search?q=S%C6%A1n%20La%20%26%20%22x%22%2F..%2F%3Cy%3E");
  VB_CHECK_STR(render("%u", "a-b_c.d~e"), "a-b_c.d~e");
}

static void test_numbers(void) {
  sv_req r;
  memset(&r, 0, sizeof r);
  vb_buf_init(&r.out, 256);
  sv_printf(&r, "%d/%D", -7, (int64_t)1 << 40);
  VB_CHECK_STR(r.out.data, "-7/1099511627776");
  vb_buf_free(&r.out);
}

static void test_cap(void) {
  sv_req r;
  memset(&r, 0, sizeof r);
  vb_buf_init(&r.out, 16);
  sv_printf(&r, "%s", "0123456789");
  VB_CHECK(!r.failed);
  sv_printf(&r, "%s", "<<<<<<<<");  /* 32 bytes escaped: past the cap */
  VB_CHECK(r.failed);
  vb_buf_free(&r.out);
}

int main(void) {
  test_escape();
  test_url();
  test_numbers();
  test_cap();
  return vb_test_done();
}
