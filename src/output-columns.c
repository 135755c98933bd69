/* SPDX-License-Identifier: GPL-2.0-or-later */
/* output-columns.c - the column tables of groups, bridges and bars, shared by -o, --help,
 * --list-columns and the text back end. */
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
	[IC_COL_DESCRIPTION] = { "DESCRIPTION", 0.3, SCOLS_FL_TRUNC, "vendor and device names",
		"groups[].devices[].vendor_name,device_name", "string" },
};

const struct ic_colinfo ic_bridge_columns[IC_NBRIDGE_COLS] = {
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

const struct ic_colinfo ic_bar_columns[IC_NBAR_COLS] = {
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

const struct ic_columns ic_groups_view = { "groups", ic_group_columns, IC_NCOLS };
const struct ic_columns ic_bridges_view = { "bridges", ic_bridge_columns, IC_NBRIDGE_COLS };
const struct ic_columns ic_bars_view = { "bars", ic_bar_columns, IC_NBAR_COLS };

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
