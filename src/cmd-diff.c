/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-diff.c - `iso-check diff A B`: what changed between two states of a machine. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "diff.h"
#include "ic.h"

static void ic_diff_check(struct ic_ctx *ctx, struct ic_args *a)
{
	(void)a;
	if (ctx->sysroot)
		ic_errtryhelp("diff", "name both states as arguments, not with --sysroot or --lspci-dump");
}

static int ic_diff_run(struct ic_ctx *ctx, struct ic_args *a)
{
	struct ic_model *m[2] = { NULL, NULL };
	struct ic_diff df;
	int rc;

	ctx->collect.numeric = true;
	for (int k = 0; k < 2; k++) {
		ctx->sysroot = a->argv[k];
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

const struct ic_command ic_diff_command = {
	.name = "diff",
	.summary = "what changed between two states: trees, snapshots or /",
	.synopsis = "[options] <a> <b>",
	.description = "What changed between two states of a machine: each a recorded tree, a snapshot\n"
		       "(.tar.gz) or / for this host. Functions added or removed, identities, drivers,\n"
		       "ACS controls, VFs, BARs, bridge windows, groups split or merged, the kernel\n"
		       "release and command line.",
	.more = "Exit status: 0 no change, 5 changes, 1 error, 2 usage error.",
	.nodump = "name both states as arguments, not with --sysroot or --lspci-dump",
	.min_args = 2,
	.max_args = 2,
	.args_error = "expected two states: each a tree, a .tar.gz snapshot or /",
	.check = ic_diff_check,
	.run = ic_diff_run,
};
