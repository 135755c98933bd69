/* SPDX-License-Identifier: GPL-2.0-or-later */
/* iso-check.c - main(): the global options, then the command record that argv names. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cleanup.h"
#include "cmd.h"
#include "ic.h"

static IC_NORETURN void ic_usage(void)
{
	printf("Usage:\n iso-check [global options] <command> [options]\n\n");
	printf("Show where PCI isolation boundaries are, and why.\n\nCommands:\n");
	for (size_t i = 0; i < ic_ncommands; i++)
		printf(" %-10s %s\n", ic_commands[i]->name, ic_commands[i]->summary);
	printf("\nGlobal options:\n");
	ic_print_opts(ic_global_opts, 0);
	printf("     --list-findings    list every finding the commands report, with severities\n");
	printf("\nFor more details see iso-check(8).\n");
	exit(IC_EXIT_OK);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "sysroot", required_argument, NULL, IC_OPT_SYSROOT },
		{ "data-dir", required_argument, NULL, IC_OPT_DATADIR },
		{ "lspci-dump", required_argument, NULL, IC_OPT_DUMP },
		{ "pci-ids", required_argument, NULL, 'i' },
		{ "numeric", no_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'J' },
		{ "fail-on", required_argument, NULL, IC_OPT_FAIL_ON },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "list-findings", no_argument, NULL, IC_OPT_LIST_FINDINGS },
		{ NULL, 0, NULL, 0 },
	};
	struct ic_ctx ctx = { .out = &ic_output_text, .worst = -1 };
	const struct ic_command *cmd;
	bool list_findings = false;
	int c, rc;

	ic_debug_init();
	ic_cleanup_install();
	opterr = 0;	/* ic_errbadopt() reports */
	/* '+': options stop at the command, whose own parser takes the rest */
	while ((c = getopt_long(argc, argv, "+:i:nJhV", longopts, NULL)) != -1) {
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
	cmd = ic_command_find(argv[optind]);
	if (!cmd)
		ic_errtryhelp(NULL, "'%s' is not an iso-check command", argv[optind]);
	rc = ic_command_run(&ctx, cmd, argc - optind, argv + optind);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "iso-check: write error: %s\n", strerror(errno));
		return IC_EXIT_FAILURE;
	}
	return ic_fail_on_status(&ctx, rc);
}
