/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * analyze-iommu.c - why the kernel formed no IOMMU groups: the evidence read (groups, units,
 * ACPI tables, the firmware that hands functions to an IOMMU, the command line) and the fix
 * for the platform; or that the groups are still to come (ic_groups_pending()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "ic.h"
#include "paths.h"

/* Platform fixes for a missing IOMMU, chosen by ic_analyze_iommu_off(). */
static const struct ic_fix ic_fixes[] = {
	{ "remove_intel_iommu_off",
	  "remove intel_iommu=off from the kernel command line and reboot" },
	{ "remove_amd_iommu_off",
	  "remove amd_iommu=off from the kernel command line and reboot" },
	{ "remove_iommu_off",
	  "remove iommu=off from the kernel command line and reboot" },
	{ "add_intel_iommu_on",
	  "add intel_iommu=on to the kernel command line and reboot (VT-d is present: the firmware "
	  "publishes a DMAR table)" },
	{ "dmar_not_translating",
	  "intel_iommu=on is already on the command line and the firmware publishes a DMAR table, "
	  "yet no VT-d unit registered: the unit does not translate DMA (the kernel log says \"No "
	  "supported address widths\" or that DMA translation is disabled: a unit for interrupt "
	  "remapping only), or the kernel is built without CONFIG_INTEL_IOMMU. Enable DMA remapping "
	  "(VT-d) in the firmware setup; in QEMU, drop dma-translation=off from -device intel-iommu" },
	{ "check_amd_iommu",
	  "the firmware publishes an IVRS table but no AMD IOMMU registered: check the kernel log "
	  "for AMD-Vi errors and that the IOMMU is enabled in the firmware setup" },
	{ "check_arm_smmu",
	  "the firmware publishes an IORT or VIOT table but no IOMMU registered: check that the "
	  "SMMU or virtio-iommu driver is built and loaded" },
	{ "check_dt_iommu",
	  "the device tree maps the PCI functions to an IOMMU (iommu-map) but no IOMMU registered: "
	  "check that its driver (arm-smmu-v3, ...) is built and loaded" },
	{ "enable_in_firmware",
	  "the firmware publishes no DMAR, IVRS or IORT table: enable VT-d or AMD-Vi (IOMMU) in "
	  "the firmware setup; in a virtual machine give it a virtual IOMMU (QEMU: -device "
	  "intel-iommu,intremap=on with intel_iommu=on)" },
	{ "no_groups",
	  "IOMMU units are registered but no device is in a group: check the kernel log for IOMMU "
	  "errors" },
	{ "unknown",
	  "no ACPI tables are visible: check that the platform's IOMMU is enabled in the firmware "
	  "or device tree and that its driver is loaded" },
};

static const struct ic_fix *ic_fix_by_code(const char *code)
{
	for (size_t i = 0; i < IC_ARRAY_SIZE(ic_fixes); i++)
		if (ic_streq(ic_fixes[i].code, code))
			return &ic_fixes[i];
	return &ic_fixes[IC_ARRAY_SIZE(ic_fixes) - 1];
}

/* Is WORD (e.g. "intel_iommu=off") one of the blank-separated words of the command line? */
static bool ic_cmdline_has(const char *cmdline, const char *word)
{
	size_t len = strlen(word);

	for (const char *p = cmdline; p && (p = strstr(p, word)) != NULL; p += len)
		if ((p == cmdline || p[-1] == ' ') && (p[len] == '\0' || p[len] == ' ' || p[len] == ','))
			return true;
	return false;
}

static void ic_evidence_add(struct ic_groups_report *r, const char *key, const char *rel,
			    char *state)
{
	struct ic_evidence *e = &r->evidence[r->nevidence++];
	const char *root = r->model->sysroot;

	e->key = key;
	e->path = !root ? ic_xasprintf("/%s", rel) :
		  r->model->sysroot_archive ? ic_xasprintf("%s:/%s", root, rel) : ic_path_cat(root, rel);
	e->state = state;
}

/* Collects the evidence that the IOMMU is off, and picks the fix for this platform. */
void ic_analyze_iommu_off(const struct ic_model *m, struct ic_groups_report *r)
{
	const struct ic_iommu_info *io = &m->iommu;
	const char *cmd = io->cmdline;
	static const char *const switches[] = {
		"intel_iommu=", "amd_iommu=", "iommu=", "iommu.passthrough=", "iommu.strict=",
	};
	char *found = ic_xstrdup("");

	r->evidence = ic_xcalloc(8, sizeof(*r->evidence));
	ic_evidence_add(r, "iommu_groups", IC_PATH_IOMMU_GROUPS,
			ic_xstrdup(io->groups_dir ? "no groups" : "missing"));
	if (io->nunits)
		ic_evidence_add(r, "iommu_units", IC_PATH_CLASS_IOMMU,
				ic_xasprintf("%zu unit%s registered", io->nunits, io->nunits == 1 ? "" : "s"));
	else
		ic_evidence_add(r, "iommu_units", IC_PATH_CLASS_IOMMU, ic_xstrdup("no IOMMU registered"));
	if (io->acpi_known) {
		ic_evidence_add(r, "acpi_dmar", IC_PATH_ACPI_TABLES "/DMAR",
				ic_xstrdup(io->dmar ? "present (Intel VT-d)" : "absent"));
		ic_evidence_add(r, "acpi_ivrs", IC_PATH_ACPI_TABLES "/IVRS",
				ic_xstrdup(io->ivrs ? "present (AMD-Vi)" : "absent"));
	} else if (!io->dt_iommu_map) {
		ic_evidence_add(r, "acpi_tables", IC_PATH_ACPI_TABLES, ic_xstrdup("not visible"));
	}
	/* the firmware that hands the PCI functions to an IOMMU which forms groups at bind */
	if (io->iort)
		ic_evidence_add(r, "firmware_iommu", IC_PATH_ACPI_TABLES "/IORT", ic_xstrdup("present (Arm SMMU)"));
	else if (io->viot)
		ic_evidence_add(r, "firmware_iommu", IC_PATH_ACPI_TABLES "/VIOT", ic_xstrdup("present (virtio-iommu)"));
	else if (io->dt_iommu_map)
		ic_evidence_add(r, "firmware_iommu", io->dt_iommu_map_path,
				ic_xstrdup("present: the host bridge maps requester IDs to an IOMMU"));
	if (r->groups_pending)
		ic_evidence_add(r, "bound_functions", IC_PATH_PCI_DEVICES,
				ic_xstrdup("no function is bound to a driver: groups form at the first bind"));
	/* The IOMMU switches that are on the command line, in their order there. */
	for (const char *p = cmd; p && *p;) {
		size_t len = strcspn(p, " ");

		for (size_t i = 0; i < IC_ARRAY_SIZE(switches); i++)
			if ((p == cmd || p[-1] == ' ') && !strncmp(p, switches[i], strlen(switches[i]))) {
				char *next = ic_xasprintf("%s%s%.*s", found, *found ? " " : "", (int)len, p);

				free(found);
				found = next;
			}
		p += len;
		p += strspn(p, " ");
	}
	if (cmd)
		ic_evidence_add(r, "cmdline", IC_PATH_CMDLINE,
				*found ? found : ic_xstrdup("no IOMMU switches"));
	else
		ic_evidence_add(r, "cmdline", IC_PATH_CMDLINE, ic_xstrdup("unreadable"));
	if (!cmd || !*found)
		free(found);

	if (r->groups_pending)
		r->fix = NULL;	/* nothing to fix: the IOMMU is on */
	else if (ic_cmdline_has(cmd, "intel_iommu=off"))
		r->fix = ic_fix_by_code("remove_intel_iommu_off");
	else if (ic_cmdline_has(cmd, "amd_iommu=off"))
		r->fix = ic_fix_by_code("remove_amd_iommu_off");
	else if (ic_cmdline_has(cmd, "iommu=off"))
		r->fix = ic_fix_by_code("remove_iommu_off");
	else if (io->nunits)
		r->fix = ic_fix_by_code("no_groups");
	else if (io->dmar && ic_cmdline_has(cmd, "intel_iommu=on"))
		r->fix = ic_fix_by_code("dmar_not_translating");	/* never ask for what is there */
	else if (io->dmar)
		r->fix = ic_fix_by_code("add_intel_iommu_on");
	else if (io->ivrs)
		r->fix = ic_fix_by_code("check_amd_iommu");
	else if (io->iort || io->viot)
		r->fix = ic_fix_by_code("check_arm_smmu");
	else if (io->dt_iommu_map)
		r->fix = ic_fix_by_code("check_dt_iommu");
	else if (io->acpi_known)
		r->fix = ic_fix_by_code("enable_in_firmware");
	else
		r->fix = ic_fix_by_code("unknown");
}
