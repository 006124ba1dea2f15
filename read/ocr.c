/*
** ocr.c: Tesseract through its C API, one engine per thread (see ocr.h).
**
** Words come back with their boxes and confidence; words the engine is
** nearly sure are noise (confidence below OCR_MIN_CONF: specks, the
** modules of a QR code, seals) are left out.  The text size of a word is
** taken from the height of its text line, so that the layout's thresholds
** work in pixels as they do in points.
**
** The engine is loaded with dlopen() on the first page to OCR, not linked:
** a process that never OCRs does not pay for loading it, and
** OMP_THREAD_LIMIT can still be set before its OpenMP runtime starts (the
** runtime reads it once, when it is loaded).  One OpenMP thread per engine:
** the ingest workers already use the cores, and more threads only spin
** (measured on a scan: half the CPU time for the same text and wall time).
** A user's own OMP_THREAD_LIMIT is left as it is.
*/
#include "ocr.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "dynlib.h"

#define OCR_LANG "vie"
#define OCR_MIN_CONF 10.0f   /* words below this confidence are noise */

#define TESS_FUNCS(X) \
  X(TessBaseAPIClear) X(TessBaseAPICreate) X(TessBaseAPIDelete) \
  X(TessBaseAPIEnd) X(TessBaseAPIGetIterator) X(TessBaseAPIInit4) \
  X(TessBaseAPIRecognize) X(TessBaseAPISetImage) \
  X(TessBaseAPISetPageSegMode) X(TessBaseAPISetSourceResolution) \
  X(TessDeleteText) X(TessMonitorCreate) X(TessMonitorDelete) \
  X(TessMonitorSetDeadlineMSecs) X(TessPageIteratorBaseline) \
  X(TessPageIteratorBoundingBox) X(TessPageIteratorNext) \
  X(TessResultIteratorConfidence) X(TessResultIteratorDelete) \
  X(TessResultIteratorGetPageIterator) X(TessResultIteratorGetUTF8Text)

/* The engine's entry points, loaded on the first page to OCR. */
typedef struct { VB_DYNLIB_DECLS(TESS_FUNCS) } vb_dynlib_table_t;
static vb_dynlib_table_t T;
static const vb_dynlib_sym g_syms[] = {TESS_FUNCS(VB_DYNLIB_SYM)};
static const char *const g_names[] = {"libtesseract.so.5", NULL};
static vb_dynlib g_tess =
    VB_DYNLIB_INIT(g_names, "libtesseract5", g_syms, &T, NULL, VB_EFORMAT);
static pthread_once_t g_env_once = PTHREAD_ONCE_INIT;

/* One OpenMP thread per engine (see above), set before the engine loads. */
static void limit_threads(void) { setenv("OMP_THREAD_LIMIT", "1", 0); }

static pthread_key_t g_key;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static int g_key_ok;

/* Destructor of a thread's engine. */
static void api_free(void *p) {
  if (!p) return;
  T.TessBaseAPIEnd(p);
  T.TessBaseAPIDelete(p);
}

static void make_key(void) { g_key_ok = pthread_key_create(&g_key, api_free) == 0; }

void vb_ocr_thread_end(void) {
  pthread_once(&g_once, make_key);
  if (!g_key_ok || !vb_dynlib_loaded(&g_tess)) return;
  api_free(pthread_getspecific(g_key));
  pthread_setspecific(g_key, NULL);
}

/* The calling thread's engine, created on first use; NULL on failure. */
static TessBaseAPI *thread_api(vb_error *err, vb_status *rc) {
  pthread_once(&g_env_once, limit_threads);
  if ((*rc = vb_dynlib_load(&g_tess, err)) != VB_OK) return NULL;
  pthread_once(&g_once, make_key);
  TessBaseAPI *api = g_key_ok ? pthread_getspecific(g_key) : NULL;
  if (api) return api;
  api = T.TessBaseAPICreate();
  if (!api) {
    *rc = vb_error_set(err, VB_ENOMEM, "out of memory starting OCR");
    return NULL;
  }
  /* No debug output on stderr: the library never prints. */
  char var[] = "debug_file", val[] = "/dev/null";
  char *vars[] = {var}, *vals[] = {val};
  if (T.TessBaseAPIInit4(api, NULL, OCR_LANG, OEM_LSTM_ONLY, NULL, 0, vars, vals,
                       1, 0) != 0) {
    T.TessBaseAPIDelete(api);
    *rc = vb_error_set(err, VB_EFORMAT,
                       "OCR needs Tesseract's Vietnamese model (tesseract-ocr-vie)");
    return NULL;
  }
  T.TessBaseAPISetPageSegMode(api, PSM_AUTO);
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
  ETEXT_DESC *mon = T.TessMonitorCreate();
  if (!mon) return vb_error_set(err, VB_ENOMEM, "out of memory in OCR");
  if (deadline_ms > 0) T.TessMonitorSetDeadlineMSecs(mon, deadline_ms);
  T.TessBaseAPISetImage(api, grey, w, h, 1, stride);
  T.TessBaseAPISetSourceResolution(api, dpi);
  if (T.TessBaseAPIRecognize(api, mon) != 0) {
    T.TessBaseAPIClear(api);
    T.TessMonitorDelete(mon);
    return vb_error_set(err, VB_ELIMIT, "OCR of a page failed or took too long");
  }
  T.TessMonitorDelete(mon);
  double sum = 0;
  TessResultIterator *ri = T.TessBaseAPIGetIterator(api);
  if (ri) {
    TessPageIterator *pi = T.TessResultIteratorGetPageIterator(ri);
    do {
      int l, t, r, b, ll, lt, lr, lb, bx1, by1, bx2, by2;
      if (!T.TessPageIteratorBoundingBox(pi, RIL_WORD, &l, &t, &r, &b)) continue;
      float c = T.TessResultIteratorConfidence(ri, RIL_WORD);
      if (c < OCR_MIN_CONF) continue;
      char *txt = T.TessResultIteratorGetUTF8Text(ri, RIL_WORD);
      if (!txt) continue;
      size_t len = strlen(txt);
      while (len && (unsigned char)txt[len - 1] <= ' ') len--;
      if (!len) {
        T.TessDeleteText(txt);
        continue;
      }
      if (!T.TessPageIteratorBoundingBox(pi, RIL_TEXTLINE, &ll, &lt, &lr, &lb))
        lt = t, lb = b;
      float base = (float)b;
      if (T.TessPageIteratorBaseline(pi, RIL_WORD, &bx1, &by1, &bx2, &by2))
        base = (float)(by1 + by2) / 2;
      float size = (float)(lb - lt) * 0.8f;
      rc = vb_layout_add_word(L, (float)l, (float)t, (float)r, (float)b, base,
                              size > 1 ? size : 1, 0, txt, len);
      T.TessDeleteText(txt);
      if (rc != VB_OK) break;
      sum += c;
      ++*nwords;
    } while (T.TessPageIteratorNext(pi, RIL_WORD));
    T.TessResultIteratorDelete(ri);
  }
  T.TessBaseAPIClear(api);
  if (rc != VB_OK) return vb_error_set(err, rc, "%s in OCR", vb_strerror(rc));
  *conf = *nwords ? sum / (double)*nwords : 0;
  return VB_OK;
}
