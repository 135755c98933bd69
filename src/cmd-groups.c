/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-groups.c - `iso-check groups`: options, then collect, analyse, print. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "cmd.h"
#include "ic.h"
#include "output.h"

/* The options of groups beyond the shared ones. */
struct ic_groups_args {
	bool predict, explain;
	const char *isolate, *acs_override, *config_acs;
	struct ic_whatif whatif;
	enum ic_layout layout;		/* -t (default), -l */
};

static const struct ic_opt ic_groups_opts[] = {
	{ "predict", no_argument, 'p', NULL,
	  "the groups the kernel forms from the topology, matched\nwith its actual groups; why each member is where it is" },
	{ "explain", no_argument, 'e', NULL, "--predict, with the chain of facts behind every member" },
	{ "isolate", required_argument, IC_OPT_ISOLATE, "<address>",
	  "what would it take to give this function a group of\nits own: each obstacle, its fix, the result" },
	{ "acs-override", required_argument, IC_OPT_ACS_OVERRIDE, "<downstream,multifunction,id:VVVV:DDDD>",
	  "\n--predict as if booted with pcie_acs_override=" },
	{ "config-acs", required_argument, IC_OPT_CONFIG_ACS, "<FLAGS@DEVICE[;...]>",
	  "\n--predict as if booted with pci=config_acs=" },
	{ "tree", no_argument, 't', NULL, "groups as parents, members as children (default)" },
	{ "list", no_argument, 'l', NULL, "one line per member" },
	{ NULL, 0, 0, NULL, NULL },
};

static void ic_groups_parse(struct ic_args *a, int c, const char *arg)
{
	struct ic_groups_args *g = a->priv;
	const char *err;

	switch (c) {
	case 'p':
		g->predict = true;
		break;
	case 'e':
		g->predict = g->explain = true;
		break;
	case IC_OPT_ISOLATE:
		g->isolate = arg;
		break;
	case IC_OPT_ACS_OVERRIDE:
		if (ic_whatif_parse_override(&g->whatif, arg, &err) < 0)
			ic_errtryhelp("groups", "--acs-override %s: %s", arg, err);
		g->acs_override = arg;
		g->predict = true;
		break;
	case IC_OPT_CONFIG_ACS:
		if (ic_whatif_parse_config_acs(&g->whatif, arg, &err) < 0)
			ic_errtryhelp("groups", "--config-acs %s: %s", arg, err);
		g->config_acs = arg;
		g->predict = true;
		break;
	case 't':
		g->layout = IC_LAYOUT_TREE;
		break;
	case 'l':
		g->layout = IC_LAYOUT_LIST;
		break;
	}
}

/* "0000:" before lspci's short form bus:dev.fn; NULL if ADDR is no PCI address. */
static char *ic_full_bdf(const char *addr)
{
	char *full = strlen(addr) < 12 ? ic_xasprintf("0000:%s", addr) : ic_xstrdup(addr);
	uint32_t dom;
	uint8_t bus, slot, fn;

	if (ic_bdf_parse(full, &dom, &bus, &slot, &fn) < 0) {
		free(full);
		return NULL;
	}
	return full;
}

/* Does -o name column C1 or C2? */
static bool ic_groups_want_col(const char *list, int c1, int c2)
{
	int cols[IC_NCOLS * 4];
	const char *bad;
	int n;

	if (!list)
		return false;
	n = ic_columns_parse(*list == '+' ? list + 1 : list, cols, IC_ARRAY_SIZE(cols), &bad);
	for (int i = 0; i < n; i++)
		if (cols[i] == c1 || cols[i] == c2)
			return true;
	return false;
}

static void ic_groups_check(struct ic_ctx *ctx, struct ic_args *a)
{
	struct ic_groups_args *g = a->priv;
	char *full;

	a->out.layout = g->layout;
	if (a->out.raw || a->out.pairs)
		a->out.layout = IC_LAYOUT_LIST;	/* one row a member, for scripts */
	if (g->isolate && (g->acs_override || g->config_acs))
		ic_errtryhelp("groups", "--isolate proposes its own settings: no --acs-override or --config-acs");
	if (g->isolate) {
		full = ic_full_bdf(g->isolate);
		if (!full)
			ic_errtryhelp("groups", "--isolate %s: not a PCI address ([DDDD:]BB:DD.F)", g->isolate);
		free(full);
		a->need |= IC_CMD_QUIRKS;
		return;
	}
	/* a table whose columns name no class or device needs no names (pci.ids is not read) */
	if (ctx->out == &ic_output_text && a->out.columns && *a->out.columns != '+' &&
	    !ic_groups_want_col(a->out.columns, IC_COL_CLASS, IC_COL_DESCRIPTION))
		ctx->collect.numeric = true;
	/* RESET and CRITICAL need the host's state */
	if (ic_groups_want_col(a->out.columns, IC_COL_RESET, IC_COL_CRITICAL)) {
		ctx->collect.host = true;	/* they come from the audit's inputs */
		a->need |= IC_CMD_QUIRKS;
	}
	if (g->predict)
		a->need |= IC_CMD_QUIRKS;
}

static void ic_groups_done(struct ic_args *a)
{
	struct ic_groups_args *g = a->priv;

	ic_whatif_clear(&g->whatif);
}

/* groups --isolate ADDRESS: the obstacles between a function and a group of its own. */
static int ic_groups_isolate(struct ic_ctx *ctx, struct ic_args *a)
{
	const struct ic_groups_args *g = a->priv;
	struct ic_isolate_report rep;
	const struct ic_dev *d;
	char *full = ic_full_bdf(g->isolate), *msg;
	int rc;

	d = ic_model_find(a->model, full);
	free(full);
	if (!d) {
		msg = ic_xasprintf("no PCI function %s", g->isolate);
		/* named after what was read: the tree, the dump or this host */
		ctx->out->error(ctx->dump ? ctx->dump : ctx->sysroot ? ctx->sysroot : "/", msg);
		free(msg);
		return IC_EXIT_FAILURE;
	}
	if (ic_analyze_isolate(a->model, a->quirks, d, &rep) < 0) {
		/* what is missing is named: a result, though an incomplete one */
		msg = ic_xasprintf("its group cannot be predicted: %s", rep.unknown_cause);
		ctx->out->error(d->bdf, msg);
		free(msg);
		ic_isolate_report_clear(&rep);
		return IC_EXIT_PARTIAL;
	}
	rc = ctx->out->isolate(&rep) < 0 ? IC_EXIT_FAILURE : IC_EXIT_OK;
	ic_isolate_report_clear(&rep);
	return rc;
}

static int ic_groups_run(struct ic_ctx *ctx, struct ic_args *a)
{
	struct ic_groups_args *g = a->priv;
	struct ic_model *m = a->model;
	struct ic_groups_report rep;
	struct ic_prediction pred = { 0 }, base = { 0 };
	struct ic_whatif nooverride;
	struct ic_explanation expl = { 0 };
	int rc;

	if (g->isolate)
		return ic_groups_isolate(ctx, a);
	/* text from lspci 3.7 and later has the kernel's groups: then they are listed as a tree's */
	if (ctx->dump && !g->predict && !m->iommu.groups_dir)
		ic_errtryhelp("groups", "this lspci dump holds no kernel groups (lspci -vv prints them since "
			      "pciutils 3.7): use --predict");
	if (g->predict) {
		ic_predict_whatif(m, a->quirks, &g->whatif, &pred);
		rc = ic_analyze_predicted(m, &pred, &a->sel, g->acs_override || g->config_acs, &rep);
		rep.acs_override = g->acs_override;
		rep.config_acs = g->config_acs;
		if (rc == 0 && ic_whatif_is_set(&g->whatif)) {
			/* the same what-if without the override tells what rests on it */
			nooverride = (struct ic_whatif){ .config = g->whatif.config, .nconfig = g->whatif.nconfig };
			ic_predict_whatif(m, a->quirks, &nooverride, &base);
			ic_mark_unsafe(&base, &pred, &rep);
		}
		if (g->explain) {
			ic_explain(m, a->quirks, &pred, &expl);
			rep.explain = &expl;
		}
	} else {
		rc = ic_analyze_groups(m, &a->sel, &rep);
	}
	rep.host = m->host != NULL;
	rep.quirks = a->quirks;
	if (rc < 0) {
		char *msg = ic_xasprintf("%sgroup %d does not exist", g->predict ? "predicted " : "",
					 a->sel.group);

		ctx->out->error(NULL, msg);
		free(msg);
		rc = IC_EXIT_FAILURE;
	} else {
		rc = ctx->out->groups(&rep, &a->out) < 0 ? IC_EXIT_FAILURE :
		     rep.iommu_on ? IC_EXIT_OK : IC_EXIT_NO_IOMMU;
		for (size_t i = 0; i < rep.nfindings; i++)
			ic_ctx_saw(ctx, rep.findings[i].def->severity);
	}
	ic_groups_report_clear(&rep);
	ic_explanation_clear(m, &expl);
	ic_prediction_clear(&pred);
	ic_prediction_clear(&base);
	return rc;
}

const struct ic_command ic_groups_command = {
	.name = "groups",
	.summary = "IOMMU groups, their members and VFIO viability",
	.synopsis = "[options]",
	.description = "List IOMMU groups: members, drivers, domain type, reserved regions and whether\n"
		       "VFIO can take each group. With --lspci-dump, the groups its IOMMU group lines\n"
		       "name, or --predict and --isolate.",
	.flags = IC_CMD_SELECT | IC_CMD_GROUP | IC_CMD_TABLE | IC_CMD_MODEL | IC_CMD_DUMP,
	.opts = ic_groups_opts,
	.view = &ic_groups_view,
	.priv_size = sizeof(struct ic_groups_args),
	.parse = ic_groups_parse,
	.check = ic_groups_check,
	.run = ic_groups_run,
	.done = ic_groups_done,
};
