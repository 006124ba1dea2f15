/*
** ocr.c: Tesseract through its C API, one engine per thread (see ocr.h).
**
** Words come back with their boxes and confidence; words the engine is
** nearly sure are noise (confidence below OCR_MIN_CONF: specks, the
** modules of a QR code, seals) are left out.  The text size of a word is
** taken from the height of its text line, so that the layout's thresholds
** work in pixels as they do in points.
*/
#include "ocr.h"

#include <pthread.h>
#include <string.h>
#include <tesseract/capi.h>

#define OCR_LANG "vie"
#define OCR_MIN_CONF 10.0f   /* words below this confidence are noise */

static pthread_key_t g_key;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static int g_key_ok;

/* Destructor of a thread's engine. */
static void api_free(void *p) {
  if (!p) return;
  TessBaseAPIEnd(p);
  TessBaseAPIDelete(p);
}

static void make_key(void) { g_key_ok = pthread_key_create(&g_key, api_free) == 0; }

void vb_ocr_thread_end(void) {
  pthread_once(&g_once, make_key);
  if (!g_key_ok) return;
  api_free(pthread_getspecific(g_key));
  pthread_setspecific(g_key, NULL);
}

/* The calling thread's engine, created on first use; NULL on failure. */
static TessBaseAPI *thread_api(vb_error *err, vb_status *rc) {
  pthread_once(&g_once, make_key);
  TessBaseAPI *api = g_key_ok ? pthread_getspecific(g_key) : NULL;
  if (api) return api;
  api = TessBaseAPICreate();
  if (!api) {
    *rc = vb_error_set(err, VB_ENOMEM, "out of memory starting OCR");
    return NULL;
  }
  /* No debug output on stderr: the library never prints. */
  char var[] = "debug_file", val[] = "/dev/null";
  char *vars[] = {var}, *vals[] = {val};
  if (TessBaseAPIInit4(api, NULL, OCR_LANG, OEM_LSTM_ONLY, NULL, 0, vars, vals,
                       1, 0) != 0) {
    TessBaseAPIDelete(api);
    *rc = vb_error_set(err, VB_EFORMAT,
                       "OCR needs Tesseract's Vietnamese model (tesseract-ocr-vie)");
    return NULL;
  }
  TessBaseAPISetPageSegMode(api, PSM_AUTO);
  if (g_key_ok) pthread_setspecific(g_key, api);
  return api;
}

vb_status vb_ocr_page(const unsigned char *grey, int w, int h, int stride,
                      int dpi, int deadline_ms, vb_layout *L, double *conf,
                      size_t *nwords, vb_error *err) {
  vb_status rc = VB_OK;
  *conf = 0;
  *nwords = 0;
  TessBaseAPI *api = thread_api(err, &rc);
  if (!api) return rc;
  ETEXT_DESC *mon = TessMonitorCreate();
  if (!mon) return vb_error_set(err, VB_ENOMEM, "out of memory in OCR");
  if (deadline_ms > 0) TessMonitorSetDeadlineMSecs(mon, deadline_ms);
  TessBaseAPISetImage(api, grey, w, h, 1, stride);
  TessBaseAPISetSourceResolution(api, dpi);
  if (TessBaseAPIRecognize(api, mon) != 0) {
    TessBaseAPIClear(api);
    TessMonitorDelete(mon);
    return vb_error_set(err, VB_ELIMIT, "OCR of a page failed or took too long");
  }
  TessMonitorDelete(mon);
  double sum = 0;
  TessResultIterator *ri = TessBaseAPIGetIterator(api);
  if (ri) {
    TessPageIterator *pi = TessResultIteratorGetPageIterator(ri);
    do {
      int l, t, r, b, ll, lt, lr, lb, bx1, by1, bx2, by2;
      if (!TessPageIteratorBoundingBox(pi, RIL_WORD, &l, &t, &r, &b)) continue;
      float c = TessResultIteratorConfidence(ri, RIL_WORD);
      if (c < OCR_MIN_CONF) continue;
      char *txt = TessResultIteratorGetUTF8Text(ri, RIL_WORD);
      if (!txt) continue;
      size_t len = strlen(txt);
      while (len && (unsigned char)txt[len - 1] <= ' ') len--;
      if (!len) {
        TessDeleteText(txt);
        continue;
      }
      if (!TessPageIteratorBoundingBox(pi, RIL_TEXTLINE, &ll, &lt, &lr, &lb))
        lt = t, lb = b;
      float base = (float)b;
      if (TessPageIteratorBaseline(pi, RIL_WORD, &bx1, &by1, &bx2, &by2))
        base = (float)(by1 + by2) / 2;
      float size = (float)(lb - lt) * 0.8f;
      rc = vb_layout_add_word(L, (float)l, (float)t, (float)r, (float)b, base,
                              size > 1 ? size : 1, 0, txt, len);
      TessDeleteText(txt);
      if (rc != VB_OK) break;
      sum += c;
      ++*nwords;
    } while (TessPageIteratorNext(pi, RIL_WORD));
    TessResultIteratorDelete(ri);
  }
  TessBaseAPIClear(api);
  if (rc != VB_OK) return vb_error_set(err, rc, "%s in OCR", vb_strerror(rc));
  *conf = *nwords ? sum / (double)*nwords : 0;
  return VB_OK;
}
