/* SPDX-License-Identifier: GPL-2.0-or-later */
/* output-text.c - the human back end: libsmartcols tables and trees, then short notes. */
#include <errno.h>
#include <inttypes.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "ic.h"
#include "findings.h"
#include "output.h"
#include "predict.h"
#include "view.h"

static const int ic_tree_defaults[] = {
	IC_COL_NAME, IC_COL_ID, IC_COL_CLASS, IC_COL_DRIVER, IC_COL_VFIO, IC_COL_TYPE,
	IC_COL_DESCRIPTION,
};
static const int ic_predict_defaults[] = {
	IC_COL_NAME, IC_COL_ID, IC_COL_CLASS, IC_COL_DRIVER, IC_COL_VFIO, IC_COL_KERNEL, IC_COL_WHY,
};
static const int ic_list_defaults[] = {
	IC_COL_GROUP, IC_COL_DEVICE, IC_COL_ID, IC_COL_CLASS, IC_COL_DRIVER, IC_COL_VFIO,
	IC_COL_VIABLE, IC_COL_TYPE, IC_COL_DESCRIPTION,
};

/* Text for what a group's or member's state means, as shown in the VFIO column. */
static const char *ic_verdict_text(enum ic_verdict v)
{
	static const char *const t[] = {
		[IC_VIABLE] = "viable", [IC_NOT_VIABLE] = "not viable", [IC_VIABLE_UNKNOWN] = "unknown",
	};
	return t[v];
}

static char *ic_dev_description(const struct ic_dev *d)
{
	if (!(d->known & IC_KNOWN_IDENT))	/* lspci's text without IDs: its names, or nothing */
		return ic_xstrdup(d->device_name ? d->device_name : "?");
	if (d->vendor_name && d->device_name)
		return ic_xasprintf("%s %s", d->vendor_name, d->device_name);
	if (d->vendor_name)
		return ic_xasprintf("%s Device %04x", d->vendor_name, d->device);
	return ic_xstrdup("");
}

static char *ic_resv_text(const struct ic_group *g)
{
	char *s = ic_xstrdup("");

	if (!g->resv_known) {
		free(s);
		return ic_xstrdup("?");
	}
	for (size_t i = 0; i < g->nresv; i++) {
		char *n = ic_xasprintf("%s%s0x%" PRIx64 "-0x%" PRIx64 " %s", s, i ? "; " : "",
				       g->resv[i].start, g->resv[i].end, g->resv[i].type);

		free(s);
		s = n;
	}
	return s;
}

/* Why a member is in its predicted group: "rule[ via ADDRESS][ (quirk FUNCTION)]". */
static char *ic_why_text(const struct ic_groups_report *r, const struct ic_dev *d)
{
	const struct ic_prediction *p = r->pred;
	size_t i = (size_t)(d - r->model->devs);
	char *via = p->via[i] >= 0 ? ic_xasprintf(" via %s", r->model->devs[p->via[i]].bdf) : ic_xstrdup("");
	char *q = p->quirk[i] ? ic_xasprintf(" (quirk %s%s)", p->quirk[i]->function,
					     p->uncertain[i] ? ", uncertain" : "") : ic_xstrdup("");
	/* where groups form at bind: a shared StreamID or requester ID, or none at all */
	const char *bind = p->at_bind && p->at_bind[i] == IC_BIND_ALIASED ? " (ID shared: may be refused)" : "";
	char *s = ic_xasprintf("%s%s%s%s%s", ic_why_str(p->why[i]), via, q,
			       p->doubt[i] >= 0 ? " (uncertain)" : "", bind);

	free(via);
	free(q);
	return s;
}

/* The cell of column COL for a group row (M == NULL) or a member row. */
static char *ic_cell(const struct ic_groups_report *r, int col, const struct ic_group_report *gr,
		     const struct ic_member_report *mr, bool tree)
{
	const struct ic_group *g = gr->group;
	const struct ic_dev *d = mr ? mr->dev : NULL;
	bool group_row = mr == NULL;

	switch (col) {
	case IC_COL_NAME:
		return group_row ? ic_xasprintf("group %d", g->id) : ic_xstrdup(mr->name);
	case IC_COL_GROUP:
		return group_row || !tree ? ic_xasprintf("%d", g->id) : NULL;
	case IC_COL_DEVICE:
		return mr ? ic_xstrdup(mr->name) : NULL;
	case IC_COL_TYPE:
		return group_row || !tree ? ic_xstrdup(g->type ? g->type : "?") : NULL;
	case IC_COL_VIABLE:
		return group_row || !tree ? ic_xstrdup(gr->verdict == IC_VIABLE ? "yes" :
						       gr->verdict == IC_NOT_VIABLE ? "no" : "?") : NULL;
	case IC_COL_RESERVED:
		return group_row || !tree ? ic_resv_text(g) : NULL;
	case IC_COL_VFIO:
		return group_row ? ic_xstrdup(ic_verdict_text(gr->verdict))
				 : ic_xstrdup(ic_member_state_str(mr->state));
	case IC_COL_KERNEL:
		if (!r->pred || (!group_row && tree))
			return NULL;
		if (gr->unsafe)
			return ic_xstrdup("UNSAFE");
		if (!r->model->ngroups)
			return ic_xstrdup(r->groups_pending ? "not yet" : "-");
		return gr->kernel_group >= 0 ? ic_xasprintf("%d", gr->kernel_group) :
		       ic_xstrdup(gr->kernel_group == -2 ? "not yet" : "differs");
	case IC_COL_WHY:
		return r->pred && d ? ic_why_text(r, d) : NULL;
	case IC_COL_PE:
		if (group_row || !tree) {
			if (group_row)
				return ic_xstrdup(g->name && strstr(g->name, "-pe") ? g->name : "-");
		}
		if (!d)
			return NULL;
		if (r->pred && r->pred->pe) {
			int64_t pe = r->pred->pe[d - r->model->devs];

			return pe >= 0 ? ic_xasprintf("0x%" PRIx64, (uint64_t)pe) : ic_xstrdup("?");
		}
		return d->has_eeh_pe ? ic_xasprintf("0x%" PRIx32, d->eeh_pe) : ic_xstrdup("-");
	case IC_COL_CRITICAL:
		if (!r->host)
			return ic_xstrdup("?");
		if (group_row) {
			int crit = ic_audit_group_critical(r->model, g);

			return ic_xstrdup(crit > 0 ? "yes" : crit == 0 ? "no" : "?");
		}
		if (d && ic_audit_critical_what(r->model, d))
			return ic_xstrdup(ic_audit_critical_what(r->model, d));
		return ic_xstrdup(ic_audit_group_critical(r->model, g) < 0 ? "?" : "-");
	case IC_COL_DRIVER:
		if (group_row)
			return NULL;
		if (d && !(d->known & IC_KNOWN_DRIVER))
			return ic_xstrdup("?");
		return ic_xstrdup(mr->driver ? mr->driver : "-");
	}
	if (!d)
		return NULL;
	switch (col) {
	case IC_COL_ID:
		return d->known & IC_KNOWN_IDENT ? ic_xasprintf("%04x:%04x", d->vendor, d->device)
						 : ic_xstrdup("?");
	case IC_COL_CLASS:
		if (!(d->known & IC_KNOWN_CLASS))	/* lspci's text without IDs: its name */
			return ic_xstrdup(d->class_name ? d->class_name : "?");
		return d->class_name ? ic_xstrdup(d->class_name) : ic_xasprintf("%04x", d->class >> 8);
	case IC_COL_PCIE:
		return ic_xstrdup(d->known & IC_KNOWN_PCIE ? ic_pcie_type_str(d->pcie_type) : "?");
	case IC_COL_SRIOV:
		if (d->physfn_bdf)
			return ic_xasprintf("vf:%s", d->physfn_bdf);
		if (d->sriov.known & IC_SV_TOTAL || d->cfg.known & IC_CFG_SRIOV)
			return ic_xasprintf("pf:%zu", d->nvirtfn);
		return ic_xstrdup("-");
	case IC_COL_NUMA:
		if (!(d->known & IC_KNOWN_NUMA))
			return ic_xstrdup("?");
		return d->numa_node < 0 ? ic_xstrdup("-") : ic_xasprintf("%d", d->numa_node);
	case IC_COL_MODULES: {
		char *s;

		if (!(d->known & IC_KNOWN_MODULES))
			return ic_xstrdup("?");
		s = ic_xstrdup(d->nmodules ? "" : "-");
		for (size_t i = 0; i < d->nmodules; i++) {
			char *n = ic_xasprintf("%s%s%s", s, i ? "," : "", d->modules[i]);

			free(s);
			s = n;
		}
		return s;
	}
	case IC_COL_DESCRIPTION:
		return ic_dev_description(d);
	case IC_COL_RESET:
		return r->host ? ic_audit_reset_cell(r->model, r->quirks, d) : ic_xstrdup("?");
	}
	return NULL;
}

static void ic_fill_line(const struct ic_groups_report *r, struct libscols_line *ln, const int *cols,
			 size_t ncols, const struct ic_group_report *gr, const struct ic_member_report *mr,
			 bool tree)
{
	for (size_t c = 0; c < ncols; c++) {
		char *v = ic_cell(r, cols[c], gr, mr, tree);

		if (v && scols_line_refer_data(ln, c, v) < 0)
			free(v);
	}
}

/* One finding, as every view prints it: "Finding: TEXT (CODE)." */
static void ic_text_finding(const struct ic_finding *f)
{
	printf("Finding: %s (%s).\n", f->text, f->def->code);
}

/* Whether a dump shows which drivers are bound (lspci -k or -v text). */
static bool ic_text_dump_drivers(const struct ic_model *m)
{
	for (size_t i = 0; i < m->ndevs; i++)
		if (m->devs[i].known & IC_KNOWN_DRIVER)
			return true;
	return false;
}

/* --predict: whether the prediction agrees with the kernel, and what it rests on. */
static void ic_text_prediction_notes(const struct ic_groups_report *r)
{
	size_t differ = 0;

	if (r->model->dump)
		printf("Prediction: an lspci dump holds no firmware tables (ACPI DMAR, IVRS, IORT, VIOT, "
		       "a device tree's iommu-map): it is taken that an IOMMU translates every function.\n");
	if (r->model->dump && !r->model->iommu.groups_dir)
		printf("Prediction: this lspci dump holds no kernel groups; these are the groups the "
		       "kernel forms with an IOMMU on.%s\n", ic_text_dump_drivers(r->model) ? "" :
		       " Drivers are not in it: VFIO viability is unknown.");
	else if (r->groups_pending)
		printf("Prediction: the kernel has formed no groups yet (the IOMMU forms them when a "
		       "driver binds, and none is bound); these are the groups the functions will join. "
		       "Their domain type: %s.\n",
		       r->type_why ? r->type_why : "the kernel's build default (CONFIG_IOMMU_DEFAULT_*), "
		       "which the tree does not show");
	else if (!r->model->ngroups)
		printf("Prediction: the kernel formed no groups (IOMMU off); these are the groups it "
		       "forms once an IOMMU is on. Their domain type: %s.\n",
		       r->type_why ? r->type_why : "the kernel's build default (CONFIG_IOMMU_DEFAULT_*), "
		       "which the tree does not show");
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct ic_finding *f = &r->findings[i];

		differ += ic_streq(f->def->code, "prediction_differs");
		/* the note on functions in no group says why each cannot be predicted */
		if (!ic_streq(f->def->code, "prediction_unknown"))
			ic_text_finding(f);
	}
	if (r->model->ngroups && !differ)
		printf("Prediction: every predicted group matches the kernel's.\n");
}

/*
 * Why predictions are unknown: per kind of missing input, the functions it is missing for
 * ("  Why: config space is cut ... (0000:00:1c.0 0000:00:1d.0)."), each named once.
 */
static void ic_text_unknown_causes(const struct ic_groups_report *r)
{
	const struct ic_model *m = r->model;
	const struct ic_prediction *p = r->pred;
	enum ic_unknown_kind *kind = ic_xcalloc(m->ndevs, sizeof(*kind));
	bool *blamed = ic_xcalloc(m->ndevs, sizeof(*blamed));

	for (size_t i = 0; i < r->nungrouped; i++) {
		size_t u = (size_t)(r->ungrouped[i] - m->devs);

		if (!r->ungrouped_iommu[i] && p->blame[u] >= 0 && !blamed[p->blame[u]]) {
			blamed[p->blame[u]] = true;
			kind[p->blame[u]] = ic_unknown_kind_of(m, &m->devs[p->blame[u]]);
		}
	}
	for (int k = 0; k < IC_UNKNOWN_NKINDS; k++) {
		bool any = false;

		for (size_t i = 0; i < m->ndevs; i++) {
			if (!blamed[i] || kind[i] != (enum ic_unknown_kind)k)
				continue;
			if (!any)
				printf("  Why: %s (%s", ic_unknown_kind_str((enum ic_unknown_kind)k),
				       m->devs[i].bdf);
			else
				printf(" %s", m->devs[i].bdf);
			any = true;
		}
		if (any)
			printf(").\n");
	}
	free(kind);
	free(blamed);
}

/*
 * One note listing the functions in no group that are (IOMMU) or are not AMD IOMMUs: "Note: N
 * function(s) is/are WHAT: ...", or with --predict "the group of N function(s) cannot be
 * predicted: ...".
 */
/* With --predict: the known reason ungrouped function I has no group (a PowerNV bridge: a PE,
 * no group; behind no IOMMU), not an unknown; IC_WHY_UNKNOWN otherwise. */
static enum ic_why ic_known_ungrouped(const struct ic_groups_report *r, size_t i)
{
	enum ic_why w = r->pred ? r->pred->why[r->ungrouped[i] - r->model->devs] : IC_WHY_UNKNOWN;

	return !r->ungrouped_iommu[i] && (w == IC_WHY_PE_BRIDGE || w == IC_WHY_NO_IOMMU) ? w : IC_WHY_UNKNOWN;
}

static void ic_text_ungrouped(const struct ic_groups_report *r, bool iommu, const char *what)
{
	static const struct { enum ic_why why; const char *one, *many; } known[] = {
		{ IC_WHY_PE_BRIDGE, "bridge", "bridges PowerNV gives a PE but no group" },
		{ IC_WHY_NO_IOMMU, "function", "functions the firmware maps to no IOMMU (IORT, VIOT, "
						"iommu-map), so not translated and in no group" },
	};
	size_t n = 0;

	for (size_t k = 0; !iommu && k < IC_ARRAY_SIZE(known); k++) {
		size_t nk = 0;

		for (size_t i = 0; i < r->nungrouped; i++)
			nk += ic_known_ungrouped(r, i) == known[k].why;
		if (!nk)
			continue;
		/* "bridge" + the rest of "bridges ...", or the plural whole */
		printf("Note: %zu %s%s:", nk, nk == 1 ? known[k].one : "",
		       nk == 1 ? known[k].many + strlen(known[k].one) + 1 : known[k].many);
		for (size_t i = 0; i < r->nungrouped; i++)
			if (ic_known_ungrouped(r, i) == known[k].why)
				printf(" %s", r->ungrouped[i]->bdf);
		putchar('\n');
	}
	for (size_t i = 0; i < r->nungrouped; i++)
		n += r->ungrouped_iommu[i] == iommu && (iommu || ic_known_ungrouped(r, i) == IC_WHY_UNKNOWN);
	if (!n)
		return;
	if (r->pred && !iommu)
		printf("Note: the group of %zu function%s cannot be predicted:", n, n == 1 ? "" : "s");
	else
		printf("Note: %zu function%s %s:", n, n == 1 ? " is" : "s are", what);
	for (size_t i = 0; i < r->nungrouped; i++)
		if (r->ungrouped_iommu[i] == iommu && (iommu || ic_known_ungrouped(r, i) == IC_WHY_UNKNOWN))
			printf(" %s", r->ungrouped[i]->bdf);
	putchar('\n');
	if (r->pred && !iommu)
		ic_text_unknown_causes(r);
}

static void ic_text_notes(const struct ic_groups_report *r)
{
	const struct ic_model *m = r->model;
	size_t viable = 0;

	for (size_t i = 0; i < r->ngroups; i++) {
		viable += r->groups[i].verdict == IC_VIABLE;
		if (r->groups[i].direct_region)
			printf("Note: group %d has a direct reserved region (RMRR): the kernel refuses "
			       "to assign its devices.\n", r->groups[i].group->id);
	}
	if (r->pred)
		ic_text_prediction_notes(r);
	else
		for (size_t i = 0; i < r->nfindings; i++)	/* the kernel's groups: bound_without_group */
			ic_text_finding(&r->findings[i]);
	ic_text_ungrouped(r, true, "an IOMMU's own function (AMD IVRS, virtio-iommu), which it "
			  "does not translate: no group");
	ic_text_ungrouped(r, false, "in no IOMMU group");
	if (r->legacy_rule)
		printf("Note: kernel %s is older than 5.19: bridges bound to any driver do not "
		       "block VFIO.\n", m->kernel_release);
	if (m->dump_form)
		printf("Input: %s.\n", m->dump_form);
	if (m->config_cut)
		printf("Note: config space is cut at 64 bytes (not root): PCIe types and capabilities "
		       "are unknown (shown as ?). Run as root to read them.\n");
	if (m->nconfig_missing)
		printf("Note: %zu function%s no config file in this tree: their PCIe types and "
		       "capabilities are unknown.\n", m->nconfig_missing, m->nconfig_missing == 1 ? " has" : "s have");
	if (ic_model_is_partial(m))
		printf("Partial result: %zu input%s could not be read (see the messages above).\n",
		       m->nproblems, m->nproblems == 1 ? "" : "s");
	printf("%zu group%s, %zu function%s; %zu group%s viable for VFIO.\n", r->ngroups,
	       r->ngroups == 1 ? "" : "s", r->nselected_devs, r->nselected_devs == 1 ? "" : "s",
	       viable, viable == 1 ? "" : "s");
}

/* No groups: the evidence, one fact per line, and the fix. */
static int ic_text_iommu_off(const struct ic_groups_report *r)
{
	struct libscols_table *tb = scols_new_table();

	if (!tb)
		return -ENOMEM;
	if (r->groups_pending)
		printf("No IOMMU groups yet: the IOMMU is on and forms a function's group when a driver "
		       "binds to it, and no function is bound. 'iso-check groups --predict' shows the "
		       "groups they will join.\n\n");
	else
		printf("No IOMMU groups: the kernel formed none, so device DMA is not translated and no "
		       "device can be assigned with VFIO.\n\n");
	scols_table_enable_noheadings(tb, 1);
	scols_table_new_column(tb, "PATH", 0.1, 0);
	scols_table_new_column(tb, "STATE", 0.1, 0);
	for (size_t i = 0; i < r->nevidence; i++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln)
			break;
		scols_line_set_data(ln, 0, r->evidence[i].path);
		scols_line_set_data(ln, 1, r->evidence[i].state);
	}
	scols_print_table(tb);
	scols_unref_table(tb);
	if (r->fix)
		printf("\nFix: %s.\n", r->fix->text);
	if (ic_model_is_partial(r->model))
		printf("Partial result: %zu input%s could not be read (see the messages above).\n",
		       r->model->nproblems, r->model->nproblems == 1 ? "" : "s");
	return 0;
}

/* --explain: each group, each member with its type, and the facts behind it. */
static void ic_text_explain(const struct ic_groups_report *r)
{
	const struct ic_model *m = r->model;

	for (size_t i = 0; i < r->ngroups; i++) {
		const struct ic_group_report *gr = &r->groups[i];

		if (gr->kernel_group >= 0)
			printf("group %d (the kernel's group %d)\n", gr->group->id, gr->kernel_group);
		else
			printf("group %d%s\n", gr->group->id, m->ngroups ? " (differs from the kernel's)" : "");
		for (size_t j = 0; j < gr->nmembers; j++) {
			const struct ic_dev *d = gr->members[j].dev;
			size_t k = (size_t)(d - m->devs);

			printf("  %s %04x:%04x\n", d->bdf, d->vendor, d->device);
			for (size_t f = 0; f < r->explain->nfacts[k]; f++)
				printf("    - %s [%s]\n", r->explain->facts[k][f].text,
				       r->explain->facts[k][f].code);
		}
	}
	putchar('\n');
}

/*
 * ic_text_table() - a libsmartcols table of view V's columns: those -o names, or DEFAULTS
 * followed by -o +LIST, with the output options of O (headings, raw, pairs; a tree only when
 * TREE). COLS gets the column indices in order. Return: NULL if -o names no column of V.
 */
static struct libscols_table *ic_text_table(const struct ic_columns *v, const int *defaults,
					    size_t ndef, const struct ic_out_opts *o, bool tree,
					    int *cols, size_t max, size_t *ncols)
{
	const char *list = o ? o->columns : NULL, *bad;
	struct libscols_table *tb;
	int n = 0;

	*ncols = 0;
	if (!list || list[0] == '+') {
		memcpy(cols, defaults, ndef * sizeof(*cols));
		*ncols = ndef;
	}
	if (list && (n = ic_columns_parse_in(v, list + (list[0] == '+'), cols + *ncols, max - *ncols,
					     &bad)) <= 0)
		return NULL;
	*ncols += (size_t)n;
	tb = scols_new_table();
	if (!tb)
		return NULL;
	if (o) {
		scols_table_enable_noheadings(tb, o->noheadings);
		scols_table_enable_raw(tb, o->raw);
		scols_table_enable_export(tb, o->pairs);
	}
	for (size_t c = 0; c < *ncols; c++) {
		const struct ic_colinfo *ci = &v->cols[cols[c]];

		scols_table_new_column(tb, ci->name, ci->whint, tree ? ci->flags : ci->flags & ~SCOLS_FL_TREE);
	}
	return tb;
}

/* Whether O asks for the rows alone, for scripts (-r, -P). */
static bool ic_text_rows_only(const struct ic_out_opts *o)
{
	return o && (o->raw || o->pairs);
}

/* Sets the cells of LN for the columns COLS from CELLS (all NCELLS of them, owned, freed). */
static void ic_text_set_cells(struct libscols_line *ln, const int *cols, size_t ncols, char **cells,
			      size_t ncells)
{
	for (size_t c = 0; c < ncols; c++) {
		scols_line_refer_data(ln, c, cells[cols[c]]);
		cells[cols[c]] = NULL;
	}
	for (size_t k = 0; k < ncells; k++)
		free(cells[k]);
}

static int ic_text_groups(const struct ic_groups_report *r, const struct ic_out_opts *o)
{
	bool tree = o->layout == IC_LAYOUT_TREE;
	int cols[64];
	size_t ncols;
	struct libscols_table *tb;

	if (!r->iommu_on || (r->groups_pending && !r->pred))
		return ic_text_iommu_off(r);
	if (r->explain) {
		ic_text_explain(r);
		ic_text_notes(r);
		return 0;
	}
	if (tree && r->pred)
		tb = ic_text_table(&ic_groups_view, ic_predict_defaults, IC_ARRAY_SIZE(ic_predict_defaults),
				   o, tree, cols, IC_ARRAY_SIZE(cols), &ncols);
	else if (tree)
		tb = ic_text_table(&ic_groups_view, ic_tree_defaults, IC_ARRAY_SIZE(ic_tree_defaults),
				   o, tree, cols, IC_ARRAY_SIZE(cols), &ncols);
	else
		tb = ic_text_table(&ic_groups_view, ic_list_defaults, IC_ARRAY_SIZE(ic_list_defaults),
				   o, tree, cols, IC_ARRAY_SIZE(cols), &ncols);
	if (!tb)
		return -EINVAL;	/* -o was checked by the caller already */
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct ic_group_report *gr = &r->groups[i];
		struct libscols_line *parent = NULL;

		if (tree) {
			parent = scols_table_new_line(tb, NULL);
			if (!parent)
				break;
			ic_fill_line(r, parent, cols, ncols, gr, NULL, true);
		}
		for (size_t j = 0; j < gr->nmembers; j++) {
			struct libscols_line *ln = scols_table_new_line(tb, parent);

			if (ln)
				ic_fill_line(r, ln, cols, ncols, gr, &gr->members[j], tree);
		}
	}
	scols_print_table(tb);
	scols_unref_table(tb);
	if (!ic_text_rows_only(o))	/* for scripts: the rows alone (findings: -J) */
		ic_text_notes(r);
	return 0;
}

static void ic_text_devs(const struct ic_dev *const *v, size_t n, const struct ic_dev *self)
{
	if (n <= 1) {
		printf("alone in its group");
		return;
	}
	printf("shares its group with");
	for (size_t i = 0; i < n; i++)
		if (v[i] != self)
			printf(" %s", v[i]->bdf);
}

static int ic_text_isolate(const struct ic_isolate_report *r)
{
	const struct ic_dev *d = r->dev;

	printf("%s now: ", d->bdf);
	ic_text_devs(r->now, r->nnow, d);
	printf(".\n");
	if (!r->nobstacles) {
		if (r->unknown)
			printf("Note: an input on its path is unknown; this answer may be incomplete.\n");
		else
			printf(r->nnow > 1 ? "Nothing on its path fails ACS: what it shares comes from "
					     "DMA aliases no setting can change.\n" : "Nothing to do.\n");
		return 0;
	}
	printf("What keeps it from a group of its own:\n");
	for (size_t k = 0; k < r->nobstacles; k++) {
		const struct ic_obstacle *o = &r->obstacles[k];

		printf("  %s %04x:%04x: %s\n", o->dev->bdf, o->dev->vendor, o->dev->device, o->why);
		if (o->kind == IC_FIX_NONE)
			printf("    no kernel setting changes this\n");
		else
			printf("    %s=%s%s\n", o->kind == IC_FIX_CONFIG_ACS ? "pci=config_acs" : "pcie_acs_override",
			       o->setting, o->kind == IC_FIX_OVERRIDE ? " (UNSAFE: the hardware does not isolate it)" : "");
		printf("    with this alone, %s: ", d->bdf);
		ic_text_devs(o->after, o->nafter, d);
		printf("\n");
	}
	printf("With every fix, %s: ", d->bdf);
	ic_text_devs(r->all, r->nall, d);
	printf("%s.\n", r->nall > 1 || r->all_safe ? "" : " (UNSAFE: rests on pcie_acs_override)");
	if (r->unknown)
		printf("Note: an input on its path is unknown; this answer may be incomplete.\n");
	return 0;
}

static int ic_text_diff(const struct ic_model *a, const struct ic_model *b, const struct ic_diff *df)
{
	printf("--- %s\n+++ %s\n", a->sysroot ? a->sysroot : "/", b->sysroot ? b->sysroot : "/");
	for (size_t i = 0; i < df->n; i++) {
		const struct ic_change *c = &df->changes[i];
		const char *mark = c->kind == IC_CHANGE_ADDED ? "+" : c->kind == IC_CHANGE_REMOVED ? "-" : "~";

		printf("%s %-20s %s", mark, ic_change_kind_str(c->kind), c->device ? c->device : "platform");
		if (c->before && c->after)
			printf(": %s -> %s", c->before, c->after);
		else if (c->before || c->after)
			printf(": %s", c->before ? c->before : c->after);
		putchar('\n');
	}
	printf(df->n ? "%zu change%s.\n" : "No changes.\n", df->n, df->n == 1 ? "" : "s");
	return 0;
}

static int ic_text_snapshot(const struct ic_snapshot_summary *s)
{
	printf("Recorded %zu files, %zu links and %zu directories from %s into %s.\n", s->files,
	       s->links, s->dirs, s->model->sysroot ? s->model->sysroot : "this host", s->path);
	if (s->config_cut)
		printf("Note: config space is cut at 64 bytes (not root): the snapshot says so, and "
		       "capabilities are unknown when it is replayed. Run as root for a full snapshot.\n");
	if (s->redacted)
		printf("Device serial numbers were blanked.\n");
	printf("Replay it with: iso-check --sysroot %s groups\n", s->path);
	return 0;
}

static void ic_text_error(const char *path, const char *msg)
{
	if (path)
		fprintf(stderr, "iso-check: %s: %s\n", path, msg);
	else
		fprintf(stderr, "iso-check: %s\n", msg);
}

static int ic_text_columns(const struct ic_colinfo *cols, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%12s  %s\n", cols[i].name, cols[i].help);
	return 0;
}

/* --list-findings: a table of the registry, one finding a row. */
static int ic_text_findings(void)
{
	int w = 4;

	for (size_t i = 0; i < ic_nfindings; i++)
		if ((int)strlen(ic_findings[i].code) > w)
			w = (int)strlen(ic_findings[i].code);
	printf("%-*s SEVERITY VIEW    HELP\n", w, "CODE");
	for (size_t i = 0; i < ic_nfindings; i++)
		printf("%-*s %-8s %-7s %s\n", w, ic_findings[i].code,
		       ic_severity_str(ic_findings[i].severity), ic_findings[i].view, ic_findings[i].help);
	return 0;
}

/* --- table views --------------------------------------------------------------------- */

/* A power-of-two size as lsblk prints it: "4K", "1M", "16G"; other sizes in bytes. */
char *ic_size_text(uint64_t v)
{
	static const char units[] = "KMGTPE";
	int u = -1;

	while (u < 5 && v >= 1024 && v % 1024 == 0) {
		v /= 1024;
		u++;
	}
	return u < 0 ? ic_xasprintf("%" PRIu64, v) : ic_xasprintf("%" PRIu64 "%c", v, units[u]);
}

/* "group 3,5 PE 0:1f": domains sorted by kind, each kind named once. */
char *ic_domains_text(const struct ic_domain *d, size_t n)
{
	char *s = ic_xstrdup("");

	for (size_t i = 0; i < n; i++) {
		char *one = ic_domain_str(&d[i]), *id = strchr(one, ' '), *t;
		bool same = i > 0 && d[i - 1].kind == d[i].kind;

		t = ic_xasprintf("%s%s%s", s, same ? "," : *s ? " " : "", same && id ? id + 1 : one);
		free(s);
		free(one);
		s = t;
	}
	return s;
}

static void ic_text_finding_list(const struct ic_finding *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ic_text_finding(&f[i]);
}

/*
 * Any table view's result: its rows (a tree when the view links them and the output is not
 * for scripts), then the view's own lines, the findings and one summary line.
 */
static int ic_text_result(const struct ic_result *r, const struct ic_out_opts *o)
{
	bool tree = r->parent && !ic_text_rows_only(o);
	struct libscols_line **ln;
	int cols[64];
	size_t shown = 0, ncols;
	struct libscols_table *tb = ic_text_table(r->view, r->view->defaults, r->view->ndefaults, o,
						  tree, cols, IC_ARRAY_SIZE(cols), &ncols);
	char **cell;

	if (!tb)
		return -EINVAL;	/* -o was checked by the parser already */
	ln = ic_xcalloc(r->nrows ? r->nrows : 1, sizeof(*ln));
	cell = ic_xcalloc(r->view->n, sizeof(*cell));
	for (size_t k = 0; k < r->nrows; k++) {
		struct libscols_line *parent = NULL;

		if (!r->show[k])
			continue;
		/* the nearest shown row above is the parent in the tree */
		for (int p = tree ? r->parent(r->data, k) : -1; p >= 0 && !parent; p = r->parent(r->data, (size_t)p))
			parent = ln[p];
		ln[k] = scols_table_new_line(tb, parent);
		memset(cell, 0, r->view->n * sizeof(*cell));
		r->cells(r->data, k, cell);
		ic_text_set_cells(ln[k], cols, ncols, cell, r->view->n);
		shown++;
	}
	if (shown)
		scols_print_table(tb);
	scols_unref_table(tb);
	free(ln);
	free(cell);
	if (ic_text_rows_only(o))	/* for scripts: the rows alone (findings: -J) */
		return 0;
	if (r->text_tail)
		r->text_tail(r->data);
	ic_text_finding_list(r->findings, r->nfindings);
	if (r->text_summary) {
		r->text_summary(r->data);
		return 0;
	}
	if (shown || !r->none)
		printf("%zu %s%s, ", shown, r->noun, shown == 1 ? "" : "s");
	else
		printf("%s, ", r->none);
	printf("%zu finding%s.\n", r->nfindings, r->nfindings == 1 ? "" : "s");
	return 0;
}

const struct ic_output_ops ic_output_text = {
	.result = ic_text_result,
	.groups = ic_text_groups,
	.error = ic_text_error,
	.columns = ic_text_columns,
	.findings = ic_text_findings,
	.isolate = ic_text_isolate,
	.snapshot = ic_text_snapshot,
	.diff = ic_text_diff,
};
