/* SPDX-License-Identifier: GPL-2.0-or-later */
/* analyze-diff.c - what changed between two models: functions, bindings, ACS, VFs, groups. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "ic.h"
#include "mmio.h"

const char *ic_change_kind_str(enum ic_change_kind k)
{
	static const char *const names[] = {
		[IC_CHANGE_IOMMU] = "iommu", [IC_CHANGE_KERNEL] = "kernel_release",
		[IC_CHANGE_CMDLINE] = "cmdline", [IC_CHANGE_ADDED] = "device_added",
		[IC_CHANGE_REMOVED] = "device_removed", [IC_CHANGE_IDENTITY] = "identity",
		[IC_CHANGE_DRIVER] = "driver", [IC_CHANGE_ACS] = "acs_control", [IC_CHANGE_VFS] = "vfs",
		[IC_CHANGE_RESOURCES] = "resources", [IC_CHANGE_WINDOWS] = "windows",
		[IC_CHANGE_SPLIT] = "group_split", [IC_CHANGE_MERGED] = "group_merged",
	};
	return names[k];
}

static void ic_change(struct ic_diff *df, size_t *cap, enum ic_change_kind kind, const char *dev,
		      char *before, char *after)
{
	IC_APPEND(df->changes, df->n, *cap, ((struct ic_change){ .kind = kind, .device = dev,
							      .before = before, .after = after }));
}

/* The ACS control word as text, "none" without the capability, NULL when unknown. */
static char *ic_acs_text(const struct ic_dev *d)
{
	if (!(d->known & IC_KNOWN_ECAPS))
		return NULL;
	if (!ic_dev_find_cap(d, PCI_EXT_CAP_ID_ACS, true))
		return ic_xstrdup("none");
	if (!(d->cfg.known & IC_CFG_ACS))
		return NULL;	/* cut by the end of config space */
	return ic_xasprintf("0x%04x", d->cfg.acs_ctrl);
}

/*
 * A resource as bars and bridges name it: bar0-bar5, rom, iov0-iov5, or a bridge's io, memory
 * and prefetchable window (the lines after the ROM, or after the IOV BARs, as the kernel
 * prints them; see resource.c).
 */
static char *ic_res_label(const struct ic_dev *d, const struct ic_resource *r)
{
	static const char *const windows[] = { "io", "memory", "prefetchable" };
	unsigned int first = d->nres == 13 || d->nres == 17 ? 13 : 7, w;

	if (r->kind != IC_RES_WINDOW)
		return ic_res_name(r);
	w = r->index >= first ? r->index - first : r->index;
	return w < IC_ARRAY_SIZE(windows) ? ic_xstrdup(windows[w]) : ic_xasprintf("window%u", w);
}

/* The resource lines of one kind (BARs and ROM, or windows) as text; NULL when unknown. */
static char *ic_res_text(const struct ic_dev *d, bool windows)
{
	char *s = ic_xstrdup("");

	if (!(d->known & IC_KNOWN_RESOURCES)) {
		free(s);
		return NULL;
	}
	for (size_t i = 0; i < d->nres; i++) {
		const struct ic_resource *r = &d->res[i];
		char *n, *label;

		if ((r->kind == IC_RES_WINDOW) != windows || (!r->start && !r->end && !r->flags))
			continue;
		label = ic_res_label(d, r);
		n = ic_xasprintf("%s%s%s:0x%llx-0x%llx", s, *s ? " " : "", label,
				 (unsigned long long)r->start, (unsigned long long)r->end);
		free(label);
		free(s);
		s = n;
	}
	return s;
}

/* Adds a change if two optional texts differ (both known); frees them otherwise. */
static void ic_change_text(struct ic_diff *df, size_t *cap, enum ic_change_kind kind,
			   const char *dev, char *a, char *b)
{
	if (a && b && strcmp(a, b)) {
		ic_change(df, cap, kind, dev, a, b);
		return;
	}
	free(a);
	free(b);
}

static char *ic_group_members_text(const struct ic_group *g)
{
	char *s = ic_xstrdup("");

	for (size_t i = 0; i < g->ndevs; i++) {
		char *n = ic_xasprintf("%s%s%s", s, i ? " " : "", g->devs[i]->bdf);

		free(s);
		s = n;
	}
	return s;
}

/*
 * Groups split and merged: among the functions both models have, a group of A whose members
 * are in several groups of B was split; a group of B holding members of several groups of A
 * is a merge. Renumbering alone is no change.
 */
static void ic_diff_groups(const struct ic_model *a, const struct ic_model *b, struct ic_diff *df,
			   size_t *cap, bool reverse)
{
	for (size_t i = 0; i < a->ngroups; i++) {
		const struct ic_group *g = &a->groups[i];
		int first = -1;
		bool split = false;

		for (size_t j = 0; j < g->ndevs && !split; j++) {
			const struct ic_dev *o = ic_model_find(b, g->devs[j]->bdf);

			if (!o || o->iommu_group < 0)
				continue;
			if (first < 0)
				first = o->iommu_group;
			else if (o->iommu_group != first)
				split = true;
		}
		if (!split)
			continue;
		if (!reverse) {
			char *after = ic_xstrdup("");

			for (size_t j = 0; j < g->ndevs; j++) {
				const struct ic_dev *o = ic_model_find(b, g->devs[j]->bdf);
				char *n = o ? ic_xasprintf("%s%s%s:%d", after, *after ? " " : "",
							   o->bdf, o->iommu_group) : ic_xstrdup(after);

				free(after);
				after = n;
			}
			char *members = ic_group_members_text(g);

			ic_change(df, cap, IC_CHANGE_SPLIT, g->devs[0]->bdf,
				  ic_xasprintf("group %d: %s", g->id, members), after);
			free(members);
		} else {
			char *members = ic_group_members_text(g);

			ic_change(df, cap, IC_CHANGE_MERGED, g->devs[0]->bdf, NULL,
				  ic_xasprintf("group %d: %s", g->id, members));
			free(members);
		}
	}
}

/* The order the model sorts functions in: domain, bus, device, function, as numbers. */
static int ic_addr_cmp(const struct ic_dev *x, const struct ic_dev *y)
{
	uint64_t kx = (uint64_t)x->domain << 24 | (uint32_t)x->bus << 16 | (uint32_t)x->slot << 8 | x->func;
	uint64_t ky = (uint64_t)y->domain << 24 | (uint32_t)y->bus << 16 | (uint32_t)y->slot << 8 | y->func;

	return (kx > ky) - (kx < ky);
}

/*
 * ic_diff() - every change from A to B. Functions are matched by address (sorted arrays:
 * a merge walk), groups by their members. O(n log n).
 */
void ic_diff(const struct ic_model *a, const struct ic_model *b, struct ic_diff *df)
{
	size_t cap = 0, i = 0, j = 0;

	memset(df, 0, sizeof(*df));
	if ((a->ngroups > 0) != (b->ngroups > 0))
		ic_change(df, &cap, IC_CHANGE_IOMMU, NULL, ic_xstrdup(a->ngroups ? "on" : "off"),
			  ic_xstrdup(b->ngroups ? "on" : "off"));
	/* what the machine was booted with: often the cause of what follows */
	if (a->kernel_release && b->kernel_release && !ic_streq(a->kernel_release, b->kernel_release))
		ic_change(df, &cap, IC_CHANGE_KERNEL, NULL, ic_xstrdup(a->kernel_release),
			  ic_xstrdup(b->kernel_release));
	if (a->iommu.cmdline && b->iommu.cmdline && !ic_streq(a->iommu.cmdline, b->iommu.cmdline))
		ic_change(df, &cap, IC_CHANGE_CMDLINE, NULL, ic_xstrdup(a->iommu.cmdline),
			  ic_xstrdup(b->iommu.cmdline));
	while (i < a->ndevs || j < b->ndevs) {
		const struct ic_dev *x = i < a->ndevs ? &a->devs[i] : NULL;
		const struct ic_dev *y = j < b->ndevs ? &b->devs[j] : NULL;

		if (x && (!y || ic_addr_cmp(x, y) < 0)) {
			ic_change(df, &cap, IC_CHANGE_REMOVED, x->bdf,
				  ic_xasprintf("%04x:%04x", x->vendor, x->device), NULL);
			i++;
			continue;
		}
		if (!x || !y || ic_addr_cmp(x, y) > 0) {
			if (!y)
				break;
			ic_change(df, &cap, IC_CHANGE_ADDED, y->bdf, NULL,
				  ic_xasprintf("%04x:%04x", y->vendor, y->device));
			j++;
			continue;
		}
		if ((x->known & y->known & IC_KNOWN_IDENT) && (x->vendor != y->vendor || x->device != y->device))
			ic_change(df, &cap, IC_CHANGE_IDENTITY, x->bdf,
				  ic_xasprintf("%04x:%04x", x->vendor, x->device),
				  ic_xasprintf("%04x:%04x", y->vendor, y->device));
		if ((x->known & y->known & IC_KNOWN_DRIVER) && !ic_streq(x->driver ? x->driver : "",
									  y->driver ? y->driver : ""))
			ic_change(df, &cap, IC_CHANGE_DRIVER, x->bdf, ic_xstrdup(x->driver ? x->driver : "none"),
				  ic_xstrdup(y->driver ? y->driver : "none"));
		ic_change_text(df, &cap, IC_CHANGE_ACS, x->bdf, ic_acs_text(x), ic_acs_text(y));
		if (x->nvirtfn != y->nvirtfn)
			ic_change(df, &cap, IC_CHANGE_VFS, x->bdf, ic_xasprintf("%zu", x->nvirtfn),
				  ic_xasprintf("%zu", y->nvirtfn));
		ic_change_text(df, &cap, IC_CHANGE_RESOURCES, x->bdf, ic_res_text(x, false), ic_res_text(y, false));
		ic_change_text(df, &cap, IC_CHANGE_WINDOWS, x->bdf, ic_res_text(x, true), ic_res_text(y, true));
		i++;
		j++;
	}
	ic_diff_groups(a, b, df, &cap, false);
	ic_diff_groups(b, a, df, &cap, true);
}

void ic_diff_clear(struct ic_diff *df)
{
	for (size_t i = 0; i < df->n; i++) {
		free(df->changes[i].before);
		free(df->changes[i].after);
	}
	free(df->changes);
	memset(df, 0, sizeof(*df));
}
