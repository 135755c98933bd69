/* SPDX-License-Identifier: GPL-2.0-or-later */
/* predict.h - the kernel's IOMMU grouping (pci_device_group(), Linux 6.x) from the model alone. */
#ifndef IC_PREDICT_H
#define IC_PREDICT_H

#include "model.h"
#include "quirks.h"
#include "select.h"

/* Three-valued facts: a prediction from unknown inputs is unknown, never a guess. */
enum ic_tri {
	IC_TRI_NO = 0,
	IC_TRI_YES = 1,
	IC_TRI_UNKNOWN = -1,
};

/* Why a function is in its predicted group; stable codes, the seeds of --explain. */
enum ic_why {
	IC_WHY_UNKNOWN,		/* an input is unknown (config space cut or unreadable) */
	IC_WHY_ISOLATED,	/* nothing joins it to another group: a group of its own */
	IC_WHY_ALIAS_BRIDGE,	/* a PCIe-to-PCI or conventional bridge above takes its requester ID */
	IC_WHY_UPSTREAM_NO_ACS,	/* the bridge above it, or one on that bridge's path to the root,
				 * does not enable ACS SV RR CR UF */
	IC_WHY_FUNCTION_NO_ACS,	/* a function of the same multifunction slot, both without ACS */
	IC_WHY_VMD,		/* in an Intel VMD domain: DMA as the VMD endpoint */
	IC_WHY_DMA_ALIAS,	/* a DMA-alias quirk ties it to a function of its bus */
	IC_WHY_IOMMU_ITSELF,	/* an AMD IOMMU's own function (IVRS): not translated, no group */
	IC_WHY_NO_IOMMU,	/* IORT, VIOT or a device tree's iommu-map takes its requester ID
				 * to no IOMMU: not translated, never a group */
	IC_WHY_IVRS_ALIAS,	/* the IVRS table gives it or the other a same-bus requester ID alias */
	IC_WHY_SAME_PE,		/* PowerNV: it shares its bus's PE (or, behind a PCIe-to-PCI bridge,
				 * that bridge's bus-and-below PE) with the function it joined */
	IC_WHY_PE_BRIDGE,	/* PowerNV: a bridge, whose PE gets a group only with an endpoint */
};

/* What is missing about a function whose group, or another's, cannot be predicted. */
enum ic_unknown_kind {
	IC_UNKNOWN_IDENT,	/* vendor and device IDs */
	IC_UNKNOWN_CUT,		/* config space cut at 64 bytes: not root */
	IC_UNKNOWN_NOT_RECORDED,	/* the recording kept no config space */
	IC_UNKNOWN_DAMAGED,	/* unreadable, truncated, a broken capability list */
	IC_UNKNOWN_DUMP_ECAPS,	/* a dump without extended config space (lspci -xxx) */
	IC_UNKNOWN_ECAPS,	/* extended capabilities otherwise unread */
	IC_UNKNOWN_PLATFORM,	/* a quirk's platform condition (ACPI IVRS) */
	IC_UNKNOWN_TEXT_DENIED,	/* lspci's text: capabilities denied (not root) */
	IC_UNKNOWN_TEXT_CUT,	/* lspci's text ends inside the function */
	IC_UNKNOWN_TEXT_IDS,	/* lspci's text without -nn: no IDs for the quirk tables */
	IC_UNKNOWN_TEXT_BITS,	/* lspci -v: ACS named, its controls not printed */
	IC_UNKNOWN_TEXT_VF,	/* lspci -v: maybe a VF, the PF's SR-IOV layout not printed */
	IC_UNKNOWN_TEXT_MF,	/* lspci's text: a lone function 0's multifunction bit */
	IC_UNKNOWN_TEXT_PE,	/* lspci's text below a PowerNV PHB: the PEs are not in it */
	IC_UNKNOWN_NKINDS,
};

struct ic_prediction {
	int *group;		/* per model function: predicted group number; -1: unknown */
	const struct ic_acs_quirk **quirk;	/* per function: the quirk that decided its ACS */
	bool *overridden;	/* per function: isolated only by pcie_acs_override */
	const struct ic_alias_quirk **alias;	/* per function: its DMA-alias fixup */
	int *ivrs_alias;	/* per function: devfn of its same-bus IVRS alias; -1: none */
	bool *uncertain;	/* per function: its ACS rests on what a tree cannot show */
	int *enable_doubt;	/* per function of a dump: the port (index) whose ACS only the
				 * kernel's enable step turns on, which boot options a dump does
				 * not show could prevent; -1: none. NULL: not a dump */
	/* per function, the standard ACS capability as the decision used it (ic_acs_std_state) */
	bool *acs_readable;	/* it has one, and it could be read */
	uint16_t *acs_cap, *acs_ctrl;	/* capability; control after enable and --config-acs */
	bool *acs_forced;	/* --config-acs changed the control */
	bool assume_enable;	/* the IOMMU is off: the enable step is still to come */
	bool *acs_boot;		/* per function: its ACS controls are the boot's (pci=...acs...) */
	size_t nacs_boot;	/* functions the command line's ACS options name */
	size_t boot_unresolved;	/* entries of them the tree does not resolve */
	bool order_guessed;	/* several root buses, and their ACPI order unknown: the group
				 * numbers follow domain and bus numbers, a guess */
	enum ic_tri *acs;	/* per function: pci_acs_enabled(REQ_ACS_FLAGS) */
	enum ic_why *why;	/* per function */
	int *via;		/* per function: index of the function it joined; -1: none */
	int *blame;		/* per unknown function: the function whose unread input made
				 * it unknown (itself, a bridge above, a sibling); -1: none */
	int *doubt;		/* per function in a predicted group: an unknown function that
				 * could be in that group too, so its members are uncertain; -1 */
	char **unknown_cause;	/* per unknown function: what is missing and what would show it */
	/* per function, on a platform whose IOMMU driver forms a group when a driver binds
	 * (ACPI VIOT or IORT: virtio-iommu, arm-smmu-v3): IC_BIND_UNBOUND, it has no group until
	 * one binds; IC_BIND_ALIASED, it shares a bridge's requester ID or (a device tree's
	 * iommu-map, IORT or VIOT) another function's StreamID, which the driver may refuse (no
	 * group at all); 0 otherwise */
	unsigned char *at_bind;
	int64_t *pe;		/* per function on PowerNV: its predicted PE number; -1 unknown.
				 * NULL elsewhere */
	bool groups_at_bind;	/* the platform is such a one */
	size_t ndevs;		/* the model's functions: the length of every array */
	size_t ngroups;		/* groups created */
	size_t nunknown;	/* functions whose group is unknown */
};

enum { IC_BIND_UNBOUND = 1, IC_BIND_ALIASED = 2 };

int64_t ic_dt_stream_id(const struct ic_model *m, const struct ic_dev *d);
int64_t ic_stream_id(const struct ic_model *m, const struct ic_dev *d);

void ic_pe_numbers(const struct ic_model *m, const size_t *order, size_t norder, const long *key,
		   int64_t *pe);
void ic_predict_pe(const struct ic_model *m, const size_t *order, size_t norder,
		   struct ic_prediction *p);

#define IC_ACS_REQ_FLAGS 0x001d	/* SV | RR | CR | UF: the kernel's REQ_ACS_FLAGS */

/* pci=config_acs=FLAGS@DEVICE: force ACS control bits of matching functions (what-if). */
struct ic_config_acs {
	uint16_t mask, value;	/* bits to force, and to what */
	struct ic_select sel;	/* [domain:]bus:dev.fn, or pci:vendor:device by ID */
	bool sub;		/* pci:vendor:device:subvendor:subdevice: the subsystem must match too */
	uint16_t subvendor, subdevice;
};

/* What-if settings: the out-of-tree pcie_acs_override= and the in-tree pci=config_acs=. */
struct ic_whatif {
	bool override_downstream;	/* root and downstream ports without ACS: isolated */
	bool override_multifunction;	/* multifunction devices without ACS: isolated */
	uint32_t *override_ids;		/* vendor << 16 | device: isolated */
	size_t noverride_ids;
	struct ic_config_acs *config;	/* first match wins */
	size_t nconfig;
};

/*
 * pci=disable_acs_redir= and pci=config_acs= of the command line the tree was booted with: they
 * set ACS controls at boot whether or not an IOMMU is on, so the controls read for the functions
 * they name are already the boot's, and the kernel's later enable step does not apply to them.
 */
struct ic_boot_acs {
	struct ic_config_acs *entries;	/* disable_acs_redir entries first, then config_acs */
	size_t nentries;
	size_t nunresolved;		/* entries the kernel would reject, or a path with no such bridge */
	bool present;			/* either option is on the command line */
};

/* What ACS decisions depend on besides the function itself. */
struct ic_acs_ctx {
	const struct ic_model *m;	/* for platform facts (ACPI IVRS) */
	const struct ic_quirks *quirks;	/* NULL: no device quirks */
	bool assume_enable;		/* the IOMMU is off: the kernel has not yet set the ACS
					 * controls it sets once an IOMMU requests ACS */
	const struct ic_whatif *whatif;	/* NULL: none */
	const struct ic_boot_acs *boot;	/* NULL: none */
};

enum ic_tri ic_acs_flags_enabled(const struct ic_acs_ctx *c, const struct ic_dev *d, uint16_t req);
enum ic_tri ic_acs_enabled(const struct ic_acs_ctx *c, const struct ic_dev *d,
			   struct ic_quirk_hit *hit);
bool ic_dev_is_multifunction(const struct ic_dev *d);
bool ic_acs_std_state(const struct ic_acs_ctx *c, const struct ic_dev *d, uint16_t *cap,
		      uint16_t *ctrl, bool *forced);
bool ic_predict_is_certain(const struct ic_prediction *p, size_t i);
enum ic_unknown_kind ic_unknown_kind_of(const struct ic_model *m, const struct ic_dev *b);
const char *ic_unknown_kind_str(enum ic_unknown_kind kind);
const char *ic_why_str(enum ic_why why);

void ic_predict_groups(const struct ic_model *m, const struct ic_quirks *quirks,
		       struct ic_prediction *p);
void ic_predict_whatif(const struct ic_model *m, const struct ic_quirks *quirks,
		       const struct ic_whatif *w, struct ic_prediction *p);
int ic_whatif_parse_override(struct ic_whatif *w, const char *arg, const char **err);
int ic_whatif_parse_config_acs(struct ic_whatif *w, const char *arg, const char **err);
void ic_whatif_clear(struct ic_whatif *w);
void ic_boot_acs_parse(const struct ic_model *m, struct ic_boot_acs *b);
bool ic_boot_acs_names(const struct ic_boot_acs *b, const struct ic_dev *d);
void ic_boot_acs_clear(struct ic_boot_acs *b);
bool ic_whatif_is_set(const struct ic_whatif *w);
void ic_prediction_clear(struct ic_prediction *p);
const char *ic_predict_domain_type(const struct ic_model *m, const char **why);
bool ic_groups_at_bind(const struct ic_model *m);
bool ic_groups_by_pe(const struct ic_model *m);
bool ic_groups_pending(const struct ic_model *m);
bool ic_acs_enable_to_come(const struct ic_model *m);
void ic_mark_at_bind(const struct ic_model *m, struct ic_prediction *p);

#endif
