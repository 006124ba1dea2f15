/*
** probe_index_private.c: a file of the index layer that reaches for the
** extractor's private header.  It must not compile: the test layers.probe
** builds it and expects the build to fail.  (The index layer sees only the
** public headers of the layers below it: extract.h and names.h.)
*/
#include "extract_int.h"

int vb_layers_probe(void);
int vb_layers_probe(void) { return VB_X_EVIDENCE_MAX; }
