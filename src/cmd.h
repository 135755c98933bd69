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
#include "select.h"

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
	IC_OPT_JSONL,
	IC_OPT_TEXTFILE,
};

/* One option of a command: getopt_long()'s entry and what --help says of it. */
struct ic_opt {
	const char *name;	/* long name */
	int has_arg;		/* no_argument, required_argument */
	int val;		/* its short letter, or IC_OPT_* for a long option alone */
	const char *arg;	/* "<list>" in --help; NULL: takes none */
	const char *help;	/* one line; a '\n' starts an indented continuation */
};

/* What a command takes and needs; main() acts on these. */
enum {
	IC_CMD_SELECT = 1 << 0,		/* -s and -d select functions */
	IC_CMD_GROUP = 1 << 1,		/* -g selects a group */
	IC_CMD_TABLE = 1 << 2,		/* a column table: -o, --list-columns, --noheadings, -r, -P */
	IC_CMD_MODEL = 1 << 3,		/* main() collects the model before run() */
	IC_CMD_QUIRKS = 1 << 4,		/* main() loads the kernel's quirk tables before run() */
	IC_CMD_DUMP = 1 << 5,		/* works on --lspci-dump */
};

struct ic_command;

/* What the shared parser gathers for a command, and what main() loaded for it. */
struct ic_args {
	const struct ic_command *cmd;
	struct ic_select sel;		/* -s, -d, -g */
	struct ic_out_opts out;		/* -o, --noheadings, -r, -P */
	bool list_columns;
	char **argv;			/* positional arguments */
	int argc;
	unsigned int need;		/* IC_CMD_MODEL, IC_CMD_QUIRKS: what to load; check() may add */
	struct ic_model *model;		/* with IC_CMD_MODEL */
	struct ic_quirks *quirks;	/* with IC_CMD_QUIRKS */
	void *priv;			/* the command's own options (priv_size bytes, zeroed) */
};

/*
 * A command record: main() walks the table of these. Adding a command is one record, its
 * options, a run function, its columns (a table view) and its finding rows (findings.c).
 */
struct ic_command {
	const char *name;
	const char *summary;		/* one line, for iso-check --help */
	const char *synopsis;		/* what follows "iso-check [global options] NAME" */
	const char *description;	/* the paragraph of its --help */
	const char *more;		/* printed after the options (exit statuses); NULL: none */
	const char *man;		/* its pages; NULL: iso-check-NAME(8) */
	unsigned int flags;		/* IC_CMD_* */
	const struct ic_opt *opts;	/* its own options, ended by a NULL name; NULL: none */
	const struct ic_columns *view;	/* with IC_CMD_TABLE */
	const char *nodump;		/* without IC_CMD_DUMP: why --lspci-dump cannot be used */
	int min_args, max_args;		/* positional arguments */
	const char *args_error;		/* the usage error when their number is wrong */
	size_t priv_size;
	/* one of its own options (C as in opts[].val) */
	void (*parse)(struct ic_args *a, int c, const char *arg);
	/* after all options: checks across them; may add to a->need; NULL: none */
	void (*check)(struct ic_ctx *ctx, struct ic_args *a);
	/* run, print, return an exit status (main() turns 0 into 4 for a partial model) */
	int (*run)(struct ic_ctx *ctx, struct ic_args *a);
	/* frees what parse() allocated in priv; NULL: nothing */
	void (*done)(struct ic_args *a);
};

extern const struct ic_command ic_groups_command, ic_bridges_command, ic_bars_command, ic_sriov_command,
	ic_audit_command, ic_metrics_command, ic_snapshot_command, ic_report_command, ic_diff_command;
extern const struct ic_command *const ic_commands[];
extern const size_t ic_ncommands;
extern const struct ic_opt ic_global_opts[];
extern const struct ic_opt ic_redact_opts[];
void ic_redact_parse(struct ic_args *a, int c, const char *arg);

const struct ic_command *ic_command_find(const char *name);
int ic_command_run(struct ic_ctx *ctx, const struct ic_command *cmd, int argc, char **argv);
void ic_print_opts(const struct ic_opt *opts, unsigned int skip);
bool ic_global_opt(struct ic_ctx *ctx, int c, const char *arg);
IC_NORETURN void ic_errtryhelp(const char *cmd, const char *fmt, ...) IC_PRINTF(2, 3);
IC_NORETURN void ic_errbadopt(const char *cmd, int c, char **argv);
IC_NORETURN void ic_print_version(void);
int ic_load_model(struct ic_ctx *ctx, struct ic_model **m);
int ic_load_quirks(struct ic_ctx *ctx, struct ic_quirks **q);
int ic_exit_status(const struct ic_model *m, int status);
void ic_ctx_saw(struct ic_ctx *ctx, enum ic_severity s);
int ic_fail_on_status(const struct ic_ctx *ctx, int rc);

#endif
