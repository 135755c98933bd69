/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-audit.c - `iso-check audit`: the pre-assignment checks, printed, and their exit status. */
#include <stdio.h>
#include <stdlib.h>

#include "audit.h"
#include "cmd.h"
#include "ic.h"
#include "view.h"

static void ic_audit_check(struct ic_ctx *ctx, struct ic_args *a)
{
	(void)a;
	ctx->collect.host = true;
}

static int ic_audit_run(struct ic_ctx *ctx, struct ic_args *a)
{
	struct ic_audit_report r;
	struct ic_result res;
	int rc;

	if (a->sel.group >= 0 && a->model->ngroups && !ic_model_group(a->model, a->sel.group)) {
		fprintf(stderr, "iso-check: audit: no IOMMU group %d\n", a->sel.group);
		return IC_EXIT_FAILURE;
	}
	if (!a->model->host)	/* a dump: nothing of the host is known */
		a->model->host = ic_xcalloc(1, sizeof(*a->model->host));
	ic_analyze_audit(a->model, a->quirks, &a->sel, &r);
	ic_audit_result(&r, &res);
	rc = ctx->out->result(&res, &a->out) < 0 ? IC_EXIT_FAILURE : IC_EXIT_OK;
	if (rc == IC_EXIT_OK) {
		/* --fail-on decides whether a warning fails; without it, it does */
		rc = ic_audit_status(&r, ctx->fail_on == 0 || ctx->fail_on <= IC_SEV_WARN + 1);
		ctx->fail_on = 0;	/* the checks' verdicts have set the status already */
	}
	ic_audit_result_free(&res);
	ic_audit_report_clear(&r);
	return rc;
}

const struct ic_command ic_audit_command = {
	.name = "audit",
	.summary = "will assignment work, and what will it take from the host: checks with verdicts",
	.synopsis = "[options]",
	.description = "The host's IOMMU, interrupt remapping, vfio modules and their unsafe options, then\n"
		       "each group (viable, host-critical members, direct reserved regions) and each of\n"
		       "its functions (bindable, reset, power, BAR mapping, VF token, external port).\n"
		       "With the IOMMU off the groups are predicted ones.",
	.more = "Exit status: 0 every check passed (notes allowed), 4 no warning or failure but some\n"
		"checks unknown, 6 a warning (not with --fail-on=fail), 7 a failure.\n",
	.flags = IC_CMD_SELECT | IC_CMD_GROUP | IC_CMD_TABLE | IC_CMD_MODEL | IC_CMD_QUIRKS | IC_CMD_DUMP,
	.view = &ic_audit_view,
	.check = ic_audit_check,
	.run = ic_audit_run,
};
