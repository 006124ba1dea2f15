/*
** cli_ocr.c: the --ocr option shared by `text`, `extract` and `ingest`.
*/
#include <string.h>

#include "../ingest/reader.h"
#include "../query/cli.h"

int cli_parse_ocr(const char *cmd, const char *value, int *mode) {
  if (strcmp(value, "auto") == 0) *mode = VB_OCR_AUTO;
  else if (strcmp(value, "always") == 0) *mode = VB_OCR_ALWAYS;
  else if (strcmp(value, "never") == 0) *mode = VB_OCR_NEVER;
  else return cli_usage_error(cmd, "--ocr takes auto, always or never, not '%s'", value), -1;
  return 0;
}
