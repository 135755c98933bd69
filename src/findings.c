/* SPDX-License-Identifier: GPL-2.0-or-later */
/* findings.c - the finding registry: every finding any view reports, with its severity. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "ic.h"

/*
 * The table `--list-findings` prints, the man pages document and the JSON schemas enumerate
 * (tests/integration/findings.sh checks all three, and that every finding a view reports on
 * the recorded trees is a row here). By view, then by code.
 */
const struct ic_finding_def ic_findings[] = {
	{ "bar_not_behind_bridge", IC_SEV_WARN, "bars",
	  "with segments (device tree or --segments): a BAR in the segmented range is on a root bus, behind no bridge window", "start" },
	{ "page_shared", IC_SEV_FAIL, "bars",
	  "a page holds BARs of two or more isolation domains", "page" },
	{ "segment_shared", IC_SEV_FAIL, "bars",
	  "with segments (device tree or --segments): a platform segment holds BARs of two or more isolation domains", "segment" },
	{ "sub_page_bar", IC_SEV_NOTE, "bars",
	  "a memory BAR smaller than the page: vfio-pci pads or refuses its mmap", "start" },
	{ "window_not_segment_aligned", IC_SEV_WARN, "bars",
	  "with segments (device tree or --segments): a bridge window does not start and end on segment boundaries", "start" },
	{ "bar_outside_window", IC_SEV_FAIL, "bridges",
	  "a BAR lies outside every matching window of a bridge above it", "start" },
	{ "window_mismatch", IC_SEV_WARN, "bridges",
	  "config space and the kernel's resource file disagree about a window", "start" },
	{ "window_outside_parent", IC_SEV_FAIL, "bridges",
	  "a bridge window is not inside the matching window of the bridge above it", "start" },
	{ "windows_overlap", IC_SEV_FAIL, "bridges",
	  "two bridges on one bus forward the same addresses", "start" },
	{ "acs_options_on_cmdline", IC_SEV_NOTE, "groups",
	  "pci=config_acs= or disable_acs_redir= on the kernel command line" },
	{ "acs_override_active", IC_SEV_WARN, "groups",
	  "pcie_acs_override= on the kernel command line: its groups are no evidence of isolation" },
	{ "bound_without_group", IC_SEV_FAIL, "groups",
	  "a function a driver is bound to is in no IOMMU group: the IOMMU driver refused it, its DMA is not isolated" },
	{ "dt_acs_after_enumeration", IC_SEV_NOTE, "groups",
	  "a device-tree IOMMU requests ACS only at the first driver probe: the controls stay as firmware left them" },
	{ "group_numbers_guessed", IC_SEV_NOTE, "groups",
	  "several root buses whose ACPI order is unknown: predicted group numbers are a guess" },
	{ "isolation_rests_on_override", IC_SEV_FAIL, "groups",
	  "with --acs-override: the group is apart only because of the override" },
	{ "ivrs_aliases_unknown", IC_SEV_WARN, "groups",
	  "an AMD IVRS table is present but unreadable: its DMA aliases are unknown" },
	{ "no_group_until_bound", IC_SEV_NOTE, "groups",
	  "the IOMMU driver forms a group when a driver binds: an unbound function has none yet" },
	{ "pe_differs", IC_SEV_WARN, "groups",
	  "PowerNV: a function's predicted PE number is not the kernel's (eeh_pe_config_addr or the group's name)" },
	{ "peer_to_peer_across_groups", IC_SEV_WARN, "groups",
	  "a switch port without ACS lets functions of different groups reach each other" },
	{ "prediction_differs", IC_SEV_WARN, "groups",
	  "a predicted group is not one of the kernel's; the likely cause is named" },
	{ "prediction_uncertain", IC_SEV_NOTE, "groups",
	  "a predicted group may hold a function whose group cannot be predicted" },
	{ "prediction_unknown", IC_SEV_NOTE, "groups",
	  "a function's group cannot be predicted; what is missing is named" },
	{ "uncertain_quirk", IC_SEV_NOTE, "groups",
	  "isolated by a quirk whose boot-time step, or DMA aliases, a tree cannot show" },
	{ "uncertain_boot_acs", IC_SEV_NOTE, "groups",
	  "a dump's port isolates only after the kernel's ACS enable step, which boot options a dump "
	  "does not show can prevent" },
	{ "iov_bar_unassigned", IC_SEV_FAIL, "sriov",
	  "an IOV BAR has no address: not enough MMIO resources for SR-IOV, no VF can be enabled" },
	{ "no_system_page_size", IC_SEV_FAIL, "sriov",
	  "no Supported Page Size is at or above the page size: SR-IOV fails" },
	{ "pf_controls_vf_bars", IC_SEV_NOTE, "sriov",
	  "VF BARs are programmed only through the PF: its owner decides where every VF's MMIO lands" },
	{ "pf_no_acs", IC_SEV_WARN, "sriov",
	  "the PF has no ACS capability: its functions may reach each other inside the device" },
	{ "pf_owned_by_vfio", IC_SEV_WARN, "sriov",
	  "the PF is on vfio-pci: its user can reset or disturb every VF; VF users need its VF token" },
	{ "pf_path_no_acs", IC_SEV_FAIL, "sriov",
	  "the path above the PF lacks ACS: the VFs it creates will share its group" },
	{ "pf_vfs_block_vfio", IC_SEV_NOTE, "sriov",
	  "VFs are enabled: the PF cannot be bound to vfio-pci until sriov_numvfs is 0 again" },
	{ "pf_unbound", IC_SEV_NOTE, "sriov",
	  "no driver on the PF: sriov_numvfs can be written once a driver that supports SR-IOV is bound" },
	{ "sriov_sysfs_mismatch", IC_SEV_WARN, "sriov",
	  "an sriov_* attribute of the PF disagrees with its SR-IOV capability" },
	{ "vf_bar_aperture_short", IC_SEV_WARN, "sriov",
	  "an IOV BAR holds the BARs of fewer VFs than TotalVFs" },
	{ "vf_bar_not_page_multiple", IC_SEV_FAIL, "sriov",
	  "a VF BAR is not a multiple of the page size: SR-IOV fails (with --page-size: would fail)" },
	{ "vf_bar_not_m64", IC_SEV_FAIL, "sriov",
	  "on PowerNV: an IOV BAR is not 64-bit prefetchable (M64): the platform disables SR-IOV" },
	{ "vf_bar_single_pe_too_small", IC_SEV_FAIL, "sriov",
	  "on PowerNV with M64 segments (device tree or --segments): a VF BAR over a quarter segment but under 32M: SR-IOV is disabled" },
	{ "vf_bar_page_shared", IC_SEV_FAIL, "sriov",
	  "a VF BAR shares a page or platform segment with another VF or isolation domain" },
	{ "vf_bus_out_of_range", IC_SEV_WARN, "sriov",
	  "the last VFs would be on buses beyond the parent bus range: fewer can be enabled" },
	{ "vf_rid_mismatch", IC_SEV_WARN, "sriov",
	  "a VF is not at the routing ID First VF Offset and VF Stride give" },
	{ "vfio_pf_needs_enable_sriov", IC_SEV_WARN, "sriov",
	  "the PF is on vfio-pci: VFs can be created only with vfio_pci.enable_sriov=1" },
	{ "vfs_beyond_initial", IC_SEV_NOTE, "sriov",
	  "without VF Migration, no more than InitialVFs VFs can be enabled" },
	{ "vfs_share_group", IC_SEV_FAIL, "sriov",
	  "VFs share an IOMMU group with their PF or with each other" },
	/* audit: one row per check; the severity is the worst verdict it can give */
	{ "iommu_enabled", IC_SEV_FAIL, "audit", "the IOMMU is on and the kernel formed groups" },
	{ "interrupt_remapping", IC_SEV_FAIL, "audit",
	  "interrupts are remapped (or MSIs isolated), which vfio_iommu_type1 requires" },
	{ "unsafe_interrupts", IC_SEV_WARN, "audit",
	  "vfio_iommu_type1 or iommufd does not allow unsafe interrupts" },
	{ "noiommu_mode", IC_SEV_FAIL, "audit", "vfio's unsafe no-IOMMU mode is off" },
	{ "acs_override", IC_SEV_FAIL, "audit",
	  "no pcie_acs_override=; with it, the groups that rest on it are named" },
	{ "vfio_modules", IC_SEV_FAIL, "audit", "vfio, vfio_pci and vfio_iommu_type1 (or iommufd) are there" },
	{ "group_viable", IC_SEV_WARN, "audit", "the group is viable now, or what must be unbound" },
	{ "group_host_critical", IC_SEV_FAIL, "audit",
	  "no member holds the root or another mounted file system, swap, the console or the default route" },
	{ "reserved_region_direct", IC_SEV_FAIL, "audit", "the group has no direct (RMRR) reserved region" },
	{ "device_assignable", IC_SEV_FAIL, "audit",
	  "vfio-pci can bind it: type-0, not denylisted, no VFs enabled, driver_override" },
	{ "reset_available", IC_SEV_WARN, "audit", "the kernel has a reset method for it" },
	{ "reset_scope", IC_SEV_WARN, "audit", "a bus reset touches no function of another group" },
	{ "power_state", IC_SEV_WARN, "audit", "it is powered (not D3cold), and how vfio-pci idles it" },
	{ "bar_mmap", IC_SEV_FAIL, "audit", "every memory BAR can be mmap()ed, no page shared with another group" },
	{ "vf_token", IC_SEV_NOTE, "audit", "a VF whose PF vfio-pci owns needs the PF owner's VF token" },
	{ "external_port", IC_SEV_WARN, "audit", "it is not below an external-facing (removable) port" },
};
const size_t ic_nfindings = IC_ARRAY_SIZE(ic_findings);

/* The registered finding CODE, or NULL: a linear look-up over a table of a few dozen rows. */
const struct ic_finding_def *ic_finding_lookup(const char *code)
{
	for (size_t i = 0; code && i < ic_nfindings; i++)
		if (ic_streq(ic_findings[i].code, code))
			return &ic_findings[i];
	return NULL;
}

/* The row of CODE, which a view is about to report: one that is not registered is a bug. */
const struct ic_finding_def *ic_finding_registered(const char *code)
{
	const struct ic_finding_def *d = ic_finding_lookup(code);

	if (!d) {
		fprintf(stderr, "iso-check: internal error: finding '%s' is not registered\n", code);
		abort();
	}
	return d;
}

const char *ic_severity_str(enum ic_severity s)
{
	static const char *const names[] = { "note", "warn", "fail" };

	return names[s];
}

/*
 * ic_finding_new() - append a finding of CODE (registered, or abort) with TEXT (taken) to the
 * array V of N (capacity CAP). Return: it, to add devices and extras to.
 */
struct ic_finding *ic_finding_new(struct ic_finding **v, size_t *n, size_t *cap, const char *code,
				  char *text)
{
	struct ic_finding f = { .def = ic_finding_registered(code), .text = text, .group = -1,
				.predicted = -1 };

	IC_APPEND(*v, *n, *cap, f);
	return &(*v)[*n - 1];
}

/* Adds D to the functions F concerns, once. */
void ic_finding_dev(struct ic_finding *f, const struct ic_dev *d)
{
	for (size_t i = 0; i < f->ndevs; i++)
		if (f->devs[i] == d)
			return;
	f->devs = ic_xrealloc(f->devs, f->ndevs + 1, sizeof(*f->devs));
	f->devs[f->ndevs++] = d;
}

/* Adds D, which the caller knows is not among F's devices yet; amortised O(1). */
void ic_finding_dev_append(struct ic_finding *f, const struct ic_dev *d)
{
	if ((f->ndevs & (f->ndevs - 1)) == 0)	/* 0, 1, 2, 4, ...: grow by doubling */
		f->devs = ic_xrealloc(f->devs, f->ndevs ? f->ndevs * 2 : 1, sizeof(*f->devs));
	f->devs[f->ndevs++] = d;
}

void ic_findings_free(struct ic_finding *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].devs);
		free(v[i].text);
	}
	free(v);
}
