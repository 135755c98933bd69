/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-predict.c - predicted IOMMU groups: the kernel's own on every recorded tree, each
 * grouping rule on hand-built topologies, and unknown (not guessed) without config space. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixture-loader.h"

#include "acpi.h"
#include "analyze.h"
#include "collect.h"
#include "model-builder.h"
#include "explain.h"
#include "predict.h"
#include "resource.h"

static char tmpdir[] = "/tmp/ic-test-predict-XXXXXX";
static struct ic_quirks *quirks;	/* the real table from data/ */

static struct ic_model *load(const char *name, bool cut)
{
	return fx_load(tmpdir, name, cut);
}

/* Every recorded tree: the kernel's partition and its group numbers, nothing unknown. */
static void test_fixtures_match_kernel(void **state)
{
	static const char *const trees[] = { "basic-q35", "multifunction", "sriov-nvme", "vfio-bound" };

	for (size_t t = 0; t < IC_ARRAY_SIZE(trees); t++) {
		struct ic_model *m = load(trees[t], false);
		struct ic_prediction p;

		ic_predict_groups(m, quirks, &p);
		assert_int_equal(p.nunknown, 0);
		assert_int_equal(p.ngroups, m->ngroups);
		for (size_t i = 0; i < m->ndevs; i++) {
			if (p.group[i] != m->devs[i].iommu_group)
				fail_msg("%s: %s predicted in group %d, the kernel says %d", trees[t],
					 m->devs[i].bdf, p.group[i], m->devs[i].iommu_group);
		}
		ic_prediction_clear(&p);
		ic_model_free(m);
	}
}

static void test_fixture_reasons(void **state)
{
	struct ic_model *m = load("basic-q35", false);
	struct ic_prediction p;
	size_t nic = (size_t)(ic_model_find(m, "0000:04:00.0") - m->devs);
	size_t conv = (size_t)(ic_model_find(m, "0000:07:02.0") - m->devs);
	size_t smbus = (size_t)(ic_model_find(m, "0000:00:1f.3") - m->devs);
	size_t rp = (size_t)(ic_model_find(m, "0000:00:02.0") - m->devs);

	ic_predict_groups(m, quirks, &p);
	assert_int_equal(p.why[nic], IC_WHY_UPSTREAM_NO_ACS);	/* XIO3130 downstream port */
	assert_string_equal(m->devs[p.via[nic]].bdf, "0000:03:00.0");
	assert_int_equal(p.why[conv], IC_WHY_ALIAS_BRIDGE);	/* behind the PCIe-to-PCI bridge */
	assert_string_equal(m->devs[p.via[conv]].bdf, "0000:06:00.0");
	assert_int_equal(p.why[smbus], IC_WHY_FUNCTION_NO_ACS);	/* ICH9 functions: conventional */
	assert_string_equal(m->devs[p.via[smbus]].bdf, "0000:00:1f.0");
	assert_int_equal(p.why[rp], IC_WHY_ISOLATED);
	assert_string_equal(ic_why_str(p.why[nic]), "upstream_no_acs");
	ic_prediction_clear(&p);
	ic_model_free(m);
}

/* The facts behind four kinds of membership, with their codes. */
static void test_explain(void **state)
{
	struct ic_model *m = load("basic-q35", false);
	struct ic_prediction p;
	struct ic_explanation e;
	static const struct { const char *bdf; const char *codes; } want[] = {
		{ "0000:04:00.0", "acs_missing upstream_not_isolated" },
		{ "0000:07:02.0", "alias_bridge" },
		{ "0000:00:1f.3", "conventional_pci function_no_acs" },
		{ "0000:03:00.0", "single_function acs_enabled isolated" },
		{ "0000:00:05.0", "root_bus isolated" },
	};

	ic_predict_groups(m, quirks, &p);
	ic_explain(m, quirks, &p, &e);
	for (size_t w = 0; w < IC_ARRAY_SIZE(want); w++) {
		size_t i = (size_t)(ic_model_find(m, want[w].bdf) - m->devs);
		char codes[256] = "";

		for (size_t f = 0; f < e.nfacts[i]; f++) {
			strcat(codes, f ? " " : "");
			strcat(codes, e.facts[i][f].code);
			assert_non_null(strstr(e.facts[i][f].text, "0000:"));
		}
		assert_string_equal(codes, want[w].codes);
	}
	ic_explanation_clear(m, &e);
	ic_prediction_clear(&p);
	ic_model_free(m);
}

/* Without root: what needs capabilities is unknown; what is known agrees with the kernel. */
static void test_cut_config_is_unknown(void **state)
{
	struct ic_model *m = load("basic-q35", true);
	struct ic_prediction p;
	size_t known = 0;

	assert_true(m->config_cut);
	ic_predict_groups(m, quirks, &p);
	assert_true(p.nunknown > 0);
	for (size_t i = 0; i < m->ndevs; i++) {
		if (p.group[i] < 0) {
			assert_int_equal(p.why[i], IC_WHY_UNKNOWN);
			continue;
		}
		known++;
		/* a known prediction puts together exactly what the kernel put together */
		for (size_t j = 0; j < m->ndevs; j++)
			if (p.group[j] >= 0)
				assert_int_equal(p.group[i] == p.group[j],
						 m->devs[i].iommu_group == m->devs[j].iommu_group);
	}
	assert_true(known > 0);	/* single-function devices on the root bus need no capability */
	assert_int_equal(p.group[(size_t)(ic_model_find(m, "0000:04:00.0") - m->devs)], -1);
	ic_prediction_clear(&p);
	ic_model_free(m);
}

/* Hand-built topologies: one rule each. */
static struct ic_dev *port(struct ic_model *m, const char *bdf, int type, bool acs)
{
	struct ic_dev *d = mb_dev(m, bdf, 0x1234, 0x0001, "pcieport", -1);

	d->header_type = 1;
	d->pcie_type = type;
	if (acs)
		mb_acs(d, 0x001f, 0x001d);
	else
		d->known |= IC_KNOWN_ECAPS;	/* known to have no ACS capability */
	return d;
}

/*
 * Doubt: a function whose group is unknown makes every group it could join uncertain (the
 * bridge above it, its slot), and names the function whose input is missing and why.
 */
static void test_doubt_propagates(void **state)
{
	static const char *const up[][2] = {
		{ "0000:01:00.0", "0000:00:02.0" }, { "0000:02:00.0", "0000:00:03.0" },
	};
	struct ic_model *m = ic_model_new();
	struct ic_prediction p;
	struct ic_dev *d;
	size_t rp, f, rp2, f2, mf0, mf1, lone;

	d = port(m, "0000:00:02.0", IC_PCIE_ROOT_PORT, false);
	d->known &= ~(unsigned int)(IC_KNOWN_ECAPS | IC_KNOWN_CAPS | IC_KNOWN_PCIE);
	d->config_cut = true;			/* not root: its ACS is unknown */
	port(m, "0000:00:03.0", IC_PCIE_ROOT_PORT, true);
	mb_dev(m, "0000:01:00.0", 0x8086, 0x10d3, NULL, -1);
	mb_dev(m, "0000:02:00.0", 0x8086, 0x10d3, NULL, -1);
	d = mb_dev(m, "0000:00:1f.0", 0x8086, 0x2918, NULL, -1);
	d->multifunction = true;
	d->known |= IC_KNOWN_ECAPS;		/* no ACS: the slot shares a group */
	d = mb_dev(m, "0000:00:1f.3", 0x8086, 0x2930, NULL, -1);
	d->known &= ~(unsigned int)IC_KNOWN_PCIE;	/* its type, and so its ACS, unknown */
	mb_dev(m, "0000:00:05.0", 0x1af4, 0x1041, NULL, -1);
	ic_model_sort_devs(m);
	mb_parents(m, up, IC_ARRAY_SIZE(up));
	rp = (size_t)(ic_model_find(m, "0000:00:02.0") - m->devs);
	f = (size_t)(ic_model_find(m, "0000:01:00.0") - m->devs);
	rp2 = (size_t)(ic_model_find(m, "0000:00:03.0") - m->devs);
	f2 = (size_t)(ic_model_find(m, "0000:02:00.0") - m->devs);
	mf0 = (size_t)(ic_model_find(m, "0000:00:1f.0") - m->devs);
	mf1 = (size_t)(ic_model_find(m, "0000:00:1f.3") - m->devs);
	lone = (size_t)(ic_model_find(m, "0000:00:05.0") - m->devs);

	ic_predict_groups(m, quirks, &p);
	/* the port itself is predicted, but what is below it may join it */
	assert_true(p.group[rp] >= 0);
	assert_int_equal(p.group[f], -1);
	assert_int_equal(p.blame[f], (int)rp);
	assert_non_null(strstr(p.unknown_cause[f], "0000:00:02.0: config space is cut at 64 bytes"));
	assert_int_equal(p.doubt[rp], (int)f);
	assert_false(ic_predict_is_certain(&p, rp));
	/* a port with ACS above a known function: certain */
	assert_true(ic_predict_is_certain(&p, rp2));
	assert_true(ic_predict_is_certain(&p, f2));
	/* function 0 of a slot whose other function is unknown: uncertain */
	assert_int_equal(p.group[mf1], -1);
	assert_true(p.group[mf0] >= 0);
	assert_int_equal(p.doubt[mf0], (int)mf1);
	/* nothing ties a single-function endpoint of the root bus to them */
	assert_true(ic_predict_is_certain(&p, lone));
	ic_prediction_clear(&p);
	ic_model_free(m);
}

static void test_rules(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_prediction p;
	struct ic_dev *d;
	static const char *const parents[][2] = {
		{ "0000:01:00.0", "0000:00:01.0" }, { "0000:02:00.0", "0000:00:02.0" },
		{ "0000:03:00.0", "0000:00:03.0" }, { "0000:04:00.0", "0000:03:00.0" },
		{ "0000:05:00.0", "0000:04:00.0" }, { "0000:06:00.0", "0000:00:04.0" },
		{ "0000:06:00.1", "0000:00:04.0" }, { "0000:07:00.0", "0000:00:05.0" },
		{ "0000:07:00.1", "0000:00:05.0" }, { "0000:08:01.0", "0000:00:06.0" },
	};

	port(m, "0000:00:01.0", IC_PCIE_ROOT_PORT, false);	/* no ACS: its endpoint joins it */
	mb_dev(m, "0000:01:00.0", 0x8086, 0x10d3, NULL, -1);
	port(m, "0000:00:02.0", IC_PCIE_ROOT_PORT, true);	/* ACS: its endpoint is alone */
	mb_dev(m, "0000:02:00.0", 0x8086, 0x10d3, NULL, -1);
	port(m, "0000:00:03.0", IC_PCIE_ROOT_PORT, true);	/* RP(ACS) -> USP -> DSP(no ACS) */
	port(m, "0000:03:00.0", IC_PCIE_UPSTREAM, false);
	port(m, "0000:04:00.0", IC_PCIE_DOWNSTREAM, false);
	mb_dev(m, "0000:05:00.0", 0x8086, 0x10d3, NULL, -1);
	port(m, "0000:00:04.0", IC_PCIE_ROOT_PORT, true);	/* two functions, no ACS: shared */
	d = mb_dev(m, "0000:06:00.0", 0x10de, 0x1234, NULL, -1);
	d->multifunction = true;
	d->known |= IC_KNOWN_ECAPS;
	mb_dev(m, "0000:06:00.1", 0x10de, 0x5678, NULL, -1)->known |= IC_KNOWN_ECAPS;
	port(m, "0000:00:05.0", IC_PCIE_ROOT_PORT, true);	/* two functions with ACS: apart */
	d = mb_dev(m, "0000:07:00.0", 0x8086, 0x1572, NULL, -1);
	d->multifunction = true;
	mb_acs(d, 0x000c, 0x000c);	/* implements RR CR only, both on */
	mb_acs(mb_dev(m, "0000:07:00.1", 0x8086, 0x1572, NULL, -1), 0x000c, 0x000c);
	d = port(m, "0000:00:06.0", IC_PCIE_ROOT_PORT, true);	/* a conventional PCI bridge */
	d->pcie_type = IC_PCIE_NONE;
	d = mb_dev(m, "0000:08:01.0", 0x8086, 0x100e, NULL, -1);
	d->pcie_type = IC_PCIE_NONE;
	mb_dev(m, "0000:80:00.0", 0x8086, 0x2c41, NULL, -1);	/* a second root bus */
	ic_model_sort_devs(m);
	mb_parents(m, parents, IC_ARRAY_SIZE(parents));

	ic_predict_groups(m, quirks, &p);
#define G(bdf) p.group[(size_t)(ic_model_find(m, bdf) - m->devs)]
#define WHY(bdf) p.why[(size_t)(ic_model_find(m, bdf) - m->devs)]
	assert_int_equal(p.nunknown, 0);
	assert_int_equal(G("0000:01:00.0"), G("0000:00:01.0"));
	assert_int_equal(WHY("0000:01:00.0"), IC_WHY_UPSTREAM_NO_ACS);
	assert_int_not_equal(G("0000:02:00.0"), G("0000:00:02.0"));
	assert_int_equal(WHY("0000:02:00.0"), IC_WHY_ISOLATED);
	/* a single-function USP always passes, so the DSP is alone; the DSP lacks ACS, so the
	 * endpoint below it joins the DSP */
	assert_int_not_equal(G("0000:03:00.0"), G("0000:00:03.0"));
	assert_int_not_equal(G("0000:04:00.0"), G("0000:03:00.0"));
	assert_int_equal(G("0000:05:00.0"), G("0000:04:00.0"));
	assert_int_equal(WHY("0000:05:00.0"), IC_WHY_UPSTREAM_NO_ACS);
	assert_int_equal(G("0000:06:00.1"), G("0000:06:00.0"));
	assert_int_equal(WHY("0000:06:00.1"), IC_WHY_FUNCTION_NO_ACS);
	assert_int_not_equal(G("0000:07:00.1"), G("0000:07:00.0"));
	assert_int_equal(G("0000:08:01.0"), G("0000:00:06.0"));
	assert_int_equal(WHY("0000:08:01.0"), IC_WHY_ALIAS_BRIDGE);
	/* numbers follow the probe order: the root bus first, then each bridge's bus */
	assert_int_equal(G("0000:00:01.0"), 0);
	assert_int_equal(G("0000:02:00.0"), 6);
	assert_int_equal(G("0000:07:00.1"), 11);
	/* a second root bus comes after the first with everything below it */
	assert_int_equal(G("0000:80:00.0"), 12);
#undef G
#undef WHY
	ic_prediction_clear(&p);
	ic_model_free(m);
}

/*
 * Root buses are added in ACPI order (the host bridges' PNP0A08 instance numbers), not bus
 * order; without a node on every root bus, bus order. An AMD IOMMU's own function (IVRS)
 * gets no group, and is not "unknown" either.
 */
static void test_root_order_and_iommu_itself(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_prediction p;
	static const char *const hosts[][2] = {
		{ "0000:00:00.0", "PNP0A08:00" }, { "0000:00:02.0", "PNP0A08:00" },
		{ "0000:40:00.0", "PNP0A08:02" }, { "0000:80:00.0", "PNP0A08:01" },
	};

	(void)state;
	mb_dev(m, "0000:00:00.0", 0x8086, 0x29c0, NULL, -1);
	mb_dev(m, "0000:00:02.0", 0x1022, 0x0020, NULL, -1)->class = 0x080600;
	mb_dev(m, "0000:40:00.0", 0x8086, 0x10d3, NULL, -1);
	mb_dev(m, "0000:80:00.0", 0x8086, 0x10d3, NULL, -1);
	ic_model_sort_devs(m);
	for (size_t i = 0; i < IC_ARRAY_SIZE(hosts); i++)
		ic_model_find(m, hosts[i][0])->host_fw = ic_xstrdup(hosts[i][1]);
	m->iommu.ivrs = m->iommu.ivrs_read = true;
	m->iommu.ivrs_table.iommus = ic_xcalloc(1, sizeof(uint32_t));
	m->iommu.ivrs_table.iommus[0] = IC_ACPI_SBDF(0, 0, 2 << 3);
	m->iommu.ivrs_table.niommus = 1;

	ic_predict_groups(m, quirks, &p);
#define G(bdf) p.group[(size_t)(ic_model_find(m, bdf) - m->devs)]
	assert_int_equal(G("0000:00:00.0"), 0);
	assert_int_equal(G("0000:00:02.0"), -1);
	assert_int_equal(p.why[1], IC_WHY_IOMMU_ITSELF);
	assert_int_equal(p.nunknown, 0);
	assert_int_equal(G("0000:80:00.0"), 1);	/* PNP0A08:01 before PNP0A08:02 */
	assert_int_equal(G("0000:40:00.0"), 2);
	ic_prediction_clear(&p);

	/* one root bus without a node: bus order for all */
	free(ic_model_find(m, "0000:80:00.0")->host_fw);
	ic_model_find(m, "0000:80:00.0")->host_fw = NULL;
	ic_predict_groups(m, quirks, &p);
	assert_int_equal(G("0000:40:00.0"), 1);
	assert_int_equal(G("0000:80:00.0"), 2);
#undef G
	ic_prediction_clear(&p);
	ic_model_free(m);
}

/*
 * IVRS: the IVHD blocks' IOMMU functions and the aliases of their device entries (42h, and
 * 43h through the next 04h); malformed tables are refused, not half-read.
 */
static void test_ivrs(void **state)
{
	uint8_t t[48 + 24 + 24 + 40] = "IVRS";
	struct ic_ivrs v;
	const struct ic_ivrs_alias *a;

	(void)state;
	t[4] = sizeof(t);
	/* IVHD type 10h of 48 bytes, IOMMU at 00:00.2 segment 0, with device entries: */
	t[48] = 0x10, t[50] = 48, t[52] = 0x02;
	/* select all (4 bytes); alias 03:00.0 -> 02:00.0 (8 bytes); */
	t[72] = 0x01;
	t[76] = 0x42, t[77] = 0x00, t[78] = 0x03, t[81] = 0x00, t[82] = 0x02;
	/* alias range 05:00.0-05:00.2 -> 05:00.0 (8 + 4 bytes) */
	t[84] = 0x43, t[85] = 0x00, t[86] = 0x05, t[89] = 0x00, t[90] = 0x05;
	t[92] = 0x04, t[93] = 0x02, t[94] = 0x05;
	/* IVHD type 40h, 40 bytes, IOMMU at 40:00.2 segment 1 */
	t[96] = 0x40, t[98] = 40, t[100] = 0x02, t[101] = 0x40, t[112] = 1;
	assert_int_equal(ic_ivrs_parse(t, sizeof(t), &v), 0);
	assert_int_equal(v.niommus, 2);
	assert_int_equal(v.iommus[0], IC_ACPI_SBDF(0, 0, 2));
	assert_int_equal(v.iommus[1], IC_ACPI_SBDF(1, 0x40, 2));
	assert_int_equal(v.naliases, 3);	/* 05:00.0 aliases itself: not an alias */
	a = ic_ivrs_alias_of(&v, IC_ACPI_SBDF(0, 3, 0));
	assert_non_null(a);
	assert_int_equal(a->to, IC_ACPI_SBDF(0, 2, 0));
	a = ic_ivrs_alias_of(&v, IC_ACPI_SBDF(0, 5, 2));
	assert_non_null(a);
	assert_int_equal(a->to, IC_ACPI_SBDF(0, 5, 0));
	assert_null(ic_ivrs_alias_of(&v, IC_ACPI_SBDF(0, 5, 0)));
	assert_null(ic_ivrs_alias_of(&v, IC_ACPI_SBDF(0, 5, 3)));
	ic_ivrs_clear(&v);
	/* an entry that runs past its block */
	t[50] = 47;
	assert_int_equal(ic_ivrs_parse(t, sizeof(t), &v), -EINVAL);
	assert_null(v.iommus);
	t[50] = 48;
	/* a block that runs past the table, a table longer than the file, a zero-length block */
	t[98] = 41;
	assert_int_equal(ic_ivrs_parse(t, sizeof(t), &v), -EINVAL);
	t[98] = 40;
	assert_int_equal(ic_ivrs_parse(t, sizeof(t) - 1, &v), -EINVAL);
	t[50] = 0;
	assert_int_equal(ic_ivrs_parse(t, sizeof(t), &v), -EINVAL);
	memcpy(t, "DMAR", 4);
	assert_int_equal(ic_ivrs_parse(t, sizeof(t), &v), -EINVAL);
}

/* A same-bus IVRS alias joins two functions' groups; one to another bus does not. */
static void test_ivrs_alias_joins(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_prediction p;
	static struct ic_ivrs_alias aliases[] = {
		{ IC_ACPI_SBDF(0, 0, 0x19), IC_ACPI_SBDF(0, 0, 0x18) },	/* 00:03.1 -> 00:03.0 */
		{ IC_ACPI_SBDF(0, 0, 0x28), IC_ACPI_SBDF(0, 1, 0x00) },	/* 00:05.0 -> 01:00.0 */
	};

	(void)state;
	mb_dev(m, "0000:00:03.0", 0x1022, 0x1234, NULL, -1);
	mb_dev(m, "0000:00:03.1", 0x1022, 0x1235, NULL, -1);
	mb_dev(m, "0000:00:05.0", 0x1022, 0x1236, NULL, -1);
	ic_model_sort_devs(m);
	m->iommu.ivrs = m->iommu.ivrs_read = true;
	m->iommu.ivrs_table.aliases = ic_xcalloc(2, sizeof(*aliases));
	memcpy(m->iommu.ivrs_table.aliases, aliases, sizeof(aliases));
	m->iommu.ivrs_table.naliases = 2;
	ic_predict_groups(m, quirks, &p);
	assert_int_equal(p.group[1], p.group[0]);
	assert_int_equal(p.why[1], IC_WHY_IVRS_ALIAS);
	assert_int_not_equal(p.group[2], p.group[0]);
	assert_int_equal(p.why[2], IC_WHY_ISOLATED);
	assert_string_equal(ic_why_str(IC_WHY_IVRS_ALIAS), "ivrs_alias");
	ic_prediction_clear(&p);
	ic_model_free(m);
}

/* DMA aliases: a VMD domain, a same-bus alias quirk, and the ThunderX2 translating root. */
static void test_dma_aliases(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_prediction p;
	struct ic_dev *d;

	d = mb_dev(m, "0000:00:01.0", 0x1b36, 0x000e, NULL, -1);	/* a PCIe-to-PCI bridge */
	d->header_type = 1;
	d->pcie_type = IC_PCIE_PCI_BRIDGE;
	d = port(m, "0000:01:00.0", IC_PCIE_ROOT_PORT, true);	/* below it, the ThunderX2 root */
	d->vendor = 0x14e4;
	d->device = 0x9000;
	mb_dev(m, "0000:02:00.0", 0x8086, 0x10d3, NULL, -1);	/* and an endpoint below that */
	port(m, "0000:00:02.0", IC_PCIE_ROOT_PORT, true);
	mb_dev(m, "0000:03:00.0", 0x1b4b, 0x9230, NULL, -1)->known |= IC_KNOWN_ECAPS;	/* Marvell */
	d = mb_dev(m, "0000:03:00.1", 0x1b4b, 0x9230, NULL, -1);
	d->known |= IC_KNOWN_ECAPS;
	mb_acs(d, 0x000c, 0x000c);	/* with ACS the functions would be apart: the alias ties them */
	mb_acs(mb_dev(m, "0000:00:0e.0", 0x8086, 0x467f, NULL, -1), 0, 0);	/* a VMD endpoint */
	mb_dev(m, "10000:00:02.0", 0x8086, 0x7ab8, "pcieport", -1);
	ic_model_sort_devs(m);
	ic_model_find(m, "0000:01:00.0")->parent = ic_model_find(m, "0000:00:01.0");
	ic_model_find(m, "0000:02:00.0")->parent = ic_model_find(m, "0000:01:00.0");
	ic_model_find(m, "0000:03:00.0")->parent = ic_model_find(m, "0000:00:02.0");
	ic_model_find(m, "0000:03:00.1")->parent = ic_model_find(m, "0000:00:02.0");
	ic_model_find(m, "0000:03:00.0")->multifunction = true;
	mb_acs(ic_model_find(m, "0000:03:00.0"), 0x000c, 0x000c);
	ic_model_find(m, "10000:00:02.0")->dma_dev = ic_model_find(m, "0000:00:0e.0");

	ic_predict_groups(m, quirks, &p);
#define G(bdf) p.group[(size_t)(ic_model_find(m, bdf) - m->devs)]
#define WHY(bdf) p.why[(size_t)(ic_model_find(m, bdf) - m->devs)]
	assert_int_equal(G("10000:00:02.0"), G("0000:00:0e.0"));
	assert_int_equal(WHY("10000:00:02.0"), IC_WHY_VMD);
	assert_int_equal(G("0000:03:00.1"), G("0000:03:00.0"));
	assert_int_equal(WHY("0000:03:00.1"), IC_WHY_DMA_ALIAS);
	/* the alias walk stops at the translating root: the PCIe-to-PCI bridge above it does not
	 * take over the endpoint's requester ID; the endpoint joins the root instead, whose path
	 * to the root bus crosses that (never isolating) bridge */
	assert_int_equal(WHY("0000:02:00.0"), IC_WHY_UPSTREAM_NO_ACS);
	assert_int_equal(G("0000:02:00.0"), G("0000:01:00.0"));
	assert_int_equal(WHY("0000:01:00.0"), IC_WHY_ALIAS_BRIDGE);	/* the root itself is behind it */
	assert_string_equal(ic_why_str(IC_WHY_DMA_ALIAS), "dma_alias");
#undef G
#undef WHY
	ic_prediction_clear(&p);
	ic_model_free(m);
}

/* pci_acs_enabled() for every PCIe type, single- and multifunction, with and without ACS. */
static void test_port_types(void **state)
{
	static const struct {
		int type;
		enum ic_tri single_no_acs, multi_no_acs, with_acs;	/* with_acs: SV RR CR UF on */
	} rows[] = {
		{ IC_PCIE_ENDPOINT, IC_TRI_YES, IC_TRI_NO, IC_TRI_YES },
		{ IC_PCIE_LEG_END, IC_TRI_YES, IC_TRI_NO, IC_TRI_YES },
		{ IC_PCIE_ROOT_PORT, IC_TRI_NO, IC_TRI_NO, IC_TRI_YES },
		{ IC_PCIE_UPSTREAM, IC_TRI_YES, IC_TRI_NO, IC_TRI_YES },
		{ IC_PCIE_DOWNSTREAM, IC_TRI_NO, IC_TRI_NO, IC_TRI_YES },
		{ IC_PCIE_PCI_BRIDGE, IC_TRI_NO, IC_TRI_NO, IC_TRI_NO },
		{ IC_PCIE_PCIE_BRIDGE, IC_TRI_NO, IC_TRI_NO, IC_TRI_NO },
		{ IC_PCIE_RC_END, IC_TRI_YES, IC_TRI_NO, IC_TRI_YES },
		{ IC_PCIE_RC_EC, IC_TRI_NO, IC_TRI_NO, IC_TRI_NO },
		{ IC_PCIE_NONE, IC_TRI_NO, IC_TRI_NO, IC_TRI_NO },
	};
	struct ic_model *m = ic_model_new();
	struct ic_dev *d = mb_dev(m, "0000:05:00.0", 0x1234, 0x5678, NULL, -1);	/* no quirk */
	struct ic_acs_ctx ctx = { .m = m, .quirks = quirks };

	d->known |= IC_KNOWN_ECAPS;
	for (size_t r = 0; r < IC_ARRAY_SIZE(rows); r++) {
		d->pcie_type = rows[r].type;
		d->ncaps = 0;
		d->multifunction = false;
		assert_int_equal(ic_acs_enabled(&ctx, d, NULL), rows[r].single_no_acs);
		d->multifunction = true;
		assert_int_equal(ic_acs_enabled(&ctx, d, NULL), rows[r].multi_no_acs);
		mb_acs(d, 0x005f, 0x001d);
		assert_int_equal(ic_acs_enabled(&ctx, d, NULL), rows[r].with_acs);
	}
	ic_model_free(m);
}

static void test_acs_decode(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_dev *d = port(m, "0000:00:01.0", IC_PCIE_DOWNSTREAM, false);
	struct ic_acs_ctx ctx = { .m = m, .quirks = quirks };
#define ic_acs_enabled(d) ic_acs_enabled(&ctx, d, NULL)

	assert_int_equal(ic_acs_enabled(d), IC_TRI_NO);	/* no ACS capability */
	mb_acs(d, 0x005f, 0x001d);			/* SV TB RR CR UF DT; SV RR CR UF on */
	assert_int_equal(ic_acs_enabled(d), IC_TRI_YES);
	mb_acs(d, 0x005f, 0x0019);			/* RR off */
	d->ncaps = 1;
	assert_int_equal(ic_acs_enabled(d), IC_TRI_NO);
	mb_acs(d, 0x000c, 0x000c);			/* only RR CR implemented: SV UF need not be on */
	d->ncaps = 1;
	assert_int_equal(ic_acs_enabled(d), IC_TRI_YES);
	d->known &= ~(unsigned int)IC_KNOWN_ECAPS;
	assert_int_equal(ic_acs_enabled(d), IC_TRI_UNKNOWN);
	d->pcie_type = IC_PCIE_PCI_BRIDGE;		/* never isolating, known or not */
	assert_int_equal(ic_acs_enabled(d), IC_TRI_NO);
	d->pcie_type = IC_PCIE_ENDPOINT;		/* single function: isolated */
	assert_int_equal(ic_acs_enabled(d), IC_TRI_YES);
	/* lspci's text never shows the multifunction bit: a lone function 0 passes only with ACS on */
	d->known &= ~(unsigned int)IC_KNOWN_MULTIFN;
	d->known |= IC_KNOWN_ECAPS;
	d->ncaps = 0;
	assert_int_equal(ic_acs_enabled(d), IC_TRI_UNKNOWN);
	mb_acs(d, 0x001f, 0x001d);
	assert_int_equal(ic_acs_enabled(d), IC_TRI_YES);
	d->ncaps = 0;
	d->known |= IC_KNOWN_MULTIFN;
	d->physfn_bdf = ic_xstrdup("0000:00:00.0");	/* a VF is never multifunction */
	d->func = 3;
	assert_false(ic_dev_is_multifunction(d));
	/* with the IOMMU off the kernel has yet to enable what the port implements */
	d->pcie_type = IC_PCIE_DOWNSTREAM;
	d->known |= IC_KNOWN_ECAPS;
	d->ncaps = 0;
	mb_acs(d, 0x001f, 0x0000);
	assert_int_equal(ic_acs_enabled(d), IC_TRI_NO);
	ctx.assume_enable = true;
	assert_int_equal(ic_acs_enabled(d), IC_TRI_YES);
#undef ic_acs_enabled
	ic_model_free(m);
}

/* The boot's pci=disable_acs_redir= and config_acs=: which functions they name, paths included. */
static void test_boot_acs(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_dev *rp = port(m, "0000:00:1c.0", IC_PCIE_ROOT_PORT, false), *sw, *ep;
	struct ic_boot_acs b;
	struct ic_acs_ctx ctx = { .m = m, .quirks = quirks, .assume_enable = true, .boot = &b };

	(void)state;
	sw = port(m, "0000:02:00.0", IC_PCIE_UPSTREAM, false);
	ep = mb_dev(m, "0000:03:00.0", 0x8086, 0x10d3, NULL, -1);
	rp = ic_model_find(m, "0000:00:1c.0");
	sw = ic_model_find(m, "0000:02:00.0");
	ep = ic_model_find(m, "0000:03:00.0");
	rp->header_type = sw->header_type = 1;
	rp->secondary_bus = 2;
	sw->secondary_bus = 3;
	m->iommu.cmdline = ic_xstrdup("ro pci=noats,disable_acs_redir=00:1c.0;0000:00:1c.0/00.0/00.0;"
				      "pci:8086:10d3:1028:1234;0000:00:1d.0/00.0,config_acs=xx0x@pci:1b36:000c;"
				      "101@0000:09:00.0 quiet");
	ic_boot_acs_parse(m, &b);
	assert_true(b.present);
	/* 00:1c.0, its path to 03:00.0, 8086:10d3 of subsystem 1028:1234, 1b36:000c, 09:00.0 */
	assert_int_equal(b.nentries, 5);
	assert_int_equal(b.nunresolved, 1);	/* a path through a bridge the tree does not have */
	assert_true(ic_boot_acs_names(&b, rp));
	assert_true(ic_boot_acs_names(&b, ep));	/* 00:1c.0 -> bus 02 -> 02:00.0 -> bus 03 -> 03:00.0 */
	assert_false(ic_boot_acs_names(&b, sw));
	/* a named port keeps its controls as read: RR off stays off although the IOMMU is off */
	mb_acs(rp, 0x001f, 0x0019);
	assert_int_equal(ic_acs_enabled(&ctx, rp, NULL), IC_TRI_NO);
	ctx.boot = NULL;			/* not named: the kernel's enable step turns RR on */
	assert_int_equal(ic_acs_enabled(&ctx, rp, NULL), IC_TRI_YES);
	ic_boot_acs_clear(&b);
	/* by IDs: the subsystem must match when it is given */
	free(m->iommu.cmdline);
	m->iommu.cmdline = ic_xstrdup("pci=disable_acs_redir=pci:8086:10d3:1028:1234");
	ic_boot_acs_parse(m, &b);
	ep->known |= IC_KNOWN_SUBSYS;
	ep->subvendor = 0x1028;
	ep->subdevice = 0x1235;
	assert_false(ic_boot_acs_names(&b, ep));
	ep->subdevice = 0x1234;
	assert_true(ic_boot_acs_names(&b, ep));
	ic_boot_acs_clear(&b);
	ic_model_free(m);
}

/* The default domain type where the command line and the units decide it. */
static void test_domain_type(void **state)
{
	static const struct { const char *cmdline; int cm; const char *type; } rows[] = {
		{ "intel_iommu=on iommu=pt", 0, "identity" },
		{ "iommu=pt iommu=nopt iommu.strict=1", 0, "DMA" },
		{ "iommu.passthrough=0 iommu.strict=0", 0, "DMA-FQ" },
		{ "iommu.passthrough=off intel_iommu=on,strict", 0, "DMA" },
		{ "iommu.passthrough=0 amd_iommu=fullflush", 0, "DMA" },
		{ "iommu.passthrough=0 iommu.strict=0", 1, "DMA" },	/* Caching Mode forces strict */
		{ "iommu.passthrough=0", 1, "DMA" },
		{ "iommu.passthrough=0", 0, NULL },	/* strictness: the build default */
		{ "iommu.strict=1", 0, NULL },		/* passthrough: the build default */
		{ "iommu.passthrough=1 iommu.strict=1", 1, "identity" },
		{ "quiet", 1, NULL },
	};
	struct ic_model *m = ic_model_new();
	const char *why;

	(void)state;
	for (size_t i = 0; i < IC_ARRAY_SIZE(rows); i++) {
		const char *t;

		free(m->iommu.cmdline);
		m->iommu.cmdline = ic_xstrdup(rows[i].cmdline);
		m->iommu.caching_mode = rows[i].cm;
		t = ic_predict_domain_type(m, &why);
		if (rows[i].type)
			assert_string_equal(t, rows[i].type);
		else
			assert_null(t);
		assert_true(!t || why);
	}
	ic_model_free(m);
}

/* A group the kernel numbered out of probe order was made later: named as hot-added. */
static void test_hot_added(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_prediction p;
	struct ic_groups_report r;
	struct ic_select sel;
	const char *cause = NULL;

	(void)state;
	/* a two-function endpoint without ACS (one group at boot) between two single ones; its
	 * function 1 was removed and rescanned: group 3, after 00:03.0's group 2 */
	mb_dev(m, "0000:00:01.0", 0x1234, 0x0001, NULL, 0);
	mb_dev(m, "0000:00:02.0", 0x1234, 0x0002, NULL, 1)->multifunction = true;
	mb_dev(m, "0000:00:02.1", 0x1234, 0x0002, NULL, 3)->multifunction = true;
	mb_dev(m, "0000:00:03.0", 0x1234, 0x0003, NULL, 2);
	mb_groups(m, "DMA");
	for (size_t i = 0; i < m->ndevs; i++) {
		m->devs[i].known |= IC_KNOWN_ECAPS | IC_KNOWN_PCIE;
		m->devs[i].pcie_type = IC_PCIE_RC_END;
	}
	ic_predict_groups(m, quirks, &p);
	ic_select_init(&sel);
	assert_int_equal(ic_analyze_predicted(m, &p, &sel, false, &r), 0);
	for (size_t i = 0; i < r.nfindings; i++)
		if (ic_streq(r.findings[i].def->code, "prediction_differs"))
			cause = r.findings[i].cause;
	assert_non_null(cause);
	assert_string_equal(cause, "hot_added_after_boot");
	ic_groups_report_clear(&r);
	/* numbered in probe order (3 is the last group probed): no such clue */
	m->devs[3].iommu_group = 3;
	m->devs[2].iommu_group = 2;
	for (size_t i = 0; i < m->ngroups; i++) {
		free(m->groups[i].type);
		free(m->groups[i].devs);
	}
	free(m->groups);
	m->groups = NULL;
	m->ngroups = 0;
	mb_groups(m, "DMA");
	assert_int_equal(ic_analyze_predicted(m, &p, &sel, false, &r), 0);
	cause = NULL;
	for (size_t i = 0; i < r.nfindings; i++)
		if (ic_streq(r.findings[i].def->code, "prediction_differs"))
			cause = r.findings[i].cause;
	assert_non_null(cause);
	assert_string_not_equal(cause, "hot_added_after_boot");
	ic_groups_report_clear(&r);
	ic_prediction_clear(&p);
	ic_model_free(m);
}

/* Where groups form at bind (VIOT): unbound functions have none yet, a refused one is a failure. */
static void test_groups_at_bind(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_prediction p;
	struct ic_groups_report r;
	struct ic_select sel;
	size_t differs = 0, until_bound = 0, refused = 0;

	(void)state;
	mb_dev(m, "0000:00:01.0", 0x1234, 0x0001, "e1000e", 0);	/* bound: grouped */
	mb_dev(m, "0000:00:02.0", 0x1234, 0x0002, NULL, -1);		/* unbound: no group yet */
	mb_dev(m, "0000:00:03.0", 0x1234, 0x0003, "e1000", -1);	/* bound, refused */
	mb_dev(m, "0000:00:04.0", 0x1af4, 0x1057, "virtio-pci", -1);	/* the virtio-iommu itself */
	mb_groups(m, "DMA-FQ");
	for (size_t i = 0; i < m->ndevs; i++) {
		m->devs[i].known |= IC_KNOWN_ECAPS | IC_KNOWN_PCIE | IC_KNOWN_DRIVER;
		m->devs[i].pcie_type = IC_PCIE_RC_END;
	}
	m->iommu.viot = true;
	assert_true(ic_groups_at_bind(m));
	ic_predict_groups(m, quirks, &p);
	assert_int_equal(p.at_bind[1], IC_BIND_UNBOUND);
	assert_int_equal(p.at_bind[0], 0);
	assert_false(ic_predict_is_certain(&p, 1));
	ic_select_init(&sel);
	assert_int_equal(ic_analyze_predicted(m, &p, &sel, false, &r), 0);
	for (size_t i = 0; i < r.nfindings; i++) {
		differs += ic_streq(r.findings[i].def->code, "prediction_differs");
		until_bound += ic_streq(r.findings[i].def->code, "no_group_until_bound");
		refused += ic_streq(r.findings[i].def->code, "bound_without_group");
	}
	assert_int_equal(differs, 0);	/* the ungrouped are not compared */
	assert_int_equal(until_bound, 1);
	assert_int_equal(refused, 1);	/* 00:03.0, not the IOMMU's own function */
	ic_groups_report_clear(&r);
	ic_prediction_clear(&p);
	/* the same tree on VT-d: every function has a group at boot, so these disagree */
	m->iommu.viot = false;
	ic_predict_groups(m, quirks, &p);
	assert_int_equal(p.at_bind[1], 0);
	assert_int_equal(ic_analyze_predicted(m, &p, &sel, false, &r), 0);
	differs = 0;
	for (size_t i = 0; i < r.nfindings; i++)
		differs += ic_streq(r.findings[i].def->code, "prediction_differs");
	assert_true(differs > 0);
	ic_groups_report_clear(&r);
	ic_prediction_clear(&p);
	ic_model_free(m);
}

/* A device tree's iommu-map: RID to StreamID through the mask and the first covering entry;
 * functions sharing a StreamID are in doubt, one outside every entry gets no group (no_iommu). */
static void test_dt_stream_ids(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_prediction p;
	struct ic_dt_host *h;

	(void)state;
	mb_dev(m, "0000:00:01.0", 0x1234, 0x0001, "e1000e", -1);
	mb_dev(m, "0000:00:02.0", 0x1234, 0x0002, "e1000e", -1);
	mb_dev(m, "0000:01:00.0", 0x1234, 0x0003, "nvme", -1);
	mb_dev(m, "0000:09:00.0", 0x1234, 0x0004, "nvme", -1);
	ic_model_sort_devs(m);
	for (size_t i = 0; i < m->ndevs; i++) {
		m->devs[i].known |= IC_KNOWN_ECAPS | IC_KNOWN_PCIE | IC_KNOWN_DRIVER;
		m->devs[i].pcie_type = IC_PCIE_RC_END;
	}
	m->iommu.dt_iommu_map = true;
	m->iommu.dt_hosts = h = ic_xcalloc(1, sizeof(*h));
	m->iommu.ndt_hosts = 1;
	h->domain = -1;
	h->mask = 0xff00;			/* the bus number only */
	h->map = ic_xcalloc(2, sizeof(*h->map));
	h->map[0][0] = 0x0000, h->map[0][1] = 0x100, h->map[0][2] = 0x800;	/* buses 0-7 */
	h->map[1][0] = 0x0000, h->map[1][1] = 0x900, h->map[1][2] = 0x10000;	/* never reached */
	h->nmap = 2;
	assert_int_equal(ic_dt_stream_id(m, ic_model_find(m, "0000:00:02.0")), 0x100);
	assert_int_equal(ic_dt_stream_id(m, ic_model_find(m, "0000:01:00.0")), 0x200);
	/* the first covering entry wins: bus 9 is in the second one */
	assert_int_equal(ic_dt_stream_id(m, ic_model_find(m, "0000:09:00.0")), 0x900 + 0x900);
	h->nmap = 1;
	assert_int_equal(ic_dt_stream_id(m, ic_model_find(m, "0000:09:00.0")), -2);
	ic_predict_groups(m, quirks, &p);
	assert_int_equal(p.at_bind[0], IC_BIND_ALIASED);	/* 00:01.0 and 00:02.0: one StreamID */
	assert_int_equal(p.at_bind[1], IC_BIND_ALIASED);
	assert_int_equal(p.at_bind[2], 0);
	assert_int_equal(p.group[3], -1);
	assert_int_equal(p.why[3], IC_WHY_NO_IOMMU);
	assert_false(ic_predict_is_certain(&p, 0));
	assert_true(ic_predict_is_certain(&p, 2));
	ic_prediction_clear(&p);
	/* ACPI decides where it is there: the device tree's map is not used (and this IORT could
	 * not be read: nothing is claimed) */
	m->iommu.iort = true;
	ic_predict_groups(m, quirks, &p);
	assert_true(p.group[3] >= 0);
	assert_int_equal(p.at_bind[3], 0);
	ic_prediction_clear(&p);
	m->iommu.iort = false;
	/* another domain, or a malformed map: unknown */
	h->domain = 1;
	assert_int_equal(ic_dt_stream_id(m, ic_model_find(m, "0000:00:02.0")), -1);
	h->domain = 0;
	h->bad = true;
	assert_int_equal(ic_dt_stream_id(m, ic_model_find(m, "0000:00:02.0")), -1);
	ic_model_free(m);
}

/* Device-tree boot: ACS is requested after enumeration, so no enable step is to come. */
static void test_dt_acs(void **state)
{
	struct ic_model *m = ic_model_new();
	static const char *const up[][2] = { { "0000:01:00.0", "0000:00:02.0" } };
	struct ic_prediction p;
	struct ic_dev *rp;

	(void)state;
	rp = port(m, "0000:00:02.0", IC_PCIE_ROOT_PORT, false);
	mb_dev(m, "0000:01:00.0", 0x8086, 0x10d3, "e1000e", -1);
	rp = ic_model_find(m, "0000:00:02.0");
	mb_acs(rp, 0x001f, 0x0000);		/* implemented, never enabled */
	rp->secondary_bus = 1;
	mb_parents(m, up, 1);
	for (size_t i = 0; i < m->ndevs; i++)
		m->devs[i].known |= IC_KNOWN_PCIE | IC_KNOWN_DRIVER;
	ic_model_find(m, "0000:01:00.0")->pcie_type = IC_PCIE_ENDPOINT;
	m->iommu.dt_iommu_map = true;		/* a device tree: the port keeps control 0 */
	ic_predict_groups(m, quirks, &p);
	assert_false(p.assume_enable);
	assert_int_equal(p.group[0], p.group[1]);
	assert_int_equal(p.why[1], IC_WHY_UPSTREAM_NO_ACS);
	ic_prediction_clear(&p);
	m->iommu.iort = true;			/* ACPI IORT: enabled at enumeration */
	ic_predict_groups(m, quirks, &p);
	assert_true(p.assume_enable);
	assert_int_not_equal(p.group[0], p.group[1]);
	ic_prediction_clear(&p);
	ic_model_free(m);
}

/* PowerNV: groups are PEs (a bus each; all behind a PCIe-to-PCI bridge one), bridges none. */
static void test_powernv_pe(void **state)
{
	struct ic_model *m = ic_model_new();
	static const char *const up[][2] = {
		{ "0000:01:00.0", "0000:00:00.0" }, { "0000:02:00.0", "0000:01:00.0" },
		{ "0000:02:01.0", "0000:01:00.0" }, { "0000:03:00.0", "0000:02:00.0" },
		{ "0000:03:00.1", "0000:02:00.0" }, { "0000:04:00.0", "0000:02:01.0" },
		{ "0001:01:00.0", "0001:00:00.0" }, { "0001:02:01.0", "0001:01:00.0" },
		{ "0001:02:02.0", "0001:01:00.0" },
	};
	struct ic_prediction p;
	struct ic_dev *d;
	int g;

	(void)state;
	port(m, "0000:00:00.0", IC_PCIE_ROOT_PORT, false);
	port(m, "0000:01:00.0", IC_PCIE_UPSTREAM, false);
	port(m, "0000:02:00.0", IC_PCIE_DOWNSTREAM, true);
	port(m, "0000:02:01.0", IC_PCIE_DOWNSTREAM, true);
	mb_dev(m, "0000:03:00.0", 0x1b36, 0x0010, "nvme", -1)->multifunction = true;
	mb_dev(m, "0000:03:00.1", 0x1b36, 0x0010, "nvme", -1)->multifunction = true;
	mb_dev(m, "0000:04:00.0", 0x8086, 0x10d3, "e1000e", -1);
	port(m, "0001:00:00.0", IC_PCIE_ROOT_PORT, false);
	port(m, "0001:01:00.0", IC_PCIE_PCI_BRIDGE, false);
	mb_dev(m, "0001:02:01.0", 0x8086, 0x100e, NULL, -1);
	mb_dev(m, "0001:02:02.0", 0x8086, 0x100e, NULL, -1);
	ic_model_sort_devs(m);
	mb_parents(m, up, IC_ARRAY_SIZE(up));
	for (size_t i = 0; i < m->ndevs; i++) {
		d = &m->devs[i];
		d->known |= IC_KNOWN_PCIE | IC_KNOWN_HEADER | IC_KNOWN_DRIVER;
		d->has_eeh_pe = true;
		if (d->header_type == 1)
			d->secondary_bus = (uint8_t)(d->bus + 1);
	}
	assert_true(ic_groups_by_pe(m));
	ic_predict_groups(m, quirks, &p);
	/* bridges: a PE, no group */
	assert_int_equal(p.group[0], -1);
	assert_int_equal(p.why[0], IC_WHY_PE_BRIDGE);
	/* bus 03: both functions one PE, whatever ACS the ports above enable */
	g = p.group[ic_model_find(m, "0000:03:00.0") - m->devs];
	assert_int_equal(g, 0);
	assert_int_equal(p.group[ic_model_find(m, "0000:03:00.1") - m->devs], 0);
	assert_int_equal(p.why[ic_model_find(m, "0000:03:00.1") - m->devs], IC_WHY_SAME_PE);
	assert_int_equal(p.group[ic_model_find(m, "0000:04:00.0") - m->devs], 1);
	/* behind the PCIe-to-PCI bridge: one PE */
	assert_int_equal(p.group[ic_model_find(m, "0001:02:01.0") - m->devs], 2);
	assert_int_equal(p.group[ic_model_find(m, "0001:02:02.0") - m->devs], 2);
	assert_int_equal(p.ngroups, 3);
	ic_prediction_clear(&p);
	/* a bridge on the way whose type is unknown: the PE cannot be told */
	ic_model_find(m, "0001:01:00.0")->known &= ~(unsigned int)IC_KNOWN_PCIE;
	ic_predict_groups(m, quirks, &p);
	assert_int_equal(p.why[ic_model_find(m, "0001:02:01.0") - m->devs], IC_WHY_UNKNOWN);
	ic_prediction_clear(&p);
	ic_model_free(m);
}

/* Gives D a memory BAR [START, START + SIZE) of FLAGS, its resources known. */
static void mem_bar(struct ic_dev *d, uint64_t start, uint64_t size, uint64_t flags)
{
	d->res = ic_xrealloc(d->res, d->nres + 1, sizeof(*d->res));
	d->res[d->nres] = (struct ic_resource){ start, start + size - 1, IC_IORESOURCE_MEM | flags,
					       (unsigned int)d->nres, IC_RES_BAR };
	d->nres++;
	d->known |= IC_KNOWN_RESOURCES;
}

/*
 * PE numbers as pnv_pci_configure_bus() hands them out, from the PHB alone: the reserved PE and
 * the root PE below it, downward allocation in probe order, M64 segments deciding (a BAR over
 * two segments: the lower), one block for the VFs of the one PF; one unknown BAR, none known.
 */
static void test_powernv_pe_numbers(void **state)
{
	static const char *const up[][2] = {
		{ "0000:01:00.0", "0000:00:00.0" }, { "0000:02:00.0", "0000:01:00.0" },
		{ "0000:02:01.0", "0000:01:00.0" }, { "0000:03:00.0", "0000:02:00.0" },
		{ "0000:04:00.0", "0000:02:01.0" }, { "0000:04:00.1", "0000:02:01.0" },
		{ "0000:04:00.2", "0000:02:01.0" },
	};
	const uint64_t m64 = 0x60000000000ull, seg = 0x10000000;	/* 16 PEs of 256M */
	struct ic_model *m = ic_model_new();
	struct ic_prediction p;
	struct ic_dev *pf;

	(void)state;
	port(m, "0000:00:00.0", IC_PCIE_ROOT_PORT, false);
	port(m, "0000:01:00.0", IC_PCIE_UPSTREAM, false);
	port(m, "0000:02:00.0", IC_PCIE_DOWNSTREAM, false);
	port(m, "0000:02:01.0", IC_PCIE_DOWNSTREAM, false);
	mb_dev(m, "0000:03:00.0", 0x1b36, 0x0010, NULL, -1);
	mb_dev(m, "0000:04:00.0", 0x8086, 0x10d3, NULL, -1);
	mb_dev(m, "0000:04:00.1", 0x8086, 0x10d3, NULL, -1);
	mb_dev(m, "0000:04:00.2", 0x8086, 0x10d3, NULL, -1);
	ic_model_sort_devs(m);
	mb_parents(m, up, IC_ARRAY_SIZE(up));
	for (size_t i = 0; i < m->ndevs; i++) {
		struct ic_dev *d = &m->devs[i];

		d->known |= IC_KNOWN_RESOURCES;
		if (d->header_type == 1)
			d->secondary_bus = (uint8_t)(d->bus + 1);
	}
	/* 03:00.0: a 512M 64-bit BAR at segments 4 and 5; 04:00.0 a 32-bit one only */
	mem_bar(ic_model_find(m, "0000:03:00.0"), m64 + 4 * seg, 2 * seg,
		IC_IORESOURCE_MEM_64 | IC_IORESOURCE_PREFETCH);
	mem_bar(ic_model_find(m, "0000:04:00.0"), 0x80000000, 0x4000, 0);
	/* 04:00.1 and .2 are VFs of 04:00.0 */
	pf = ic_model_find(m, "0000:04:00.0");
	pf->nvirtfn = 2;
	pf->virtfn = ic_xcalloc(2, sizeof(*pf->virtfn));
	pf->virtfn_bdf = ic_xcalloc(2, sizeof(*pf->virtfn_bdf));
	pf->virtfn[0] = ic_model_find(m, "0000:04:00.1");
	pf->virtfn[1] = ic_model_find(m, "0000:04:00.2");
	for (int v = 0; v < 2; v++) {
		pf->virtfn[v]->physfn = pf;
		pf->virtfn[v]->physfn_bdf = ic_xstrdup(pf->bdf);
	}
	m->phbs = ic_xcalloc(1, sizeof(*m->phbs));
	m->nphbs = 1;
	m->phbs[0] = (struct ic_phb){ .domain = 0, .num_pes = 16, .reserved_pe = 15, .m64_known = true,
				      .m64_bus = m64, .m64_cpu = m64, .m64_size = 16 * seg };
	assert_true(ic_groups_by_pe(m));	/* the device tree alone says so */
	ic_predict_groups(m, quirks, &p);
	assert_non_null(p.pe);
	assert_int_equal(p.pe[ic_model_find(m, "0000:00:00.0") - m->devs], 14);	/* root PE */
	assert_int_equal(p.pe[ic_model_find(m, "0000:01:00.0") - m->devs], 13);
	assert_int_equal(p.pe[ic_model_find(m, "0000:02:00.0") - m->devs], 12);
	assert_int_equal(p.pe[ic_model_find(m, "0000:02:01.0") - m->devs], 12);
	assert_int_equal(p.pe[ic_model_find(m, "0000:03:00.0") - m->devs], 4);	/* its M64 segment */
	assert_int_equal(p.pe[ic_model_find(m, "0000:04:00.0") - m->devs], 11);
	/* the VFs' block: the highest two free PEs, 9 and 10, in VF order */
	assert_int_equal(p.pe[ic_model_find(m, "0000:04:00.1") - m->devs], 9);
	assert_int_equal(p.pe[ic_model_find(m, "0000:04:00.2") - m->devs], 10);
	ic_prediction_clear(&p);
	/* a reserved PE at 0: the root PE is 1 */
	m->phbs[0].reserved_pe = 0;
	ic_predict_groups(m, quirks, &p);
	assert_int_equal(p.pe[ic_model_find(m, "0000:00:00.0") - m->devs], 1);
	assert_int_equal(p.pe[ic_model_find(m, "0000:01:00.0") - m->devs], 15);
	ic_prediction_clear(&p);
	/* one function's BARs unknown: every PE of the PHB is, the partition is not */
	ic_model_find(m, "0000:04:00.0")->known &= ~(unsigned int)IC_KNOWN_RESOURCES;
	ic_predict_groups(m, quirks, &p);
	for (size_t i = 0; i < m->ndevs; i++)
		assert_int_equal(p.pe[i], -1);
	assert_int_equal(p.group[ic_model_find(m, "0000:03:00.0") - m->devs], 0);
	ic_prediction_clear(&p);
	/* no PHB parameters: no PE numbers */
	ic_model_find(m, "0000:04:00.0")->known |= IC_KNOWN_RESOURCES;
	m->phbs[0].reserved_pe = -1;
	ic_predict_groups(m, quirks, &p);
	assert_int_equal(p.pe[ic_model_find(m, "0000:03:00.0") - m->devs], -1);
	ic_prediction_clear(&p);
	ic_model_free(m);
}

static int cleanup(void **state)
{
	return fx_cleanup(tmpdir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures_match_kernel),
		cmocka_unit_test(test_fixture_reasons),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_cut_config_is_unknown),
		cmocka_unit_test(test_doubt_propagates),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_dma_aliases),
		cmocka_unit_test(test_root_order_and_iommu_itself),
		cmocka_unit_test(test_ivrs),
		cmocka_unit_test(test_ivrs_alias_joins),
		cmocka_unit_test(test_port_types),
		cmocka_unit_test(test_acs_decode),
		cmocka_unit_test(test_boot_acs),
		cmocka_unit_test(test_domain_type),
		cmocka_unit_test(test_hot_added),
		cmocka_unit_test(test_groups_at_bind),
		cmocka_unit_test(test_dt_stream_ids),
		cmocka_unit_test(test_dt_acs),
		cmocka_unit_test(test_powernv_pe),
		cmocka_unit_test(test_powernv_pe_numbers),
	};

	char *dir, *path, *msg;
	int rc;

	if (!mkdtemp(tmpdir))
		return 1;
	dir = ic_xasprintf("%s/data", getenv("IC_SRCDIR"));
	rc = ic_quirks_load(dir, &quirks, &path, &msg);
	free(dir);
	free(path);
	free(msg);
	if (rc < 0)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, cleanup);
	ic_quirks_free(quirks);
	return rc;
}
