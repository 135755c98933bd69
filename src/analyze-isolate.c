/* SPDX-License-Identifier: GPL-2.0-or-later */
/* analyze-isolate.c - the obstacles on a function's path to a group of its own, and their fixes. */
#include <stdlib.h>
#include <string.h>

#include "ic.h"
#include "isolate.h"

const char *ic_fix_kind_str(enum ic_fix_kind k)
{
	static const char *const names[] = {
		[IC_FIX_CONFIG_ACS] = "config_acs", [IC_FIX_OVERRIDE] = "acs_override", [IC_FIX_NONE] = "none",
	};
	return names[k];
}

/* The members of function I's group in prediction P (pointers into the model). */
static const struct ic_dev **ic_group_members(const struct ic_model *m, const struct ic_prediction *p,
					      size_t i, size_t *n)
{
	const struct ic_dev **v = ic_xcalloc(m->ndevs, sizeof(*v));

	*n = 0;
	for (size_t j = 0; j < m->ndevs && p->group[i] >= 0; j++)
		if (p->group[j] == p->group[i])
			v[(*n)++] = &m->devs[j];
	return v;
}

/* Parses SETTING into a what-if of its kind and predicts function I's group with it. */
static const struct ic_dev **ic_try(const struct ic_model *m, const struct ic_quirks *q,
				    const struct ic_whatif *w, size_t i, size_t *n)
{
	struct ic_prediction p;
	const struct ic_dev **v;

	ic_predict_whatif(m, q, w, &p);
	v = ic_group_members(m, &p, i, n);
	ic_prediction_clear(&p);
	return v;
}

static void ic_add_setting(struct ic_whatif *w, const struct ic_obstacle *o)
{
	const char *err;

	if (o->kind == IC_FIX_CONFIG_ACS)
		ic_whatif_parse_config_acs(w, o->setting, &err);
	else if (o->kind == IC_FIX_OVERRIDE)
		ic_whatif_parse_override(w, o->setting, &err);
}

/* An obstacle at B: enable its ACS if it has the capability, else the override (unsafe). */
static struct ic_obstacle ic_obstacle_at(const struct ic_dev *b)
{
	struct ic_obstacle o = { .dev = b };

	if (b->pcie_type == IC_PCIE_NONE || b->pcie_type == IC_PCIE_PCI_BRIDGE ||
	    b->pcie_type == IC_PCIE_PCIE_BRIDGE || b->pcie_type == IC_PCIE_RC_EC) {
		o.why = b->pcie_type == IC_PCIE_NONE ? "conventional_pci" : "never_isolates";
		o.kind = IC_FIX_NONE;
	} else if (ic_dev_find_cap(b, PCI_EXT_CAP_ID_ACS, true)) {
		o.why = "acs_disabled";
		o.kind = IC_FIX_CONFIG_ACS;
		/* SV RR CR UF on (right to left: SV TB RR CR UF), TB left alone */
		o.setting = ic_xasprintf("111x1@%s", b->bdf);
	} else {
		o.why = "acs_missing";
		o.kind = IC_FIX_OVERRIDE;
		o.setting = ic_xasprintf("id:%04x:%04x", b->vendor, b->device);
	}
	return o;
}

/*
 * ic_analyze_isolate() - what keeps D from a group of its own under the current prediction:
 * the bridges on its path that do not isolate, a bridge that takes over its requester ID, its
 * multifunction siblings without ACS; for each, the kernel setting that would change it and
 * D's group with that setting alone; then with all of them. Return: 0, or -1 if D's own
 * prediction is unknown (r->unknown_cause says why; clear the report either way).
 */
int ic_analyze_isolate(const struct ic_model *m, const struct ic_quirks *quirks,
		       const struct ic_dev *d, struct ic_isolate_report *r)
{
	size_t i = (size_t)(d - m->devs), cap = 0;
	struct ic_whatif all = { 0 };
	struct ic_prediction p;

	memset(r, 0, sizeof(*r));
	r->model = m;
	r->dev = d;
	ic_predict_groups(m, quirks, &p);
	if (p.group[i] < 0) {
		r->unknown_cause = ic_xstrdup(p.unknown_cause[i] ? p.unknown_cause[i] : "no group");
		ic_prediction_clear(&p);
		return -1;
	}
	r->now = ic_group_members(m, &p, i, &r->nnow);
	r->unknown = p.doubt[i] >= 0;	/* the group may hold a function whose group is unknown */
	/* bridges above: a requester-ID alias, then each that fails ACS */
	for (const struct ic_dev *b = d->parent; b; b = b->parent) {
		enum ic_tri t = p.acs[b - m->devs];

		if (t == IC_TRI_UNKNOWN)
			r->unknown = true;
		if (t == IC_TRI_NO)
			IC_APPEND(r->obstacles, r->nobstacles, cap, ic_obstacle_at(b));
	}
	/* the function itself, when it shares with siblings of its slot */
	if (ic_dev_is_multifunction(d) && p.acs[i] == IC_TRI_NO && r->nnow > 1)
		for (size_t j = 0; j < m->ndevs; j++) {
			const struct ic_dev *s = &m->devs[j];

			if (s->domain == d->domain && s->bus == d->bus && s->slot == d->slot &&
			    p.acs[j] == IC_TRI_NO) {
				struct ic_obstacle o = ic_obstacle_at(s);

				if (o.kind == IC_FIX_OVERRIDE) {
					free(o.setting);
					o.setting = ic_xasprintf("multifunction");
				}
				o.why = o.kind == IC_FIX_NONE ? o.why : "function_no_acs";
				IC_APPEND(r->obstacles, r->nobstacles, cap, o);
				if (o.kind == IC_FIX_OVERRIDE)
					break;	/* one override covers every sibling */
			}
		}
	r->all_safe = true;
	for (size_t k = 0; k < r->nobstacles; k++) {
		struct ic_obstacle *o = &r->obstacles[k];
		struct ic_whatif one = { 0 };

		ic_add_setting(&one, o);
		ic_add_setting(&all, o);
		o->after = ic_try(m, quirks, &one, i, &o->nafter);
		ic_whatif_clear(&one);
		r->all_safe &= o->kind != IC_FIX_OVERRIDE;
	}
	r->all = ic_try(m, quirks, &all, i, &r->nall);
	ic_whatif_clear(&all);
	ic_prediction_clear(&p);
	return 0;
}

void ic_isolate_report_clear(struct ic_isolate_report *r)
{
	for (size_t k = 0; k < r->nobstacles; k++) {
		free(r->obstacles[k].setting);
		free(r->obstacles[k].after);
	}
	free(r->obstacles);
	free(r->now);
	free(r->all);
	free(r->unknown_cause);
	memset(r, 0, sizeof(*r));
}
