/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * view-mmio.c - the bridges and bars views: their column tables, the text of each cell and
 * the JSON of each row; the back ends print the result (view.h).
 */
#include <inttypes.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ic.h"
#include "view.h"

/* --- bridges ---------------------------------------------------------------------------- */

static const struct ic_colinfo ic_bridge_columns[IC_NBRIDGE_COLS] = {
	[IC_BCOL_BRIDGE] = { "BRIDGE", 0.2, SCOLS_FL_TREE, "the bridge's address (a tree of bridges)",
		"bridges[].address", "string" },
	[IC_BCOL_TYPE] = { "TYPE", 0.1, SCOLS_FL_TRUNC, "PCIe port type, or pci_bridge",
		"bridges[].pcie_type", "string" },
	[IC_BCOL_BUSES] = { "BUSES", 0.05, 0, "secondary and subordinate bus numbers",
		"bridges[].secondary_bus,subordinate_bus", "integer" },
	[IC_BCOL_IO] = { "IO", 0.15, 0, "I/O window (or none)",
		"bridges[].windows.io", "hex" },
	[IC_BCOL_MEMORY] = { "MEMORY", 0.15, 0, "memory window (or none)",
		"bridges[].windows.memory", "hex" },
	[IC_BCOL_PREFETCHABLE] = { "PREFETCHABLE", 0.15, 0, "prefetchable window, 32- or 64-bit (or none)",
		"bridges[].windows.prefetchable", "hex" },
	[IC_BCOL_DOMAINS] = { "DOMAINS", 0.1, SCOLS_FL_WRAP, "isolation domains below the bridge",
		"bridges[].domains_below", "list" },
};

static const int ic_bridge_defaults[] = {
	IC_BCOL_BRIDGE, IC_BCOL_TYPE, IC_BCOL_BUSES, IC_BCOL_IO, IC_BCOL_MEMORY, IC_BCOL_PREFETCHABLE,
	IC_BCOL_DOMAINS,
};

const struct ic_columns ic_bridges_view = { "bridges", ic_bridge_columns, IC_NBRIDGE_COLS,
					    ic_bridge_defaults, IC_ARRAY_SIZE(ic_bridge_defaults) };

/* "0x1000-0x1fff 32-bit", "disabled", "?"; and what config space says where the kernel differs. */
static char *ic_window_cell(const struct ic_bridge_row *row, int t)
{
	const struct ic_window *w = row->sysfs[t].state != IC_WIN_UNKNOWN ? &row->sysfs[t] : &row->config[t];
	char *s, *c;

	if (w->state == IC_WIN_OPEN)
		s = ic_xasprintf("%#" PRIx64 "-%#" PRIx64 "%s%s", w->base, w->limit,
				 w->wide ? (t == IC_WIN_IO ? " 32-bit" : " 64-bit") : "",
				 w->ambiguous ? " or none" : "");
	else
		s = ic_xstrdup(w->state == IC_WIN_UNKNOWN ? "?" : ic_win_state_str(w->state));
	if (!row->mismatch[t])
		return s;
	c = ic_xasprintf("%s (config: %s)", s, row->config[t].state == IC_WIN_OPEN ? "other" :
			 ic_win_state_str(row->config[t].state));
	free(s);
	return c;
}

static int ic_bridge_parent(const void *data, size_t k)
{
	return ((const struct ic_bridges_report *)data)->rows[k].parent;
}

static void ic_bridge_cells(const void *data, size_t k, char **cell)
{
	const struct ic_bridge_row *row = &((const struct ic_bridges_report *)data)->rows[k];
	const struct ic_dev *d = row->dev;

	cell[IC_BCOL_BRIDGE] = ic_xstrdup(d->bdf);
	cell[IC_BCOL_TYPE] = ic_xstrdup(d->known & IC_KNOWN_PCIE && d->pcie_type != IC_PCIE_NONE ?
					ic_pcie_type_str(d->pcie_type) : "pci_bridge");
	if (d->known & IC_KNOWN_HEADER)
		cell[IC_BCOL_BUSES] = ic_xasprintf("%02x-%02x", d->secondary_bus, d->subordinate_bus);
	for (int t = 0; t < IC_NWIN; t++)
		cell[IC_BCOL_IO + t] = ic_window_cell(row, t);
	cell[IC_BCOL_DOMAINS] = ic_domains_text(row->domains, row->ndomains);
}

static json_object *ic_jwindow(const struct ic_window *w)
{
	json_object *o = json_object_new_object();
	bool open = w->state == IC_WIN_OPEN;

	ic_jadd(o, "state", json_object_new_string(ic_win_state_str(w->state)));
	ic_jadd(o, "base", open ? ic_jhex(w->base, 0) : NULL);
	ic_jadd(o, "limit", open ? ic_jhex(w->limit, 0) : NULL);
	ic_jadd(o, "wide", json_object_new_boolean(w->wide));
	ic_jadd(o, "ambiguous", json_object_new_boolean(w->ambiguous));
	return o;
}

static json_object *ic_bridge_json(const void *data, size_t k)
{
	const struct ic_bridges_report *r = data;
	const struct ic_bridge_row *row = &r->rows[k];
	const struct ic_dev *d = row->dev;
	json_object *o = json_object_new_object(), *w = json_object_new_object();
	json_object *doms = json_object_new_array();
	bool hdr = d->known & IC_KNOWN_HEADER;

	ic_jadd(o, "address", json_object_new_string(d->bdf));
	ic_jadd(o, "parent", row->parent >= 0 ?
			       json_object_new_string(r->rows[row->parent].dev->bdf) : NULL);
	ic_jadd(o, "pcie_type", d->known & IC_KNOWN_PCIE ?
			       json_object_new_string(ic_pcie_type_str(d->pcie_type)) : NULL);
	ic_jadd(o, "secondary_bus", hdr ? json_object_new_int(d->secondary_bus) : NULL);
	ic_jadd(o, "subordinate_bus", hdr ? json_object_new_int(d->subordinate_bus) : NULL);
	for (int t = 0; t < IC_NWIN; t++) {
		json_object *x = json_object_new_object();

		ic_jadd(x, "config", ic_jwindow(&row->config[t]));
		ic_jadd(x, "kernel", ic_jwindow(&row->sysfs[t]));
		ic_jadd(x, "mismatch", json_object_new_boolean(row->mismatch[t]));
		ic_jadd(x, "config_bus_address", json_object_new_boolean(row->bus_address[t]));
		ic_jadd(w, ic_win_type_str(t), x);
	}
	ic_jadd(o, "windows", w);
	for (size_t i = 0; i < row->ndomains; i++)
		json_object_array_add(doms, ic_jdomain(&row->domains[i]));
	ic_jadd(o, "domains_below", doms);
	return o;
}

void ic_bridges_result(const struct ic_bridges_report *r, const bool *show, struct ic_result *res)
{
	*res = (struct ic_result){
		.view = &ic_bridges_view, .rows_key = "bridges", .model = r->model, .data = r,
		.nrows = r->nrows, .show = show, .findings = r->findings, .nfindings = r->nfindings,
		.noun = "bridge", .none = "No PCI-to-PCI bridges", .parent = ic_bridge_parent,
		.cells = ic_bridge_cells, .row_json = ic_bridge_json,
	};
}

/* --- bars ------------------------------------------------------------------------------- */

static const struct ic_colinfo ic_bar_columns[IC_NBAR_COLS] = {
	[IC_RCOL_DEVICE] = { "DEVICE", 0.1, 0, "PCI address of the function",
		"bars[].address", "string" },
	[IC_RCOL_RES] = { "RES", 0.1, 0, "bar0-bar5, rom, or the SR-IOV BARs iov0-iov5",
		"bars[].resource", "string" },
	[IC_RCOL_SPACE] = { "SPACE", 0.1, 0, "io, mem32 or mem64, and pref",
		"bars[].space,prefetchable", "string" },
	[IC_RCOL_START] = { "START", 0.1, SCOLS_FL_RIGHT, "first address, or unassigned",
		"bars[].start", "hex" },
	[IC_RCOL_END] = { "END", 0.1, SCOLS_FL_RIGHT, "last address",
		"bars[].end", "hex" },
	[IC_RCOL_SIZE] = { "SIZE", 0.1, SCOLS_FL_RIGHT, "size (per VF for VF BARs)",
		"bars[].size", "size" },
	[IC_RCOL_ALIGN] = { "ALIGN", 0.1, SCOLS_FL_RIGHT, "the largest power of two the start is aligned to",
		"bars[].alignment", "size" },
	[IC_RCOL_DOMAIN] = { "DOMAIN", 0.1, 0, "isolation domain owning it: group, PE or predicted group",
		"bars[].domain", "string" },
	[IC_RCOL_MMAP] = { "MMAP", 0.1, 0, "what vfio-pci does with it: ok, padded, refused",
		"bars[].vfio_mmap", "string" },
	[IC_RCOL_SHARES] = { "SHARES", 0.1, 0, "page or segment shared with another domain",
		"bars[].shares_page,shares_segment", "boolean" },
};

static const int ic_bar_defaults[] = {
	IC_RCOL_DEVICE, IC_RCOL_RES, IC_RCOL_SPACE, IC_RCOL_START, IC_RCOL_END, IC_RCOL_SIZE,
	IC_RCOL_ALIGN, IC_RCOL_DOMAIN, IC_RCOL_MMAP, IC_RCOL_SHARES,
};

const struct ic_columns ic_bars_view = { "bars", ic_bar_columns, IC_NBAR_COLS, ic_bar_defaults,
					 IC_ARRAY_SIZE(ic_bar_defaults) };

static void ic_bar_cells(const void *data, size_t k, char **cell)
{
	const struct ic_bar_row *b = &((const struct ic_bars_report *)data)->rows[k];

	cell[IC_RCOL_DEVICE] = ic_xstrdup(b->dev->bdf);
	cell[IC_RCOL_RES] = ic_res_name(b->res);
	cell[IC_RCOL_SPACE] = ic_xasprintf("%s%s", b->io ? "io" : b->is64 ? "mem64" : "mem32",
					   b->pref ? " pref" : "");
	if (b->assigned) {
		cell[IC_RCOL_START] = ic_xasprintf("%#" PRIx64, b->res->start);
		cell[IC_RCOL_END] = ic_xasprintf("%#" PRIx64, b->res->end);
	} else {
		cell[IC_RCOL_START] = ic_xstrdup("unassigned");
	}
	cell[IC_RCOL_SIZE] = ic_size_text(b->size);
	if (b->align)
		cell[IC_RCOL_ALIGN] = ic_size_text(b->align);
	cell[IC_RCOL_DOMAIN] = ic_domain_str(&b->dom);
	cell[IC_RCOL_MMAP] = ic_xstrdup(b->mmap == IC_MMAP_NA ? "-" : ic_mmap_str(b->mmap));
	cell[IC_RCOL_SHARES] = ic_xstrdup(b->shares_page && b->shares_segment ? "page,segment" :
					  b->shares_page ? "page" : b->shares_segment ? "segment" : "-");
}

static json_object *ic_bar_json(const void *data, size_t k)
{
	const struct ic_bar_row *b = &((const struct ic_bars_report *)data)->rows[k];
	json_object *o = json_object_new_object();
	char *name = ic_res_name(b->res);

	ic_jadd(o, "address", json_object_new_string(b->dev->bdf));
	ic_jadd(o, "resource", json_object_new_string(name));
	free(name);
	ic_jadd(o, "kind", json_object_new_string(ic_res_kind_str(b->res->kind)));
	ic_jadd(o, "space", json_object_new_string(b->io ? "io" : b->is64 ? "mem64" : "mem32"));
	ic_jadd(o, "prefetchable", json_object_new_boolean(b->pref));
	ic_jadd(o, "assigned", json_object_new_boolean(b->assigned));
	ic_jadd(o, "start", b->assigned ? ic_jhex(b->res->start, 0) : NULL);
	ic_jadd(o, "end", b->assigned ? ic_jhex(b->res->end, 0) : NULL);
	ic_jadd(o, "size", ic_jhex(b->size, 0));
	ic_jadd(o, "alignment", b->align ? ic_jhex(b->align, 0) : NULL);
	ic_jadd(o, "domain", ic_jdomain(&b->dom));
	ic_jadd(o, "vfio_mmap", json_object_new_string(ic_mmap_str(b->mmap)));
	ic_jadd(o, "shares_page", json_object_new_boolean(b->shares_page));
	ic_jadd(o, "shares_segment", json_object_new_boolean(b->shares_segment));
	return o;
}

/* The page size the BARs were judged at, and the platform's segments. */
static void ic_bars_json_head(const void *data, json_object *top)
{
	const struct ic_bars_report *r = data;
	json_object *segs = json_object_new_array();

	ic_jadd(top, "page_size", ic_jhex(r->page_size, 0));
	ic_jadd(top, "page_size_source", json_object_new_string(r->page_size_source));
	for (size_t i = 0; i < r->nsegs; i++) {
		json_object *o = json_object_new_object();

		ic_jadd(o, "base", ic_jhex(r->segs[i].base, 0));
		ic_jadd(o, "size", ic_jhex(r->segs[i].size, 0));
		ic_jadd(o, "count", json_object_new_int64(r->segs[i].count));
		ic_jadd(o, "segment_size", ic_jhex(r->segs[i].size / r->segs[i].count, 0));
		ic_jadd(o, "source", json_object_new_string(r->segs[i].source));
		ic_jadd(o, "pci_domain", r->segs[i].window ?
				       json_object_new_int64(r->segs[i].pci_domain) : NULL);
		ic_jadd(o, "window", r->segs[i].window ?
				       json_object_new_string(r->segs[i].window) : NULL);
		json_object_array_add(segs, o);
	}
	ic_jadd(top, "segments", segs);
}

static void ic_bars_text_tail(const void *data)
{
	const struct ic_bars_report *r = data;
	char *ps = ic_size_text(r->page_size);

	printf("Page size: %s (%s).\n", ps, r->page_size_source);
	free(ps);
	for (size_t i = 0; i < r->nsegs; i++) {
		const struct ic_segments *sg = &r->segs[i];
		char *seg = ic_size_text(sg->size / sg->count);
		bool phb = sg->window != NULL, same = phb && i && r->segs[i - 1].window &&
			   r->segs[i - 1].pci_domain == sg->pci_domain;

		/* the platform's: one line per PHB, "M32 ...; M64 ..." */
		if (phb && !same)
			printf("Segments: PHB %" PRIu32 " (device tree)", sg->pci_domain);
		if (phb)
			printf("%s %s %#" PRIx64 "-%#" PRIx64 " in %" PRIu32 " of %s", same ? ";" : "",
			       sg->window[1] == '3' ? "M32" : "M64", sg->base, sg->base + sg->size - 1,
			       sg->count, seg);
		else
			printf("Segments: %#" PRIx64 "-%#" PRIx64 " in %" PRIu32 " segments of %s",
			       sg->base, sg->base + sg->size - 1, sg->count, seg);
		if (!phb || i + 1 == r->nsegs || !r->segs[i + 1].window ||
		    r->segs[i + 1].pci_domain != sg->pci_domain)
			printf(".\n");
		free(seg);
	}
}

void ic_bars_result(const struct ic_bars_report *r, const bool *show, struct ic_result *res)
{
	*res = (struct ic_result){
		.view = &ic_bars_view, .rows_key = "bars", .model = r->model, .data = r,
		.nrows = r->nrows, .show = show, .findings = r->findings, .nfindings = r->nfindings,
		.noun = "resource", .cells = ic_bar_cells, .row_json = ic_bar_json,
		.json_head = ic_bars_json_head, .text_tail = ic_bars_text_tail,
	};
}
