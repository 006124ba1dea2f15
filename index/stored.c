/*
** stored.c: the record as the index stores it (see stored.h).  The JSON
** record repeats what the index holds elsewhere: each evidence quotes a
** whole line of the body (several values often quote the same line), and
** the lists (references, recipients, units with their tasks, deadlines,
** reports) are the rows of the list tables.  The stored record leaves both
** out: the lines go once per document to the table lines, a list becomes
** its number of items, and the view records of schema.sql rebuilds the
** record from the tables.
*/
#include "stored.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An evidence entry that may lose its text. */
typedef struct ev_item {
  size_t line, idx; /* line number; position among the entries */
  const char *text;
  size_t len;
} ev_item;

/* Order by line, then by position (the first text of a line is kept). */
static int cmp_item(const void *a, const void *b) {
  const ev_item *x = a, *y = b;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* 1 if `text` is the last member of the evidence entry o (removing it and
** putting it back at the end then keeps the order of the members). */
static int text_is_last(json_t *o) {
  const char *k, *last = NULL;
  json_t *v;
  json_object_foreach(o, k, v) last = k;
  return last && strcmp(last, "text") == 0;
}

/* The evidence object without the texts that lines gives back; *lines as
** in vb_stored_record.  NULL on failure (out of memory). */
static json_t *strip_evidence(json_t *ev, vb_evline **lines, size_t *nl) {
  size_t n = json_object_size(ev), m = 0, i = 0;
  ev_item *it = vb_malloc((n ? n : 1) * sizeof *it);
  unsigned char *strip = vb_calloc(n ? n : 1, 1);
  vb_evline *out = vb_malloc((n ? n : 1) * sizeof *out);
  json_t *nev = json_object();
  const char *k;
  json_t *v;
  if (!it || !strip || !out || !nev) goto fail;
  json_object_foreach(ev, k, v) {
    json_t *line = json_object_get(v, "line"), *t = json_object_get(v, "text");
    if (json_is_integer(line) && json_integer_value(line) > 0 &&
        json_is_string(t) && text_is_last(v))
      it[m++] = (ev_item){(size_t)json_integer_value(line), i,
                          json_string_value(t), json_string_length(t)};
    i++;
  }
  qsort(it, m, sizeof *it, cmp_item);
  for (size_t a = 0; a < m;) {
    size_t b = a;
    out[*nl] = (vb_evline){it[a].line, it[a].text, it[a].len};
    (*nl)++;
    for (; b < m && it[b].line == it[a].line; b++)
      if (it[b].len == it[a].len && memcmp(it[b].text, it[a].text, it[a].len) == 0)
        strip[it[b].idx] = 1;
    a = b;
  }
  i = 0;
  json_object_foreach(ev, k, v) {
    json_t *nv = strip[i++] ? json_copy(v) : json_incref(v);
    if (!nv || (json_is_object(nv) && nv != v && json_object_del(nv, "text")) ||
        json_object_set_new(nev, k, nv))
      goto fail;
  }
  vb_free(it);
  vb_free(strip);
  *lines = out;
  return nev;
fail:
  vb_free(it);
  vb_free(strip);
  vb_free(out);
  *nl = 0;
  json_decref(nev);
  return NULL;
}

/* The lists of the record that the list tables hold whole, with the
** members of their items in the record's order and what each must be:
** 's' a string or null, 'n' a string (the table skips an item without it),
** 'a' an array (stored as JSON text), 't' an array of strings (the rows of
** tasks).  An empty member list: the items are strings.  The view records
** rebuilds each item in this order (keep schema.sql in step). */
static const struct list_spec {
  const char *key;
  const char *members[7];
  const char *kinds;
} g_lists[] = {
    {"references", {"type", "id", "date", "issuer", "relation"}, "sssss"},
    {"recipients", {NULL}, ""},
    {"units", {"name", "canonical", "tasks"}, "nst"},
    {"deadlines", {"date", "recurs", "what", "who", "to"}, "sssas"},
    {"reports", {"from", "to", "via", "by", "from_canonical", "to_canonical"},
     "ssssss"},
};

/* 1 if v is what kind k asks for. */
static int kind_ok(char k, json_t *v) {
  size_t i;
  json_t *t;
  switch (k) {
    case 's': return json_is_string(v) || json_is_null(v);
    case 'n': return json_is_string(v);
    case 'a': return json_is_array(v);
    case 't':
      if (!json_is_array(v)) return 0;
      json_array_foreach(v, i, t) if (!json_is_string(t)) return 0;
      return 1;
  }
  return 0;
}

/* 1 if every item of list is as spec says: the table then holds it whole,
** and the view gives it back from the table alone. */
static int list_in_table(const struct list_spec *spec, json_t *list) {
  size_t i, n = strlen(spec->kinds);
  json_t *it;
  if (!json_is_array(list)) return 0;
  json_array_foreach(list, i, it) {
    if (n == 0) {
      if (!json_is_string(it)) return 0;
      continue;
    }
    if (!json_is_object(it) || json_object_size(it) != n) return 0;
    size_t m = 0;
    const char *k;
    json_t *v;
    json_object_foreach(it, k, v) {
      if (strcmp(k, spec->members[m]) != 0 || !kind_ok(spec->kinds[m], v))
        return 0;
      m++;
    }
  }
  return 1;
}

/* 1 if v is an evidence entry the row of a list table gives back whole:
** {"line": N} alone (its text, if any, went to lines), N the row's line. */
static int line_only(json_t *v) {
  return json_is_object(v) && json_object_size(v) == 1 &&
         json_is_integer(json_object_get(v, "line"));
}

/* The evidence ev with the entries of each list the tables hold whole
** (whole[i] for g_lists[i]) as one member "KEY[]" (its number of items):
** the entries "KEY[0]" ... "KEY[n-1]" one after the other, each
** line_only(), the line being the one the table's row keeps.  Other
** entries, and every entry of a list written otherwise, stay.  NULL on
** failure (out of memory). */
static json_t *collapse_evidence(json_t *ev, json_t *const *lists,
                                 const int *whole) {
  size_t n = json_object_size(ev), m = 0;
  const char **keys = vb_malloc((n ? n : 1) * sizeof *keys);
  json_t **vals = vb_malloc((n ? n : 1) * sizeof *vals);
  json_t *out = json_object();
  const char *k;
  json_t *v;
  if (!keys || !vals || !out) goto fail;
  json_object_foreach(ev, k, v) {
    size_t kl = strlen(k);
    if (kl >= 2 && strcmp(k + kl - 2, "[]") == 0) { /* not ours: keep all */
      vb_free(keys);
      vb_free(vals);
      json_decref(out);
      return json_incref(ev);
    }
    keys[m] = k;
    vals[m++] = v;
  }
  for (size_t i = 0; i < m;) {
    size_t run = 0;
    for (size_t l = 0; l < sizeof g_lists / sizeof *g_lists && !run; l++) {
      size_t items = json_array_size(lists[l]), kl = strlen(g_lists[l].key);
      if (!whole[l] || items == 0 || i + items > m ||
          strncmp(keys[i], g_lists[l].key, kl) != 0 || keys[i][kl] != '[')
        continue;
      size_t j = 0;
      for (; j < items; j++) {
        char want[64];
        snprintf(want, sizeof want, "%s[%zu]", g_lists[l].key, j);
        if (strcmp(keys[i + j], want) != 0 || !line_only(vals[i + j])) break;
      }
      if (j < items) continue;
      char key[64];
      snprintf(key, sizeof key, "%s[]", g_lists[l].key);
      if (json_object_set_new(out, key, json_integer((json_int_t)items)))
        goto fail;
      run = items;
    }
    if (run) {
      i += run;
    } else if (json_object_set(out, keys[i], vals[i])) {
      goto fail;
    } else {
      i++;
    }
  }
  vb_free(keys);
  vb_free(vals);
  return out;
fail:
  vb_free(keys);
  vb_free(vals);
  json_decref(out);
  return NULL;
}

vb_status vb_stored_record(json_t *rec, char **json, vb_evline **lines,
                           size_t *nlines) {
  *json = NULL;
  *lines = NULL;
  *nlines = 0;
  json_t *copy = json_copy(rec); /* shallow: members are shared */
  if (!copy) return VB_ENOMEM;
  json_t *ev = json_object_get(rec, "evidence");
  vb_status rc = VB_OK;
  enum { NLISTS = sizeof g_lists / sizeof *g_lists };
  json_t *lists[NLISTS];
  int whole[NLISTS];
  for (size_t i = 0; i < NLISTS; i++) {
    lists[i] = json_object_get(rec, g_lists[i].key);
    whole[i] = list_in_table(&g_lists[i], lists[i]);
  }
  if (json_is_object(ev)) {
    json_t *nev = strip_evidence(ev, lines, nlines);
    json_t *cev = nev ? collapse_evidence(nev, lists, whole) : NULL;
    json_decref(nev);
    if (!cev || json_object_set_new(copy, "evidence", cev)) rc = VB_ENOMEM;
  }
  /* A list the tables hold whole is stored as its number of items. */
  for (size_t i = 0; rc == VB_OK && i < NLISTS; i++) {
    if (whole[i] &&
        json_object_set_new(copy, g_lists[i].key,
                            json_integer((json_int_t)json_array_size(lists[i]))))
      rc = VB_ENOMEM;
  }
  if (rc == VB_OK && !(*json = json_dumps(copy, JSON_COMPACT))) rc = VB_ENOMEM;
  json_decref(copy);
  if (rc != VB_OK) {
    vb_free(*lines);
    *lines = NULL;
    *nlines = 0;
  }
  return rc;
}
