/* extract.c: placeholder until the rule-driven extractor lands. */
#include "extract.h"
struct vb_extractor { int unused; };
vb_status vb_extractor_new(vb_extractor **out, vb_error *err) {
  (void)err;
  *out = vb_calloc(1, sizeof **out);
  return *out ? VB_OK : VB_ENOMEM;
}
void vb_extractor_free(vb_extractor *ex) { vb_free(ex); }
vb_status vb_extract(const vb_extractor *ex, const vb_doc *doc, json_t **out, vb_error *err) {
  (void)ex; (void)err;
  static const char *const nulls[] = {"doc_type","number","symbol","place","date","year","issuer","province","title","theme","period","signer",NULL};
  static const char *const lists[] = {"references","recipients","units","deadlines","reports",NULL};
  json_t *r = json_object();
  if (!r) return VB_ENOMEM;
  json_object_set_new(r, "source", json_string(doc->source));
  json_object_set_new(r, "sha256", json_string(doc->sha256));
  json_object_set_new(r, "format", json_string(doc->format));
  for (int i = 0; nulls[i]; i++) json_object_set_new(r, nulls[i], json_null());
  for (int i = 0; lists[i]; i++) json_object_set_new(r, lists[i], json_array());
  json_object_set_new(r, "evidence", json_object());
  *out = r;
  return VB_OK;
}
