/* SPDX-License-Identifier: GPL-2.0-or-later */
/* analyze.h - conclusions drawn from the model: VFIO viability, why the IOMMU is off. */
#ifndef IC_ANALYZE_H
#define IC_ANALYZE_H

#include "findings.h"

#include "explain.h"
#include "model.h"
#include "predict.h"
#include "select.h"

/* What a group member's binding means for VFIO (Linux >= 5.19: DMA ownership). */
enum ic_member_state {
	IC_MEMBER_UNBOUND,	/* no driver */
	IC_MEMBER_VFIO,		/* vfio-pci, a vfio-pci variant or another vfio driver */
	IC_MEMBER_STUB,		/* pci-stub */
	IC_MEMBER_PORT,		/* pcieport (and fsl-pci): driver_managed_dma */
	IC_MEMBER_BRIDGE,	/* a bridge, which kernels before 5.19 allow with any driver */
	IC_MEMBER_BLOCKS,	/* a driver using the DMA API: VFIO cannot own the group */
	IC_MEMBER_UNKNOWN,	/* the binding could not be read */
};

enum ic_verdict {
	IC_VIABLE,
	IC_NOT_VIABLE,
	IC_VIABLE_UNKNOWN,
};

struct ic_member_report {
	const struct ic_dev *dev;	/* NULL for a member that is not a PCI function */
	const char *name;		/* the member's name: its address for PCI */
	const char *driver;		/* NULL: unbound */
	enum ic_member_state state;
};

struct ic_group_report {
	const struct ic_group *group;
	bool unsafe;		/* --acs-override: its isolation rests only on the override */
	int kernel_group;	/* --predict: the kernel's group with exactly these members; -1: none */
	enum ic_verdict verdict;
	struct ic_member_report *members;	/* PCI functions by address, then the others */
	size_t nmembers;
	bool direct_region;	/* a non-relaxable direct (RMRR) region: assignment fails anyway */
};

/* One fact behind "the IOMMU is off". */
struct ic_evidence {
	const char *key;	/* stable snake_case name */
	char *path;		/* where it was read */
	char *state;		/* what was found */
};

/* What to do about a missing IOMMU, by platform. */
struct ic_fix {
	const char *code;	/* stable snake_case name */
	const char *text;
};

struct ic_groups_report {
	const struct ic_model *model;
	const struct ic_prediction *pred;	/* --predict: the groups are predicted ones */
	const struct ic_explanation *explain;	/* --explain: the facts behind each member */
	const char *acs_override;		/* the what-if settings as given, NULL: none */
	const char *config_acs;
	struct ic_group *pred_groups;		/* owned: the predicted groups */
	size_t npred_groups;
	struct ic_finding *findings;	/* disagreements with the kernel, guesses, platform settings */
	size_t nfindings;
	bool iommu_on;			/* the kernel formed groups, or they are pending */
	bool groups_pending;		/* no group yet: they form when a driver binds, and none is
					 * bound (ic_groups_pending()); evidence says why */
	bool legacy_rule;		/* kernel before 5.19: bridges may have any driver */
	struct ic_group_report *groups;	/* the selected groups, by number */
	size_t ngroups;
	size_t nselected_devs;		/* PCI functions in the selected groups */
	const struct ic_dev **ungrouped;	/* selected functions outside any group */
	bool *ungrouped_iommu;			/* ...that are an AMD IOMMU's own function */
	size_t nungrouped;
	struct ic_evidence *evidence;	/* when the IOMMU is off */
	size_t nevidence;
	const struct ic_fix *fix;	/* when the IOMMU is off */
	const char *type_why;		/* --predict without the kernel's groups: what decided the
					 * groups' domain type; NULL: the build default, unknown */
	const struct ic_quirks *quirks;	/* with host: the reset quirks of the RESET column */
	bool host;			/* the host state was collected (RESET, CRITICAL) */
};

enum ic_member_state ic_member_state(const char *driver, const char *driver_module,
				     const struct ic_dev *d, const struct ic_iommu_info *io,
				     bool legacy_rule);
const char *ic_member_state_str(enum ic_member_state st);
const char *ic_verdict_str(enum ic_verdict v);
bool ic_kernel_before(const char *release, unsigned int major, unsigned int minor);

void ic_analyze_iommu_off(const struct ic_model *m, struct ic_groups_report *r);
int ic_analyze_groups(const struct ic_model *m, const struct ic_select *sel,
		      struct ic_groups_report *r);
int ic_analyze_predicted(const struct ic_model *m, const struct ic_prediction *p,
			 const struct ic_select *sel, bool whatif, struct ic_groups_report *r);
void ic_mark_unsafe(const struct ic_prediction *base, const struct ic_prediction *p,
		    struct ic_groups_report *r);
void ic_groups_report_clear(struct ic_groups_report *r);

#endif
