/* SPDX-License-Identifier: GPL-2.0-or-later */
/* iso-check.c - main(): global options, the subcommand table, and shared command helpers. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanup.h"
#include "cmd.h"
#include "ic.h"

struct ic_command {
	const char *name;
	int (*handler)(struct ic_ctx *ctx, int argc, char **argv);
	const char *help;
};

/* Subcommands are matched exactly; an alias would be a row of its own. */
static const struct ic_command ic_commands[] = {
	{ "groups", ic_cmd_groups, "IOMMU groups, their members and VFIO viability" },
	{ "bridges", ic_cmd_bridges, "PCI bridge windows, and whether they contain what is below" },
	{ "bars", ic_cmd_bars, "BARs, and pages or segments shared across isolation domains" },
	{ "snapshot", ic_cmd_snapshot, "record what iso-check reads, for --sysroot anywhere" },
	{ "report", ic_cmd_report, "a bug report: snapshot, JSON of every view, summary" },
	{ "diff", ic_cmd_diff, "what changed between two states: trees, snapshots or /" },
};

static IC_NORETURN void ic_usage(void)
{
	printf("Usage:\n iso-check [global options] <command> [options]\n\n");
	printf("Show where PCI isolation boundaries are, and why.\n\nCommands:\n");
	for (size_t i = 0; i < IC_ARRAY_SIZE(ic_commands); i++)
		printf(" %-10s %s\n", ic_commands[i].name, ic_commands[i].help);
	printf("\nGlobal options:\n"
	       "     --sysroot <dir>    read a recorded tree (sys/, proc/) instead of this host\n"
	       "     --lspci-dump <file> read an lspci -x/-xxx/-xxxx dump instead of this host\n"
	       "     --data-dir <dir>   read the quirk tables from <dir>\n"
	       " -i, --pci-ids <file>   use this PCI ID database for names\n"
	       " -n, --numeric          show numbers only, no names\n"
	       " -J, --json             print JSON\n"
	       "     --fail-on <level>  exit 6 or 7 on findings of note, warn or fail and above\n"
	       "     --list-findings    list every finding the commands report, with severities\n"
	       " -h, --help             display this help\n"
	       " -V, --version          display version\n");
	printf("\nFor more details see iso-check(8).\n");
	exit(IC_EXIT_OK);
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
static int ic_fail_on_status(const struct ic_ctx *ctx, int rc)
{
	if (!ctx->fail_on || ctx->worst < ctx->fail_on - 1 || rc == IC_EXIT_FAILURE || rc == IC_EXIT_USAGE)
		return rc;
	return ctx->worst == IC_SEV_FAIL ? IC_EXIT_FINDING_FAIL : IC_EXIT_FINDING_WARN;
}

/*
 * ic_parse_redact_opts() - the options of `snapshot` and `report`: --redact and the global
 * ones. USAGE prints the command's help and exits. Return: whether --redact was given.
 */
bool ic_parse_redact_opts(struct ic_ctx *ctx, int argc, char **argv, const char *cmd,
			  void (*usage)(void))
{
	static const struct option longopts[] = {
		{ "redact", no_argument, NULL, IC_OPT_REDACT },
		IC_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	bool redact = false;
	int c;

	while ((c = getopt_long(argc, argv, IC_OPTSTRING(""), longopts, NULL)) != -1) {
		if (ic_global_opt(ctx, c, optarg))
			continue;
		switch (c) {
		case IC_OPT_REDACT:
			redact = true;
			break;
		case 'h':
			usage();
			exit(IC_EXIT_OK);
		case 'V':
			ic_print_version();
		default:
			ic_errbadopt(cmd, c, argv);
		}
	}
	return redact;
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

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		IC_GLOBAL_LONGOPTS,
		{ "list-findings", no_argument, NULL, IC_OPT_LIST_FINDINGS },
		{ NULL, 0, NULL, 0 },
	};
	struct ic_ctx ctx = { .out = &ic_output_text, .worst = -1 };
	bool list_findings = false;
	int c, rc;

	ic_debug_init();
	ic_cleanup_install();
	opterr = 0;	/* ic_errbadopt() reports */
	while ((c = getopt_long(argc, argv, "+" IC_OPTSTRING(""), longopts, NULL)) != -1) {
		if (ic_global_opt(&ctx, c, optarg))
			continue;
		switch (c) {
		case 'h':
			ic_usage();
		case 'V':
			ic_print_version();
		case IC_OPT_LIST_FINDINGS:
			list_findings = true;
			break;
		default:
			ic_errbadopt(NULL, c, argv);
		}
	}
	if (list_findings) {
		if (optind < argc)
			ic_errtryhelp(NULL, "--list-findings takes no command");
		rc = ctx.out->findings() < 0 ? IC_EXIT_FAILURE : IC_EXIT_OK;
		return fflush(stdout) != 0 ? IC_EXIT_FAILURE : rc;
	}
	if (optind >= argc)
		ic_errtryhelp(NULL, "no command specified");
	for (size_t i = 0; i < IC_ARRAY_SIZE(ic_commands); i++) {
		if (!ic_streq(argv[optind], ic_commands[i].name))
			continue;
		argv += optind;
		argc -= optind;
		optind = 0;	/* restart getopt for the subcommand */
		rc = ic_commands[i].handler(&ctx, argc, argv);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, "iso-check: write error: %s\n", strerror(errno));
			return IC_EXIT_FAILURE;
		}
		return ic_fail_on_status(&ctx, rc);
	}
	ic_errtryhelp(NULL, "'%s' is not an iso-check command", argv[optind]);
}
