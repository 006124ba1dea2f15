/*
** vanban.h: the library's interface for front ends.
**
** The command line (cli/), the web server and the benchmark tools include
** this header alone.  It gathers the public headers of every layer, each
** of which states what it offers and who frees what:
**
**   vb.h, buf.h     status codes and one-line errors, allocation, buffers
**   reader.h        reading a file into a vb_doc (text and properties)
**   extract.h       the extraction record of a document
**   index.h         opening the SQLite index, storing and reading documents
**   pipeline.h      ingesting files and directories (threads, batches)
**   paragraphs.h    a text's paragraphs
**   works.h         the files of one document (works)
**   query.h         search, paragraph search, similar wording, facets
**   ask.h           questions in Vietnamese and English
**   graph.h         references resolved: trees, comparisons, status
*/
#ifndef VB_VANBAN_H
#define VB_VANBAN_H

#include "vb.h"
#include "buf.h"
#include "reader.h"
#include "extract.h"
#include "index.h"
#include "pipeline.h"
#include "paragraphs.h"
#include "works.h"
#include "query.h"
#include "ask.h"
#include "graph.h"

#endif /* VB_VANBAN_H */
