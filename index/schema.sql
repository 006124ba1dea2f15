-- schema.sql: the vanban index (one SQLite file).  Embedded into the
-- program at build time; README.md documents every table for people who
-- open the file with sqlite3, pandas or Datasette.
--
-- Every extracted value keeps the line of the document text it was read
-- from: `line` (1-based line of texts.body) and `evidence` (that line,
-- stored once in lines, see below; the views at the end give it back
-- beside line).
-- Deleting a row of `documents` deletes every row that belongs to it.

CREATE TABLE IF NOT EXISTS meta(
  key   TEXT PRIMARY KEY,
  value TEXT
);

-- One row per ingested file, with the scalar fields of its record.
CREATE TABLE IF NOT EXISTS documents(
  id               INTEGER PRIMARY KEY,
  source           TEXT NOT NULL UNIQUE,  -- path as ingested
  sha256           TEXT NOT NULL,         -- hash of the file's bytes
  format           TEXT NOT NULL,         -- txt, md, docx, odt
  size             INTEGER,               -- bytes on disk
  mtime            INTEGER,               -- file time, Unix seconds
  ingested_at      TEXT NOT NULL,         -- UTC, ISO 8601
  doc_type         TEXT,                  -- Kế hoạch, Quyết định, ...
  number           TEXT,                  -- "622"; NULL when left blank
  symbol           TEXT,                  -- "KH-UBND"
  place            TEXT,                  -- place of issue
  date             TEXT,                  -- ISO date, or YYYY-MM / YYYY
  year             INTEGER,
  issuer           TEXT,                  -- canonical name with locality
  province         TEXT,                  -- province of the issuer
  province_2025    TEXT,                  -- province it belongs to since 2025-07-01
  title            TEXT,
  theme            TEXT,
  period_from      TEXT,
  period_to        TEXT,
  signer_name      TEXT,
  signer_position  TEXT,
  signer_authority TEXT,
  prop_title       TEXT,                  -- DOCX/ODT document properties
  prop_creator     TEXT,
  prop_created     TEXT,
  prop_modified    TEXT
);
CREATE INDEX IF NOT EXISTS documents_province ON documents(province);
CREATE INDEX IF NOT EXISTS documents_year ON documents(year);
CREATE INDEX IF NOT EXISTS documents_date ON documents(date);
CREATE INDEX IF NOT EXISTS documents_number ON documents(number, symbol);

-- The full JSON record of each document, with evidence (what `vanban
-- dump` prints), is the view records below.  Plain JSON text, so that
-- sqlite3, pandas or Datasette read it with json_extract() and nothing of
-- vanban's.  Kept apart from documents so that a search that joins
-- documents for its filters reads small rows.  What is stored is the
-- record less what other tables hold already: each evidence without its
-- text (the line's text is in lines), each list that the list tables
-- hold whole as its number of items, and the evidence of such a list
-- ("reports[0]": {"line": 77}, "reports[1]": ...), when it is only the
-- line of each row in the order of the rows, as one member "reports[]"
-- (the number of items).  The view puts them back.
CREATE TABLE IF NOT EXISTS record_rows(
  doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  record TEXT NOT NULL
);

-- The lines of a text that evidence quotes, each once per document (view
-- lines below: doc_id, line, text): the line trimmed, at most 1,000 bytes
-- (the evidence text of the record and of the list tables).  They are
-- line_rows with their text kept once in line_texts: plans quote the same
-- lines word for word, so most quoted lines repeat.
CREATE TABLE IF NOT EXISTS line_rows(
  doc_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  line    INTEGER NOT NULL,             -- 1-based line of texts.body
  text_id INTEGER NOT NULL,             -- line_texts.id
  PRIMARY KEY(doc_id, line)
) WITHOUT ROWID;
-- Each distinct text of a quoted line or of a heading (headings below)
-- once, numbered in the order the texts came, and found by a 63-bit hash
-- of the text in line_keys (the next free number when another text has
-- it); a text no row uses any more is removed at the end of the ingest
-- that removed or replaced its documents.
CREATE TABLE IF NOT EXISTS line_texts(
  id   INTEGER PRIMARY KEY,
  text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS line_keys(
  hash INTEGER PRIMARY KEY,
  id   INTEGER NOT NULL                 -- line_texts.id
) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS lines AS
  SELECT r.doc_id AS doc_id, r.line AS line,
         (SELECT x.text FROM line_texts x WHERE x.id = r.text_id) AS text
  FROM line_rows r;

-- The text vanban read: body (one line per paragraph) and extra (headers
-- and footers of DOCX/ODT, searchable but apart from the body).
CREATE TABLE IF NOT EXISTS texts(
  doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  body   TEXT NOT NULL,
  extra  TEXT
);

-- Documents cited with a number: "Quyết định số 1790/QĐ-TTg ngày ...".
CREATE TABLE IF NOT EXISTS ref_rows(
  doc_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq      INTEGER NOT NULL,              -- position in the record's list
  type     TEXT,                          -- Quyết định, Nghị định, ...
  ref_id   TEXT,                          -- "1790/QĐ-TTg"
  date     TEXT,
  issuer   TEXT,
  line     INTEGER,
  relation TEXT,                          -- implements, basis, cites, ...
  PRIMARY KEY(doc_id, seq)
);
CREATE INDEX IF NOT EXISTS refs_id ON ref_rows(ref_id);

-- Files of one document (index/works.h): the .txt, the .docx and the PDF
-- of one plan are one work.  Files join when their identity agrees
-- (issuer, number and symbol, date) or, where it is missing, when their
-- words are near-duplicates (MinHash of 3-word shingles); a file with the
-- same identity and differing text is a version (a draft, a revision).
-- One file per work stands for it (rep = 1): counts, facets and answers
-- count works through it.
CREATE TABLE IF NOT EXISTS works(
  doc_id     INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  work_id    INTEGER NOT NULL,          -- documents.id of the work's first file
  kind       TEXT NOT NULL,             -- first, copy or version
  matched_by TEXT,                      -- identity or text (NULL: first)
  similarity REAL,                      -- estimated share of shingles in common
  pref       INTEGER NOT NULL,          -- preference to stand for the work
  rep        INTEGER NOT NULL,          -- 1: the file that stands for it
  minhash    BLOB                       -- signature (NULL: too few words)
);
CREATE INDEX IF NOT EXISTS works_work ON works(work_id);
-- Locality-sensitive buckets of the signatures: candidates share one.
CREATE TABLE IF NOT EXISTS work_bands(
  band   INTEGER NOT NULL,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  PRIMARY KEY(band, doc_id)
) WITHOUT ROWID;
-- When the file standing for a work goes, the next preferred one does.
CREATE TRIGGER IF NOT EXISTS works_rep_gone AFTER DELETE ON works
WHEN old.rep = 1 BEGIN
  UPDATE works SET rep = 1 WHERE doc_id = (
    SELECT w.doc_id FROM works w JOIN documents d ON d.id = w.doc_id
    WHERE w.work_id = old.work_id ORDER BY w.pref DESC, d.source DESC LIMIT 1);
END;

-- The "Nơi nhận" list, as written.
CREATE TABLE IF NOT EXISTS recipient_rows(
  doc_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq      INTEGER NOT NULL,
  name     TEXT NOT NULL,
  line     INTEGER,
  PRIMARY KEY(doc_id, seq)
);

-- Units given tasks in the organising section, and their tasks.
CREATE TABLE IF NOT EXISTS unit_rows(
  doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  name      TEXT NOT NULL,                -- as written (cleaned up)
  canonical TEXT,                         -- canonical body, with locality
  key       TEXT,                         -- lookup key of canonical (see below)
  line      INTEGER,
  PRIMARY KEY(doc_id, seq)
);
-- The tasks (view tasks below: doc_id, unit_seq, seq, text, line) are
-- task_rows with their text kept once in task_texts: plans copy the same
-- tasks word for word, so most task texts repeat.
CREATE TABLE IF NOT EXISTS task_rows(
  doc_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  unit_seq INTEGER NOT NULL,              -- units.seq of the assigned unit
  seq      INTEGER NOT NULL,
  text_id  INTEGER NOT NULL,              -- task_texts.id
  line     INTEGER,
  PRIMARY KEY(doc_id, unit_seq, seq)
) WITHOUT ROWID;
-- Each distinct task text once.  id is a 63-bit hash of the text (the next
-- free number when another text has it); a text no task uses any more is
-- removed at the end of the ingest that removed or replaced its documents.
CREATE TABLE IF NOT EXISTS task_texts(
  id   INTEGER PRIMARY KEY,
  text TEXT NOT NULL
);
CREATE VIEW IF NOT EXISTS tasks AS
  SELECT r.doc_id AS doc_id, r.unit_seq AS unit_seq, r.seq AS seq,
         (SELECT x.text FROM task_texts x WHERE x.id = r.text_id) AS text,
         r.line AS line
  FROM task_rows r;

-- Dated duties.  date: ISO, YYYY-MM, or --MM-DD with recurs = 'yearly'.
CREATE TABLE IF NOT EXISTS deadline_rows(
  doc_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq      INTEGER NOT NULL,
  date     TEXT,
  recurs   TEXT,
  what     TEXT,
  who      TEXT,                          -- JSON array of unit names
  to_body  TEXT,
  line     INTEGER,
  PRIMARY KEY(doc_id, seq)
);
CREATE INDEX IF NOT EXISTS deadlines_date ON deadline_rows(date);

-- Reporting duties: from -> to (via), by a date.
CREATE TABLE IF NOT EXISTS report_rows(
  doc_id         INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  from_unit      TEXT,                    -- as written
  from_canonical TEXT,                    -- canonical body, with locality
  to_body        TEXT,                    -- canonical, as the plan names it
  to_canonical   TEXT,                    -- canonical, with locality
  to_key         TEXT,                    -- lookup key of to_body (see below)
  via            TEXT,
  by_date        TEXT,
  line           INTEGER,
  PRIMARY KEY(doc_id, seq)
);
CREATE INDEX IF NOT EXISTS reports_to ON report_rows(to_body);
-- A lookup key is a name folded to ASCII letters and digits ("Sở LĐ-TB&XH"
-- -> "soldtbvaxh"), so that questions find a body by the prefix of its
-- canonical name whatever the spelling (answer_order below lists the rows
-- of a key).

-- The answers of three questions, in the order they list them (query/
-- ask_answer.c): who reports to a body (kind 1, key = reports.to_key),
-- which plans give a unit tasks (kind 2, key = units.key) and the yearly
-- duties of a month (kind 3, key = their --MM-DD date, province and date
-- 0).  One row per reporting duty, per unit with a key and per yearly duty
-- with a date, stored in answer order (by key, then province, date and file
-- of the document, then place in the plan), with the columns the answer
-- shows from its own row, so that a question reads its answers one after
-- another and stops at its cap, without a lookup in reports, units or
-- deadlines per answer (the document's columns and the evidence line are
-- read from documents and lines).  A document without a province or a date
-- has 0 there (sorting first, as NULL does).  Written by vanban beside each
-- row; deleted with its document by the trigger below (the table has no
-- index by document: the trigger finds a document's rows by their keys).
CREATE TABLE IF NOT EXISTS answer_order(
  kind      INTEGER NOT NULL,              -- 1: reports, 2: units, 3: yearly duties
  key       TEXT NOT NULL,                 -- the lookup key
  province  NOT NULL,                      -- documents.province, or 0
  date      NOT NULL,                      -- documents.date, or 0
  source    TEXT NOT NULL,                 -- documents.source
  seq       INTEGER NOT NULL,              -- reports/units/deadlines.seq
  doc_id    INTEGER NOT NULL,              -- documents.id
  year      INTEGER,                       -- documents.year
  name      TEXT,                          -- reports.from_unit, units.name
  canonical TEXT,                          -- reports.from_canonical, units.canonical
  to_body   TEXT,                          -- reports.to_body, deadlines.to_body
  via       TEXT,                          -- reports.via
  by_date   TEXT,                          -- reports.by_date
  what      TEXT,                          -- deadlines.what
  who       TEXT,                          -- deadlines.who
  tasks     INTEGER,                       -- the unit's number of tasks
  line      INTEGER,                       -- the row's evidence line
  PRIMARY KEY(kind, key, province, date, source, seq)
) WITHOUT ROWID;
-- A document's rows, found by their keys, go before it (its list rows are
-- still there to give them).
CREATE TRIGGER IF NOT EXISTS answer_order_delete BEFORE DELETE ON documents
BEGIN
  DELETE FROM answer_order WHERE kind = 1 AND key IN (
      SELECT to_key FROM report_rows WHERE doc_id = old.id)
    AND province = coalesce(old.province, 0) AND date = coalesce(old.date, 0)
    AND source = old.source;
  DELETE FROM answer_order WHERE kind = 2 AND key IN (
      SELECT key FROM unit_rows WHERE doc_id = old.id)
    AND province = coalesce(old.province, 0) AND date = coalesce(old.date, 0)
    AND source = old.source;
  DELETE FROM answer_order WHERE kind = 3 AND key IN (
      SELECT date FROM deadline_rows WHERE doc_id = old.id AND recurs = 'yearly')
    AND province = 0 AND date = 0 AND source = old.source;
END;
-- The provinces merged into one since July 2025: a question about a
-- province reads their documents by this index.
CREATE INDEX IF NOT EXISTS documents_province_2025
  ON documents(province_2025, province);
-- The files that do not stand for their document (works.rep = 0): few, so
-- a question checks each answer against this small index.
CREATE INDEX IF NOT EXISTS works_hidden ON works(doc_id) WHERE rep = 0;

-- Paragraphs of the text (of four words or more), for precedent search:
-- the wording another plan used for the same duty, with the heading it
-- falls under.  A paragraph is
-- the bytes [start, start + len) of texts.body (the view paragraph_text
-- shows them as text).  fingerprint is the same for the same words in the
-- same order (any case, tone placement or punctuation), which groups a
-- wording repeated across documents.
-- The view paragraphs adds each paragraph's heading, kept once per
-- document in heading_rows (a heading stands above tens of paragraphs),
-- its text once in line_texts (plans repeat their headings word for word).
CREATE TABLE IF NOT EXISTS paragraph_rows(
  doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,            -- position among its paragraphs
  line        INTEGER NOT NULL,            -- first line in texts.body
  start       INTEGER NOT NULL,            -- byte offset in texts.body
  len         INTEGER NOT NULL,            -- bytes
  heading_seq INTEGER,                     -- heading_rows.seq of the heading above it
  fingerprint INTEGER NOT NULL,
  PRIMARY KEY(doc_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS paragraphs_fingerprint ON paragraph_rows(fingerprint);
CREATE TABLE IF NOT EXISTS heading_rows(
  doc_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq     INTEGER NOT NULL,                -- in the order of the text
  text_id INTEGER NOT NULL,                -- line_texts.id of the heading line
  PRIMARY KEY(doc_id, seq)
) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS headings AS
  SELECT h.doc_id AS doc_id, h.seq AS seq,
         (SELECT x.text FROM line_texts x WHERE x.id = h.text_id) AS text
  FROM heading_rows h;
CREATE VIEW IF NOT EXISTS paragraphs AS
  SELECT p.doc_id AS doc_id, p.seq AS seq, p.line AS line, p.start AS start,
         p.len AS len,
         (SELECT x.text FROM heading_rows h JOIN line_texts x
          ON x.id = h.text_id WHERE h.doc_id = p.doc_id
          AND h.seq = p.heading_seq) AS heading,
         p.fingerprint AS fingerprint
  FROM paragraph_rows p;
CREATE VIEW IF NOT EXISTS paragraph_text AS
  SELECT p.doc_id, p.seq, p.line, p.heading, p.fingerprint,
         CAST(substr(CAST(t.body AS BLOB), p.start + 1, p.len) AS TEXT) AS text
  FROM paragraphs p JOIN texts t ON t.doc_id = p.doc_id;

-- Each document's province (as written and as merged in 2025) and year as
-- facet tokens, for docs_fts: "\x01p:Điện_Biên p:Điện_Biên y:2020" (a list
-- the tokenizer reads as written, see index/tokenizer.h).  A search under
-- a province or a year asks docs_fts for the matches that also hold the
-- filter's token, so its cost follows the documents the filter keeps, not
-- every document holding the words.
CREATE VIEW IF NOT EXISTS doc_facets AS
  SELECT id, char(1) || 'p:' || replace(ifnull(province, ''), ' ', '_') ||
         ' p:' || replace(ifnull(province_2025, ''), ' ', '_') ||
         ' y:' || ifnull(year, '') AS facets
  FROM documents;

-- Full-text index over title, theme, body and extra, with the Vietnamese
-- tokenizer, and the facets above (not part of any score); the text itself
-- lives in documents and texts.
CREATE VIEW IF NOT EXISTS doc_content AS
  SELECT d.id AS id, d.title AS title, d.theme AS theme,
         t.body AS body, t.extra AS extra, f.facets AS facets
  FROM documents d JOIN texts t ON t.doc_id = d.id
  JOIN doc_facets f ON f.id = d.id;
CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(
  title, theme, body, extra, facets,
  content = 'doc_content', content_rowid = 'id',
  tokenize = 'vietnamese'
);

-- The titles and themes alone: a small index that ranks documents for a
-- query matching most of the collection (a common phrase), where scoring
-- every match in docs_fts would be slow.
CREATE VIRTUAL TABLE IF NOT EXISTS titles_fts USING fts5(
  title, theme,
  content = 'doc_content', content_rowid = 'id',
  tokenize = 'vietnamese'
);

-- The tables as they read with their evidence: each view is its table
-- (record_rows, ref_rows, recipient_rows, unit_rows, deadline_rows,
-- report_rows) with the evidence line's text taken from lines, and the
-- record made whole again (evidence texts and lists put back, in the order
-- of index/stored.c).  A question or a researcher reads these; vanban
-- writes the tables.
CREATE VIEW IF NOT EXISTS records AS
  SELECT r.doc_id AS doc_id, json_replace(r.record,
    '$.references', CASE json_type(r.record, '$.references')
      WHEN 'integer' THEN json((
        SELECT json_group_array(json_object('type', x.type, 'id', x.ref_id,
          'date', x.date, 'issuer', x.issuer, 'relation', x.relation))
        FROM ref_rows x WHERE x.doc_id = r.doc_id))
      ELSE json(r.record -> '$.references') END,
    '$.recipients', CASE json_type(r.record, '$.recipients')
      WHEN 'integer' THEN json((
        SELECT json_group_array(x.name) FROM recipient_rows x
        WHERE x.doc_id = r.doc_id))
      ELSE json(r.record -> '$.recipients') END,
    '$.units', CASE json_type(r.record, '$.units')
      WHEN 'integer' THEN json((
        SELECT json_group_array(json_object('name', x.name,
          'canonical', x.canonical, 'tasks', json((
            SELECT json_group_array(t.text) FROM tasks t
            WHERE t.doc_id = x.doc_id AND t.unit_seq = x.seq))))
        FROM unit_rows x WHERE x.doc_id = r.doc_id))
      ELSE json(r.record -> '$.units') END,
    '$.deadlines', CASE json_type(r.record, '$.deadlines')
      WHEN 'integer' THEN json((
        SELECT json_group_array(json_object('date', x.date,
          'recurs', x.recurs, 'what', x.what, 'who', json(x.who),
          'to', x.to_body))
        FROM deadline_rows x WHERE x.doc_id = r.doc_id))
      ELSE json(r.record -> '$.deadlines') END,
    '$.reports', CASE json_type(r.record, '$.reports')
      WHEN 'integer' THEN json((
        SELECT json_group_array(json_object('from', x.from_unit,
          'to', x.to_body, 'via', x.via, 'by', x.by_date,
          'from_canonical', x.from_canonical,
          'to_canonical', x.to_canonical))
        FROM report_rows x WHERE x.doc_id = r.doc_id))
      ELSE json(r.record -> '$.reports') END,
    '$.evidence', CASE json_type(r.record, '$.evidence')
      WHEN 'object' THEN json((
        SELECT json_group_object(CASE WHEN e.type = 'integer'
            AND e.key GLOB '*[[]]' THEN substr(e.key, 1, length(e.key) - 1)
            || coalesce(x1.seq, x2.seq, x3.seq, x4.seq, x5.seq) || ']'
          ELSE e.key END,
          CASE WHEN e.type = 'object' THEN json(json_insert(e.value, '$.text', (
            SELECT t.text FROM line_rows l JOIN line_texts t
            ON t.id = l.text_id WHERE l.doc_id = r.doc_id
            AND l.line = json_extract(e.value, '$.line'))))
          WHEN e.type = 'integer' AND e.key GLOB '*[[]]' THEN json(json_insert(
            json_object('line', coalesce(x1.line, x2.line, x3.line, x4.line,
                                         x5.line)), '$.text', (
            SELECT t.text FROM line_rows l JOIN line_texts t
            ON t.id = l.text_id WHERE l.doc_id = r.doc_id
            AND l.line = coalesce(x1.line, x2.line, x3.line, x4.line,
                                  x5.line))))
          ELSE e.value END)
        FROM json_each(r.record, '$.evidence') e
        LEFT JOIN ref_rows x1 ON x1.doc_id = iif(e.type = 'integer'
          AND e.key = 'references[]', r.doc_id, NULL)
        LEFT JOIN recipient_rows x2 ON x2.doc_id = iif(e.type = 'integer'
          AND e.key = 'recipients[]', r.doc_id, NULL)
        LEFT JOIN unit_rows x3 ON x3.doc_id = iif(e.type = 'integer'
          AND e.key = 'units[]', r.doc_id, NULL)
        LEFT JOIN deadline_rows x4 ON x4.doc_id = iif(e.type = 'integer'
          AND e.key = 'deadlines[]', r.doc_id, NULL)
        LEFT JOIN report_rows x5 ON x5.doc_id = iif(e.type = 'integer'
          AND e.key = 'reports[]', r.doc_id, NULL)))
      ELSE json(r.record -> '$.evidence') END) AS record
  FROM record_rows r;
CREATE VIEW IF NOT EXISTS refs AS
  SELECT x.doc_id AS doc_id, x.seq AS seq, x.type AS type,
         x.ref_id AS ref_id, x.date AS date, x.issuer AS issuer,
         x.line AS line,
         (SELECT t.text FROM line_rows l JOIN line_texts t ON t.id = l.text_id
          WHERE l.doc_id = x.doc_id AND l.line = x.line) AS evidence,
         x.relation AS relation
  FROM ref_rows x;
CREATE VIEW IF NOT EXISTS recipients AS
  SELECT x.doc_id AS doc_id, x.seq AS seq, x.name AS name, x.line AS line,
         (SELECT t.text FROM line_rows l JOIN line_texts t ON t.id = l.text_id
          WHERE l.doc_id = x.doc_id AND l.line = x.line) AS evidence
  FROM recipient_rows x;
CREATE VIEW IF NOT EXISTS units AS
  SELECT x.doc_id AS doc_id, x.seq AS seq, x.name AS name,
         x.canonical AS canonical, x.key AS key, x.line AS line,
         (SELECT t.text FROM line_rows l JOIN line_texts t ON t.id = l.text_id
          WHERE l.doc_id = x.doc_id AND l.line = x.line) AS evidence
  FROM unit_rows x;
CREATE VIEW IF NOT EXISTS deadlines AS
  SELECT x.doc_id AS doc_id, x.seq AS seq, x.date AS date,
         x.recurs AS recurs, x.what AS what, x.who AS who,
         x.to_body AS to_body, x.line AS line,
         (SELECT t.text FROM line_rows l JOIN line_texts t ON t.id = l.text_id
          WHERE l.doc_id = x.doc_id AND l.line = x.line) AS evidence
  FROM deadline_rows x;
CREATE VIEW IF NOT EXISTS reports AS
  SELECT x.doc_id AS doc_id, x.seq AS seq, x.from_unit AS from_unit,
         x.from_canonical AS from_canonical, x.to_body AS to_body,
         x.to_canonical AS to_canonical, x.to_key AS to_key, x.via AS via,
         x.by_date AS by_date, x.line AS line,
         (SELECT t.text FROM line_rows l JOIN line_texts t ON t.id = l.text_id
          WHERE l.doc_id = x.doc_id AND l.line = x.line) AS evidence
  FROM report_rows x;
