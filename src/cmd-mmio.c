// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd-mmio.c - `iso-check bridges` (windows and containment), `iso-check bars` (BARs, and
 * pages or platform segments shared across isolation domains) and `iso-check sriov` (PFs,
 * VFs, enable limits and VF isolation, judged at the page size and segments bars takes).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "ic.h"
#include "mmio.h"
#include "predict.h"
#include "select.h"
#include "sriov.h"
#include "view.h"

/* A size or address: decimal or 0x hex, with an optional binary suffix K, M, G or T (or k...). */
static int ic_parse_size(const char *s, uint64_t *v)
{
	static const char suffixes[] = "KMGT";
	size_t n = strlen(s);
	const char *u = n > 1 ? strchr(suffixes, toupper((unsigned char)s[n - 1])) : NULL;
	char *num = ic_xasprintf("%.*s", (int)(u && *u ? n - 1 : n), s);
	int rc = ic_parse_u64(num, 0, v);

	free(num);
	for (long k = 0; rc == 0 && u && *u && k <= u - suffixes; k++) {
		if (*v > UINT64_MAX / 1024)
			return -ERANGE;
		*v *= 1024;
	}
	return rc;
}

/* --segments BASE:SIZE:COUNT: SIZE must split into COUNT equal segments. */
static int ic_parse_segments(const char *arg, struct ic_segments *sg, const char **err)
{
	char *copy = ic_xstrdup(arg), *size, *count;
	uint64_t n;
	int rc = -1;

	memset(sg, 0, sizeof(*sg));	/* realloc'ed: no PHB window */
	*err = "expected BASE:SIZE:COUNT, e.g. 3G:1G:128";
	size = strchr(copy, ':');
	count = size ? strchr(size + 1, ':') : NULL;
	if (!count)
		goto out;
	*size++ = '\0';
	*count++ = '\0';
	if (ic_parse_size(copy, &sg->base) < 0 || ic_parse_size(size, &sg->size) < 0 ||
	    ic_parse_size(count, &n) < 0)
		goto out;
	if (!n || n > UINT32_MAX || !sg->size || sg->size % n) {
		*err = "SIZE must split into COUNT (1 or more) equal segments";
		goto out;
	}
	if (sg->base + sg->size - 1 < sg->base) {
		*err = "BASE + SIZE is beyond the address space";
		goto out;
	}
	sg->count = (uint32_t)n;
	sg->source = "option";
	rc = 0;
out:
	free(copy);
	return rc;
}

/* Keeps the findings that involve a function SEL matches, or one of the KEEP devices. */
static void ic_prune_findings(const struct ic_model *m, const struct ic_select *sel,
			      const bool *keep, struct ic_finding *f, size_t *n)
{
	size_t out = 0;

	for (size_t i = 0; i < *n; i++) {
		bool want = false;

		for (size_t k = 0; k < f[i].ndevs && !want; k++)
			want = ic_select_dev(sel, f[i].devs[k]) || (keep && keep[f[i].devs[k] - m->devs]);
		if (want) {
			f[out++] = f[i];
		} else {
			free(f[i].devs);
			free(f[i].text);
		}
	}
	*n = out;
}

/* The options of bars beyond the shared ones. */
struct ic_bars_args {
	uint64_t page_size;
	struct ic_segments *segs;
	size_t nsegs;
};

static const struct ic_opt ic_bars_opts[] = {
	{ "page-size", required_argument, IC_OPT_PAGE_SIZE, "<size>",
	  "4K, 16K or 64K (default: the host's, or the snapshot's)" },
	{ "segments", required_argument, IC_OPT_SEGMENTS, "<base:size:count>",
	  "MMIO cut into equal segments, one owner each\n(PowerNV M32: 3G:1G:128); repeatable" },
	{ NULL, 0, 0, NULL, NULL },
};

static void ic_bars_parse(struct ic_args *a, int c, const char *arg)
{
	struct ic_bars_args *b = a->priv;
	const char *err;

	if (c == IC_OPT_PAGE_SIZE) {
		if (ic_parse_size(arg, &b->page_size) < 0 || b->page_size < 512 ||
		    (b->page_size & (b->page_size - 1)))
			ic_errtryhelp(a->cmd->name, "--page-size %s: not a power of two of 512 or more "
				      "(4K, 16K, 64K)", arg);
	} else if (c == IC_OPT_SEGMENTS) {
		b->segs = ic_xrealloc(b->segs, b->nsegs + 1, sizeof(*b->segs));
		if (ic_parse_segments(arg, &b->segs[b->nsegs], &err) < 0)
			ic_errtryhelp(a->cmd->name, "--segments %s: %s", arg, err);
		b->nsegs++;
	}
}

static void ic_bars_done(struct ic_args *a)
{
	free(((struct ic_bars_args *)a->priv)->segs);
}

/* Per function, the isolation domain that owns its MMIO. */
static int ic_mmio_domains(struct ic_ctx *ctx, const struct ic_model *m, struct ic_domain **dom)
{
	struct ic_quirks *quirks = NULL;
	int rc;

	/* without kernel groups, the predicted ones own the BARs */
	if (m->ngroups == 0 && (rc = ic_load_quirks(ctx, &quirks)) != 0)
		return rc;
	*dom = ic_domains(m, quirks);
	ic_quirks_free(quirks);
	return 0;
}

static int ic_bridges_run(struct ic_ctx *ctx, struct ic_args *a)
{
	const struct ic_select *sel = &a->sel;
	struct ic_model *m = a->model;
	struct ic_bridges_report r;
	struct ic_result res;
	struct ic_domain *dom;
	bool *show, *keep;
	int rc;

	rc = ic_mmio_domains(ctx, m, &dom);
	if (rc)
		return rc;
	ic_analyze_bridges(m, dom, &r);
	show = ic_xcalloc(r.nrows + 1, sizeof(*show));
	keep = ic_xcalloc(m->ndevs + 1, sizeof(*keep));
	if (!ic_select_any_dev_filter(sel)) {
		for (size_t k = 0; k < r.nrows; k++)
			show[k] = true;
	} else {
		/* a bridge is shown if it matches or a function below it does */
		for (size_t i = 0; i < m->ndevs; i++)
			if (ic_select_dev(sel, &m->devs[i]))
				for (const struct ic_dev *b = &m->devs[i]; b; b = b->parent)
					keep[b - m->devs] = true;
		for (size_t k = 0; k < r.nrows; k++)
			show[k] = keep[r.rows[k].dev - m->devs];
		ic_prune_findings(m, sel, keep, r.findings, &r.nfindings);
	}
	ic_bridges_result(&r, show, &res);
	rc = ctx->out->result(&res, &a->out) < 0 ? IC_EXIT_FAILURE : IC_EXIT_OK;
	for (size_t i = 0; i < r.nfindings; i++)
		ic_ctx_saw(ctx, r.findings[i].def->severity);
	free(show);
	free(keep);
	ic_bridges_report_clear(&r);
	free(dom);
	return rc;
}

static int ic_bars_run(struct ic_ctx *ctx, struct ic_args *a)
{
	const struct ic_bars_args *ba = a->priv;
	struct ic_model *m = a->model;
	struct ic_bars_report r;
	struct ic_result res;
	struct ic_bars_opts o;
	struct ic_domain *dom;
	bool *show;
	int rc;

	rc = ic_mmio_domains(ctx, m, &dom);
	if (rc)
		return rc;
	o = (struct ic_bars_opts){ .page_size = ba->page_size, .segs = ba->segs, .nsegs = ba->nsegs };
	ic_analyze_bars(m, dom, &o, &r);
	show = ic_xcalloc(r.nrows + 1, sizeof(*show));
	for (size_t k = 0; k < r.nrows; k++)
		show[k] = ic_select_dev(&a->sel, r.rows[k].dev);
	if (ic_select_any_dev_filter(&a->sel))
		ic_prune_findings(m, &a->sel, NULL, r.findings, &r.nfindings);
	ic_bars_result(&r, show, &res);
	rc = ctx->out->result(&res, &a->out) < 0 ? IC_EXIT_FAILURE : IC_EXIT_OK;
	for (size_t i = 0; i < r.nfindings; i++)
		ic_ctx_saw(ctx, r.findings[i].def->severity);
	free(show);
	ic_bars_report_clear(&r);
	free(dom);
	return rc;
}

const struct ic_command ic_bridges_command = {
	.name = "bridges",
	.summary = "PCI bridge windows, and whether they contain what is below",
	.synopsis = "[options]",
	.description = "Every PCI-to-PCI bridge with its bus range and its I/O, memory and prefetchable\n"
		       "windows (config space, checked against the kernel's view), the isolation domains\n"
		       "below it, and whether every BAR lies inside the windows above it. -s and -d\n"
		       "select the bridges above a matching function, and matching bridges.",
	.flags = IC_CMD_SELECT | IC_CMD_TABLE | IC_CMD_MODEL | IC_CMD_DUMP,
	.view = &ic_bridges_view,
	.run = ic_bridges_run,
};

const struct ic_command ic_bars_command = {
	.name = "bars",
	.summary = "BARs, and pages or segments shared across isolation domains",
	.synopsis = "[options]",
	.description = "Every BAR, ROM and SR-IOV BAR with its isolation domain, and every page or\n"
		       "platform segment that holds BARs of more than one domain.",
	.flags = IC_CMD_SELECT | IC_CMD_TABLE | IC_CMD_MODEL,
	.opts = ic_bars_opts,
	.view = &ic_bars_view,
	.nodump = "an lspci dump holds no BAR addresses the kernel assigned: use a tree or a snapshot",
	.priv_size = sizeof(struct ic_bars_args),
	.parse = ic_bars_parse,
	.run = ic_bars_run,
	.done = ic_bars_done,
};

/* A finding of sriov is about its PF (devs[0]): shown with the PF, which -s/-d select with its VFs. */
static bool ic_sriov_pf_selected(const struct ic_select *sel, const struct ic_dev *pf)
{
	if (ic_select_dev(sel, pf))
		return true;
	for (size_t i = 0; i < pf->nvirtfn; i++)
		if (pf->virtfn[i] && ic_select_dev(sel, pf->virtfn[i]))
			return true;
	return false;
}

static int ic_sriov_run(struct ic_ctx *ctx, struct ic_args *a)
{
	const struct ic_bars_args *ba = a->priv;
	struct ic_model *m = a->model;
	struct ic_bars_opts o = { .page_size = ba->page_size, .segs = ba->segs, .nsegs = ba->nsegs };
	struct ic_prediction pred = { 0 };
	struct ic_bars_report bars;
	struct ic_sriov_report r;
	struct ic_result res;
	struct ic_finding *shown;
	struct ic_domain *dom;
	size_t n = 0;
	int rc;

	dom = ic_domains(m, a->quirks);
	ic_analyze_bars(m, dom, &o, &bars);
	ic_predict_groups(m, a->quirks, &pred);
	ic_analyze_sriov(m, &pred, &bars, &r);
	ic_sriov_result(&r, &a->sel, &res);
	shown = ic_xcalloc(r.nfindings + 1, sizeof(*shown));
	for (size_t i = 0; i < r.nfindings; i++)
		if (ic_sriov_pf_selected(&a->sel, r.findings[i].devs[0])) {
			shown[n++] = r.findings[i];	/* a view of it: r keeps what it owns */
			ic_ctx_saw(ctx, r.findings[i].def->severity);
		}
	res.findings = shown;
	res.nfindings = n;
	rc = ctx->out->result(&res, &a->out) < 0 ? IC_EXIT_FAILURE : IC_EXIT_OK;
	free(shown);
	ic_sriov_result_free(&res);
	ic_sriov_report_clear(&r);
	ic_prediction_clear(&pred);
	ic_bars_report_clear(&bars);
	free(dom);
	return rc;
}

const struct ic_command ic_sriov_command = {
	.name = "sriov",
	.summary = "SR-IOV PFs and their VFs: how many can be enabled, VF isolation",
	.synopsis = "[options]",
	.description = "Every SR-IOV physical function with its VFs: the capability and the kernel's\n"
		       "sriov_* view, routing IDs, how many VFs can be enabled and why not more, the\n"
		       "groups the VFs have or will have, and whether they can be given to different\n"
		       "owners (VF isolation).",
	.flags = IC_CMD_SELECT | IC_CMD_TABLE | IC_CMD_MODEL | IC_CMD_QUIRKS,
	.opts = ic_bars_opts,
	.view = &ic_sriov_view,
	.nodump = "an lspci dump holds no sysfs view of SR-IOV (VFs, groups, BARs): use a tree or a snapshot",
	.priv_size = sizeof(struct ic_bars_args),
	.parse = ic_bars_parse,
	.run = ic_sriov_run,
	.done = ic_bars_done,
};
