/* SPDX-License-Identifier: GPL-2.0-or-later */
/* model.h - the in-memory model of PCI functions and IOMMU groups; filled once, then read-only. */
#ifndef IC_MODEL_H
#define IC_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acpi.h"
#include "caps.h"
#include "cfg.h"
#include "resource.h"

/* Which fields of an ic_dev are known; a field whose bit is clear must not be used. */
enum {
	IC_KNOWN_IDENT = 1 << 0,	/* vendor, device */
	IC_KNOWN_SUBSYS = 1 << 1,	/* subsystem vendor and device */
	IC_KNOWN_CLASS = 1 << 2,	/* class code */
	IC_KNOWN_REVISION = 1 << 3,
	IC_KNOWN_HEADER = 1 << 4,	/* header type, multifunction bit, bridge bus numbers */
	IC_KNOWN_CAPS = 1 << 5,		/* standard capabilities, PCIe type */
	IC_KNOWN_ECAPS = 1 << 6,	/* extended capabilities (ACS, SR-IOV, ...) */
	IC_KNOWN_RESOURCES = 1 << 7,	/* BARs, ROM, IOV BARs, windows */
	IC_KNOWN_NUMA = 1 << 8,
	IC_KNOWN_DRIVER = 1 << 9,	/* bound driver (or none) */
	IC_KNOWN_IOMMU_GROUP = 1 << 10,	/* group (or none) */
	IC_KNOWN_MODALIAS = 1 << 11,
	IC_KNOWN_MODULES = 1 << 12,	/* modules whose aliases match (needs the module index) */
	IC_KNOWN_PCIE = 1 << 13,	/* pcie_type (the PCIe capability was found, or the list has none) */
	IC_KNOWN_MULTIFN = 1 << 14,	/* the header's multifunction bit (lspci's text never prints it) */
};

/* A function read from lspci's decoded text (collect-text.c), and what that text left open. */
enum {
	IC_TEXT_DECODED = 1 << 0,	/* its fields come from the text, not from config bytes */
	IC_TEXT_NO_IDS = 1 << 1,	/* lspci without -nn: names, no IDs */
	IC_TEXT_DENIED = 1 << 2,	/* "Capabilities: <access denied>": lspci was not root */
	IC_TEXT_NO_BITS = 1 << 3,	/* lspci -v: capabilities named, their registers not printed */
	IC_TEXT_CUT = 1 << 4,		/* the text ends inside it */
	IC_TEXT_MF = 1 << 5,		/* a lone function 0: whether it is multifunction is not printed */
	IC_TEXT_MAYBE_VF = 1 << 6,	/* may be a VF of a PF whose SR-IOV layout is not printed */
	IC_TEXT_PLATFORM = 1 << 7,	/* below a PowerNV PHB: its PEs are not in the text */
};

/* A PF's sriov_* attributes (drivers/pci/iov.c); which were read, in `known`. */
enum {
	IC_SV_TOTAL = 1 << 0, IC_SV_NUM = 1 << 1, IC_SV_OFFSET = 1 << 2, IC_SV_STRIDE = 1 << 3,
	IC_SV_VF_DEVICE = 1 << 4, IC_SV_AUTOPROBE = 1 << 5, IC_SV_MSIX = 1 << 6,
};

struct ic_sriov_sysfs {
	unsigned int known;		/* IC_SV_* */
	uint32_t total_vfs, num_vfs, offset, stride, vf_device, autoprobe, vf_total_msix;
};

/*
 * What the audit reads of a function (collect-host.c). For each, known says it was read or its
 * absence proves something (live, or a tree that records it); otherwise it is unknown.
 */
enum {
	IC_DA_RESET = 1 << 0, IC_DA_POWER = 1 << 1, IC_DA_D3COLD = 1 << 2, IC_DA_OVERRIDE = 1 << 3,
	IC_DA_BOOT_VGA = 1 << 4, IC_DA_REMOVABLE = 1 << 5,
};

struct ic_dev_audit {
	unsigned int known;		/* IC_DA_* */
	char *reset_method;		/* reset_method, NULL: absent (no method) */
	char *power_state;		/* D0, D3hot, D3cold, unknown */
	int d3cold_allowed;		/* 1, 0 */
	char *driver_override;		/* NULL: unset ("(null)") */
	bool boot_vga;
	bool removable;			/* removable: below a port the kernel marks external */
	unsigned int critical;		/* IC_CRIT_*: what the host needs it for */
	char *critical_what;		/* the first of them in words: "/ (vda1)", "default route (eth0)" */
};

/* What a host needs a function for (a mounted file system, swap, the console, its route). */
enum {
	IC_CRIT_ROOT = 1 << 0, IC_CRIT_MOUNT = 1 << 1, IC_CRIT_SWAP = 1 << 2, IC_CRIT_VGA = 1 << 3,
	IC_CRIT_FB = 1 << 4, IC_CRIT_ROUTE = 1 << 5,
};

/* PCIe device/port type (PCI_EXP_FLAGS_TYPE), or not PCIe at all. */
enum ic_pcie_type {
	IC_PCIE_NONE = -1,	/* no PCIe capability: conventional PCI */
	IC_PCIE_ENDPOINT = 0x0,
	IC_PCIE_LEG_END = 0x1,
	IC_PCIE_ROOT_PORT = 0x4,
	IC_PCIE_UPSTREAM = 0x5,
	IC_PCIE_DOWNSTREAM = 0x6,
	IC_PCIE_PCI_BRIDGE = 0x7,
	IC_PCIE_PCIE_BRIDGE = 0x8,
	IC_PCIE_RC_END = 0x9,
	IC_PCIE_RC_EC = 0xa,
};

struct ic_dev {
	uint32_t domain;		/* PCI segment */
	uint8_t bus, slot, func;	/* bus, device and function numbers */
	char bdf[16];			/* "dddd:bb:ss.f" */
	char *syspath;			/* root-relative canonical directory, sys/devices/... */

	unsigned int known;		/* IC_KNOWN_* */
	uint16_t vendor, device;
	uint16_t subvendor, subdevice;
	uint32_t class;			/* 24-bit class code: base, sub, prog-if */
	uint8_t revision;
	char *vendor_name, *device_name, *class_name;	/* from pci.ids; NULL: unknown or -n */
	uint8_t header_type;		/* low 7 bits of config 0x0e */
	bool multifunction;		/* bit 7 of config 0x0e */
	uint8_t secondary_bus, subordinate_bus;	/* bridges (header type 1) */

	uint8_t *config;		/* config-space bytes that could be read (a sysfs tree's: released
					 * once decoded, then config_read says they were read) */
	bool config_read;
	size_t config_len;		/* how many */
	size_t config_size;		/* size of the `config` file */
	bool config_cut;		/* fewer bytes readable than the file holds (not root) */
	struct ic_cfg cfg;		/* its registers, decoded once (cfg.c); analyses read these */

	struct ic_cap *caps;		/* standard then extended capabilities */
	size_t ncaps;
	int pcie_type;			/* enum ic_pcie_type; valid with IC_KNOWN_PCIE */

	struct ic_resource *res;	/* parsed `resource` lines */
	size_t nres;

	int numa_node;			/* -1: none */
	char *driver;			/* bound driver, NULL: none */
	bool has_eeh_pe;		/* eeh_pe_config_addr exists (POWER with EEH) */
	uint32_t eeh_pe;		/* its value: on PowerNV, the function's PE number */
	char *host_fw;			/* on a root bus: the host bridge's ACPI node ("PNP0A08:01"),
					 * whose instance number is the kernel's root bus scan order */
	char *driver_module;		/* the driver's module, NULL: built in or unknown */
	char *modalias;
	char **modules;			/* modules matching modalias */
	size_t nmodules;
	int iommu_group;		/* -1: none */

	struct ic_dev *parent;		/* upstream bridge from the device path; NULL on a root bus */
	uint8_t *child_buses;		/* buses of the functions below a bridge, ascending; one that is
					 * not secondary_bus is virtual (SR-IOV VFs beyond the PF's bus) */
	size_t nchild_buses;
	struct ic_dev *dma_dev;		/* an Intel VMD endpoint whose requester ID this function's
					 * DMA uses (it sits in the VMD's PCI domain) */
	struct ic_sriov_sysfs sriov;	/* a PF's sriov_* attributes */
	struct ic_dev *physfn;		/* SR-IOV PF of a VF */
	struct ic_dev **virtfn;		/* VFs of a PF, by VF index */
	size_t nvirtfn;
	char *of_node;			/* on a root bus: its of_node link, resolved (NULL: none) */
	char *physfn_bdf;		/* link target names, resolved after the scan */
	char **virtfn_bdf;

	struct ic_dev_audit audit;	/* with the host state (collect-host.c) */
	bool partial;			/* some attribute could not be read; see the model's problems */
	unsigned int text;		/* IC_TEXT_*: read from lspci's text, and what it left open */
};

/* A reserved IOVA region of a group (reserved_regions). */
struct ic_resv {
	uint64_t start, end;	/* inclusive */
	char *type;		/* direct, direct-relaxable, reserved, msi */
};

/* An IOMMU group as the kernel formed it. */
struct ic_group {
	int id;			/* N in /sys/kernel/iommu_groups/N */
	char *type;		/* default domain type: DMA, DMA-FQ, identity, blocked, unknown; NULL if absent */
	char *name;		/* optional name (PowerNV: domainD-peN) */
	struct ic_resv *resv;
	size_t nresv;
	bool resv_known;
	struct ic_dev **devs;	/* PCI members, sorted by address */
	size_t ndevs;
	char **others;		/* members that are not PCI functions (platform devices), by name */
	char **other_drivers;	/* their drivers, parallel to others; NULL: unbound */
	size_t nothers;
};

/* One thing that could not be read, for a one-line message and a "partial" mark. */
struct ic_problem {
	char *path;	/* as the user would type it */
	char *msg;
};

/* A device-tree PCI host bridge's iommu-map: requester ID to StreamID (of_map_id()). */
struct ic_dt_host {
	int64_t domain;			/* linux,pci-domain; -1: absent */
	uint32_t mask;			/* iommu-map-mask (default all ones) */
	uint32_t (*map)[3];		/* rid-base, sid-base, length */
	size_t nmap;
	bool bad;			/* malformed: StreamIDs unknown */
};

/* What the platform says about the IOMMU, for the "IOMMU off" explanation. */
struct ic_iommu_info {
	bool groups_dir;		/* /sys/kernel/iommu_groups exists */
	char **units;			/* /sys/class/iommu entries */
	size_t nunits;
	bool dmar, ivrs, iort, viot;	/* ACPI tables present */
	bool dt_iommu_map;		/* a device-tree PCI host bridge has iommu-map (arm64 and others
					 * booted with a device tree: the SMMU takes PCI functions) */
	char *dt_iommu_map_path;	/* ...the first such property, root-relative */
	struct ic_dt_host *dt_hosts;	/* every such host bridge */
	size_t ndt_hosts;
	uint8_t *iort_table, *viot_table;	/* the raw tables, when they could be read */
	size_t iort_len, viot_len;
	bool acpi_known;		/* /sys/firmware/acpi/tables could be listed */
	char *cmdline;			/* /proc/cmdline, NULL if unreadable */
	int caching_mode;		/* without groups: an Intel unit's CAP says Caching Mode (bit 7),
					 * which forces strict invalidation: 1, 0; -1 unknown */
	struct ic_ivrs ivrs_table;	/* what IVRS says: IOMMU functions, requester-ID aliases */
	bool ivrs_read;			/* ...and it could be read and decoded */
	int vfio_enable_sriov;		/* vfio_pci's enable_sriov parameter: 1, 0; -1 unknown */
	char **vfio_variants;		/* modules holding vfio_pci_core: vfio-pci variant drivers */
	size_t nvfio_variants;
};

/* A module the audit looks at: is it there, and with what options. */
enum ic_mod_state {
	IC_MOD_UNKNOWN,		/* neither loaded nor in a module index that could be read */
	IC_MOD_LOADED,		/* in proc/modules, or sys/module/NAME/initstate is live */
	IC_MOD_BUILTIN,		/* built into the kernel */
	IC_MOD_AVAILABLE,	/* not loaded, in the module index: loaded on demand */
	IC_MOD_MISSING,		/* not loaded, not built in, not in the index */
};

enum { IC_HMOD_VFIO, IC_HMOD_VFIO_PCI, IC_HMOD_TYPE1, IC_HMOD_IOMMUFD, IC_HMOD_SPAPR, IC_NHMODS };

/* A module parameter in force: its value, and where it was read. */
struct ic_modparam {
	const char *module, *name;
	char *value;		/* NULL: unknown (module not loaded and not configured) */
	const char *source;	/* "sysfs", "command line", "modprobe.d", "default" (not loaded, not configured)
				 * or "absent" (loaded, built without the option) */
};

enum {
	IC_HP_UNSAFE_TYPE1, IC_HP_UNSAFE_IOMMUFD, IC_HP_NOIOMMU, IC_HP_IDLE_D3, IC_HP_DENYLIST,
	IC_NHPARAMS,
};

/* The host state only the audit needs (collected when asked: collect-host.c). */
struct ic_host {
	bool interrupts_read;		/* proc/interrupts */
	size_t irq_remapped, irq_its, irq_plain;	/* MSI / IO-APIC lines: remapped, ITS, neither */
	char *irq_plain_chip, *irq_remapped_chip;	/* an example of each */
	int ir_capable;			/* units that say they can remap: 1 yes, 0 no, -1 unknown */
	char *ir_unit, *ir_what;	/* the register that said so (root-relative), and what it said */
	enum ic_mod_state mods[IC_NHMODS];
	enum ic_mod_state kmod[IC_NHMODS];	/* what the module index said (libkmod); UNKNOWN: not read */
	char *kmod_options[IC_NHMODS];	/* options modprobe.d and the command line give it; NULL: not read */
	struct ic_modparam params[IC_NHPARAMS];
	bool mounts_read, swaps_read, routes_read;
	bool absent_known;		/* a missing attribute is absent (not merely unrecorded) */
	size_t ncritical;		/* functions with a critical use */
};

/*
 * A PowerNV PHB as its device-tree node describes it (pnv_pci_init_ioda_phb(),
 * kernel-isolation.md section 6.1): how many PEs, which is reserved, and the M32 and M64 windows
 * that are cut into one segment per PE.
 */
struct ic_phb {
	uint32_t domain;		/* PCI domain: the PHB's global number */
	char *node;			/* its device-tree node, root-relative */
	uint32_t num_pes;		/* ibm,opal-num-pes; 0: unknown */
	int64_t reserved_pe;		/* ibm,opal-reserved-pe; -1: unknown */
	bool m32_known, m64_known;
	uint64_t m32_bus, m32_cpu, m32_size;	/* the 32-bit memory range of ranges */
	uint64_t m64_bus, m64_cpu, m64_size;	/* ibm,opal-m64-window */
};

struct ic_model {
	struct ic_dev *devs;		/* sorted by domain, bus, slot, function */
	size_t ndevs, devs_cap;
	struct ic_group *groups;	/* sorted by id */
	size_t ngroups;
	struct ic_iommu_info iommu;
	struct ic_phb *phbs;		/* PowerNV PHBs from the device tree, by domain */
	size_t nphbs;
	struct ic_host *host;		/* NULL: not collected (only audit and snapshot need it) */
	char *kernel_release;		/* NULL if unknown */
	char *hostname;			/* the kernel's, else etc/hostname; NULL if unknown */
	uint64_t page_size;		/* the host's page size (live, or PAGE_SIZE in a snapshot); 0 unknown */
	char *sysroot;			/* NULL when live */
	bool sysroot_archive;		/* the sysroot is a .tar.gz snapshot */
	char *dump;			/* --lspci-dump FILE: no sysfs */
	char *dump_form;		/* what the file was read as ("lspci -vvnn text, ...") */
	bool config_cut;		/* some config space was cut (not root) */
	size_t nconfig_missing;		/* functions recorded without a config file */
	struct ic_problem *problems;
	size_t nproblems, problems_cap;
};

struct ic_model *ic_model_new(void);
void ic_model_free(struct ic_model *m);
void ic_model_problem(struct ic_model *m, const char *path, const char *fmt, ...)
	__attribute__((__format__(__printf__, 3, 4)));
void ic_model_sort_devs(struct ic_model *m);
void ic_model_sort_groups(struct ic_model *m);
struct ic_dev *ic_model_find(const struct ic_model *m, const char *bdf);
struct ic_group *ic_model_group(const struct ic_model *m, int id);
const struct ic_phb *ic_model_phb(const struct ic_model *m, uint32_t domain);
bool ic_model_is_partial(const struct ic_model *m);

int ic_bdf_parse(const char *s, uint32_t *domain, uint8_t *bus, uint8_t *slot, uint8_t *func);
const struct ic_cap *ic_dev_find_cap(const struct ic_dev *d, uint16_t id, bool extended);
const char *ic_pcie_type_str(int type);
bool ic_dev_is_bridge(const struct ic_dev *d);
bool ic_model_is_iommu(const struct ic_model *m, const struct ic_dev *d);

#endif
