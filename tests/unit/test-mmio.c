// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test-mmio.c - bridge window decoding, isolation domains, and every bridges and bars finding
 * on hand-built models.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "model-builder.h"

#include "mmio.h"
#include "resource.h"

#define MEM	IC_IORESOURCE_MEM
#define PREF64	(IC_IORESOURCE_MEM | IC_IORESOURCE_PREFETCH | IC_IORESOURCE_MEM_64 | 0x1)

/* Adds resource line INDEX of a 13-line (function) or 17-line (bridge) file. */
static void res(struct ic_dev *d, unsigned int index, uint64_t start, uint64_t end, uint64_t flags)
{
	size_t lines = d->header_type == 1 ? 17 : 13;

	if (!d->res) {
		d->res = ic_xcalloc(lines, sizeof(*d->res));
		d->nres = lines;
		for (size_t i = 0; i < lines; i++) {
			d->res[i].index = (unsigned int)i;
			d->res[i].kind = i < 6 ? IC_RES_BAR : i == 6 ? IC_RES_ROM : i < 13 ? IC_RES_IOV :
					 IC_RES_WINDOW;
		}
		d->known |= IC_KNOWN_RESOURCES;
	}
	d->res[index].start = start;
	d->res[index].end = end;
	d->res[index].flags = flags;
}

/* A bridge whose kernel memory window is [BASE, LIMIT] and whose config space agrees. */
static struct ic_dev *bridge(struct ic_model *m, const char *bdf, uint32_t base, uint32_t limit,
			     int group)
{
	struct ic_dev *d = mb_dev(m, bdf, 0x1b36, 0x000c, "pcieport", group);
	uint16_t b = (uint16_t)(base >> 16), l = (uint16_t)(limit >> 16);

	d->header_type = 1;
	d->class = 0x060400;
	d->pcie_type = IC_PCIE_ROOT_PORT;
	d->config = ic_xcalloc(1, 64);
	d->config_len = d->config_size = 64;
	d->config[0x1c] = 0xf0;	/* I/O disabled: base above limit */
	memcpy(d->config + 0x20, &b, 2);
	memcpy(d->config + 0x22, &l, 2);
	d->config[0x24] = 0xf1;	/* prefetchable disabled, 64-bit capable */
	res(d, 14, base, limit, MEM);
	ic_cfg_decode(d);
	return d;
}

static size_t count(const struct ic_finding *f, size_t n, const char *code)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += strcmp(f[i].def->code, code) == 0;
	return c;
}

static const struct ic_finding *find(const struct ic_finding *f, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].def->code, code) == 0)
			return &f[i];
	fail_msg("no %s finding", code);
	abort();	/* not reached: fail_msg() leaves the test */
}

/* The windows of a bridge whose config space is the LEN bytes of C, decoded as collection does. */
static int decode(uint8_t *c, size_t len, struct ic_window w[IC_NWIN])
{
	struct ic_dev d = { .config = c, .config_len = len, .header_type = 1,
			    .known = IC_KNOWN_HEADER };

	ic_cfg_decode(&d);
	return ic_window_decode(&d.cfg, w);
}

/* The decode of pci_read_bridge_io/mmio/mmio_pref(): granules, widths, disabled windows. */
static void test_window_decode(void **state)
{
	uint8_t c[64] = { 0 };
	struct ic_window w[IC_NWIN];

	(void)state;
	c[0x1c] = 0x21, c[0x1d] = 0x31;			/* 32-bit I/O 0x12000-0x13fff */
	c[0x30] = 0x01, c[0x32] = 0x01;
	c[0x20] = 0x00, c[0x21] = 0xfe, c[0x22] = 0x10, c[0x23] = 0xfe;	/* 0xfe000000-0xfe1fffff */
	c[0x24] = 0x01, c[0x25] = 0x00, c[0x26] = 0xf1, c[0x27] = 0xff;	/* 64-bit pref */
	c[0x28] = 0x04, c[0x2c] = 0x04;			/* upper dwords: 4 */
	assert_int_equal(decode(c, sizeof(c), w), 0);
	assert_int_equal(w[IC_WIN_IO].state, IC_WIN_OPEN);
	assert_true(w[IC_WIN_IO].wide);
	assert_int_equal(w[IC_WIN_IO].base, 0x12000);
	assert_int_equal(w[IC_WIN_IO].limit, 0x13fff);
	assert_int_equal(w[IC_WIN_MEM].base, 0xfe000000);
	assert_int_equal(w[IC_WIN_MEM].limit, 0xfe1fffff);
	assert_true(w[IC_WIN_PREF].wide);
	assert_int_equal(w[IC_WIN_PREF].base, 0x400000000ULL);
	assert_int_equal(w[IC_WIN_PREF].limit, 0x4ffffffffULL);
	/* upper base above upper limit: the kernel ignores both uppers */
	c[0x28] = 0x05;
	decode(c, sizeof(c), w);
	assert_int_equal(w[IC_WIN_PREF].base, 0);
	/* base above limit: disabled; 16-bit I/O ignores the upper registers */
	c[0x1c] = 0xf0, c[0x1d] = 0x00;
	c[0x22] = 0x00, c[0x23] = 0x00;
	decode(c, sizeof(c), w);
	assert_int_equal(w[IC_WIN_IO].state, IC_WIN_DISABLED);
	assert_false(w[IC_WIN_IO].wide);
	assert_int_equal(w[IC_WIN_MEM].state, IC_WIN_DISABLED);
	/* a header cut short: unknown */
	assert_int_equal(decode(c, 40, w), -1);
	assert_int_equal(w[IC_WIN_MEM].state, IC_WIN_UNKNOWN);
}

/* PE from the group name, then eeh_pe_config_addr, then the group, else the function alone. */
static void test_domains(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_domain *dom;
	char *s;

	(void)state;
	mb_dev(m, "0000:01:00.0", 0x8086, 0x10d3, NULL, 3);
	mb_dev(m, "0000:02:00.0", 0x8086, 0x10d3, NULL, 4)->has_eeh_pe = true;
	m->devs[1].eeh_pe = 0x1f;
	mb_dev(m, "0000:03:00.0", 0x8086, 0x10d3, NULL, 5);
	mb_dev(m, "0000:04:00.0", 0x8086, 0x10d3, NULL, -1);
	mb_groups(m, "DMA");
	ic_model_group(m, 3)->name = ic_xstrdup("domain2-pe1a");
	dom = ic_domains(m, NULL);
	assert_int_equal(dom[0].kind, IC_DOM_PE);
	assert_int_equal(dom[0].pci_domain, 2);
	assert_int_equal(dom[0].id, 0x1a);
	assert_int_equal(dom[1].kind, IC_DOM_PE);
	assert_int_equal(dom[1].id, 0x1f);
	assert_int_equal(dom[2].kind, IC_DOM_GROUP);
	assert_int_equal(dom[2].id, 5);
	assert_int_equal(dom[3].kind, IC_DOM_UNKNOWN);
	assert_int_not_equal(ic_domain_cmp(&dom[0], &dom[1]), 0);
	s = ic_domain_str(&dom[0]);
	assert_string_equal(s, "PE 2:1a");
	free(s);
	free(dom);
	ic_model_free(m);
}

/*
 * Two root ports: 00:01.0 has an endpoint with one BAR inside its window and one outside;
 * 00:02.0's window overlaps 00:01.0's, and its config space disagrees with the kernel. Below
 * 00:03.0 a switch upstream port whose window is outside its parent's.
 */
static void test_bridges_findings(void **state)
{
	static const char *const up[][2] = {
		{ "0000:01:00.0", "0000:00:01.0" }, { "0000:01:00.1", "0000:00:01.0" },
		{ "0000:03:00.0", "0000:00:03.0" }, { "0000:04:00.0", "0000:03:00.0" },
	};
	struct ic_model *m = ic_model_new();
	struct ic_bridges_report r;
	struct ic_domain *dom;
	struct ic_dev *d;
	const struct ic_finding *f;

	(void)state;
	bridge(m, "0000:00:01.0", 0xfe000000, 0xfe1fffff, 1);
	d = mb_dev(m, "0000:01:00.0", 0x8086, 0x10d3, NULL, 7);
	res(d, 0, 0xfe000000, 0xfe01ffff, MEM);			/* inside */
	res(d, 2, 0xfd000000, 0xfd000fff, MEM);			/* outside */
	res(d, 7, 0xfe100000, 0xfe10ffff, PREF64);		/* IOV, prefetchable in memory: inside */
	mb_dev(m, "0000:01:00.1", 0x8086, 0x10d3, NULL, 8);
	d = bridge(m, "0000:00:02.0", 0xfe100000, 0xfe2fffff, 2);	/* overlaps 00:01.0 */
	d->config[0x22] = 0x30, d->config[0x23] = 0xfe;		/* config limit 0xfe3fffff */
	ic_cfg_decode(d);
	bridge(m, "0000:00:03.0", 0xfe400000, 0xfe4fffff, 3);
	d = bridge(m, "0000:03:00.0", 0xfe400000, 0xfe5fffff, 4);	/* beyond its parent */
	d->pcie_type = IC_PCIE_UPSTREAM;
	mb_dev(m, "0000:04:00.0", 0x8086, 0x10d3, NULL, 4);	/* below, no bridge of its own */
	ic_model_sort_devs(m);
	mb_parents(m, up, IC_ARRAY_SIZE(up));
	mb_groups(m, "DMA");
	dom = ic_domains(m, NULL);

	ic_analyze_bridges(m, dom, &r);
	assert_int_equal(r.nrows, 4);
	assert_string_equal(r.rows[0].dev->bdf, "0000:00:01.0");
	assert_string_equal(r.rows[3].dev->bdf, "0000:03:00.0");
	assert_int_equal(r.rows[3].parent, 2);
	/* the domains below 00:01.0: groups 7 and 8, sorted and unique */
	assert_int_equal(r.rows[0].ndomains, 2);
	assert_int_equal(r.rows[0].domains[0].id, 7);
	assert_int_equal(r.rows[0].domains[1].id, 8);
	/* 00:03.0 has the upstream port (group 4) and its endpoint (group 4): one domain */
	assert_int_equal(r.rows[2].ndomains, 1);
	/* the disabled I/O and prefetchable windows agree with the kernel's none */
	assert_false(r.rows[0].mismatch[IC_WIN_IO]);
	assert_false(r.rows[0].mismatch[IC_WIN_PREF]);
	assert_int_equal(r.rows[0].config[IC_WIN_MEM].state, IC_WIN_OPEN);

	assert_int_equal(count(r.findings, r.nfindings, "window_mismatch"), 1);
	f = find(r.findings, r.nfindings, "window_mismatch");
	assert_string_equal(f->devs[0]->bdf, "0000:00:02.0");
	assert_int_equal(count(r.findings, r.nfindings, "bar_outside_window"), 1);
	f = find(r.findings, r.nfindings, "bar_outside_window");
	assert_int_equal(f->address, 0xfd000000);
	assert_string_equal(f->devs[1]->bdf, "0000:00:01.0");
	assert_int_equal(count(r.findings, r.nfindings, "windows_overlap"), 1);
	f = find(r.findings, r.nfindings, "windows_overlap");
	assert_string_equal(f->devs[0]->bdf, "0000:00:02.0");
	assert_string_equal(f->devs[1]->bdf, "0000:00:01.0");
	assert_int_equal(count(r.findings, r.nfindings, "window_outside_parent"), 1);
	f = find(r.findings, r.nfindings, "window_outside_parent");
	assert_string_equal(f->devs[0]->bdf, "0000:03:00.0");
	ic_bridges_report_clear(&r);

	/* a subtractive-decode bridge forwards everything: no containment finding through it */
	ic_model_find(m, "0000:00:01.0")->class = 0x060401;
	ic_analyze_bridges(m, dom, &r);
	assert_int_equal(count(r.findings, r.nfindings, "bar_outside_window"), 0);
	ic_bridges_report_clear(&r);
	free(dom);
	ic_model_free(m);
}

/*
 * I/O windows are translated per host bridge off x86 (arm64's logical PIO): with IORT, a root
 * port's I/O window at bus 0x2000 that the kernel shows at 0x1000 agrees when an I/O BAR below
 * the same root bus shows that offset, and is not compared when none does; on x86 it differs.
 */
static void test_io_offsets(void **state)
{
	static const char *const up[][2] = { { "0000:01:00.0", "0000:00:02.0" } };
	struct ic_model *m = ic_model_new();
	struct ic_bridges_report r;
	struct ic_domain *dom;
	struct ic_dev *rp, *nic;
	uint32_t bar = 0x2001;		/* I/O BAR at bus address 0x2000 */

	(void)state;
	rp = bridge(m, "0000:00:02.0", 0x10000000, 0x101fffff, 1);
	rp->config[0x1c] = 0x20, rp->config[0x1d] = 0x20;	/* I/O [0x2000-0x2fff] */
	res(rp, 13, 0x1000, 0x1fff, IC_IORESOURCE_IO);
	ic_cfg_decode(rp);
	nic = mb_dev(m, "0000:01:00.0", 0x8086, 0x10d3, "e1000e", 2);
	nic->config = ic_xcalloc(1, 64);
	nic->config_len = nic->config_size = 64;
	memcpy(nic->config + 0x10, &bar, 4);
	res(nic, 0, 0x1000, 0x101f, IC_IORESOURCE_IO);
	ic_cfg_decode(nic);
	ic_model_sort_devs(m);
	mb_parents(m, up, 1);
	mb_groups(m, "DMA");
	m->iommu.iort = true;
	dom = ic_domains(m, NULL);
	ic_analyze_bridges(m, dom, &r);
	assert_false(r.rows[0].mismatch[IC_WIN_IO]);
	assert_int_equal(r.rows[0].config[IC_WIN_IO].base, 0x1000);
	ic_bridges_report_clear(&r);
	/* no I/O BAR to show the offset: not compared */
	nic->res[0].flags = 0;
	ic_analyze_bridges(m, dom, &r);
	assert_false(r.rows[0].mismatch[IC_WIN_IO]);
	ic_bridges_report_clear(&r);
	/* x86 (no IORT, no device tree): I/O is never translated, so the two differ */
	m->iommu.iort = false;
	ic_analyze_bridges(m, dom, &r);
	assert_true(r.rows[0].mismatch[IC_WIN_IO]);
	assert_int_equal(count(r.findings, r.nfindings, "window_mismatch"), 1);
	ic_bridges_report_clear(&r);
	free(dom);
	ic_model_free(m);
}

/* Four 4K BARs in a row, in three groups: apart at 4K pages, sharing one page at 64K. */
static void test_bars_pages(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_bars_opts o = { .page_size = 4096 };
	struct ic_bars_report r;
	struct ic_domain *dom;
	const struct ic_finding *f;

	(void)state;
	res(mb_dev(m, "0000:00:01.0", 0x1b36, 0x000c, NULL, 1), 0, 0xfea10000, 0xfea10fff, MEM);
	res(mb_dev(m, "0000:00:02.0", 0x1b36, 0x000c, NULL, 2), 0, 0xfea11000, 0xfea11fff, MEM);
	res(mb_dev(m, "0000:00:03.0", 0x1b36, 0x000c, NULL, 2), 0, 0xfea12000, 0xfea12fff, MEM);
	res(mb_dev(m, "0000:00:04.0", 0x1b36, 0x000c, NULL, 3), 0, 0xfea13000, 0xfea13fff, MEM);
	/* 256 bytes alone on its page: vfio-pci pads it; 16 bytes next to it: refused */
	res(mb_dev(m, "0000:00:05.0", 0x1b36, 0x000e, NULL, 4), 0, 0xfe200000, 0xfe2000ff, MEM);
	res(mb_dev(m, "0000:00:06.0", 0x8086, 0x25ab, NULL, 5), 0, 0xfe300000, 0xfe30000f, MEM);
	res(&m->devs[5], 1, 0xfe300010, 0xfe30001f, MEM);
	res(&m->devs[5], 2, 0, 0x3f, IC_IORESOURCE_IO | IC_IORESOURCE_UNSET);	/* unassigned */
	mb_groups(m, "DMA");
	dom = ic_domains(m, NULL);

	ic_analyze_bars(m, dom, &o, &r);
	assert_int_equal(r.nrows, 8);
	assert_string_equal(r.page_size_source, "option");
	assert_int_equal(count(r.findings, r.nfindings, "page_shared"), 0);
	assert_int_equal(count(r.findings, r.nfindings, "sub_page_bar"), 3);
	assert_int_equal(r.rows[4].mmap, IC_MMAP_PADDED);
	assert_int_equal(r.rows[5].mmap, IC_MMAP_REFUSED);	/* shares its page with bar1 */
	assert_int_equal(r.rows[6].mmap, IC_MMAP_REFUSED);	/* does not start its page */
	assert_false(r.rows[7].assigned);
	assert_int_equal(r.rows[7].mmap, IC_MMAP_NA);
	assert_int_equal(r.rows[0].align, 0x10000);
	ic_bars_report_clear(&r);

	o.page_size = 65536;
	ic_analyze_bars(m, dom, &o, &r);
	assert_int_equal(count(r.findings, r.nfindings, "page_shared"), 1);
	f = find(r.findings, r.nfindings, "page_shared");
	assert_int_equal(f->address, 0xfea10000);
	assert_int_equal(f->ndevs, 4);
	assert_true(r.rows[0].shares_page && r.rows[3].shares_page);
	/* one function's two BARs on one page: the same domain, no page_shared */
	assert_false(r.rows[5].shares_page);
	ic_bars_report_clear(&r);
	free(dom);
	ic_model_free(m);
}

/* PowerNV-style segments: 0xc0000000 + 1G in 128 segments of 8M. */
static void test_segments(void **state)
{
	static const char *const up[][2] = {
		{ "0000:01:00.0", "0000:00:01.0" }, { "0000:01:00.1", "0000:00:01.0" },
		{ "0000:02:00.0", "0000:00:02.0" },
	};
	struct ic_segments sg = { 0xc0000000, 0x40000000, 128 };
	struct ic_bars_opts o = { .page_size = 65536, .segs = &sg, .nsegs = 1 };
	struct ic_model *m = ic_model_new();
	struct ic_bars_report r;
	struct ic_domain *dom;
	const struct ic_finding *f;
	struct ic_dev *d;

	(void)state;
	bridge(m, "0000:00:01.0", 0xc0000000, 0xc07fffff, 1);	/* one whole segment */
	d = mb_dev(m, "0000:01:00.0", 0x8086, 0x10d3, NULL, 10);
	res(d, 0, 0xc0000000, 0xc000ffff, MEM);
	d = mb_dev(m, "0000:01:00.1", 0x8086, 0x10d3, NULL, 11);	/* another PE, same segment */
	res(d, 0, 0xc0010000, 0xc001ffff, MEM);
	bridge(m, "0000:00:02.0", 0xc0900000, 0xc0ffffff, 2);	/* starts mid-segment */
	res(mb_dev(m, "0000:02:00.0", 0x8086, 0x10d3, NULL, 12), 0, 0xc0900000, 0xc090ffff, MEM);
	/* a function on the root bus, inside the segmented window */
	res(mb_dev(m, "0000:00:05.0", 0x8086, 0x10d3, NULL, 13), 0, 0xc1000000, 0xc100ffff, MEM);
	/* outside the window: not checked */
	res(mb_dev(m, "0000:00:06.0", 0x8086, 0x10d3, NULL, 14), 0, 0x800000000ULL, 0x80000ffffULL,
	    MEM | IC_IORESOURCE_MEM_64);
	ic_model_sort_devs(m);
	mb_parents(m, up, IC_ARRAY_SIZE(up));
	mb_groups(m, "DMA");
	dom = ic_domains(m, NULL);

	ic_analyze_bars(m, dom, &o, &r);
	assert_int_equal(count(r.findings, r.nfindings, "segment_shared"), 1);
	f = find(r.findings, r.nfindings, "segment_shared");
	assert_int_equal(f->address, 0xc0000000);
	assert_int_equal(f->ndevs, 2);
	assert_int_equal(count(r.findings, r.nfindings, "bar_not_behind_bridge"), 1);
	f = find(r.findings, r.nfindings, "bar_not_behind_bridge");
	assert_string_equal(f->devs[0]->bdf, "0000:00:05.0");
	assert_int_equal(count(r.findings, r.nfindings, "window_not_segment_aligned"), 1);
	f = find(r.findings, r.nfindings, "window_not_segment_aligned");
	assert_string_equal(f->devs[0]->bdf, "0000:00:02.0");
	assert_int_equal(count(r.findings, r.nfindings, "page_shared"), 0);
	ic_bars_report_clear(&r);
	free(dom);
	ic_model_free(m);
}

/*
 * The same layout on PowerNV without --segments: the PHB's device-tree M32 range (less the 64K
 * of MSIs the firmware keeps) cut into one segment per PE; root ports' windows are the kernel's
 * stretch over the whole PHB, not misaligned.
 */
static void test_phb_segments(void **state)
{
	static const char *const up[][2] = {
		{ "0000:01:00.0", "0000:00:01.0" }, { "0000:01:00.1", "0000:00:01.0" },
	};
	struct ic_bars_opts o = { .page_size = 65536 };
	struct ic_model *m = ic_model_new();
	struct ic_segments *sg;
	struct ic_bars_report r;
	struct ic_domain *dom;
	struct ic_dev *d;

	(void)state;
	bridge(m, "0000:00:01.0", 0xc0000000, 0xc0efffff, 1);	/* ends mid-segment: stretched */
	d = mb_dev(m, "0000:01:00.0", 0x8086, 0x10d3, NULL, 10);
	res(d, 0, 0xc0000000, 0xc000ffff, MEM);
	d = mb_dev(m, "0000:01:00.1", 0x8086, 0x10d3, NULL, 11);
	res(d, 0, 0xc0010000, 0xc001ffff, MEM);
	ic_model_sort_devs(m);
	mb_parents(m, up, IC_ARRAY_SIZE(up));
	mb_groups(m, "DMA");
	m->phbs = ic_xcalloc(1, sizeof(*m->phbs));
	m->nphbs = 1;
	m->phbs[0] = (struct ic_phb){ .num_pes = 128, .reserved_pe = -1, .m32_known = true,
				      .m32_bus = 0x80000000, .m32_cpu = 0xc0000000, .m32_size = 0x3fff0000,
				      .m64_known = true, .m64_cpu = 1ull << 40, .m64_size = 0x1001 };
	/* an M64 size that does not split into 128 equal segments: left out */
	assert_int_equal(ic_phb_segments(m, &sg), 1);
	assert_int_equal(sg[0].base, 0xc0000000);
	assert_int_equal(sg[0].size, 0x40000000);
	assert_int_equal(sg[0].count, 128);
	assert_string_equal(sg[0].source, "device_tree");
	assert_string_equal(sg[0].window, "m32");
	free(sg);
	/* an M32 size that would wrap when the MSI 64K is added: left out, not a tiny window */
	m->phbs[0].m32_size = UINT64_MAX - 0xffff + 0x8000;
	assert_int_equal(ic_phb_segments(m, &sg), 0);
	free(sg);
	m->phbs[0].m32_size = 0x3fff0000;
	dom = ic_domains(m, NULL);
	ic_analyze_bars(m, dom, &o, &r);
	assert_int_equal(r.nsegs, 1);
	assert_int_equal(count(r.findings, r.nfindings, "segment_shared"), 1);
	assert_int_equal(count(r.findings, r.nfindings, "window_not_segment_aligned"), 0);
	ic_bars_report_clear(&r);
	/* elsewhere the same window is misaligned */
	m->phbs[0].num_pes = 0;
	o.segs = &(struct ic_segments){ 0xc0000000, 0x40000000, 128, "option", 0, NULL };
	o.nsegs = 1;
	ic_analyze_bars(m, dom, &o, &r);
	assert_int_equal(count(r.findings, r.nfindings, "window_not_segment_aligned"), 1);
	ic_bars_report_clear(&r);
	free(dom);
	ic_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window_decode),
		cmocka_unit_test(test_domains),
		cmocka_unit_test(test_bridges_findings),
		cmocka_unit_test(test_io_offsets),
		cmocka_unit_test(test_bars_pages),
		cmocka_unit_test(test_segments),
		cmocka_unit_test(test_phb_segments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
