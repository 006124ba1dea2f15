/*
** cli_serve.c: `vanban serve` — start the web application (serve/serve.h)
** on an address, say where it listens, and stop cleanly on Ctrl-C or
** SIGTERM.
*/
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "serve.h"
#include "cli.h"

static const cli_opt g_serve_opts[] = {
    {"port", 'p', "N", NULL, "the port (default 8080; 0 picks a free one)"},
    {"bind", 'b', "ADDR", NULL,
     "the address to listen on (default 127.0.0.1, this\n"
     "machine only; 0.0.0.0 opens it to the network)"},
    {"threads", 't', "N", NULL,
     "requests answered at once (default 4), each by a\n"
     "worker with its own connection to the index"},
    {"budget", 'B', "MS", NULL,
     "time allowed to one request's queries (default 5000)"},
    {"cache", 'C', "MB", NULL,
     "memory for answers kept to repeated requests until the\n"
     "index changes (default 64; 0: none)"},
    {"verbose", 'v', NULL, NULL,
     "log each request on stderr: status, path, bytes, time\n"
     "(wall and CPU), worker"},
    {NULL, 0, NULL, NULL, NULL}};

static const cli_opt *const g_serve_tables[] = {cli_opts_db, g_serve_opts,
                                                cli_opts_help, NULL};

static int run(int argc, char **argv);

/* The request log (--verbose): one line on stderr per request, whole. */
static void log_line(void *ctx, const char *line) {
  (void)ctx;
  flockfile(stderr);
  fputs(line, stderr);
  fputc('\n', stderr);
  funlockfile(stderr);
}

const cli_spec cli_spec_serve = {
    "serve", "a web application over the index (search, documents, ...)",
    "[--db FILE] [--port N] [--bind ADDR] [--threads N] [--budget MS]\n"
    "[--cache MB] [--verbose]",
    "Serve the index as a web application: search with facets, documents\n"
    "with their extracted record beside the text, questions, reports,\n"
    "deadlines, a map of the provinces, CSV/JSONL exports and a JSON API\n"
    "under /api/.  Read-only; an ingest may run beside it.  Prints\n"
    "\"listening on http://ADDR:PORT/\" once ready; Ctrl-C stops.  Every\n"
    "answer carries a Server-Timing header (app: wall time in the\n"
    "server, cpu: the worker's CPU time, open: opening the index,\n"
    "cache: hit when the answer came from the answer cache).",
    NULL, g_serve_tables,
    "0 stopped, 2 usage, 3 index missing or unreadable,\n"
    "4 cannot listen.",
    "vanban serve --db vanban.db --port 8080",
    run};

static int run(int argc, char **argv) {
  vb_serve_opts o;
  memset(&o, 0, sizeof o);
  o.port = 8080;
  const char *db = NULL;
  long v;
  int c;
  cli_getopt g;
  cli_getopt_begin(&g, &cli_spec_serve);
  while ((c = cli_getopt_next(&g, argc, argv)) > 0) {
    switch (c) {
      case 'd': db = optarg; break;
      case 'p':
        if ((v = cli_parse_long("serve", "--port", optarg, 0, 65535)) < 0) return CLI_USAGE;
        o.port = (int)v;
        break;
      case 'b': o.bind = optarg; break;
      case 'v': o.log = log_line; break;
      case 't':
        if ((v = cli_parse_long("serve", "--threads", optarg, 1, 64)) < 0) return CLI_USAGE;
        o.threads = (int)v;
        break;
      case 'B':
        if ((v = cli_parse_long("serve", "--budget", optarg, 10, 600000)) < 0) return CLI_USAGE;
        o.budget_ms = (int)v;
        break;
      case 'C':
        if ((v = cli_parse_long("serve", "--cache", optarg, 0, 65536)) < 0) return CLI_USAGE;
        o.cache_mb = v ? (int)v : -1;
        break;
      default: return cli_bad_option("serve", argv);
    }
  }
  if (c < 0) return cli_getopt_exit(c);
  if (optind < argc) return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
  o.db_path = cli_db_path(db);

  /* Block the stop signals before the workers start, so that they go to
  ** sigwait() below and not to a worker thread. */
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  signal(SIGPIPE, SIG_IGN);

  vb_server *srv = NULL;
  vb_error err = {0};
  vb_status rc = vb_serve_start(&o, &srv, &err);
  if (rc != VB_OK) {
    cli_error("%s: %s", rc == VB_EIO || rc == VB_EINVAL ? "serve" : o.db_path,
              vb_error_text(&err, rc));
    return rc == VB_EIO ? CLI_INTERNAL : cli_exit_code(rc);
  }
  const char *bind = o.bind ? o.bind : "127.0.0.1";
  int v6 = strchr(bind, ':') != NULL;
  printf("vanban: serving %s\nlistening on http://%s%s%s:%d/\n", o.db_path, v6 ? "[" : "",
         bind, v6 ? "]" : "", vb_serve_port(srv));
  if (strcmp(bind, "127.0.0.1") == 0 || strcmp(bind, "::1") == 0)
    printf("(this machine only; --bind 0.0.0.0 opens it to the network)\n");
  else
    printf("warning: reachable from the network at %s; there is no login\n", bind);
  printf("Ctrl-C stops.\n");
  fflush(stdout);
  int sig = 0;
  sigwait(&stop, &sig);
  vb_serve_stop(srv);
  fprintf(stderr, "vanban: stopped\n");
  return CLI_OK;
}
