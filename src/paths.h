/* SPDX-License-Identifier: GPL-2.0-or-later */
/* paths.h - every file iso-check reads, relative to the (sys)root; the only place they are spelled. */
#ifndef IC_PATHS_H
#define IC_PATHS_H

#define IC_PATH_PCI_BUS		"sys/bus/pci"			/* libpci's sysfs.path */
#define IC_PATH_PCI_DEVICES	"sys/bus/pci/devices"		/* one link per function */
#define IC_PATH_PCI_DRIVERS	"sys/bus/pci/drivers"		/* DRIVER/module -> module */
#define IC_PATH_IOMMU_GROUPS	"sys/kernel/iommu_groups"	/* N/{devices,type,reserved_regions,name} */
#define IC_PATH_CLASS_IOMMU	"sys/class/iommu"		/* registered IOMMU units */
#define IC_PATH_ACPI_TABLES	"sys/firmware/acpi/tables"	/* DMAR, IVRS, IORT, VIOT */
#define IC_PATH_MODULE		"sys/module"			/* NAME/holders */
#define IC_PATH_CMDLINE		"proc/cmdline"
#define IC_PATH_DT_BASE		"sys/firmware/devicetree/base"	/* pcie@ADDR/iommu-map */
#define IC_PATH_MODPROBE_D	"etc/modprobe.d"		/* *.conf: module options (libkmod) */
#define IC_PATH_OSRELEASE	"proc/sys/kernel/osrelease"
#define IC_PATH_HOSTNAME	"proc/sys/kernel/hostname"
#define IC_PATH_ETC_HOSTNAME	"etc/hostname"			/* a tree without proc/sys */
#define IC_PATH_KERNEL_RELEASE	"KERNEL_RELEASE"		/* written by recorders and snapshots */
#define IC_PATH_PAGE_SIZE	"PAGE_SIZE"			/* written by snapshots */
#define IC_PATH_MODULES_DIR	"lib/modules"			/* RELEASE/modules.alias.bin */
#define IC_PATH_PROC_MODULES	"proc/modules"			/* loaded modules */
#define IC_PATH_SNAPSHOT_INFO	"ISO_CHECK_SNAPSHOT"		/* a snapshot's format and origin */

/* What only the audit reads (collect-host.c). proc/1: the links proc/self and proc/net are
 * not copied into snapshots, PID 1's directories are. */
#define IC_PATH_INTERRUPTS	"proc/interrupts"		/* IR- chip names: remapping */
#define IC_PATH_MOUNTINFO	"proc/1/mountinfo"		/* MAJ:MIN of every mount */
#define IC_PATH_SWAPS		"proc/swaps"
#define IC_PATH_ROUTE		"proc/1/net/route"		/* IPv4 default route */
#define IC_PATH_ROUTE6		"proc/1/net/ipv6_route"
#define IC_PATH_DEV_BLOCK	"sys/dev/block"			/* MAJ:MIN -> block device */
#define IC_PATH_CLASS_BLOCK	"sys/class/block"
#define IC_PATH_CLASS_NET	"sys/class/net"
#define IC_PATH_CLASS_GRAPHICS	"sys/class/graphics"		/* fbN/device */

#endif
