/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd.c - the command table and what every command shares: one option parser (global
 * options, selection, output options, then the command's own), one --help layout, loading
 * what a command's flags ask for, and the exit status.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "ic.h"

/* Subcommands are matched exactly; an alias would be a row of its own. */
const struct ic_command *const ic_commands[] = {
	&ic_groups_command, &ic_bridges_command, &ic_bars_command, &ic_sriov_command,
	&ic_audit_command, &ic_metrics_command, &ic_snapshot_command, &ic_report_command, &ic_diff_command,
};
const size_t ic_ncommands = IC_ARRAY_SIZE(ic_commands);

/* The global options: before the command or among its own, the same everywhere. */
const struct ic_opt ic_global_opts[] = {
	{ "sysroot", required_argument, IC_OPT_SYSROOT, "<dir>",
	  "read a recorded tree or snapshot (sys/, proc/) instead of this host" },
	{ "lspci-dump", required_argument, IC_OPT_DUMP, "<file>",
	  "read lspci -vv(nn) text or an -x/-xxx/-xxxx dump instead of this host" },
	{ "data-dir", required_argument, IC_OPT_DATADIR, "<dir>", "read the quirk tables from <dir>" },
	{ "pci-ids", required_argument, 'i', "<file>", "use this PCI ID database for names" },
	{ "numeric", no_argument, 'n', NULL, "show numbers only, no names" },
	{ "json", no_argument, 'J', NULL, "print JSON" },
	{ "fail-on", required_argument, IC_OPT_FAIL_ON, "<level>",
	  "exit 6 or 7 on findings of note, warn or fail and above" },
	{ "help", no_argument, 'h', NULL, "display this help" },
	{ "version", no_argument, 'V', NULL, "display version" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct ic_opt ic_select_opts[] = {
	{ "slot", required_argument, 's', "<[[[domain]:]bus]:][slot][.[func]]>",
	  "only functions at matching addresses (lspci -s)" },
	{ "device", required_argument, 'd', "<[vendor]:[device][:class[:prog-if]]>",
	  "only functions with matching IDs (lspci -d)" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct ic_opt ic_group_opts[] = {
	{ "group", required_argument, 'g', "<N>", "only group N" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct ic_opt ic_table_opts[] = {
	{ "output", required_argument, 'o', "<list>",
	  "columns to show, or +<list> to add to the defaults\n(see --list-columns)" },
	{ "list-columns", no_argument, IC_OPT_LIST_COLUMNS, NULL, "list the columns and exit" },
	{ "noheadings", no_argument, IC_OPT_NOHEADINGS, NULL, "do not print column headings" },
	{ "raw", no_argument, 'r', NULL, "raw table: one blank between columns, one row a line" },
	{ "pairs", no_argument, 'P', NULL, "KEY=\"value\" pairs, one row a line" },
	{ "jsonl", no_argument, IC_OPT_JSONL, NULL,
	  "JSON lines: a summary, then one object per row and\nper finding, each with host and view" },
	{ NULL, 0, 0, NULL, NULL },
};

const struct ic_command *ic_command_find(const char *name)
{
	for (size_t i = 0; i < ic_ncommands; i++)
		if (ic_streq(name, ic_commands[i]->name))
			return ic_commands[i];
	return NULL;
}

void ic_print_version(void)
{
	printf("iso-check %s\n", PACKAGE_VERSION);
	exit(IC_EXIT_OK);
}

/* A usage error: "iso-check[ COMMAND]: WHAT" and where to read more; exits 2. */
void ic_errtryhelp(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "iso-check%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'iso-check%s%s --help' for more information.\n", cmd ? " " : "",
		cmd ? cmd : "");
	exit(IC_EXIT_USAGE);
}

/*
 * ic_errbadopt() - the option getopt_long() just refused (C is '?' or ':', as an option string
 * that starts with ':' makes it return), in one line.
 */
void ic_errbadopt(const char *cmd, int c, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	bool is_long = !strncmp(arg, "--", 2);	/* then optopt is the option's value, not a letter */
	char opt[3] = { '-', (char)optopt, '\0' };

	if (c == ':')
		ic_errtryhelp(cmd, "option '%s' requires an argument", is_long ? arg : opt);
	if (!is_long && optopt)
		ic_errtryhelp(cmd, "invalid option '%s'", opt);
	if (strchr(arg, '='))
		ic_errtryhelp(cmd, "'%s': an unknown option, or one that takes no argument", arg);
	ic_errtryhelp(cmd, "unrecognized or ambiguous option '%s'", arg);
}

/* Handles one global option; false if C is not one. -h and -V are the caller's. */
bool ic_global_opt(struct ic_ctx *ctx, int c, const char *arg)
{
	switch (c) {
	case IC_OPT_SYSROOT:
		ctx->sysroot = arg;
		return true;
	case IC_OPT_DATADIR:
		ctx->datadir = arg;
		return true;
	case IC_OPT_DUMP:
		ctx->dump = arg;
		return true;
	case 'i':
		ctx->collect.pci_ids = arg;
		return true;
	case 'n':
		ctx->collect.numeric = true;
		return true;
	case 'J':
		if (ctx->out == &ic_output_jsonl)
			ic_errtryhelp(NULL, "--json and --jsonl exclude each other");
		ctx->out = &ic_output_json;
		return true;
	case IC_OPT_FAIL_ON:
		for (int s = IC_SEV_NOTE; s <= IC_SEV_FAIL; s++)
			if (ic_streq(arg, ic_severity_str((enum ic_severity)s)))
				ctx->fail_on = s + 1;
		if (!ctx->fail_on)
			ic_errtryhelp(NULL, "--fail-on %s: expected note, warn or fail", arg);
		return true;
	}
	return false;
}

/*
 * ic_print_opts() - one option a line, as util-linux prints them: " -x, --long <arg>  help",
 * the help at column 24 (after one blank, or on the next line, if the option is long);
 * continuation lines are indented by 26. SKIP:
 * an option value to leave out (0: none).
 */
void ic_print_opts(const struct ic_opt *opts, unsigned int skip)
{
	for (const struct ic_opt *o = opts; o && o->name; o++) {
		bool letter = o->val > 0 && o->val < 0x100;
		const char *h = o->help, *nl;
		int w;

		if ((unsigned int)o->val == skip)
			continue;
		w = letter ? printf(" -%c, --%s", o->val, o->name) : printf("     --%s", o->name);
		if (o->arg)
			w += printf(" %s", o->arg);
		if (*h == '\n')
			h++, printf("\n%26s", "");	/* the help starts on a line of its own */
		else if (w >= 40)
			printf("\n%26s", "");
		else
			printf("%*s", w < 24 ? 24 - w : 1, "");
		while ((nl = strchr(h, '\n'))) {
			printf("%.*s\n%26s", (int)(nl - h), h, "");
			h = nl + 1;
		}
		printf("%s\n", h);
	}
}

/* COMMAND --help: its own options, then selection, output and the global options. */
static IC_NORETURN void ic_command_usage(const struct ic_command *cmd)
{
	printf("Usage:\n iso-check [global options] %s %s\n\n%s\n", cmd->name, cmd->synopsis,
	       cmd->description);
	if (cmd->opts && cmd->opts->name) {
		printf("\nOptions:\n");
		ic_print_opts(cmd->opts, 0);
	}
	if (cmd->flags & (IC_CMD_SELECT | IC_CMD_GROUP)) {
		printf("\nSelection:\n");
		if (cmd->flags & IC_CMD_SELECT)
			ic_print_opts(ic_select_opts, 0);
		if (cmd->flags & IC_CMD_GROUP)
			ic_print_opts(ic_group_opts, 0);
	}
	if (cmd->flags & IC_CMD_TABLE) {
		printf("\nOutput:\n");
		ic_print_opts(ic_table_opts, 0);
	}
	printf("\nGlobal options:\n");
	ic_print_opts(ic_global_opts, cmd->flags & IC_CMD_DUMP ? 0 : IC_OPT_DUMP);
	if (cmd->more)
		printf("\n%s\n", cmd->more);
	if (cmd->man)
		printf("\nFor more details see %s.\n", cmd->man);
	else
		printf("\nFor more details see iso-check-%s(8).\n", cmd->name);
	exit(IC_EXIT_OK);
}

/* Appends OPTS to getopt_long()'s table LO and their letters to SHORTS. */
static void ic_add_opts(const struct ic_opt *opts, struct option *lo, size_t *n, char *shorts)
{
	for (const struct ic_opt *o = opts; o && o->name; o++) {
		lo[(*n)++] = (struct option){ o->name, o->has_arg, NULL, o->val };
		if (o->val > 0 && o->val < 0x100) {
			size_t k = strlen(shorts);

			shorts[k++] = (char)o->val;
			if (o->has_arg == required_argument)
				shorts[k++] = ':';
			shorts[k] = '\0';
		}
	}
}

static bool ic_is_own_opt(const struct ic_command *cmd, int c)
{
	for (const struct ic_opt *o = cmd->opts; o && o->name; o++)
		if (o->val == c)
			return true;
	return false;
}

/* The options shared by the commands whose flags take them: selection and output. */
static bool ic_shared_opt(struct ic_ctx *ctx, const struct ic_command *cmd, struct ic_args *a, int c,
			  const char *arg)
{
	const char *err;

	switch (c) {
	case 's':
		if (ic_select_parse_slot(&a->sel, arg, &err) < 0)
			ic_errtryhelp(cmd->name, "-s %s: %s", arg, err);
		return true;
	case 'd':
		if (ic_select_parse_id(&a->sel, arg, &err) < 0)
			ic_errtryhelp(cmd->name, "-d %s: %s", arg, err);
		return true;
	case 'g':
		if (ic_select_parse_group(&a->sel, arg) < 0)
			ic_errtryhelp(cmd->name, "-g %s: not a group number", arg);
		return true;
	case 'o':
		a->out.columns = arg;
		return true;
	case IC_OPT_LIST_COLUMNS:
		a->list_columns = true;
		return true;
	case IC_OPT_NOHEADINGS:
		a->out.noheadings = true;
		return true;
	case 'r':
		a->out.raw = true;
		return true;
	case 'P':
		a->out.pairs = true;
		return true;
	case IC_OPT_JSONL:
		if (ctx->out == &ic_output_json)
			ic_errtryhelp(cmd->name, "--json and --jsonl exclude each other");
		ctx->out = &ic_output_jsonl;
		ic_jsonl_set_view(cmd->name);
		return true;
	}
	return false;
}

/* Parses ARGV (ARGV[0] is the command's name) into A; exits on a usage error or --help. */
static void ic_command_parse(struct ic_ctx *ctx, const struct ic_command *cmd, int argc,
			     char **argv, struct ic_args *a)
{
	struct option lo[64];
	char shorts[64] = ":";	/* getopt prints nothing: ic_errbadopt() says it in one line */
	size_t n = 0;
	int c;

	ic_add_opts(cmd->opts, lo, &n, shorts);
	if (cmd->flags & IC_CMD_SELECT)
		ic_add_opts(ic_select_opts, lo, &n, shorts);
	if (cmd->flags & IC_CMD_GROUP)
		ic_add_opts(ic_group_opts, lo, &n, shorts);
	if (cmd->flags & IC_CMD_TABLE)
		ic_add_opts(ic_table_opts, lo, &n, shorts);
	ic_add_opts(ic_global_opts, lo, &n, shorts);
	lo[n] = (struct option){ NULL, 0, NULL, 0 };

	optind = 0;	/* restart getopt for the command */
	while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		if (c == 'h')
			ic_command_usage(cmd);
		if (c == 'V')
			ic_print_version();
		if (c == '?' || c == ':')
			ic_errbadopt(cmd->name, c, argv);
		if (ic_is_own_opt(cmd, c))
			cmd->parse(a, c, optarg);
		else if (!ic_global_opt(ctx, c, optarg))
			ic_shared_opt(ctx, cmd, a, c, optarg);
	}
	a->argv = argv + optind;
	a->argc = argc - optind;
	if (a->argc < cmd->min_args || a->argc > cmd->max_args) {
		if (cmd->max_args == 0)
			ic_errtryhelp(cmd->name, "unexpected argument '%s'", a->argv[0]);
		ic_errtryhelp(cmd->name, "%s", cmd->args_error);
	}
	if (a->out.raw && a->out.pairs)
		ic_errtryhelp(cmd->name, "-r and -P exclude each other");
	if (a->out.columns) {
		const char *list = a->out.columns + (a->out.columns[0] == '+'), *bad;
		int cols[64];

		if (ic_columns_parse_in(cmd->view, list, cols, IC_ARRAY_SIZE(cols), &bad) <= 0)
			ic_errtryhelp(cmd->name, "-o %s: unknown column '%s'", a->out.columns,
				      *list ? bad : "");
	}
	if (ctx->dump && !(cmd->flags & IC_CMD_DUMP) && !a->list_columns)
		ic_errtryhelp(cmd->name, "%s", cmd->nodump);
}

/*
 * ic_command_run() - parse CMD's options (ARGV[0] is its name), load what its flags and
 * options ask for, run it. Return: its exit status; a partial model turns 0 into 4.
 */
int ic_command_run(struct ic_ctx *ctx, const struct ic_command *cmd, int argc, char **argv)
{
	struct ic_args a = { .cmd = cmd, .need = cmd->flags & (IC_CMD_MODEL | IC_CMD_QUIRKS) };
	int rc = 0;

	ic_select_init(&a.sel);
	a.priv = cmd->priv_size ? ic_xcalloc(1, cmd->priv_size) : NULL;
	ic_command_parse(ctx, cmd, argc, argv, &a);
	if (a.list_columns) {
		rc = ctx->out->columns(cmd->view->cols, cmd->view->n) < 0 ? IC_EXIT_FAILURE : IC_EXIT_OK;
		goto out;
	}
	if (cmd->check)
		cmd->check(ctx, &a);
	if (a.need & IC_CMD_QUIRKS)
		rc = ic_load_quirks(ctx, &a.quirks);
	if (rc == 0 && (a.need & IC_CMD_MODEL))
		rc = ic_load_model(ctx, &a.model);
	if (rc == 0)
		rc = cmd->run(ctx, &a);
	if (a.model)
		rc = ic_exit_status(a.model, rc);
out:
	if (cmd->done)
		cmd->done(&a);
	free(a.priv);
	ic_quirks_free(a.quirks);
	ic_model_free(a.model);
	return rc;
}

/*
 * ic_load_model() - open the root and collect the model; reports problems on stderr, one line
 * each. Return: 0, or an exit status after a fatal error (already reported).
 */
int ic_load_model(struct ic_ctx *ctx, struct ic_model **out)
{
	struct ic_collect_error err = { 0 };
	struct ic_model *m;
	struct ic_root *root;
	char *msg;
	int rc;

	if (ctx->dump && ctx->sysroot)
		ic_errtryhelp(NULL, "--lspci-dump and --sysroot exclude each other");
	if (ctx->dump) {
		if (ic_collect_dump(ctx->dump, &ctx->collect, &m, &err) < 0) {
			ctx->out->error(err.path, err.msg);
			ic_collect_error_clear(&err);
			return IC_EXIT_FAILURE;
		}
		goto loaded;
	}
	rc = ic_root_open(ctx->sysroot, &root, &msg);
	if (rc < 0) {
		if (!msg)
			msg = ic_xasprintf("cannot open the root: %s", ic_strerror(-rc));
		ctx->out->error(ctx->sysroot ? ctx->sysroot : "/", msg);
		free(msg);
		return IC_EXIT_FAILURE;
	}
	if (ctx->sysroot_label)
		ic_root_set_label(root, ctx->sysroot_label);
	rc = ic_collect(root, &ctx->collect, &m, &err);
	ic_root_free(root);
	if (rc < 0) {
		ctx->out->error(err.path, err.msg);
		ic_collect_error_clear(&err);
		return IC_EXIT_FAILURE;
	}
loaded:
	for (size_t i = 0; i < m->nproblems; i++)
		fprintf(stderr, "iso-check: %s: %s\n", m->problems[i].path, m->problems[i].msg);
	*out = m;
	return 0;
}

/*
 * ic_load_quirks() - the kernel's quirk tables from --data-dir, $ISO_CHECK_DATADIR, or where
 * they were installed; a binary run from its build tree, with nothing installed yet, finds
 * them in the source tree it was built from (IC_SRCDATADIR). Return: 0, or an exit status
 * after a fatal error (already reported).
 */
int ic_load_quirks(struct ic_ctx *ctx, struct ic_quirks **q)
{
	const char *dir = ctx->datadir ? ctx->datadir : getenv("ISO_CHECK_DATADIR");
	char *path, *msg;
	int rc;

	if (!dir || !*dir) {
		dir = IC_DATADIR;
		if (access(IC_DATADIR "/" IC_ACS_QUIRKS_FILE, F_OK) < 0 &&
		    access(IC_SRCDATADIR "/" IC_ACS_QUIRKS_FILE, F_OK) == 0)
			dir = IC_SRCDATADIR;
	}
	rc = ic_quirks_load(dir, q, &path, &msg);
	if (rc == 0) {
		free(path);
		return 0;
	}
	ctx->out->error(path, msg);
	free(path);
	free(msg);
	return IC_EXIT_FAILURE;
}

/* A partial model turns success into IC_EXIT_PARTIAL; other statuses win. */
int ic_exit_status(const struct ic_model *m, int status)
{
	if (status == IC_EXIT_OK && ic_model_is_partial(m))
		return IC_EXIT_PARTIAL;
	return status;
}

/* A command reports a finding of severity S (for --fail-on). */
void ic_ctx_saw(struct ic_ctx *ctx, enum ic_severity s)
{
	if ((int)s > ctx->worst)
		ctx->worst = (int)s;
}

/*
 * --fail-on=LEVEL: exit 7 when the worst finding at or above LEVEL is a failure, 6 when it is
 * a note or a warning; runtime and usage errors (1, 2) keep their status.
 */
int ic_fail_on_status(const struct ic_ctx *ctx, int rc)
{
	if (!ctx->fail_on || ctx->worst < ctx->fail_on - 1 || rc == IC_EXIT_FAILURE || rc == IC_EXIT_USAGE)
		return rc;
	return ctx->worst == IC_SEV_FAIL ? IC_EXIT_FINDING_FAIL : IC_EXIT_FINDING_WARN;
}
