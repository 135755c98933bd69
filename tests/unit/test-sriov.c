/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-sriov.c - SR-IOV on hand-built models: routing-ID arithmetic (ARI offsets, strides,
 * VFs spilling onto the next bus), the enable limits and every VF isolation reason.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "model-builder.h"
#include "sriov.h"

#define MEM64P (IC_IORESOURCE_MEM | IC_IORESOURCE_MEM_64 | IC_IORESOURCE_PREFETCH)

static void res(struct ic_dev *d, unsigned int index, uint64_t start, uint64_t size, uint64_t flags)
{
	if (!d->res) {
		d->res = ic_xcalloc(13, sizeof(*d->res));
		d->nres = 13;
		for (unsigned int i = 0; i < 13; i++) {
			d->res[i].index = i;
			d->res[i].kind = i < 6 ? IC_RES_BAR : i == 6 ? IC_RES_ROM : IC_RES_IOV;
		}
		d->known |= IC_KNOWN_RESOURCES;
	}
	d->res[index].start = start;
	d->res[index].end = start + size - 1;
	d->res[index].flags = flags;
}

/* A PF at BDF with TOTAL VFs (none enabled) of one 16K VF BAR, offset 0x80, stride 2. */
static struct ic_dev *pf(struct ic_model *m, const char *bdf, uint16_t total, const char *driver)
{
	struct ic_dev *d = mb_dev(m, bdf, 0x8086, 0x10c9, driver, 1);
	struct ic_cfg_sriov *s = &d->cfg.sriov;

	d->known |= IC_KNOWN_ECAPS;
	d->cfg.known |= IC_CFG_SRIOV;
	s->total_vfs = s->initial_vfs = total;
	s->vf_offset = 0x80;
	s->vf_stride = 2;
	s->vf_device = 0x10ca;
	s->supported_page_sizes = 0x553;	/* 4K 8K 64K 256K 1M 4M */
	s->system_page_size = 1;
	s->cap = PCI_IOV_CAP_VFM;
	res(d, 7, 0xf0000000, 0x4000ULL * total, MEM64P);
	return d;
}

static const char *codes_of(const struct ic_sriov_report *r, const size_t *idx, size_t n, char *buf)
{
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		strcat(buf, r->findings[idx[i]].def->code);
		strcat(buf, " ");
	}
	return buf;
}

static void analyze(struct ic_model *m, uint64_t page, struct ic_sriov_report *r)
{
	struct ic_bars_report bars = { .model = m, .page_size = page, .page_size_source = "option" };

	ic_analyze_sriov(m, NULL, &bars, r);
}

/* x = devfn + offset + stride * id, carried into the bus; beyond bus 0xff: none. */
static void test_rid(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_dev *d = mb_dev(m, "0000:3b:00.0", 0x15b3, 0x101b, NULL, 1);
	uint32_t rid;

	(void)state;
	assert_int_equal(ic_vf_rid(d, 1, 1, 0, &rid), 0);	/* ARI: 3b:00.1 */
	assert_int_equal(rid, 0x3b01);
	assert_int_equal(ic_vf_rid(d, 0x80, 2, 3, &rid), 0);	/* 0x86: slot 0x10, function 6 */
	assert_int_equal(rid, 0x3b86);
	assert_int_equal(ic_vf_rid(d, 1, 1, 255, &rid), 0);	/* the 256th VF: the next bus */
	assert_int_equal(rid, 0x3c00);
	d = mb_dev(m, "0000:ff:00.0", 0x15b3, 0x101b, NULL, 1);
	assert_int_equal(ic_vf_rid(d, 1, 1, 255, &rid), -1);	/* no bus beyond 0xff */
	ic_model_free(m);
}

/* VFs at the offset and stride: ok; one elsewhere: vf_rid_mismatch. */
static void test_vfs(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_dev *p = pf(m, "0000:01:00.0", 4, "igb");
	struct ic_sriov_report r;
	char buf[512];

	(void)state;
	mb_dev(m, "0000:01:10.0", 0x8086, 0x10ca, "igbvf", 2);
	mb_dev(m, "0000:01:10.4", 0x8086, 0x10ca, "igbvf", 3);
	p = &m->devs[0];	/* mb_dev() may have moved the array */
	p->virtfn = ic_xcalloc(2, sizeof(*p->virtfn));
	p->virtfn[0] = &m->devs[1];
	p->virtfn[1] = &m->devs[2];
	p->virtfn_bdf = ic_xcalloc(2, sizeof(*p->virtfn_bdf));	/* as collection leaves them */
	p->virtfn_bdf[0] = ic_xstrdup(m->devs[1].bdf);
	p->virtfn_bdf[1] = ic_xstrdup(m->devs[2].bdf);
	m->devs[1].physfn = m->devs[2].physfn = p;
	m->devs[1].physfn_bdf = ic_xstrdup(p->bdf);
	m->devs[2].physfn_bdf = ic_xstrdup(p->bdf);
	mb_groups(m, "DMA");	/* the kernel formed groups */
	p->nvirtfn = 2;
	p->cfg.sriov.num_vfs = 2;
	analyze(m, 4096, &r);
	assert_int_equal(r.npfs, 1);
	assert_int_equal(r.pfs[0].nvfs, 2);
	assert_true(r.pfs[0].vfs[0].rid_ok);		/* 01:10.0 = 0x80 */
	assert_false(r.pfs[0].vfs[1].rid_ok);		/* VF 1 belongs at 01:10.2 */
	assert_non_null(strstr(codes_of(&r, r.pfs[0].enable, r.pfs[0].nenable, buf), "vf_rid_mismatch"));
	assert_int_equal(r.pfs[0].vf_groups, IC_VFG_SEPARATE);	/* groups 2 and 3, PF in 1 */
	assert_non_null(strstr(buf, "pf_vfs_block_vfio"));	/* igb, with VFs: no vfio-pci */
	ic_sriov_report_clear(&r);
	/* a VF in the PF's group */
	m->devs[2].iommu_group = 1;
	analyze(m, 4096, &r);
	assert_int_equal(r.pfs[0].vf_groups, IC_VFG_SHARED);
	assert_int_equal(r.pfs[0].verdict, IC_VF_NOT_ISOLATED);
	assert_non_null(strstr(codes_of(&r, r.pfs[0].isolation, r.pfs[0].nisolation, buf), "vfs_share_group"));
	ic_sriov_report_clear(&r);
	/* groups apart again, but the bars analysis found a VF BAR in a shared page */
	m->devs[2].iommu_group = 3;
	{
		struct ic_bars_report bars = { .model = m, .page_size = 65536, .page_size_source = "option" };
		size_t cap = 0;
		struct ic_finding *f = ic_finding_new(&bars.findings, &bars.nfindings, &cap, "page_shared",
						      ic_xstrdup("page 0xf0000000 holds BARs of two domains"));

		f->address = 0xf0000000;
		ic_finding_dev(f, &m->devs[1]);
		ic_finding_dev(f, &m->devs[2]);
		ic_analyze_sriov(m, NULL, &bars, &r);
		assert_int_equal(r.pfs[0].vf_groups, IC_VFG_SEPARATE);
		assert_int_equal(r.pfs[0].verdict, IC_VF_NOT_ISOLATED);
		assert_non_null(strstr(codes_of(&r, r.pfs[0].isolation, r.pfs[0].nisolation, buf),
				       "vf_bar_page_shared"));
		for (size_t i = 0; i < r.pfs[0].nisolation; i++) {
			const struct ic_finding *x = &r.findings[r.pfs[0].isolation[i]];

			if (!strcmp(x->def->code, "vf_bar_page_shared"))
				assert_non_null(strstr(x->text, "page 0xf0000000"));
		}
		ic_sriov_report_clear(&r);
		ic_findings_free(bars.findings, bars.nfindings);
	}
	ic_model_free(m);
}

/* What limits NumVFs: the bus range, BAR assignment, page size, InitialVFs, the driver. */
static void test_enable(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_dev *up = mb_dev(m, "0000:00:1c.0", 0x8086, 0x1234, "pcieport", 1), *p;
	struct ic_sriov_report r;
	char buf[512];

	(void)state;
	up->header_type = 1;
	up->secondary_bus = up->subordinate_bus = 1;
	p = pf(m, "0000:01:00.0", 64, "igb");
	up = &m->devs[0];
	p->parent = up;
	analyze(m, 4096, &r);
	/* 0x80 + 2 * 63 = 0xfe: all 64 fit on bus 01 */
	assert_int_equal(r.pfs[0].max_num_vfs, 64);
	assert_true(r.pfs[0].max_known);
	ic_sriov_report_clear(&r);
	p->cfg.sriov.total_vfs = 128;
	res(p, 7, 0xf0000000, 0x4000ULL * 128, MEM64P);
	analyze(m, 4096, &r);
	/* VF 64 would be at 0x100: bus 02, beyond the port's subordinate bus */
	assert_int_equal(r.pfs[0].max_num_vfs, 64);
	assert_non_null(strstr(codes_of(&r, r.pfs[0].enable, r.pfs[0].nenable, buf), "vf_bus_out_of_range"));
	ic_sriov_report_clear(&r);
	up->subordinate_bus = 2;
	analyze(m, 4096, &r);
	assert_int_equal(r.pfs[0].max_num_vfs, 128);
	assert_true(r.pfs[0].max_known);
	ic_sriov_report_clear(&r);
	/* on a root bus the range is not shown: VFs beyond the PF's bus make the count uncertain */
	p->parent = NULL;
	analyze(m, 4096, &r);
	assert_int_equal(r.pfs[0].max_num_vfs, 128);
	assert_false(r.pfs[0].max_known);
	ic_sriov_report_clear(&r);
	p->parent = up;
	/* stride 0: one VF at most (and no division by it) */
	p->cfg.sriov.vf_stride = 0;
	analyze(m, 4096, &r);
	assert_int_equal(r.pfs[0].max_num_vfs, 1);
	ic_sriov_report_clear(&r);
	p->cfg.sriov.vf_stride = 2;
	/* a page size beyond every Supported Page Size bit (and no shift past 31) */
	analyze(m, 1ULL << 62, &r);
	assert_non_null(strstr(codes_of(&r, r.pfs[0].enable, r.pfs[0].nenable, buf), "no_system_page_size"));
	ic_sriov_report_clear(&r);
	/* 64K pages: a 16K VF BAR is no multiple; 64K is a supported page size */
	analyze(m, 65536, &r);
	assert_int_equal(r.pfs[0].max_num_vfs, 0);
	assert_non_null(strstr(codes_of(&r, r.pfs[0].enable, r.pfs[0].nenable, buf), "vf_bar_not_page_multiple"));
	assert_null(strstr(buf, "no_system_page_size"));
	ic_sriov_report_clear(&r);
	p->cfg.sriov.supported_page_sizes = 0x3;	/* 4K, 8K */
	res(p, 7, 0xf0000000, 0x10000ULL * 128, MEM64P);
	analyze(m, 65536, &r);
	assert_non_null(strstr(codes_of(&r, r.pfs[0].enable, r.pfs[0].nenable, buf), "no_system_page_size"));
	assert_null(strstr(buf, "vf_bar_not_page_multiple"));
	ic_sriov_report_clear(&r);
	/* an unassigned IOV BAR: "not enough MMIO resources" */
	p->res[7].flags |= IC_IORESOURCE_UNSET;
	analyze(m, 4096, &r);
	assert_int_equal(r.pfs[0].max_num_vfs, 0);
	assert_true(r.pfs[0].max_known);
	assert_non_null(strstr(codes_of(&r, r.pfs[0].enable, r.pfs[0].nenable, buf), "iov_bar_unassigned"));
	ic_sriov_report_clear(&r);
	p->res[7].flags &= ~(uint64_t)IC_IORESOURCE_UNSET;
	/* without VF Migration: InitialVFs */
	p->cfg.sriov.cap = 0;
	p->cfg.sriov.initial_vfs = 8;
	analyze(m, 4096, &r);
	assert_int_equal(r.pfs[0].max_num_vfs, 8);
	assert_non_null(strstr(codes_of(&r, r.pfs[0].enable, r.pfs[0].nenable, buf), "vfs_beyond_initial"));
	ic_sriov_report_clear(&r);
	/* no driver: nothing can write sriov_numvfs */
	free(p->driver);
	p->driver = NULL;
	analyze(m, 4096, &r);
	assert_int_equal(r.pfs[0].max_num_vfs, 0);
	assert_non_null(strstr(codes_of(&r, r.pfs[0].enable, r.pfs[0].nenable, buf), "pf_unbound"));
	ic_sriov_report_clear(&r);
	/* vfio-pci: only with enable_sriov=1; unknown when the parameter was not read */
	p->driver = ic_xstrdup("vfio-pci");
	m->iommu.vfio_enable_sriov = 0;
	analyze(m, 4096, &r);
	assert_int_equal(r.pfs[0].max_num_vfs, 0);
	assert_non_null(strstr(codes_of(&r, r.pfs[0].enable, r.pfs[0].nenable, buf), "vfio_pf_needs_enable_sriov"));
	assert_non_null(strstr(codes_of(&r, r.pfs[0].isolation, r.pfs[0].nisolation, buf), "pf_owned_by_vfio"));
	ic_sriov_report_clear(&r);
	m->iommu.vfio_enable_sriov = -1;
	analyze(m, 4096, &r);
	assert_false(r.pfs[0].max_known);
	ic_sriov_report_clear(&r);
	m->iommu.vfio_enable_sriov = 1;
	analyze(m, 4096, &r);
	assert_int_equal(r.pfs[0].max_num_vfs, 8);
	ic_sriov_report_clear(&r);
	ic_model_free(m);
}

/* Without root: TotalVFs from sysfs, and what only the capability shows is unknown. */
static void test_not_root(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_dev *p = pf(m, "0000:01:00.0", 8, "igb");
	struct ic_sriov_report r;

	(void)state;
	p->cfg.known &= ~(unsigned int)IC_CFG_SRIOV;
	p->known &= ~(unsigned int)IC_KNOWN_ECAPS;
	p->sriov = (struct ic_sriov_sysfs){ .known = IC_SV_TOTAL | IC_SV_NUM | IC_SV_OFFSET | IC_SV_STRIDE,
					    .total_vfs = 8, .offset = 0x80, .stride = 2 };
	analyze(m, 4096, &r);
	assert_int_equal(r.npfs, 1);
	assert_false(r.pfs[0].cap);
	assert_int_equal(r.pfs[0].total_vfs, 8);
	assert_false(r.pfs[0].max_known);	/* page sizes, InitialVFs and per-VF sizes unread */
	assert_int_equal(r.pfs[0].bars[0].per_vf, 0);
	/* no prediction and no VFs: the VFs' groups, and so the verdict, are unknown */
	assert_int_equal(r.pfs[0].vf_groups, IC_VFG_UNKNOWN);
	assert_int_equal(r.pfs[0].verdict, IC_VF_UNKNOWN);
	ic_sriov_report_clear(&r);
	ic_model_free(m);
}

/* The prediction decides the groups of VFs still to come: the path above the PF. */
static void test_predicted_groups(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_prediction p = { 0 };
	struct ic_bars_report bars = { .page_size = 4096, .page_size_source = "option" };
	struct ic_sriov_report r;
	char buf[512];
	enum ic_why why = IC_WHY_UPSTREAM_NO_ACS;

	(void)state;
	pf(m, "0000:01:00.0", 4, "igb");
	bars.model = m;
	p.why = &why;
	p.ndevs = 1;
	ic_analyze_sriov(m, &p, &bars, &r);
	assert_int_equal(r.pfs[0].vf_groups, IC_VFG_SHARED);
	assert_int_equal(r.pfs[0].verdict, IC_VF_NOT_ISOLATED);
	assert_non_null(strstr(codes_of(&r, r.pfs[0].isolation, r.pfs[0].nisolation, buf), "pf_path_no_acs"));
	assert_non_null(strstr(buf, "pf_no_acs"));	/* no ACS capability on the PF itself */
	assert_non_null(strstr(buf, "pf_controls_vf_bars"));
	ic_sriov_report_clear(&r);
	why = IC_WHY_ISOLATED;
	m->ngroups = 0;
	ic_analyze_sriov(m, &p, &bars, &r);
	assert_int_equal(r.pfs[0].vf_groups, IC_VFG_SEPARATE);
	assert_int_equal(r.pfs[0].verdict, IC_VF_ISOLATED);
	ic_sriov_report_clear(&r);
	ic_model_free(m);
}

/* PowerNV: VFs get PEs of their own, and only M64 (64-bit prefetchable) VF BARs work. */
static void test_powernv(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_prediction p = { 0 };
	struct ic_bars_report bars = { .page_size = 65536, .page_size_source = "option" };
	struct ic_sriov_report r;
	enum ic_why why = IC_WHY_UPSTREAM_NO_ACS;
	struct ic_dev *d;
	char buf[512];

	(void)state;
	d = pf(m, "0000:01:00.0", 4, "mlx5_core");
	res(d, 7, 0x6000000000ULL, 0x10000ULL * 256, MEM64P);	/* expanded: one per PE */
	mb_groups(m, "DMA");
	m->groups[0].name = ic_xstrdup("domain0-pe5");
	bars.model = m;
	p.why = &why;
	p.ndevs = 1;
	ic_analyze_sriov(m, &p, &bars, &r);
	assert_true(r.pfs[0].powernv);
	assert_int_equal(r.pfs[0].vf_groups, IC_VFG_SEPARATE);	/* PEs, not ACS */
	assert_int_equal(r.pfs[0].bars[0].per_vf, 0);	/* not the aperture / TotalVFs */
	ic_sriov_report_clear(&r);
	/* --segments over M64: 256 segments of 64K; a 64K VF BAR is over a quarter, under 32M */
	{
		struct ic_segments m64 = { .base = 0x6000000000ULL, .size = 0x10000ULL * 256, .count = 256 };

		mb_dev(m, "0000:01:00.1", 0x8086, 0x10ca, NULL, 2);
		d = &m->devs[0];
		m->devs[1].physfn = d;
		m->devs[1].physfn_bdf = ic_xstrdup(d->bdf);
		res(&m->devs[1], 0, 0x6000000000ULL, 0x10000, MEM64P);	/* its own BAR: 64K */
		d->virtfn = ic_xcalloc(1, sizeof(*d->virtfn));
		d->virtfn_bdf = ic_xcalloc(1, sizeof(*d->virtfn_bdf));
		d->virtfn[0] = &m->devs[1];
		d->virtfn_bdf[0] = ic_xstrdup(m->devs[1].bdf);
		d->nvirtfn = 1;
		bars.segs = &m64;
		bars.nsegs = 1;
		ic_analyze_sriov(m, &p, &bars, &r);
		assert_int_equal(r.pfs[0].bars[0].per_vf, 0x10000);
		assert_non_null(strstr(codes_of(&r, r.pfs[0].enable, r.pfs[0].nenable, buf),
				       "vf_bar_single_pe_too_small"));
		ic_sriov_report_clear(&r);
		bars.nsegs = 0;
	}
	d->res[7].flags = IC_IORESOURCE_MEM;	/* a 32-bit VF BAR */
	ic_analyze_sriov(m, &p, &bars, &r);
	assert_int_equal(r.pfs[0].max_num_vfs, 0);
	assert_non_null(strstr(codes_of(&r, r.pfs[0].enable, r.pfs[0].nenable, buf), "vf_bar_not_m64"));
	ic_sriov_report_clear(&r);
	ic_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rid),
		cmocka_unit_test(test_vfs),
		cmocka_unit_test(test_enable),
		cmocka_unit_test(test_not_root),
		cmocka_unit_test(test_predicted_groups),
		cmocka_unit_test(test_powernv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
