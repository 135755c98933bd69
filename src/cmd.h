/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd.h - what main() hands to a subcommand, and the helpers subcommands share. */
#ifndef IC_CMD_H
#define IC_CMD_H

#include <getopt.h>

#include "collect.h"
#include "findings.h"
#include "ic.h"
#include "output.h"
#include "quirks.h"

/* Global options; they are accepted before the subcommand and among its own options. */
struct ic_ctx {
	const char *sysroot;		/* --sysroot DIR; NULL: this host */
	const char *sysroot_label;	/* what messages call it (report: "snapshot"); NULL: its path */
	const char *dump;		/* --lspci-dump FILE: a pasted dump instead of sysfs */
	const char *datadir;		/* --data-dir DIR; NULL: $ISO_CHECK_DATADIR or IC_DATADIR */
	struct ic_collect_opts collect;	/* -n, -i */
	const struct ic_output_ops *out;	/* chosen once: text or JSON */
	int fail_on;			/* --fail-on: a severity + 1; 0: findings leave the exit alone */
	int worst;			/* the worst severity reported so far; -1: no finding */
};

enum {
	IC_OPT_SYSROOT = 0x100,
	IC_OPT_LIST_COLUMNS,
	IC_OPT_NOHEADINGS,
	IC_OPT_DATADIR,
	IC_OPT_PREDICT,
	IC_OPT_DUMP,
	IC_OPT_ACS_OVERRIDE,
	IC_OPT_CONFIG_ACS,
	IC_OPT_ISOLATE,
	IC_OPT_REDACT,
	IC_OPT_PAGE_SIZE,
	IC_OPT_SEGMENTS,
	IC_OPT_LIST_FINDINGS,
	IC_OPT_FAIL_ON,
};

/* getopt_long entries and short letters of the global options. */
#define IC_GLOBAL_LONGOPTS                                                            \
	{ "sysroot", required_argument, NULL, IC_OPT_SYSROOT },                       \
	{ "data-dir", required_argument, NULL, IC_OPT_DATADIR },                      \
	{ "lspci-dump", required_argument, NULL, IC_OPT_DUMP },                       \
	{ "pci-ids", required_argument, NULL, 'i' },                                  \
	{ "numeric", no_argument, NULL, 'n' },                                        \
	{ "json", no_argument, NULL, 'J' },                                           \
	{ "fail-on", required_argument, NULL, IC_OPT_FAIL_ON },                       \
	{ "help", no_argument, NULL, 'h' },                                           \
	{ "version", no_argument, NULL, 'V' }
#define IC_GLOBAL_SHORTOPTS "i:nJhV"
/* A command's getopt string: ':' first, so that getopt prints nothing and ic_errbadopt() says
 * what is wrong in one line. */
#define IC_OPTSTRING(own) ":" own IC_GLOBAL_SHORTOPTS

bool ic_global_opt(struct ic_ctx *ctx, int c, const char *arg);
IC_NORETURN void ic_errtryhelp(const char *cmd, const char *fmt, ...) IC_PRINTF(2, 3);
IC_NORETURN void ic_errbadopt(const char *cmd, int c, char **argv);
IC_NORETURN void ic_print_version(void);
int ic_load_model(struct ic_ctx *ctx, struct ic_model **m);
bool ic_parse_redact_opts(struct ic_ctx *ctx, int argc, char **argv, const char *cmd,
			  void (*usage)(void));
int ic_load_quirks(struct ic_ctx *ctx, struct ic_quirks **q);
int ic_exit_status(const struct ic_model *m, int status);
void ic_ctx_saw(struct ic_ctx *ctx, enum ic_severity s);

int ic_cmd_groups(struct ic_ctx *ctx, int argc, char **argv);
int ic_cmd_snapshot(struct ic_ctx *ctx, int argc, char **argv);
int ic_cmd_report(struct ic_ctx *ctx, int argc, char **argv);
int ic_cmd_diff(struct ic_ctx *ctx, int argc, char **argv);
int ic_cmd_bridges(struct ic_ctx *ctx, int argc, char **argv);
int ic_cmd_bars(struct ic_ctx *ctx, int argc, char **argv);

#endif
