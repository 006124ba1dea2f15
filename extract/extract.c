/*
** extract.c: the structured record of one document (see extract.h and the
** extraction spec).
**
** The steps, each reading the line index of extract_lines.c through the
** rules of data/rules.txt:
**
**   1. bounds     where the document proper begins (its header: the issuer
**                 block, the national motto, "Số: ...") and ends (web page
**                 text after it: known site headings, the site repeating
**                 the document's name, anything after the signature block
**                 that is no appendix or attached document); a legal
**                 database's metadata table outside the bounds is kept as a
**                 fallback;
**   2. header     number and symbol, place and date, document type, title,
**                 the issuer block;
**   3. locality   province and district of the issuer, from the header, the
**                 place of issue, the metadata, or the places the body names
**                 (which also choose among districts of one name); none for
**                 a national body;
**   4. issuer     from the header, the closing sentence ("Trên đây là ...
**                 của Sở X"), the preamble ("UBND huyện xây dựng kế hoạch"),
**                 the symbol (KH-UBND), the signing authority;
**   5. body       references, theme, period;
**   6. closing    recipients ("Nơi nhận") and the signature block (read
**                 before the body, as they bound it).
**
** Every value carries evidence: the physical line it was read from.
*/
#include "record_int.h"

/**************************************************************************
** The record
*/

/* Set key to a string (NULL or "" -> null) and its evidence. */
static vb_status put_str(json_t *rec, json_t *ev, const xstate *x,
                         const char *key, const char *s, size_t n,
                         size_t line) {
  if (!s || n == 0) return json_object_set_new(rec, key, json_null())
                               ? VB_ENOMEM
                               : VB_OK;
  json_t *v = json_stringn(s, n);
  if (!v || json_object_set_new(rec, key, v)) return VB_ENOMEM;
  return vb_x_evidence(ev, key, &x->d, line);
}

static vb_status put_cstr(json_t *rec, json_t *ev, const xstate *x,
                          const char *key, const char *s, size_t line) {
  return put_str(rec, ev, x, key, s, s ? strlen(s) : 0, line);
}

static vb_status put_refs(json_t *rec, json_t *ev, xstate *x) {
  json_t *list = json_array();
  if (!list || json_object_set_new(rec, "references", list)) return VB_ENOMEM;
  for (size_t i = 0; i < x->nrefs; i++) {
    const xref *r = &x->refs[i];
    json_t *o = json_object();
    if (!o || json_array_append_new(list, o)) return VB_ENOMEM;
    if (json_object_set_new(o, "type", json_string(r->type)) ||
        json_object_set_new(o, "id", r->id[0] ? json_string(r->id)
                                               : json_null()) ||
        json_object_set_new(o, "date", r->date[0] ? json_string(r->date)
                                                  : json_null()) ||
        json_object_set_new(o, "issuer", r->issuer ? json_string(r->issuer)
                                                   : json_null()) ||
        json_object_set_new(o, "relation",
                            json_string(vb_relation_name(r->rel))))
      return VB_ENOMEM;
    char key[48];
    snprintf(key, sizeof key, "references[%zu]", i);
    VB_TRY(vb_x_evidence(ev, key, &x->d, r->line));
  }
  return VB_OK;
}

/* The first year the title names (0: none). */
static int title_year(const xstate *x) {
  const char *s = x->title.data;
  for (size_t i = 0; s && i + 4 <= x->title.len; i++) {
    if ((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0')) {
      if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
      if (i + 4 < x->title.len && s[i + 4] >= '0' && s[i + 4] <= '9') continue;
      int v = atoi(s + i);
      if (v >= 1900 && v <= 2100) return v;
    }
  }
  return 0;
}

static vb_status build_record(xstate *x, json_t *rec, json_t *ev) {
  char iso[11];
  const vb_doc *doc = x->doc;
  if (json_object_set_new(rec, "source", json_string(doc->source ? doc->source
                                                                 : "")) ||
      json_object_set_new(rec, "sha256", json_string(doc->sha256)) ||
      json_object_set_new(rec, "format", json_string(doc->format ? doc->format
                                                                 : "txt")))
    return VB_ENOMEM;
  /* Only a converted document says so: other records stay as they were. */
  if (doc->encoding[0] &&
      json_object_set_new(rec, "encoding", json_string(doc->encoding)))
    return VB_ENOMEM;
  size_t type_line = x->type_cell != SIZE_MAX ? xs_cell(x, x->type_cell)->line
                                              : x->meta_line[META_TYPE];
  const char *type = x->doc_type;
  if (!type && x->meta[META_TYPE][0])
    type = vb_doctype_canon(x->meta[META_TYPE], strlen(x->meta[META_TYPE]));
  if (!type && x->has_symbol) { /* the symbol's type code */
    type = vb_doctype_from_code(x->symbol, strcspn(x->symbol, "-/"));
    type_line = x->num_cell != SIZE_MAX ? xs_cell(x, x->num_cell)->line : 0;
  }
  VB_TRY(put_cstr(rec, ev, x, "doc_type", type, type_line));
  size_t num_line = x->num_cell != SIZE_MAX ? xs_cell(x, x->num_cell)->line
                                            : x->meta_line[META_NUMBER];
  VB_TRY(put_cstr(rec, ev, x, "number", x->has_number ? x->number : NULL,
                  num_line));
  VB_TRY(put_cstr(rec, ev, x, "symbol", x->has_symbol ? x->symbol : NULL,
                  num_line));
  VB_TRY(put_cstr(rec, ev, x, "place", x->place[0] ? x->place : NULL,
                  x->place_line));
  VB_TRY(put_cstr(rec, ev, x, "date",
                  vb_x_date_iso(&x->date, iso) ? iso : NULL, x->date_line));
  /* year: the date's, else the title's, else the period's */
  if (x->date.y) {
    x->year = x->date.y;
    x->year_line = x->date_line;
  } else if ((x->year = title_year(x)) != 0) {
    x->year_line = xs_cell(x, x->title_first)->line;
  } else if (x->has_period && x->pfrom.y) {
    x->year = x->pfrom.y;
    x->year_line = x->period_line;
  }
  if (x->year) {
    if (json_object_set_new(rec, "year", json_integer(x->year))) return VB_ENOMEM;
    VB_TRY(vb_x_evidence(ev, "year", &x->d, x->year_line));
  } else if (json_object_set_new(rec, "year", json_null())) {
    return VB_ENOMEM;
  }
  VB_TRY(put_str(rec, ev, x, "issuer", x->issuer.data, x->issuer.len,
                 x->issuer_line));
  VB_TRY(put_cstr(rec, ev, x, "province",
                  x->loc.province ? x->loc.province->name : NULL, x->loc_line));
  VB_TRY(put_str(rec, ev, x, "title", x->title.data, x->title.len,
                 x->title_first != SIZE_MAX ? xs_cell(x, x->title_first)->line : 0));
  VB_TRY(put_str(rec, ev, x, "theme", x->theme.data, x->theme.len,
                 x->theme_line));
  if (x->has_period && vb_x_date_iso(&x->pfrom, iso)) {
    char to[11];
    json_t *o = json_object();
    if (!o || json_object_set_new(rec, "period", o) ||
        json_object_set_new(o, "from", json_string(iso)) ||
        json_object_set_new(o, "to", vb_x_date_iso(&x->pto, to)
                                         ? json_string(to)
                                         : json_null()))
      return VB_ENOMEM;
    VB_TRY(vb_x_evidence(ev, "period", &x->d, x->period_line));
  } else if (json_object_set_new(rec, "period", json_null())) {
    return VB_ENOMEM;
  }
  if (x->sig.name.len) {
    json_t *o = json_object();
    if (!o || json_object_set_new(rec, "signer", o) ||
        json_object_set_new(o, "name",
                            json_stringn(x->sig.name.data, x->sig.name.len)) ||
        json_object_set_new(o, "position",
                            x->sig.pos.len ? json_stringn(x->sig.pos.data,
                                                          x->sig.pos.len)
                                           : json_null()) ||
        json_object_set_new(o, "authority",
                            x->sig.auth.len ? json_stringn(x->sig.auth.data,
                                                           x->sig.auth.len)
                                            : json_null()))
      return VB_ENOMEM;
    VB_TRY(vb_x_evidence(ev, "signer", &x->d, x->sig.line));
  } else if (x->meta[META_SIGNER][0]) { /* the web page's "Người ký" */
    json_t *o = json_object();
    if (!o || json_object_set_new(rec, "signer", o) ||
        json_object_set_new(o, "name", json_string(x->meta[META_SIGNER])) ||
        json_object_set_new(o, "position", json_null()) ||
        json_object_set_new(o, "authority", json_null()))
      return VB_ENOMEM;
    VB_TRY(vb_x_evidence(ev, "signer", &x->d, x->meta_line[META_SIGNER]));
  } else if (json_object_set_new(rec, "signer", json_null())) {
    return VB_ENOMEM;
  }
  return put_refs(rec, ev, x);
}

/**************************************************************************
** The extractor
*/

vb_status vb_extractor_new(vb_extractor **out, vb_error *err) {
  vb_extractor *ex = vb_calloc(1, sizeof *ex);
  *out = NULL;
  if (!ex) return vb_error_set(err, VB_ENOMEM, "out of memory");
  vb_status rc = vb_xrules_new(&ex->rules, err);
  if (rc != VB_OK) {
    vb_free(ex);
    return rc;
  }
  *out = ex;
  return VB_OK;
}

void vb_extractor_free(vb_extractor *ex) {
  if (!ex) return;
  vb_xrules_free(ex->rules);
  vb_free(ex);
}

static void xstate_free(xstate *x) {
  vb_xdoc_free(&x->d);
  vb_xmatch_free(&x->m);
  vb_buf_free(&x->title);
  vb_buf_free(&x->issuer);
  vb_buf_free(&x->theme);
  xs_xsig_free(&x->sig);
  for (size_t i = 0; i < x->nrefs; i++) vb_free(x->refs[i].issuer);
  vb_free(x->refs);
}

static vb_status extract_all(xstate *x, json_t *rec, json_t *ev,
                             json_t *recips) {
  xs_find_bounds(x);
  xs_read_number(x);
  VB_TRY(xs_read_place_date(x));
  VB_TRY(xs_read_type_title(x));
  /* the body starts after the title (or the header) */
  x->body_start = x->begin;
  if (x->title_last != SIZE_MAX) x->body_start = x->title_last + 1;
  else if (x->type_cell != SIZE_MAX) x->body_start = x->type_cell + 1;
  else if (x->num_cell != SIZE_MAX) x->body_start = x->num_cell + 1;
  xs_find_end(x, x->body_start);
  xs_read_meta(x);
  if (!x->has_number && !x->has_symbol) xs_read_number(x);
  if (!x->date.y) VB_TRY(xs_read_place_date(x));
  xs_find_summary_end(x);
  VB_TRY(xs_read_recipients(x, recips, ev));
  VB_TRY(xs_read_signer(x));
  VB_TRY(xs_find_tail_end(x));
  xs_read_locality(x);
  VB_TRY(xs_read_issuer(x));
  VB_TRY(xs_read_refs(x));
  VB_TRY(xs_read_theme(x));
  xs_read_period(x);
  VB_TRY(build_record(x, rec, ev));
  return VB_OK;
}

vb_status vb_extract(const vb_extractor *ex, const vb_doc *doc, json_t **out,
                     vb_error *err) {
  xstate x;
  vb_status rc;
  json_t *rec = NULL, *ev = NULL, *recips = NULL;
  *out = NULL;
  if (!ex || !doc || (!doc->text && doc->text_len))
    return vb_error_set(err, VB_EINVAL, "no extractor or no document");
  memset(&x, 0, sizeof x);
  x.doc = doc;
  vb_buf_init(&x.title, VB_CAP_SMALL);
  vb_buf_init(&x.issuer, VB_CAP_SMALL);
  vb_buf_init(&x.theme, VB_CAP_SMALL);
  xs_xsig_init(&x.sig);
  rc = vb_xdoc_build(doc->text ? doc->text : "", doc->text_len, &x.d, err);
  if (rc != VB_OK) goto done;
  if (doc->npages) x.d.paged = doc;
  rc = vb_xmatch_init(&x.m, ex->rules);
  if (rc != VB_OK) goto done;
  rec = json_object();
  ev = json_object();
  recips = json_array();
  if (!rec || !ev || !recips) {
    rc = VB_ENOMEM;
    goto done;
  }
  rc = extract_all(&x, rec, ev, recips);
  if (rc != VB_OK) goto done;
  if (json_object_set(rec, "recipients", recips) ||
      json_object_set_new(rec, "units", json_array()) ||
      json_object_set_new(rec, "deadlines", json_array()) ||
      json_object_set_new(rec, "reports", json_array()) ||
      json_object_set(rec, "evidence", ev)) {
    rc = VB_ENOMEM;
    goto done;
  }
  rc = vb_x_duties(&x.m, &x.d, x.begin, x.end, &x.loc, x.year, rec, ev, err);
  if (rc != VB_OK) goto done;
  if (doc->nocr) { /* text read by OCR: say which pages, how sure */
    json_t *o = json_object(), *pages;
    if (!o || json_object_set_new(rec, "ocr", o) ||
        json_object_set_new(o, "pages", pages = json_array()) ||
        json_object_set_new(o, "confidence",
                            json_real((double)(long)(doc->ocr_conf * 10 + 0.5) / 10))) {
      rc = VB_ENOMEM;
      goto done;
    }
    for (size_t p = 0; p < doc->npages; p++)
      if (doc->page_ocr[p] &&
          json_array_append_new(pages, json_integer((json_int_t)p + 1))) {
        rc = VB_ENOMEM;
        goto done;
      }
  }
  *out = rec;
  rec = NULL;
done:
  json_decref(rec);
  json_decref(ev);
  json_decref(recips);
  xstate_free(&x);
  if (rc != VB_OK && rc != VB_EINVAL && (!err || err->code != rc))
    vb_error_set(err, rc, "%s while extracting %s", vb_strerror(rc),
                 doc->source ? doc->source : "a document");
  return rc;
}

