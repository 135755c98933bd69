/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-diff.c - `iso-check diff A B`: what changed between two states of a machine. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "diff.h"
#include "ic.h"

static IC_NORETURN void ic_diff_usage(void)
{
	printf("Usage:\n iso-check diff [options] <a> <b>\n\n");
	printf("What changed between two states of a machine: each a recorded tree, a snapshot\n"
	       "(.tar.gz) or / for this host. Functions added or removed, identities, drivers,\n"
	       "ACS controls, VFs, BARs, bridge windows, groups split or merged.\n\nOptions:\n"
	       " -J, --json             print JSON\n"
	       " -h, --help             display this help\n");
	printf("\nExit status: 0 no change, 5 changes, 1 error, 2 usage error.\n"
	       "For more details see iso-check-diff(8).\n");
	exit(IC_EXIT_OK);
}

int ic_cmd_diff(struct ic_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = { IC_GLOBAL_LONGOPTS, { NULL, 0, NULL, 0 } };
	struct ic_model *m[2] = { NULL, NULL };
	struct ic_diff df;
	int c, rc;

	while ((c = getopt_long(argc, argv, IC_OPTSTRING(""), longopts, NULL)) != -1) {
		if (ic_global_opt(ctx, c, optarg))
			continue;
		switch (c) {
		case 'h':
			ic_diff_usage();
		case 'V':
			ic_print_version();
		default:
			ic_errbadopt("diff", c, argv);
		}
	}
	if (optind + 2 != argc)
		ic_errtryhelp("diff", "expected two states: each a tree, a .tar.gz snapshot or /");
	if (ctx->sysroot || ctx->dump)
		ic_errtryhelp("diff", "name both states as arguments, not with --sysroot or --lspci-dump");
	ctx->collect.numeric = true;
	for (int k = 0; k < 2; k++) {
		ctx->sysroot = argv[optind + k];
		rc = ic_load_model(ctx, &m[k]);
		if (rc) {
			ic_model_free(m[0]);
			return rc;
		}
	}
	ic_diff(m[0], m[1], &df);
	rc = ctx->out->diff(m[0], m[1], &df) < 0 ? IC_EXIT_FAILURE :
	     df.n ? IC_EXIT_CHANGED : IC_EXIT_OK;
	if (rc == IC_EXIT_OK && (ic_model_is_partial(m[0]) || ic_model_is_partial(m[1])))
		rc = IC_EXIT_PARTIAL;
	ic_diff_clear(&df);
	ic_model_free(m[0]);
	ic_model_free(m[1]);
	return rc;
}
