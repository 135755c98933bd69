/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * analyze-metrics.c - `iso-check metrics`: the other views' reports (groups, bridges, bars,
 * sriov, audit) counted into low-cardinality Prometheus families. Per-function facts become
 * counts by state; nothing here is labelled by address, so a host with thousands of VFs
 * gives the same few hundred series as a laptop.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "audit.h"
#include "ic.h"
#include "metrics.h"
#include "mmio.h"
#include "sriov.h"

const struct ic_metric_def ic_metric_defs[IC_NMETRICS] = {
	[IC_M_BUILD_INFO] = { "iso_check_build_info", "gauge", "version",
		"The iso-check that wrote these metrics (always 1)" },
	[IC_M_KERNEL_INFO] = { "iso_check_kernel_info", "gauge", "release",
		"The kernel release of the host or snapshot (always 1; absent if unknown)" },
	[IC_M_PARTIAL] = { "iso_check_partial", "gauge", "",
		"1 if some inputs could not be read, so some of these values are incomplete" },
	[IC_M_PROBLEMS] = { "iso_check_problems", "gauge", "",
		"Inputs that could not be read (iso-check prints each on stderr)" },
	[IC_M_IOMMU_ENABLED] = { "iso_check_iommu_enabled", "gauge", "",
		"1 if the kernel formed IOMMU groups, or they form when a driver binds; 0 if the IOMMU is off" },
	[IC_M_GROUPS_PENDING] = { "iso_check_iommu_groups_pending", "gauge", "",
		"1 if the IOMMU is on but no group is formed yet: groups form when a driver binds" },
	[IC_M_INTERRUPT_REMAPPING] = { "iso_check_interrupt_remapping", "gauge", "",
		"1 if MSIs are remapped or isolated, 0 if they are not, NaN if nothing shows which (audit's interrupt_remapping)" },
	[IC_M_PCI_FUNCTIONS] = { "iso_check_pci_functions", "gauge", "",
		"PCI functions" },
	[IC_M_FUNCTIONS] = { "iso_check_functions", "gauge", "state",
		"PCI functions by what their binding means for VFIO (groups' VFIO column), or ungrouped" },
	[IC_M_GROUPS] = { "iso_check_groups", "gauge", "vfio",
		"IOMMU groups by VFIO viability: viable, not_viable or unknown" },
	[IC_M_GROUP_SIZE] = { "iso_check_group_size", "histogram", "le",
		"IOMMU groups by their number of members" },
	[IC_M_HOST_CRITICAL_GROUPS] = { "iso_check_host_critical_groups", "gauge", "vfio",
		"IOMMU groups holding a device the host needs (root or swap disk, default route, console), by VFIO viability" },
	[IC_M_GROUPS_FINGERPRINT] = { "iso_check_groups_fingerprint", "gauge", "",
		"A hash of the IOMMU groups and their members: it changes when any group does (0: no groups)" },
	[IC_M_FINDINGS] = { "iso_check_findings", "gauge", "view,code,severity",
		"Findings of groups, bridges, bars and sriov by code (every registered code, 0 if none)" },
	[IC_M_AUDIT_VERDICT] = { "iso_check_audit_verdict", "gauge", "check",
		"The worst verdict of an audit check over its subjects: 0 pass, 1 note, 2 warn, 3 fail; NaN if the worst is unknown" },
	[IC_M_AUDIT_CHECKS] = { "iso_check_audit_checks", "gauge", "check,verdict",
		"Subjects (host, groups, functions) of an audit check by verdict" },
	[IC_M_SRIOV_PFS] = { "iso_check_sriov_pfs", "gauge", "",
		"SR-IOV physical functions" },
	[IC_M_SRIOV_VFS] = { "iso_check_sriov_vfs", "gauge", "",
		"SR-IOV virtual functions enabled (the PFs' sriov_numvfs)" },
	[IC_M_SRIOV_VFS_SUPPORTED] = { "iso_check_sriov_vfs_supported", "gauge", "",
		"SR-IOV virtual functions the PFs support (their TotalVFs)" },
	[IC_M_SRIOV_VF_ISOLATION] = { "iso_check_sriov_vf_isolation", "gauge", "verdict",
		"SR-IOV PFs by whether their VFs can go to different owners: isolated, not_isolated or unknown" },
	[IC_M_COLLECTION_TIMESTAMP] = { "iso_check_collection_timestamp_seconds", "gauge", "",
		"When the collection began, in seconds since the epoch" },
	[IC_M_COLLECTION_DURATION] = { "iso_check_collection_duration_seconds", "gauge", "",
		"How long reading and analysing took, in seconds" },
};

/* The histogram's upper bounds; +Inf follows. */
static const unsigned int ic_group_size_le[] = { 1, 2, 4, 8, 16, 32, 64 };

/*
 * ic_metric_add() - a sample of family ID with value V, then label name and value pairs
 * (const char *), ended by NULL. Return: the sample, for a histogram's suffix.
 */
struct ic_sample *ic_metric_add(struct ic_metrics *mx, enum ic_metric id, double v, ...)
{
	struct ic_family *f = &mx->fam[id];
	struct ic_sample *s;
	const char *name;
	va_list ap;
	size_t k = 0;

	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 8;
		f->s = ic_xrealloc(f->s, f->cap, sizeof(*f->s));
	}
	s = &f->s[f->n++];
	*s = (struct ic_sample){ .suffix = "", .v = v };
	va_start(ap, v);
	while ((name = va_arg(ap, const char *)) && k < IC_METRIC_MAX_LABELS) {
		s->label[k] = name;
		s->value[k++] = ic_xstrdup(va_arg(ap, const char *));
	}
	va_end(ap);
	return s;
}

void ic_metrics_clear(struct ic_metrics *mx)
{
	for (size_t i = 0; i < IC_NMETRICS; i++) {
		for (size_t k = 0; k < mx->fam[i].n; k++)
			for (size_t j = 0; j < IC_METRIC_MAX_LABELS; j++)
				free(mx->fam[i].s[k].value[j]);
		free(mx->fam[i].s);
	}
	memset(mx, 0, sizeof(*mx));
}

/* FNV-1a over S and a terminating zero, continuing from H. */
static uint64_t ic_fnv(uint64_t h, const char *s)
{
	do {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	} while (*s++);
	return h;
}

/*
 * ic_groups_fingerprint() - the kernel's partition as a number that a float holds exactly
 * (53 bits): each group's number and members hashed, the groups summed, so it does not depend
 * on the order they were read in. 0: no groups.
 */
uint64_t ic_groups_fingerprint(const struct ic_model *m)
{
	uint64_t sum = 0;

	for (size_t i = 0; i < m->ngroups; i++) {
		const struct ic_group *g = &m->groups[i];
		char id[16];
		uint64_t h = 0xcbf29ce484222325ULL;

		snprintf(id, sizeof(id), "%d", g->id);
		h = ic_fnv(h, id);
		for (size_t k = 0; k < g->ndevs; k++)
			h = ic_fnv(h, g->devs[k]->bdf);
		for (size_t k = 0; k < g->nothers; k++)
			h = ic_fnv(h, g->others[k]);
		sum += h;
	}
	sum &= (1ULL << 53) - 1;
	return m->ngroups && !sum ? 1 : sum;
}

/* Groups: viability, sizes, states of the members, host-critical groups. */
static void ic_metrics_groups(const struct ic_model *m, const struct ic_groups_report *r,
			      struct ic_metrics *mx)
{
	size_t by_verdict[3] = { 0 }, critical[3] = { 0 }, states[IC_MEMBER_UNKNOWN + 1] = { 0 };
	size_t buckets[IC_ARRAY_SIZE(ic_group_size_le)] = { 0 }, members = 0;
	char le[16];

	for (size_t i = 0; i < r->ngroups; i++) {
		const struct ic_group_report *g = &r->groups[i];

		by_verdict[g->verdict]++;
		if (m->host && ic_audit_group_critical(m, g->group) > 0)
			critical[g->verdict]++;
		members += g->nmembers;
		for (size_t b = 0; b < IC_ARRAY_SIZE(ic_group_size_le); b++)
			buckets[b] += g->nmembers <= ic_group_size_le[b];
		for (size_t k = 0; k < g->nmembers; k++)
			if (g->members[k].dev)
				states[g->members[k].state]++;
	}
	for (int v = IC_VIABLE; v <= IC_VIABLE_UNKNOWN; v++) {
		ic_metric_add(mx, IC_M_GROUPS, (double)by_verdict[v], "vfio",
			      ic_verdict_str((enum ic_verdict)v), NULL);
		ic_metric_add(mx, IC_M_HOST_CRITICAL_GROUPS, (double)critical[v], "vfio",
			      ic_verdict_str((enum ic_verdict)v), NULL);
	}
	for (size_t b = 0; b < IC_ARRAY_SIZE(ic_group_size_le); b++) {
		snprintf(le, sizeof(le), "%u", ic_group_size_le[b]);
		ic_metric_add(mx, IC_M_GROUP_SIZE, (double)buckets[b], "le", le, NULL)->suffix = "_bucket";
	}
	ic_metric_add(mx, IC_M_GROUP_SIZE, (double)r->ngroups, "le", "+Inf", NULL)->suffix = "_bucket";
	ic_metric_add(mx, IC_M_GROUP_SIZE, (double)members, NULL)->suffix = "_sum";
	ic_metric_add(mx, IC_M_GROUP_SIZE, (double)r->ngroups, NULL)->suffix = "_count";
	for (int s = IC_MEMBER_UNBOUND; s <= IC_MEMBER_UNKNOWN; s++)
		ic_metric_add(mx, IC_M_FUNCTIONS, (double)states[s], "state",
			      ic_member_state_str((enum ic_member_state)s), NULL);
	ic_metric_add(mx, IC_M_FUNCTIONS, (double)r->nungrouped, "state", "ungrouped", NULL);
	ic_metric_add(mx, IC_M_IOMMU_ENABLED, r->iommu_on, NULL);
	ic_metric_add(mx, IC_M_GROUPS_PENDING, r->groups_pending, NULL);
	ic_metric_add(mx, IC_M_GROUPS_FINGERPRINT, (double)ic_groups_fingerprint(m), NULL);
}

/* Every registered finding code of the views counted here, with how often each was reported. */
/* Counts F's findings by their registry entry into COUNT (one per entry of ic_findings). */
static void ic_metrics_count(size_t *count, const struct ic_finding *f, size_t n)
{
	for (size_t k = 0; k < n; k++)
		count[f[k].def - ic_findings]++;
}

/* The views' findings by code and severity (registry order), from COUNT. */
static void ic_metrics_findings(struct ic_metrics *mx, const size_t *count)
{
	for (size_t i = 0; i < ic_nfindings; i++) {
		const struct ic_finding_def *d = &ic_findings[i];

		if (ic_streq(d->view, "audit"))
			continue;	/* the audit's checks have families of their own */
		ic_metric_add(mx, IC_M_FINDINGS, (double)count[i], "view", d->view, "code", d->code,
			      "severity", ic_severity_str(d->severity), NULL);
	}
}

/* The audit's checks by id (registry order): the worst verdict, and how many of each. */
static void ic_metrics_audit(const struct ic_audit_report *a, struct ic_metrics *mx)
{
	static const double value[] = { [IC_CV_PASS] = 0, [IC_CV_NOTE] = 1, [IC_CV_UNKNOWN] = NAN,
					[IC_CV_WARN] = 2, [IC_CV_FAIL] = 3 };

	for (size_t i = 0; i < ic_nfindings; i++) {
		const struct ic_finding_def *d = &ic_findings[i];
		size_t count[IC_CV_FAIL + 1] = { 0 }, total = 0;
		int worst = IC_CV_PASS;

		for (size_t k = 0; k < a->nchecks; k++) {
			if (a->checks[k].def != d)
				continue;
			count[a->checks[k].verdict]++;
			total++;
			if ((int)a->checks[k].verdict > worst)
				worst = (int)a->checks[k].verdict;
		}
		if (!total)
			continue;	/* a check that did not apply (no group, no function) */
		ic_metric_add(mx, IC_M_AUDIT_VERDICT, value[worst], "check", d->code, NULL);
		for (int v = IC_CV_PASS; v <= IC_CV_FAIL; v++)
			ic_metric_add(mx, IC_M_AUDIT_CHECKS, (double)count[v], "check", d->code, "verdict",
				      ic_check_verdict_str((enum ic_check_verdict)v), NULL);
		if (ic_streq(d->code, "interrupt_remapping"))
			ic_metric_add(mx, IC_M_INTERRUPT_REMAPPING, worst == IC_CV_PASS ? 1 :
				      worst == IC_CV_FAIL ? 0 : NAN, NULL);
	}
}

static void ic_metrics_sriov(const struct ic_sriov_report *r, struct ic_metrics *mx)
{
	size_t vfs = 0, total = 0, by[IC_VF_UNKNOWN + 1] = { 0 };

	for (size_t i = 0; i < r->npfs; i++) {
		vfs += r->pfs[i].num_vfs;
		total += r->pfs[i].total_vfs;
		by[r->pfs[i].verdict]++;
	}
	ic_metric_add(mx, IC_M_SRIOV_PFS, (double)r->npfs, NULL);
	ic_metric_add(mx, IC_M_SRIOV_VFS, (double)vfs, NULL);
	ic_metric_add(mx, IC_M_SRIOV_VFS_SUPPORTED, (double)total, NULL);
	for (int v = IC_VF_ISOLATED; v <= IC_VF_UNKNOWN; v++)
		ic_metric_add(mx, IC_M_SRIOV_VF_ISOLATION, (double)by[v], "verdict",
			      ic_vf_verdict_str((enum ic_vf_verdict)v), NULL);
}

/*
 * ic_analyze_metrics() - every family but the collection's times from M (collected with the
 * host's state) and the quirk tables Q: the same analyses the views run, counted.
 */
void ic_analyze_metrics(const struct ic_model *m, const struct ic_quirks *q, struct ic_metrics *mx)
{
	struct ic_prediction pred = { 0 };
	struct ic_groups_report gr;
	struct ic_bridges_report br;
	struct ic_bars_report bars;
	struct ic_sriov_report sr;
	struct ic_audit_report au;
	struct ic_bars_opts bo = { 0 };
	struct ic_select all;
	struct ic_domain *dom;
	size_t *count = ic_xcalloc(ic_nfindings, sizeof(*count));

	memset(mx, 0, sizeof(*mx));
	ic_select_init(&all);
	ic_metric_add(mx, IC_M_BUILD_INFO, 1, "version", PACKAGE_VERSION, NULL);
	if (m->kernel_release)
		ic_metric_add(mx, IC_M_KERNEL_INFO, 1, "release", m->kernel_release, NULL);
	ic_metric_add(mx, IC_M_PCI_FUNCTIONS, (double)m->ndevs, NULL);

	/* each analysis is counted and released before the next: one is held at a time */
	ic_analyze_groups(m, &all, &gr);
	ic_metrics_groups(m, &gr, mx);
	ic_metrics_count(count, gr.findings, gr.nfindings);
	ic_groups_report_clear(&gr);
	dom = ic_domains(m, q);
	ic_analyze_bridges(m, dom, &br);
	ic_metrics_count(count, br.findings, br.nfindings);
	ic_bridges_report_clear(&br);
	ic_analyze_bars(m, dom, &bo, &bars);
	ic_predict_groups(m, q, &pred);
	ic_analyze_sriov(m, &pred, &bars, &sr);
	ic_metrics_count(count, bars.findings, bars.nfindings);
	ic_metrics_count(count, sr.findings, sr.nfindings);
	ic_metrics_sriov(&sr, mx);
	ic_sriov_report_clear(&sr);
	ic_prediction_clear(&pred);
	ic_bars_report_clear(&bars);
	free(dom);
	ic_metrics_findings(mx, count);
	free(count);
	ic_analyze_audit(m, q, &all, &au);
	ic_metrics_audit(&au, mx);
	ic_audit_report_clear(&au);
	if (!mx->fam[IC_M_INTERRUPT_REMAPPING].n)
		ic_metric_add(mx, IC_M_INTERRUPT_REMAPPING, NAN, NULL);
	/* last: the analyses above may have noted what they could not read */
	ic_metric_add(mx, IC_M_PARTIAL, ic_model_is_partial(m), NULL);
	ic_metric_add(mx, IC_M_PROBLEMS, (double)m->nproblems, NULL);
}

void ic_metrics_set_times(struct ic_metrics *mx, const struct ic_metrics_input *in)
{
	ic_metric_add(mx, IC_M_COLLECTION_TIMESTAMP, in->started, NULL);
	ic_metric_add(mx, IC_M_COLLECTION_DURATION, in->duration, NULL);
}
