/* SPDX-License-Identifier: GPL-2.0-or-later */
/* output-columns.c - the column table of groups (bridges and bars have theirs in
 * view-mmio.c), and the parser of -o that every table view shares. */
#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ic.h"
#include "output.h"

const struct ic_colinfo ic_group_columns[IC_NCOLS] = {
	[IC_COL_NAME] = { "NAME", 14, SCOLS_FL_TREE, "group number, or the member's address (tree)",
		"groups[].group,groups[].devices[].address", "string" },
	[IC_COL_GROUP] = { "GROUP", 5, SCOLS_FL_RIGHT, "IOMMU group number",
		"groups[].group", "integer" },
	[IC_COL_DEVICE] = { "DEVICE", 12, 0, "PCI address domain:bus:device.function",
		"groups[].devices[].address", "string" },
	[IC_COL_ID] = { "ID", 9, 0, "vendor:device ID",
		"groups[].devices[].vendor_id,device_id", "hex" },
	[IC_COL_CLASS] = { "CLASS", 0.1, SCOLS_FL_TRUNC, "device class",
		"groups[].devices[].class_name,class", "string" },
	[IC_COL_DRIVER] = { "DRIVER", 0.1, 0, "bound driver, - if none",
		"groups[].devices[].driver", "string" },
	[IC_COL_VFIO] = { "VFIO", 6, 0, "group: VFIO viability; member: what its binding means",
		"groups[].vfio.verdict,groups[].devices[].vfio", "string" },
	[IC_COL_VIABLE] = { "VIABLE", 3, 0, "whether the member's group is viable for VFIO",
		"groups[].vfio.verdict", "string" },
	[IC_COL_TYPE] = { "TYPE", 6, 0, "default domain type of the group",
		"groups[].type", "string" },
	[IC_COL_PCIE] = { "PCIE", 8, 0, "PCIe device/port type (pci: conventional)",
		"groups[].devices[].pcie_type", "string" },
	[IC_COL_NUMA] = { "NUMA", 2, SCOLS_FL_RIGHT, "NUMA node",
		"groups[].devices[].numa_node", "integer" },
	[IC_COL_MODULES] = { "MODULES", 0.1, 0, "kernel modules matching the device's modalias",
		"groups[].devices[].modules", "list" },
	[IC_COL_RESERVED] = { "RESERVED", 0.2, 0, "reserved IOVA regions of the group",
		"groups[].reserved_regions", "list" },
	[IC_COL_KERNEL] = { "KERNEL", 6, 0, "--predict: the kernel's group with the same members, or differs",
		"groups[].kernel_group", "integer" },
	[IC_COL_WHY] = { "WHY", 0.2, 0, "--predict: why the member is in its group (rule, via, quirk)",
		"groups[].devices[].prediction.why,via,quirk", "string" },
	[IC_COL_SRIOV] = { "SRIOV", 0.1, 0, "SR-IOV: pf:N (a PF with N VFs), vf:PF (a VF of PF), or -",
		"groups[].devices[].sriov", "string" },
	[IC_COL_DESCRIPTION] = { "DESCRIPTION", 0.3, SCOLS_FL_TRUNC, "vendor and device names",
		"groups[].devices[].vendor_name,device_name", "string" },
	[IC_COL_RESET] = { "RESET", 0.1, 0, "reset methods (audit's reset_available): the kernel's, or predicted with ?",
		"groups[].devices[].reset.methods", "list" },
	[IC_COL_CRITICAL] = { "CRITICAL", 0.2, 0, "what the host needs from it (audit's group_host_critical): /, swap, route",
		"groups[].host_critical,groups[].devices[].host_critical", "string" },
	[IC_COL_PE] = { "PE", 6, 0, "PowerNV PE: the group's (domainD-peN), a member's number (predicted with --predict)",
		"groups[].name,groups[].devices[].pe,prediction.pe", "string" },
};

const struct ic_columns ic_groups_view = { "groups", ic_group_columns, IC_NCOLS };

int ic_columns_parse(const char *list, int *cols, size_t max, const char **bad)
{
	return ic_columns_parse_in(&ic_groups_view, list, cols, max, bad);
}

/*
 * ic_columns_parse_in() - parse "-o NAME,NAME,..." against the columns of T (case-insensitive;
 * "+LIST" is handled by the caller). Return: the number of columns, or -1 with *bad set to
 * the unknown name.
 */
int ic_columns_parse_in(const struct ic_columns *t, const char *list, int *cols, size_t max,
			const char **bad)
{
	static char badbuf[64];
	size_t n = 0;
	const char *p = list;

	while (*p) {
		size_t len = strcspn(p, ",");
		bool found = false;

		for (int c = 0; c < (int)t->n && len; c++)
			if (strlen(t->cols[c].name) == len && !strncasecmp(p, t->cols[c].name, len)) {
				if (n == max)
					return -1;
				cols[n++] = c;
				found = true;
			}
		if (!found) {
			snprintf(badbuf, sizeof(badbuf), "%.*s", (int)(len < 60 ? len : 60), p);
			*bad = badbuf;
			return -1;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return (int)n;
}
