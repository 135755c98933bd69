/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sriov.h - SR-IOV: each PF's capability and sysfs view, its VFs, what enabling more would
 * meet, and whether its VFs can be given to different owners (VF isolation). */
#ifndef IC_SRIOV_H
#define IC_SRIOV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "findings.h"
#include "mmio.h"
#include "model.h"
#include "predict.h"

enum ic_vf_verdict {
	IC_VF_ISOLATED,		/* nothing found that lets one VF's owner reach another's */
	IC_VF_NOT_ISOLATED,	/* a reason of severity fail */
	IC_VF_UNKNOWN,		/* an input the answer depends on is unknown */
};

/* The groups VFs have, or will have once enabled. */
enum ic_vf_groups {
	IC_VFG_SEPARATE,	/* one group each: the path above the PF has ACS */
	IC_VFG_SHARED,		/* the PF's group (or the group of the bridge above it) */
	IC_VFG_UNKNOWN,
};

struct ic_vf_row {
	const struct ic_dev *dev;
	unsigned int vf_id;		/* N of the PF's virtfnN link */
	uint32_t expected_rid;		/* bus << 8 | devfn from First VF Offset and VF Stride */
	bool rid_known, rid_ok;
};

/* One IOV BAR of a PF: its aperture (resource line 7+i) and what each VF gets of it. */
struct ic_vf_bar {
	unsigned int index;		/* 0-5 */
	uint64_t start, aperture;	/* the aperture for every VF */
	uint64_t per_vf;		/* 0: unknown */
	bool assigned, is64, pref;
};

struct ic_pf_row {
	const struct ic_dev *dev;
	bool cap;			/* the SR-IOV capability was read (d->cfg.sriov) */
	bool powernv;			/* its domain is a PowerNV PE: VFs get PEs of their own */
	uint32_t total_vfs, num_vfs;	/* the capability's, else sysfs's */
	uint32_t offset, stride;	/* sysfs (current), else the capability's */
	bool offset_known;
	struct ic_vf_bar bars[6];
	size_t nbars;
	struct ic_vf_row *vfs;
	size_t nvfs;
	enum ic_vf_groups vf_groups;
	int first_new_group;		/* the number the first new VF's group will get; -1: none */
	uint32_t max_num_vfs;		/* the most that can be enabled now */
	bool max_known;
	enum ic_vf_verdict verdict;
	size_t *isolation, nisolation;	/* indices into the report's findings: the verdict's reasons */
	size_t *enable, nenable;	/* ...and what limits max_num_vfs */
};

struct ic_sriov_report {
	const struct ic_model *model;
	uint64_t page_size;
	const char *page_size_source;
	struct ic_pf_row *pfs;
	size_t npfs;
	const struct ic_segments *segs;	/* --segments: on PowerNV, the M64 window's */
	size_t nsegs;
	struct ic_finding *findings;
	size_t nfindings;
};

void ic_analyze_sriov(const struct ic_model *m, const struct ic_prediction *p,
		      const struct ic_bars_report *bars, struct ic_sriov_report *r);
void ic_sriov_report_clear(struct ic_sriov_report *r);
const char *ic_vf_verdict_str(enum ic_vf_verdict v);
const char *ic_vf_groups_str(enum ic_vf_groups g);
int ic_vf_rid(const struct ic_dev *pf, uint32_t offset, uint32_t stride, unsigned int vf_id,
	      uint32_t *rid);

#endif
