/* SPDX-License-Identifier: GPL-2.0-or-later */
/* analyze-groups.c - VFIO viability of each group (why there are none: analyze-iommu.c). */
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "analyze.h"
#include "ic.h"
#include "paths.h"

/*
 * Drivers that leave a group to VFIO. Since Linux 5.19 a group is viable iff no member is
 * bound to a driver that uses the DMA API; the drivers that set driver_managed_dma are these
 * (6.12: vfio-pci and its variants, pci-stub, pcieport, fsl-pci on powerpc), and the vfio
 * drivers for devices that are not PCI functions. A variant driver not listed here is still
 * recognised by its module holding vfio_pci_core.
 */
static const struct ic_driver_rule {
	const char *name;
	enum ic_member_state state;
} ic_driver_rules[] = {
	{ "vfio-pci", IC_MEMBER_VFIO },
	{ "mlx5_vfio_pci", IC_MEMBER_VFIO },
	{ "hisi_acc_vfio_pci", IC_MEMBER_VFIO },
	{ "pds_vfio_pci", IC_MEMBER_VFIO },
	{ "virtio_vfio_pci", IC_MEMBER_VFIO },
	{ "nvgrace_gpu_vfio_pci", IC_MEMBER_VFIO },
	{ "qat_vfio_pci", IC_MEMBER_VFIO },
	{ "vfio-platform", IC_MEMBER_VFIO },
	{ "vfio-amba", IC_MEMBER_VFIO },
	{ "vfio-fsl-mc", IC_MEMBER_VFIO },
	{ "vfio-cdx", IC_MEMBER_VFIO },
	{ "pci-stub", IC_MEMBER_STUB },
	{ "pcieport", IC_MEMBER_PORT },
	{ "fsl-pci", IC_MEMBER_PORT },
};

/* True if RELEASE ("6.1.0-56-amd64") is older than MAJOR.MINOR; false if it cannot be parsed. */
bool ic_kernel_before(const char *release, unsigned int major, unsigned int minor)
{
	unsigned int a, b;

	if (!release || sscanf(release, "%u.%u", &a, &b) != 2)
		return false;
	return a < major || (a == major && b < minor);
}

/*
 * ic_member_state() - what a member's binding means for VFIO.
 * @driver: bound driver, NULL if none; @driver_module: its module if known.
 * @d: the PCI function (NULL for other members); @legacy_rule: kernel before 5.19.
 */
enum ic_member_state ic_member_state(const char *driver, const char *driver_module,
				     const struct ic_dev *d, const struct ic_iommu_info *io,
				     bool legacy_rule)
{
	if (d && !(d->known & IC_KNOWN_DRIVER))
		return IC_MEMBER_UNKNOWN;
	if (!driver)
		return IC_MEMBER_UNBOUND;
	for (size_t i = 0; i < IC_ARRAY_SIZE(ic_driver_rules); i++)
		if (ic_streq(driver, ic_driver_rules[i].name))
			return ic_driver_rules[i].state;
	for (size_t i = 0; io && i < io->nvfio_variants; i++)
		if (ic_streq(io->vfio_variants[i], driver_module ? driver_module : driver))
			return IC_MEMBER_VFIO;
	if (legacy_rule && d) {
		if (!(d->known & IC_KNOWN_HEADER))
			return IC_MEMBER_UNKNOWN;
		if (d->header_type != 0)
			return IC_MEMBER_BRIDGE;
	}
	return IC_MEMBER_BLOCKS;
}

const char *ic_member_state_str(enum ic_member_state st)
{
	static const char *const names[] = {
		[IC_MEMBER_UNBOUND] = "unbound", [IC_MEMBER_VFIO] = "vfio",
		[IC_MEMBER_STUB] = "stub", [IC_MEMBER_PORT] = "port",
		[IC_MEMBER_BRIDGE] = "bridge", [IC_MEMBER_BLOCKS] = "blocks",
		[IC_MEMBER_UNKNOWN] = "unknown",
	};
	return names[st];
}

const char *ic_verdict_str(enum ic_verdict v)
{
	static const char *const names[] = {
		[IC_VIABLE] = "viable", [IC_NOT_VIABLE] = "not_viable", [IC_VIABLE_UNKNOWN] = "unknown",
	};
	return names[v];
}

static void ic_analyze_group(const struct ic_model *m, const struct ic_group *g, bool legacy,
			     struct ic_group_report *gr)
{
	bool unknown = false, blocked = false;

	gr->group = g;
	gr->members = ic_xcalloc(g->ndevs + g->nothers, sizeof(*gr->members));
	for (size_t i = 0; i < g->ndevs; i++) {
		const struct ic_dev *d = g->devs[i];

		gr->members[gr->nmembers++] = (struct ic_member_report){
			.dev = d, .name = d->bdf, .driver = d->driver,
			.state = ic_member_state(d->driver, d->driver_module, d, &m->iommu, legacy),
		};
	}
	for (size_t i = 0; i < g->nothers; i++)
		gr->members[gr->nmembers++] = (struct ic_member_report){
			.name = g->others[i], .driver = g->other_drivers[i],
			.state = ic_member_state(g->other_drivers[i], NULL, NULL, &m->iommu, legacy),
		};
	for (size_t i = 0; i < gr->nmembers; i++) {
		blocked |= gr->members[i].state == IC_MEMBER_BLOCKS;
		unknown |= gr->members[i].state == IC_MEMBER_UNKNOWN;
	}
	gr->verdict = blocked ? IC_NOT_VIABLE : unknown ? IC_VIABLE_UNKNOWN : IC_VIABLE;
	for (size_t i = 0; i < g->nresv; i++)
		if (ic_streq(g->resv[i].type, "direct"))
			gr->direct_region = true;
}

static const struct ic_group *ic_find_group(const struct ic_group *groups, size_t n, int id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (groups[mid].id == id)
			return &groups[mid];
		if (groups[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * The report over GROUPS (sorted by number): selected groups with their members' VFIO states,
 * and the selected functions that DEV_GROUP (per function: its group, -1 none) leaves out.
 * -s/-d select every group that holds a matching function; -g selects one group.
 */
static int ic_report_groups(const struct ic_model *m, const struct ic_group *groups, size_t ngroups,
			    const int *dev_group, const struct ic_select *sel, struct ic_groups_report *r)
{
	bool legacy = ic_kernel_before(m->kernel_release, 5, 19);
	bool *want;
	size_t cap = 0;

	r->model = m;
	r->legacy_rule = legacy;
	if (sel->group >= 0 && !ic_find_group(groups, ngroups, sel->group))
		return -1;
	want = ic_xcalloc(ngroups, sizeof(*want));
	for (size_t i = 0; i < ngroups; i++) {
		const struct ic_group *g = &groups[i];

		if (sel->group >= 0 && g->id != sel->group)
			continue;
		want[i] = !ic_select_any_dev_filter(sel);
		for (size_t j = 0; j < g->ndevs && !want[i]; j++)
			want[i] = ic_select_dev(sel, g->devs[j]);
	}
	r->groups = ic_xcalloc(ngroups, sizeof(*r->groups));
	for (size_t i = 0; i < ngroups; i++)
		if (want[i]) {
			r->groups[r->ngroups].kernel_group = -1;
			ic_analyze_group(m, &groups[i], legacy, &r->groups[r->ngroups]);
			r->nselected_devs += groups[i].ndevs;
			r->ngroups++;
		}
	free(want);
	if (sel->group < 0)
		for (size_t i = 0; i < m->ndevs; i++)
			if (dev_group[i] < 0 && ic_select_dev(sel, &m->devs[i]))
				IC_APPEND(r->ungrouped, r->nungrouped, cap, &m->devs[i]);
	r->ungrouped_iommu = ic_xcalloc(r->nungrouped + 1, sizeof(*r->ungrouped_iommu));
	for (size_t i = 0; i < r->nungrouped; i++)
		r->ungrouped_iommu[i] = ic_model_is_iommu(m, r->ungrouped[i]);
	return 0;
}

static struct ic_finding *ic_finding_add(struct ic_groups_report *r, size_t *cap, const char *code,
					 const struct ic_dev *dev, const struct ic_dev *other,
					 int predicted, char *text);
static void ic_select_findings(const struct ic_model *m, const struct ic_select *sel,
			       struct ic_groups_report *r);

/*
 * A function a driver is bound to, yet in no group while the IOMMU is on (not the IOMMU's own
 * function): the IOMMU driver refused it (arm-smmu-v3: "stream N already in tree" for a second
 * function with the same requester ID, virtio-iommu likewise), so its DMA is not translated.
 */
static void ic_bound_without_group(const struct ic_model *m, const struct ic_select *sel,
				   struct ic_groups_report *r, size_t *fcap)
{
	for (size_t i = 0; m->ngroups && i < m->ndevs; i++) {
		const struct ic_dev *d = &m->devs[i];

		if (d->iommu_group >= 0 || !(d->known & IC_KNOWN_DRIVER) || !d->driver ||
		    ic_model_is_iommu(m, d) || (sel && (sel->group >= 0 || !ic_select_dev(sel, d))))
			continue;
		if (ic_groups_at_bind(m) && ic_stream_id(m, d) == IC_ID_NONE)
			ic_finding_add(r, fcap, "bound_without_group", d, NULL, -1,
				       ic_xasprintf("%s is bound to %s but behind no IOMMU: the firmware's %s "
						    "takes its requester ID to none, so its DMA is not translated",
						    d->bdf, d->driver, m->iommu.iort ? "IORT" :
						    m->iommu.viot ? "VIOT" : "iommu-map"));
		else
			ic_finding_add(r, fcap, "bound_without_group", d, NULL, -1,
				       ic_xasprintf("%s is bound to %s but in no IOMMU group: the IOMMU driver "
						    "did not take it (often a requester ID it shares with another "
						    "function, through a PCIe-to-PCI bridge), so its DMA is not "
						    "isolated", d->bdf, d->driver));
	}
}

/*
 * ic_analyze_groups() - the report over the kernel's groups; when there are none, the evidence
 * that the IOMMU is off and the fix. Return: 0, or -1 if -g names a group that does not exist.
 */
int ic_analyze_groups(const struct ic_model *m, const struct ic_select *sel,
		      struct ic_groups_report *r)
{
	size_t fcap = 0;
	int *dev_group = ic_xcalloc(m->ndevs, sizeof(*dev_group));
	int rc;

	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < m->ndevs; i++)
		dev_group[i] = m->devs[i].iommu_group;
	rc = ic_report_groups(m, m->groups, m->ngroups, dev_group, sel, r);
	free(dev_group);
	if (rc < 0)
		return rc;
	r->groups_pending = ic_groups_pending(m);
	r->iommu_on = m->ngroups > 0 || r->groups_pending;
	if (!m->ngroups)
		ic_analyze_iommu_off(m, r);	/* why there are none: off, or pending */
	ic_bound_without_group(m, sel, r, &fcap);	/* only about the functions shown */
	return 0;
}

/* What most likely makes the kernel's groups differ from the topology's. */
static const char *ic_likely_cause(const struct ic_model *m)
{
	const char *cmd = m->iommu.cmdline;

	if (cmd && strstr(cmd, "pcie_acs_override="))
		return "acs_override_on_cmdline";
	if (cmd && (strstr(cmd, "config_acs=") || strstr(cmd, "disable_acs_redir=")))
		return "acs_options_on_cmdline";
	for (size_t i = 0; i < m->ngroups; i++)
		if (m->groups[i].name && strstr(m->groups[i].name, "-pe"))
			return "platform_groups_by_pe";
	return "acs_changed_after_boot_or_unknown_quirk";
}

/*
 * A finding of the groups view about DEV (NULL: the platform), and OTHER if any, with its
 * groups (-1: none) and TEXT (taken).
 */
static struct ic_finding *ic_finding_add(struct ic_groups_report *r, size_t *cap, const char *code,
					 const struct ic_dev *dev, const struct ic_dev *other,
					 int predicted, char *text)
{
	struct ic_finding *f = ic_finding_new(&r->findings, &r->nfindings, cap, code, text);

	if (dev) {
		ic_finding_dev(f, dev);
		f->group = dev->iommu_group;
	}
	if (other)
		ic_finding_dev(f, other);
	f->predicted = predicted;
	return f;
}

/* The kernel's group of G's first member that has one (on a bind-time platform some have none). */
static const struct ic_group *ic_first_kernel_group(const struct ic_model *m, const struct ic_group *g)
{
	for (size_t j = 0; j < g->ndevs; j++)
		if (g->devs[j]->iommu_group >= 0)
			return ic_model_group(m, g->devs[j]->iommu_group);
	return NULL;
}

/*
 * Is predicted group G one of the kernel's? Where groups form at bind (ic_groups_at_bind()),
 * members the kernel left without a group are not compared: a group of the kernel must hold
 * exactly G's grouped members. *SKIP: none of G's members has a group yet, nothing to compare.
 */
static bool ic_same_as_kernel(const struct ic_model *m, const struct ic_prediction *p,
			      const struct ic_group *g, bool *skip)
{
	const struct ic_group *k = ic_first_kernel_group(m, g);
	size_t grouped = 0;

	*skip = false;
	for (size_t j = 0; j < g->ndevs; j++) {
		if (g->devs[j]->iommu_group >= 0)
			grouped++;
		else if (!p->groups_at_bind)
			return false;
		if (g->devs[j]->iommu_group >= 0 && k && g->devs[j]->iommu_group != k->id)
			return false;
	}
	if (!grouped && p->groups_at_bind) {
		*skip = true;
		return false;
	}
	return k && k->ndevs == grouped;
}

/*
 * Compares the predicted partition with the kernel's (ic_same_as_kernel()), names the likely
 * cause of each difference, and reports what cannot be known. O(n).
 */
static void ic_compare_kernel(const struct ic_model *m, const struct ic_prediction *p,
			      bool whatif, struct ic_groups_report *r, size_t *fcap)
{
	const char *cause = whatif ? "whatif_settings" : ic_likely_cause(m);
	bool *agree = ic_xcalloc(r->npred_groups + 1, sizeof(*agree));
	bool *skip = ic_xcalloc(r->npred_groups + 1, sizeof(*skip));
	int *later_min = ic_xcalloc(r->npred_groups + 1, sizeof(*later_min));
	/* the report rows of each predicted group: FIRST_ROW[i], then NEXT_ROW[row] (-1: no more) */
	ptrdiff_t *first_row = ic_xcalloc(r->npred_groups + 1, sizeof(*first_row));
	ptrdiff_t *next_row = ic_xcalloc(r->ngroups + 1, sizeof(*next_row));

	for (size_t i = 0; i < r->npred_groups; i++)
		first_row[i] = -1;
	for (size_t j = r->ngroups; j-- > 0;) {
		ptrdiff_t g = r->groups[j].group - r->pred_groups;

		next_row[j] = -1;
		if (g >= 0 && (size_t)g < r->npred_groups) {
			next_row[j] = first_row[g];
			first_row[g] = (ptrdiff_t)j;
		}
	}

	/*
	 * The kernel numbers groups as it creates them: the boot's in probe order, which is the
	 * predicted order. A differing group whose kernel number is above that of an agreeing group
	 * probed after it was made out of that order, later: a function added by a rescan or
	 * hot-plug, which the boot's multifunction merge never saw. LATER_MIN[i]: the lowest kernel
	 * number of the agreeing groups predicted after group i (INT_MAX: none).
	 */
	for (size_t i = 0; i < r->npred_groups; i++)
		agree[i] = ic_same_as_kernel(m, p, &r->pred_groups[i], &skip[i]);
	later_min[r->npred_groups] = INT_MAX;
	for (size_t i = r->npred_groups; i-- > 0;) {
		const struct ic_group *g = &r->pred_groups[i];
		int kid = agree[i] && !g->devs[0]->physfn ? g->devs[0]->iommu_group : INT_MAX;

		later_min[i] = kid < later_min[i + 1] ? kid : later_min[i + 1];
	}
	for (size_t i = 0; i < r->npred_groups; i++) {
		struct ic_group *g = &r->pred_groups[i];
		const struct ic_group *k = ic_first_kernel_group(m, g);
		bool same = agree[i];
		const char *why = cause;

		for (size_t j = 0; !same && !whatif && j < g->ndevs; j++)
			if (!g->devs[j]->physfn && g->devs[j]->iommu_group > later_min[i + 1] &&
			    later_min[i + 1] != INT_MAX)
				why = "hot_added_after_boot";	/* a member's group came later */
		/* a dump holds no firmware tables: which functions an IOMMU takes is not in it */
		for (size_t j = 0; !same && !whatif && m->dump && j < g->ndevs; j++)
			if ((g->devs[j]->known & IC_KNOWN_IOMMU_GROUP) && g->devs[j]->iommu_group < 0)
				why = "firmware_maps_no_iommu";
		if (same) {
			/* what the kernel knows about its group holds for this one */
			g->type = k->type ? ic_xstrdup(k->type) : NULL;
			if (g->name && k->name && !ic_streq(g->name, k->name))
				ic_finding_add(r, fcap, "pe_differs", g->devs[0], NULL, g->id,
					       ic_xasprintf("predicted group %d (with %s) is the kernel's group %d, "
							    "but its PE is not: predicted %s, the kernel's %s",
							    g->id, g->devs[0]->bdf, k->id, g->name, k->name));
			if (!g->name)
				g->name = k->name ? ic_xstrdup(k->name) : NULL;
			g->resv = k->resv;
			g->nresv = k->nresv;
			g->resv_known = k->resv_known;
		}
		for (ptrdiff_t j = first_row[i]; j >= 0; j = next_row[j])
			r->groups[j].kernel_group = same ? k->id : skip[i] ? -2 : -1;
		if (!same && m->ngroups && !skip[i])
			ic_finding_add(r, fcap, "prediction_differs", g->devs[0], NULL, g->id,
				       ic_xasprintf("predicted group %d (with %s) differs from the kernel's "
						    "group %d; likely cause: %s", g->id, g->devs[0]->bdf,
						    g->devs[0]->iommu_group, why))->cause = why;
	}
	free(agree);
	free(skip);
	free(later_min);
	free(first_row);
	free(next_row);
	bool *doubted = ic_xcalloc(p->ngroups + 1, sizeof(*doubted));

	bool pending = ic_groups_pending(m);

	for (size_t i = 0; (m->ngroups || pending) && i < m->ndevs; i++)
		if (p->at_bind[i] == IC_BIND_UNBOUND && m->devs[i].iommu_group < 0)
			ic_finding_add(r, fcap, "no_group_until_bound", &m->devs[i], NULL, p->group[i],
				       ic_xasprintf("%s has no group yet: this IOMMU driver forms one when a "
						    "driver binds, and it will join predicted group %d",
						    m->devs[i].bdf, p->group[i]));

	for (size_t i = 0; i < m->ndevs; i++) {
		if (p->why[i] == IC_WHY_UNKNOWN)
			ic_finding_add(r, fcap, "prediction_unknown", &m->devs[i], NULL, -1,
				       ic_xasprintf("the group of %s cannot be predicted: %s",
						    m->devs[i].bdf, p->unknown_cause[i]));
		if (p->doubt[i] >= 0 && !doubted[p->group[i]]) {
			/* once per group, about the function whose group is unknown */
			doubted[p->group[i]] = true;
			ic_finding_add(r, fcap, "prediction_uncertain", &m->devs[i], &m->devs[p->doubt[i]],
				       p->group[i],
				       ic_xasprintf("predicted group %d (with %s) is uncertain: %s, whose "
						    "group cannot be predicted, may belong to it", p->group[i],
						    m->devs[i].bdf, m->devs[p->doubt[i]].bdf));
		}
		if (p->enable_doubt && p->enable_doubt[i] == (int)i) {
			ic_finding_add(r, fcap, "uncertain_boot_acs", &m->devs[i], NULL, p->group[i],
				       ic_xasprintf("%s isolates only once the kernel turns its ACS controls "
						    "on (they are off in the dump); boot options a dump does not "
						    "show (pci=disable_acs_redir=, pci=config_acs=) can keep them "
						    "off: the groups at and below it are uncertain", m->devs[i].bdf));
		} else if (p->why[i] != IC_WHY_UNKNOWN && p->uncertain[i] && (p->quirk[i] || p->alias[i])) {
			const char *fn = p->quirk[i] ? p->quirk[i]->function : p->alias[i]->function;

			ic_finding_add(r, fcap, "uncertain_quirk", &m->devs[i], NULL, p->group[i],
				       ic_xasprintf("%s is isolated by %s only if its boot-time step "
						    "worked", m->devs[i].bdf, fn))->cause = fn;
		}
	}
	free(doubted);
}

/*
 * Peer-to-peer the kernel's groups do not show (Linux 6.x): below a switch, a downstream port
 * without ACS forwards requests from the functions below it straight to its sibling ports,
 * yet each port's subtree gets a group of its own. One finding per such port that has
 * functions below it while another port of the same switch does too.
 */
static void ic_find_p2p(const struct ic_model *m, const struct ic_prediction *p,
			struct ic_groups_report *r, size_t *fcap)
{
	size_t *below = ic_xcalloc(m->ndevs, sizeof(*below));	/* functions below each port */

	for (size_t i = 0; i < m->ndevs; i++)
		if (m->devs[i].parent)
			below[m->devs[i].parent - m->devs]++;
	for (size_t i = 0; i < m->ndevs; i++) {
		const struct ic_dev *dsp = &m->devs[i], *usp = dsp->parent, *other = NULL;

		if (!usp || p->acs[i] != IC_TRI_NO || !below[i] || !(dsp->known & IC_KNOWN_PCIE) ||
		    dsp->pcie_type != IC_PCIE_DOWNSTREAM)
			continue;
		/* siblings share the parent's bus, so they are one run of the sorted functions */
		size_t first = i;

		while (first > 0 && m->devs[first - 1].parent == usp)
			first--;
		for (size_t j = first; j < m->ndevs && m->devs[j].parent == usp && !other; j++)
			if (j != i && below[j] && p->group[j] != p->group[i])
				other = &m->devs[j];
		if (other)
			ic_finding_add(r, fcap, "peer_to_peer_across_groups", dsp, other, p->group[i],
				       ic_xasprintf("downstream port %s lacks ACS: the functions below it "
						    "reach those below %s peer to peer through their switch, "
						    "though they are in other groups", dsp->bdf, other->bdf));
	}
	free(below);
}

/* What the platform's own settings mean for its groups (not about one function). */
static void ic_platform_findings(const struct ic_model *m, struct ic_groups_report *r, size_t *fcap)
{
	const char *cmd = m->iommu.cmdline;

	if (cmd && strstr(cmd, "pcie_acs_override="))
		ic_finding_add(r, fcap, "acs_override_active", NULL, NULL, -1,
			       ic_xstrdup("pcie_acs_override= on the command line: the kernel's groups "
					  "are not evidence of isolation"));
	if (cmd && (strstr(cmd, "config_acs=") || strstr(cmd, "disable_acs_redir=")))
		ic_finding_add(r, fcap, "acs_options_on_cmdline", NULL, NULL, -1, !r->pred ?
			       ic_xstrdup("pci=config_acs= or disable_acs_redir= on the command line set "
					  "ACS controls at boot") :
			       ic_xasprintf("pci=config_acs= or disable_acs_redir= on the command line set the "
					    "ACS controls of %zu function%s at boot: the prediction keeps them as "
					    "read%s%s", r->pred->nacs_boot, r->pred->nacs_boot == 1 ? "" : "s",
					    r->pred->assume_enable ? ", and enables the others' as the kernel "
					    "will once an IOMMU is on" : "",
					    r->pred->boot_unresolved ? "; some entries name no function of this "
					    "tree (a device path or subsystem ID it does not resolve)" : ""));
	if (m->iommu.dt_iommu_map && !m->iommu.iort && !m->iommu.viot)
		ic_finding_add(r, fcap, "dt_acs_after_enumeration", NULL, NULL, -1,
			       ic_xstrdup("booted with a device tree: the kernel requests ACS only at the first "
					  "driver probe, after enumeration, so the ACS controls stay as the firmware "
					  "left them (usually off) and the functions below a root port share its "
					  "group; booted with ACPI (IORT) the same machine enables ACS and splits them"));
	if (m->iommu.ivrs && !m->iommu.ivrs_read)
		ic_finding_add(r, fcap, "ivrs_aliases_unknown", NULL, NULL, -1,
			       ic_xstrdup("the ACPI IVRS table could not be read: the same-bus DMA aliases "
					  "it may give are unknown"));
}

/* PowerNV: each function whose predicted PE number is not the one the kernel gave it. */
static void ic_pe_findings(const struct ic_model *m, const struct ic_prediction *p,
			   struct ic_groups_report *r, size_t *fcap)
{
	for (size_t i = 0; p->pe && i < m->ndevs; i++) {
		const struct ic_dev *d = &m->devs[i];

		if (p->pe[i] >= 0 && d->has_eeh_pe && (int64_t)d->eeh_pe != p->pe[i])
			ic_finding_add(r, fcap, "pe_differs", d, NULL, p->group[i],
				       ic_xasprintf("the predicted PE of %s is %#" PRIx64 ", the kernel's "
						    "(eeh_pe_config_addr) %#" PRIx32, d->bdf,
						    (uint64_t)p->pe[i], d->eeh_pe));
	}
}

/* With -s, -d or -g, only the findings about the groups shown (or the functions selected). */
static void ic_select_findings(const struct ic_model *m, const struct ic_select *sel,
			       struct ic_groups_report *r)
{
	bool *shown = ic_xcalloc(r->npred_groups + 1, sizeof(*shown));
	size_t n = 0;

	if (!ic_select_any_dev_filter(sel) && sel->group < 0) {
		free(shown);
		return;
	}
	for (size_t i = 0; i < r->ngroups; i++)
		shown[r->groups[i].group->id] = true;
	for (size_t i = 0; i < r->nfindings; i++) {
		struct ic_finding *f = &r->findings[i];
		const struct ic_dev *d = f->ndevs ? f->devs[0] : NULL;
		bool keep = f->predicted >= 0 ? shown[f->predicted]
					      : !d || (sel->group < 0 && ic_select_dev(sel, d));

		if (keep) {
			r->findings[n++] = *f;
		} else {
			free(f->devs);
			free(f->text);
		}
	}
	r->nfindings = n;
	free(shown);
}

/*
 * ic_analyze_predicted() - the report over the predicted groups, each matched with the
 * kernel's group of the same members, and findings for every disagreement (caused by the
 * what-if settings when @whatif).
 */
int ic_analyze_predicted(const struct ic_model *m, const struct ic_prediction *p,
			 const struct ic_select *sel, bool whatif, struct ic_groups_report *r)
{
	size_t *caps, fcap = 0;
	const char *type, *why;
	int rc;

	memset(r, 0, sizeof(*r));
	r->pred = p;
	r->iommu_on = true;
	r->groups_pending = ic_groups_pending(m);
	r->npred_groups = p->ngroups;
	r->pred_groups = ic_xcalloc(p->ngroups, sizeof(*r->pred_groups));
	caps = ic_xcalloc(p->ngroups, sizeof(*caps));
	type = ic_predict_domain_type(m, &why);
	r->type_why = !m->ngroups && type ? why : NULL;
	for (size_t g = 0; g < p->ngroups; g++) {
		r->pred_groups[g].id = (int)g;
		/* with the kernel's groups their types are known; without, where the boot decides */
		r->pred_groups[g].type = !m->ngroups && type ? ic_xstrdup(type) : NULL;
	}
	for (size_t i = 0; i < m->ndevs; i++) {
		struct ic_group *g;

		if (p->group[i] < 0)
			continue;
		g = &r->pred_groups[p->group[i]];
		IC_APPEND(g->devs, g->ndevs, caps[p->group[i]], &m->devs[i]);
	}
	free(caps);
	for (size_t g = 0; p->pe && g < p->ngroups; g++) {
		/* PowerNV: iommu_register_group() names the group after its PE */
		const struct ic_dev *d = r->pred_groups[g].ndevs ? r->pred_groups[g].devs[0] : NULL;
		int64_t pe = d ? p->pe[d - m->devs] : -1;

		if (pe >= 0)
			r->pred_groups[g].name = ic_xasprintf("domain%" PRIu32 "-pe%" PRIx64, d->domain,
							      (uint64_t)pe);
	}
	rc = ic_report_groups(m, r->pred_groups, r->npred_groups, p->group, sel, r);
	if (rc < 0)
		return rc;
	ic_compare_kernel(m, p, whatif, r, &fcap);
	ic_pe_findings(m, p, r, &fcap);
	ic_find_p2p(m, p, r, &fcap);
	ic_platform_findings(m, r, &fcap);
	ic_bound_without_group(m, NULL, r, &fcap);	/* ic_select_findings() keeps what is shown */
	if (p->order_guessed && !m->ngroups)	/* with the kernel's groups, KERNEL says which is which */
		ic_finding_add(r, &fcap, "group_numbers_guessed", NULL, NULL, -1,
			       ic_xstrdup("the host bridges' ACPI nodes (firmware_node) were not read, so the "
					  "order the kernel adds the root buses in is unknown: the group numbers "
					  "follow domain and bus numbers, a guess; the partition is not"));
	ic_select_findings(m, sel, r);
	return 0;
}

/*
 * ic_mark_unsafe() - groups of P that exist only because of pcie_acs_override: BASE is the
 * prediction without the override (but with the rest of the what-if); a group of BASE whose
 * members P spreads over several groups marks all of those. O(n).
 */
void ic_mark_unsafe(const struct ic_prediction *base, const struct ic_prediction *p,
		    struct ic_groups_report *r)
{
	const struct ic_model *m = r->model;
	int *first = ic_xcalloc(base->ngroups + 1, sizeof(*first));
	bool *split = ic_xcalloc(base->ngroups + 1, sizeof(*split));
	bool *unsafe = ic_xcalloc(p->ngroups + 1, sizeof(*unsafe));
	size_t fcap = r->nfindings;

	for (size_t g = 0; g <= base->ngroups; g++)
		first[g] = -1;
	for (size_t i = 0; i < m->ndevs; i++) {
		int b = base->group[i], g = p->group[i];

		if (b < 0 || g < 0)
			continue;
		if (first[b] < 0)
			first[b] = g;
		else if (first[b] != g)
			split[b] = true;
	}
	for (size_t i = 0; i < m->ndevs; i++)
		if (base->group[i] >= 0 && p->group[i] >= 0 && split[base->group[i]])
			unsafe[p->group[i]] = true;
	for (size_t i = 0; i < r->ngroups; i++) {
		struct ic_group_report *gr = &r->groups[i];

		gr->unsafe = unsafe[gr->group->id];
		if (gr->unsafe && gr->group->ndevs)
			ic_finding_add(r, &fcap, "isolation_rests_on_override", gr->group->devs[0], NULL,
				       gr->group->id,
				       ic_xasprintf("group %d (with %s) is UNSAFE: it is apart only because "
						    "pcie_acs_override treats a port or device without ACS "
						    "as isolating", gr->group->id, gr->group->devs[0]->bdf));
	}
	free(first);
	free(split);
	free(unsafe);
}

void ic_groups_report_clear(struct ic_groups_report *r)
{
	for (size_t i = 0; i < r->npred_groups; i++) {
		free(r->pred_groups[i].devs);
		free(r->pred_groups[i].type);
		free(r->pred_groups[i].name);	/* resv is the kernel group's, not ours */
	}
	free(r->pred_groups);
	ic_findings_free(r->findings, r->nfindings);
	for (size_t i = 0; i < r->ngroups; i++)
		free(r->groups[i].members);
	free(r->groups);
	free(r->ungrouped);
	free(r->ungrouped_iommu);
	for (size_t i = 0; i < r->nevidence; i++) {
		free(r->evidence[i].path);
		free(r->evidence[i].state);
	}
	free(r->evidence);
	memset(r, 0, sizeof(*r));
}
