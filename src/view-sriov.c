/* SPDX-License-Identifier: GPL-2.0-or-later */
/* view-sriov.c - the sriov view: a tree of PFs and their VFs, its columns and JSON rows. */
#include <inttypes.h>
#include <libsmartcols.h>
#include <pci/header.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ic.h"
#include "select.h"
#include "sriov.h"
#include "view.h"

enum {
	IC_SCOL_NAME, IC_SCOL_VF, IC_SCOL_ID, IC_SCOL_DRIVER, IC_SCOL_GROUP, IC_SCOL_NUMVFS,
	IC_SCOL_TOTALVFS, IC_SCOL_MAXVFS, IC_SCOL_OFFSET, IC_SCOL_STRIDE, IC_SCOL_VFBARS,
	IC_SCOL_VFGROUPS, IC_SCOL_RID, IC_SCOL_ISOLATION, IC_SCOL_DESCRIPTION, IC_NSRIOV_COLS,
};

static const struct ic_colinfo ic_sriov_columns[IC_NSRIOV_COLS] = {
	[IC_SCOL_NAME] = { "NAME", 0.15, SCOLS_FL_TREE, "the PF's address, its VFs below it",
		"pfs[].address,pfs[].vfs[].address", "string" },
	[IC_SCOL_VF] = { "VF", 3, SCOLS_FL_RIGHT, "VF number (virtfnN)", "pfs[].vfs[].vf_id", "integer" },
	[IC_SCOL_ID] = { "ID", 9, 0, "vendor:device ID", "pfs[].device_id", "hex" },
	[IC_SCOL_DRIVER] = { "DRIVER", 0.1, 0, "bound driver, - if none", "pfs[].driver", "string" },
	[IC_SCOL_GROUP] = { "GROUP", 5, SCOLS_FL_RIGHT, "IOMMU group", "pfs[].group", "integer" },
	[IC_SCOL_NUMVFS] = { "NUMVFS", 6, SCOLS_FL_RIGHT, "VFs enabled", "pfs[].num_vfs", "integer" },
	[IC_SCOL_TOTALVFS] = { "TOTALVFS", 8, SCOLS_FL_RIGHT, "TotalVFs of the capability (or sysfs)",
		"pfs[].total_vfs", "integer" },
	[IC_SCOL_MAXVFS] = { "MAXVFS", 6, SCOLS_FL_RIGHT, "the most VFs that can be enabled now (? unknown)",
		"pfs[].enable.max_num_vfs", "integer" },
	[IC_SCOL_OFFSET] = { "OFFSET", 6, SCOLS_FL_RIGHT, "First VF Offset", "pfs[].vf_offset", "integer" },
	[IC_SCOL_STRIDE] = { "STRIDE", 6, SCOLS_FL_RIGHT, "VF Stride", "pfs[].vf_stride", "integer" },
	[IC_SCOL_VFBARS] = { "VFBARS", 0.2, 0, "each VF's BARs: index and size (per VF)",
		"pfs[].vf_bars", "list" },
	[IC_SCOL_VFGROUPS] = { "VFGROUPS", 8, 0, "the VFs' groups: separate, shared (the PF's) or unknown",
		"pfs[].vf_groups", "string" },
	[IC_SCOL_RID] = { "RID", 8, 0, "VF: at the routing ID offset and stride give (ok, mismatch, ?)",
		"pfs[].vfs[].rid_ok", "boolean" },
	[IC_SCOL_ISOLATION] = { "ISOLATION", 12, 0, "VF isolation: isolated, not_isolated or unknown",
		"pfs[].isolation.verdict", "string" },
	[IC_SCOL_DESCRIPTION] = { "DESCRIPTION", 0.3, SCOLS_FL_TRUNC, "vendor and device names",
		"pfs[].device_name", "string" },
};

static const int ic_sriov_defaults[] = {
	IC_SCOL_NAME, IC_SCOL_VF, IC_SCOL_ID, IC_SCOL_DRIVER, IC_SCOL_GROUP, IC_SCOL_NUMVFS,
	IC_SCOL_TOTALVFS, IC_SCOL_MAXVFS, IC_SCOL_VFGROUPS, IC_SCOL_ISOLATION,
};

const struct ic_columns ic_sriov_view = { "sriov", ic_sriov_columns, IC_NSRIOV_COLS,
					  ic_sriov_defaults, IC_ARRAY_SIZE(ic_sriov_defaults) };

/* A row: a PF, or one of its VFs. */
struct ic_sriov_row {
	size_t pf;
	int vf;		/* -1: the PF itself */
	int parent;	/* the PF's row, for a VF; -1 */
};

struct ic_sriov_rows {
	const struct ic_sriov_report *r;
	struct ic_sriov_row *rows;
};

static int ic_sriov_parent(const void *data, size_t k)
{
	return ((const struct ic_sriov_rows *)data)->rows[k].parent;
}

static char *ic_vf_bars_text(const struct ic_pf_row *pf)
{
	char *s = ic_xstrdup("");

	for (size_t i = 0; i < pf->nbars; i++) {
		char *size = pf->bars[i].per_vf ? ic_size_text(pf->bars[i].per_vf) : ic_xstrdup("?");
		char *t = ic_xasprintf("%s%sbar%u %s", s, i ? "," : "", pf->bars[i].index, size);

		free(size);
		free(s);
		s = t;
	}
	return s;
}

static char *ic_group_text(const struct ic_dev *d)
{
	if (!(d->known & IC_KNOWN_IOMMU_GROUP))
		return ic_xstrdup("?");
	return d->iommu_group >= 0 ? ic_xasprintf("%d", d->iommu_group) : ic_xstrdup("-");
}

static void ic_sriov_cells(const void *data, size_t k, char **cell)
{
	const struct ic_sriov_rows *v = data;
	const struct ic_sriov_row *row = &v->rows[k];
	const struct ic_pf_row *pf = &v->r->pfs[row->pf];
	const struct ic_vf_row *vf = row->vf >= 0 ? &pf->vfs[row->vf] : NULL;
	const struct ic_dev *d = vf ? vf->dev : pf->dev;

	cell[IC_SCOL_NAME] = ic_xstrdup(d->bdf);
	cell[IC_SCOL_ID] = d->known & IC_KNOWN_IDENT ? ic_xasprintf("%04x:%04x", d->vendor, d->device)
						     : ic_xstrdup("?");
	cell[IC_SCOL_DRIVER] = ic_xstrdup(!(d->known & IC_KNOWN_DRIVER) ? "?" : d->driver ? d->driver : "-");
	cell[IC_SCOL_GROUP] = ic_group_text(d);
	cell[IC_SCOL_DESCRIPTION] = d->vendor_name && d->device_name ?
				    ic_xasprintf("%s %s", d->vendor_name, d->device_name) : ic_xstrdup("");
	if (vf) {
		cell[IC_SCOL_VF] = ic_xasprintf("%u", vf->vf_id);
		cell[IC_SCOL_RID] = ic_xstrdup(!vf->rid_known ? "?" : vf->rid_ok ? "ok" : "mismatch");
		return;
	}
	cell[IC_SCOL_NUMVFS] = ic_xasprintf("%" PRIu32, pf->num_vfs);
	cell[IC_SCOL_TOTALVFS] = ic_xasprintf("%" PRIu32, pf->total_vfs);
	cell[IC_SCOL_MAXVFS] = pf->max_known ? ic_xasprintf("%" PRIu32, pf->max_num_vfs) :
			       ic_xasprintf("%" PRIu32 "?", pf->max_num_vfs);
	if (pf->offset_known) {
		cell[IC_SCOL_OFFSET] = ic_xasprintf("%" PRIu32, pf->offset);
		cell[IC_SCOL_STRIDE] = ic_xasprintf("%" PRIu32, pf->stride);
	}
	cell[IC_SCOL_VFBARS] = ic_vf_bars_text(pf);
	cell[IC_SCOL_VFGROUPS] = ic_xstrdup(ic_vf_groups_str(pf->vf_groups));
	cell[IC_SCOL_ISOLATION] = ic_xstrdup(ic_vf_verdict_str(pf->verdict));
}

static json_object *ic_jint_or_null(bool known, int64_t v)
{
	return known ? json_object_new_int64(v) : NULL;
}

static json_object *ic_jreasons(const struct ic_sriov_report *r, const size_t *idx, size_t n)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < n; i++)
		json_object_array_add(a, ic_jfinding(&r->findings[idx[i]]));
	return a;
}

static json_object *ic_jsysfs(const struct ic_dev *d)
{
	const struct ic_sriov_sysfs *k = &d->sriov;
	json_object *o = json_object_new_object();

	ic_jadd(o, "total_vfs", ic_jint_or_null(k->known & IC_SV_TOTAL, k->total_vfs));
	ic_jadd(o, "num_vfs", ic_jint_or_null(k->known & IC_SV_NUM, k->num_vfs));
	ic_jadd(o, "offset", ic_jint_or_null(k->known & IC_SV_OFFSET, k->offset));
	ic_jadd(o, "stride", ic_jint_or_null(k->known & IC_SV_STRIDE, k->stride));
	ic_jadd(o, "vf_device", k->known & IC_SV_VF_DEVICE ? ic_jhex(k->vf_device, 4) : NULL);
	ic_jadd(o, "drivers_autoprobe", k->known & IC_SV_AUTOPROBE ?
			       json_object_new_boolean(k->autoprobe) : NULL);
	ic_jadd(o, "vf_total_msix", ic_jint_or_null(k->known & IC_SV_MSIX, k->vf_total_msix));
	return o;
}

static json_object *ic_jcapability(const struct ic_pf_row *pf)
{
	const struct ic_cfg_sriov *s = &pf->dev->cfg.sriov;
	json_object *o;

	if (!pf->cap)
		return NULL;	/* config space cut (not root), or not recorded */
	o = json_object_new_object();
	ic_jadd(o, "vf_migration_capable", json_object_new_boolean(s->cap & PCI_IOV_CAP_VFM));
	ic_jadd(o, "vf_enable", json_object_new_boolean(s->ctrl & PCI_IOV_CTRL_VFE));
	ic_jadd(o, "vf_mse", json_object_new_boolean(s->ctrl & PCI_IOV_CTRL_MSE));
	ic_jadd(o, "ari_hierarchy", json_object_new_boolean(s->ctrl & PCI_IOV_CTRL_ARI));
	ic_jadd(o, "function_link", ic_jhex(s->function_link, 2));
	return o;
}

static json_object *ic_jvf(const struct ic_vf_row *vf)
{
	const struct ic_dev *d = vf->dev;
	json_object *o = json_object_new_object(), *bars = json_object_new_array();
	char bdf[32];

	ic_jadd(o, "address", json_object_new_string(d->bdf));
	ic_jadd(o, "vf_id", json_object_new_int((int)vf->vf_id));
	snprintf(bdf, sizeof(bdf), "%04x:%02x:%02x.%x", d->domain, vf->expected_rid >> 8,
		 (vf->expected_rid >> 3) & 0x1f, vf->expected_rid & 7);
	ic_jadd(o, "expected_address", vf->rid_known ? json_object_new_string(bdf) : NULL);
	ic_jadd(o, "rid_ok", vf->rid_known ? json_object_new_boolean(vf->rid_ok) : NULL);
	ic_jadd(o, "group", d->known & IC_KNOWN_IOMMU_GROUP && d->iommu_group >= 0 ?
			       json_object_new_int(d->iommu_group) : NULL);
	ic_jadd(o, "driver", d->known & IC_KNOWN_DRIVER ? ic_jstr(d->driver) : NULL);
	for (size_t i = 0; i < d->nres; i++) {
		const struct ic_resource *res = &d->res[i];
		json_object *b;

		if (res->kind != IC_RES_BAR || res->end <= res->start)
			continue;
		b = json_object_new_object();
		ic_jadd(b, "index", json_object_new_int((int)res->index));
		ic_jadd(b, "start", ic_jhex(res->start, 0));
		ic_jadd(b, "end", ic_jhex(res->end, 0));
		ic_jadd(b, "size", ic_jhex(res->end - res->start + 1, 0));
		json_object_array_add(bars, b);
	}
	ic_jadd(o, "bars", bars);
	return o;
}

static json_object *ic_sriov_json(const void *data, size_t k)
{
	const struct ic_sriov_rows *v = data;
	const struct ic_sriov_row *row = &v->rows[k];
	const struct ic_pf_row *pf = &v->r->pfs[row->pf];
	const struct ic_dev *d = pf->dev;
	const struct ic_cfg_sriov *s = &d->cfg.sriov;
	json_object *o, *bars, *vfs, *iso, *en;

	if (row->vf >= 0)
		return NULL;	/* in its PF's vfs[] */
	o = json_object_new_object();
	bars = json_object_new_array();
	vfs = json_object_new_array();
	iso = json_object_new_object();
	en = json_object_new_object();
	ic_jadd(o, "address", json_object_new_string(d->bdf));
	ic_jadd(o, "vendor_id", d->known & IC_KNOWN_IDENT ? ic_jhex(d->vendor, 4) : NULL);
	ic_jadd(o, "device_id", d->known & IC_KNOWN_IDENT ? ic_jhex(d->device, 4) : NULL);
	ic_jadd(o, "device_name", ic_jstr(d->device_name));
	ic_jadd(o, "driver", d->known & IC_KNOWN_DRIVER ? ic_jstr(d->driver) : NULL);
	ic_jadd(o, "group", d->known & IC_KNOWN_IOMMU_GROUP && d->iommu_group >= 0 ?
			       json_object_new_int(d->iommu_group) : NULL);
	ic_jadd(o, "total_vfs", json_object_new_int64(pf->total_vfs));
	ic_jadd(o, "num_vfs", json_object_new_int64(pf->num_vfs));
	ic_jadd(o, "initial_vfs", ic_jint_or_null(pf->cap, s->initial_vfs));
	ic_jadd(o, "vf_offset", ic_jint_or_null(pf->offset_known, pf->offset));
	ic_jadd(o, "vf_stride", ic_jint_or_null(pf->offset_known, pf->stride));
	ic_jadd(o, "vf_device_id", pf->cap ? ic_jhex(s->vf_device, 4) :
			       d->sriov.known & IC_SV_VF_DEVICE ? ic_jhex(d->sriov.vf_device, 4) : NULL);
	ic_jadd(o, "system_page_size", pf->cap && s->system_page_size ?
			       ic_jhex((uint64_t)s->system_page_size << 12, 0) : NULL);
	ic_jadd(o, "supported_page_sizes", pf->cap ? ic_jhex(s->supported_page_sizes, 0) : NULL);
	ic_jadd(o, "capability", ic_jcapability(pf));
	ic_jadd(o, "sysfs", ic_jsysfs(d));
	for (size_t i = 0; i < pf->nbars; i++) {
		const struct ic_vf_bar *b = &pf->bars[i];
		json_object *x = json_object_new_object();

		ic_jadd(x, "index", json_object_new_int((int)b->index));
		ic_jadd(x, "start", ic_jhex(b->start, 0));
		ic_jadd(x, "aperture", ic_jhex(b->aperture, 0));
		ic_jadd(x, "per_vf_size", b->per_vf ? ic_jhex(b->per_vf, 0) : NULL);
		ic_jadd(x, "assigned", json_object_new_boolean(b->assigned));
		ic_jadd(x, "mem64", json_object_new_boolean(b->is64));
		ic_jadd(x, "prefetchable", json_object_new_boolean(b->pref));
		json_object_array_add(bars, x);
	}
	ic_jadd(o, "vf_bars", bars);
	for (size_t i = 0; i < pf->nvfs; i++)
		json_object_array_add(vfs, ic_jvf(&pf->vfs[i]));
	ic_jadd(o, "vfs", vfs);
	ic_jadd(o, "vf_groups", json_object_new_string(ic_vf_groups_str(pf->vf_groups)));
	ic_jadd(o, "first_new_group", pf->first_new_group >= 0 ?
			       json_object_new_int(pf->first_new_group) : NULL);
	ic_jadd(iso, "verdict", json_object_new_string(ic_vf_verdict_str(pf->verdict)));
	ic_jadd(iso, "reasons", ic_jreasons(v->r, pf->isolation, pf->nisolation));
	ic_jadd(o, "isolation", iso);
	ic_jadd(en, "max_num_vfs", pf->max_known ? json_object_new_int64(pf->max_num_vfs) : NULL);
	ic_jadd(en, "reasons", ic_jreasons(v->r, pf->enable, pf->nenable));
	ic_jadd(o, "enable", en);
	return o;
}

static void ic_sriov_json_head(const void *data, json_object *top)
{
	const struct ic_sriov_rows *v = data;

	ic_jadd(top, "page_size", ic_jhex(v->r->page_size, 0));
	ic_jadd(top, "page_size_source", json_object_new_string(v->r->page_size_source));
}

static void ic_sriov_text_tail(const void *data)
{
	const struct ic_sriov_rows *v = data;
	char *ps = ic_size_text(v->r->page_size);

	printf("Page size: %s (%s).\n", ps, v->r->page_size_source);
	free(ps);
	if (v->r->npfs)
		printf("Note: MAXVFS assumes First VF Offset and VF Stride do not change with NumVFs "
		       "(the kernel reads them again for each count); ? marks a count that more of the "
		       "machine could lower.\n");
}

/*
 * ic_sriov_result() - the rows of R (each PF, then its VFs), those whose function SEL matches
 * (a VF's PF is shown with it). Free with ic_sriov_result_free().
 */
void ic_sriov_result(const struct ic_sriov_report *r, const struct ic_select *sel, struct ic_result *res)
{
	struct ic_sriov_rows *v = ic_xcalloc(1, sizeof(*v));
	size_t n = 0, cap = 0;
	bool *show;

	v->r = r;
	for (size_t i = 0; i < r->npfs; i++) {
		struct ic_sriov_row row = { .pf = i, .vf = -1, .parent = -1 };
		int pf_row = (int)n;

		IC_APPEND(v->rows, n, cap, row);
		for (size_t j = 0; j < r->pfs[i].nvfs; j++) {
			row = (struct ic_sriov_row){ .pf = i, .vf = (int)j, .parent = pf_row };
			IC_APPEND(v->rows, n, cap, row);
		}
	}
	show = ic_xcalloc(n + 1, sizeof(*show));
	for (size_t k = 0; k < n; k++) {
		const struct ic_pf_row *pf = &r->pfs[v->rows[k].pf];
		bool any = ic_select_dev(sel, pf->dev);

		for (size_t j = 0; j < pf->nvfs && !any; j++)
			any = ic_select_dev(sel, pf->vfs[j].dev);
		show[k] = any;
	}
	*res = (struct ic_result){
		.view = &ic_sriov_view, .rows_key = "pfs", .model = r->model, .data = v, .nrows = n,
		.show = show, .findings = r->findings, .nfindings = r->nfindings, .noun = "function",
		.none = "No SR-IOV physical functions", .parent = ic_sriov_parent,
		.cells = ic_sriov_cells, .row_json = ic_sriov_json, .json_head = ic_sriov_json_head,
		.text_tail = ic_sriov_text_tail,
	};
}

void ic_sriov_result_free(struct ic_result *res)
{
	struct ic_sriov_rows *v = (struct ic_sriov_rows *)res->data;

	free(v->rows);
	free(v);
	free((bool *)res->show);
}
