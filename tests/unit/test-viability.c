/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-viability.c - the VFIO viability rule, selection of groups, and the IOMMU-off fix. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analyze.h"
#include "model-builder.h"
#include "predict.h"
#include "root.h"

static void test_member_states(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_dev *d = mb_dev(m, "0000:01:00.0", 0x8086, 0x10d3, NULL, 1);
	char *holders[] = { "mlx5_vfio_pci_next" };

	assert_int_equal(ic_member_state(NULL, NULL, d, &m->iommu, false), IC_MEMBER_UNBOUND);
	assert_int_equal(ic_member_state("vfio-pci", NULL, d, &m->iommu, false), IC_MEMBER_VFIO);
	assert_int_equal(ic_member_state("mlx5_vfio_pci", NULL, d, &m->iommu, false), IC_MEMBER_VFIO);
	assert_int_equal(ic_member_state("pci-stub", NULL, d, &m->iommu, false), IC_MEMBER_STUB);
	assert_int_equal(ic_member_state("pcieport", NULL, d, &m->iommu, false), IC_MEMBER_PORT);
	assert_int_equal(ic_member_state("e1000e", NULL, d, &m->iommu, false), IC_MEMBER_BLOCKS);
	assert_int_equal(ic_member_state("vfio-platform", NULL, NULL, &m->iommu, false), IC_MEMBER_VFIO);
	/* a variant driver unknown to the table, recognised by its module holding vfio_pci_core */
	assert_int_equal(ic_member_state("mlx5-next", "mlx5_vfio_pci_next", d, &m->iommu, false),
			 IC_MEMBER_BLOCKS);
	m->iommu.vfio_variants = holders;
	m->iommu.nvfio_variants = 1;
	assert_int_equal(ic_member_state("mlx5-next", "mlx5_vfio_pci_next", d, &m->iommu, false),
			 IC_MEMBER_VFIO);
	m->iommu.vfio_variants = NULL;
	m->iommu.nvfio_variants = 0;
	/* the binding could not be read */
	d->known &= ~(unsigned int)IC_KNOWN_DRIVER;
	assert_int_equal(ic_member_state(NULL, NULL, d, &m->iommu, false), IC_MEMBER_UNKNOWN);
	ic_model_free(m);
}

static void test_legacy_bridges(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_dev *br = mb_dev(m, "0000:02:00.0", 0x1b36, 0x000e, "shpchp", 2);

	br->header_type = 1;
	/* since 5.19 a bridge with a DMA-API driver blocks like anything else */
	assert_int_equal(ic_member_state("shpchp", NULL, br, &m->iommu, false), IC_MEMBER_BLOCKS);
	assert_int_equal(ic_member_state("shpchp", NULL, br, &m->iommu, true), IC_MEMBER_BRIDGE);
	br->header_type = 0;
	assert_int_equal(ic_member_state("shpchp", NULL, br, &m->iommu, true), IC_MEMBER_BLOCKS);
	br->known &= ~(unsigned int)IC_KNOWN_HEADER;
	assert_int_equal(ic_member_state("shpchp", NULL, br, &m->iommu, true), IC_MEMBER_UNKNOWN);
	assert_true(ic_kernel_before("5.18.0-1-amd64", 5, 19));
	assert_true(ic_kernel_before("4.19.0", 5, 19));
	assert_false(ic_kernel_before("5.19.0", 5, 19));
	assert_false(ic_kernel_before("6.1.0-56-amd64", 5, 19));
	assert_false(ic_kernel_before("garbage", 5, 19));
	assert_false(ic_kernel_before(NULL, 5, 19));
	ic_model_free(m);
}

static void test_group_verdicts(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_groups_report r;
	struct ic_select sel;

	mb_dev(m, "0000:00:02.0", 0x1b36, 0x000c, "pcieport", 1);
	mb_dev(m, "0000:01:00.0", 0x8086, 0x10d3, "vfio-pci", 2);
	mb_dev(m, "0000:02:00.0", 0x1b36, 0x000e, NULL, 3);
	mb_dev(m, "0000:03:01.0", 0x8086, 0x100e, "vfio-pci", 3);
	mb_dev(m, "0000:03:02.0", 0x8086, 0x100e, "e1000", 3);
	mb_dev(m, "0000:04:00.0", 0x8086, 0x100e, NULL, -1);
	mb_groups(m, "DMA");
	m->kernel_release = ic_xstrdup("6.1.0");
	m->devs[3].known &= ~(unsigned int)IC_KNOWN_DRIVER;	/* 03:01.0 unreadable... */
	ic_select_init(&sel);
	assert_int_equal(ic_analyze_groups(m, &sel, &r), 0);
	assert_true(r.iommu_on);
	assert_int_equal(r.ngroups, 3);
	assert_int_equal(r.groups[0].verdict, IC_VIABLE);
	assert_int_equal(r.groups[1].verdict, IC_VIABLE);
	/* ...but e1000 blocks group 3 whatever the unknown member is */
	assert_int_equal(r.groups[2].verdict, IC_NOT_VIABLE);
	assert_int_equal(r.groups[2].members[2].state, IC_MEMBER_BLOCKS);
	assert_int_equal(r.nungrouped, 1);
	assert_string_equal(r.ungrouped[0]->bdf, "0000:04:00.0");
	ic_groups_report_clear(&r);

	/* unknown without a blocker: the verdict is unknown, not viable */
	free(m->devs[4].driver);
	m->devs[4].driver = NULL;
	assert_int_equal(ic_analyze_groups(m, &sel, &r), 0);
	assert_int_equal(r.groups[2].verdict, IC_VIABLE_UNKNOWN);
	ic_groups_report_clear(&r);

	/* -s selects the whole group of a matching function; -g one group; a missing -g fails */
	ic_select_parse_slot(&sel, "03:02.0", &(const char *){ NULL });
	assert_int_equal(ic_analyze_groups(m, &sel, &r), 0);
	assert_int_equal(r.ngroups, 1);
	assert_int_equal(r.groups[0].group->id, 3);
	assert_int_equal(r.groups[0].nmembers, 3);
	assert_int_equal(r.nungrouped, 0);
	ic_groups_report_clear(&r);
	ic_select_init(&sel);
	sel.group = 2;
	assert_int_equal(ic_analyze_groups(m, &sel, &r), 0);
	assert_int_equal(r.ngroups, 1);
	ic_groups_report_clear(&r);
	sel.group = 9;
	assert_int_equal(ic_analyze_groups(m, &sel, &r), -1);
	ic_model_free(m);
}

static void test_direct_region(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_groups_report r;
	struct ic_select sel;

	mb_dev(m, "0000:00:14.0", 0x8086, 0xa36d, NULL, 0);
	mb_groups(m, "DMA");
	m->groups[0].resv = ic_xcalloc(1, sizeof(struct ic_resv));
	m->groups[0].resv[0] = (struct ic_resv){ 0x7a000000, 0x7a3fffff, ic_xstrdup("direct") };
	m->groups[0].nresv = 1;
	ic_select_init(&sel);
	ic_analyze_groups(m, &sel, &r);
	assert_true(r.groups[0].direct_region);
	ic_groups_report_clear(&r);
	free(m->groups[0].resv[0].type);
	m->groups[0].resv[0].type = ic_xstrdup("direct-relaxable");
	ic_analyze_groups(m, &sel, &r);
	assert_false(r.groups[0].direct_region);
	ic_groups_report_clear(&r);
	ic_model_free(m);
}

/* The fix for a missing IOMMU depends on the command line and the firmware tables. */
static const char *fix_for(const char *cmdline, bool dmar, bool ivrs, bool acpi, size_t units)
{
	static char code[64];
	struct ic_model *m = ic_model_new();
	struct ic_groups_report r;
	struct ic_select sel;

	mb_dev(m, "0000:00:00.0", 0x8086, 0x29c0, NULL, -1);
	ic_model_sort_devs(m);
	m->iommu.cmdline = cmdline ? ic_xstrdup(cmdline) : NULL;
	m->iommu.dmar = dmar;
	m->iommu.ivrs = ivrs;
	m->iommu.acpi_known = acpi;
	m->iommu.groups_dir = true;
	if (units) {
		m->iommu.units = ic_xcalloc(1, sizeof(char *));
		m->iommu.units[0] = ic_xstrdup("dmar0");
		m->iommu.nunits = 1;
	}
	ic_select_init(&sel);
	assert_int_equal(ic_analyze_groups(m, &sel, &r), 0);
	assert_false(r.iommu_on);
	assert_true(r.nevidence >= 4);
	snprintf(code, sizeof(code), "%s", r.fix->code);
	ic_groups_report_clear(&r);
	ic_model_free(m);
	return code;
}

static void test_iommu_off_fix(void **state)
{
	assert_string_equal(fix_for("quiet intel_iommu=off", true, false, true, 0), "remove_intel_iommu_off");
	assert_string_equal(fix_for("amd_iommu=off", false, true, true, 0), "remove_amd_iommu_off");
	assert_string_equal(fix_for("iommu=off", false, false, true, 0), "remove_iommu_off");
	assert_string_equal(fix_for("quiet", true, false, true, 0), "add_intel_iommu_on");
	/* already on, yet no unit: it does not translate (never ask for what is there) */
	assert_string_equal(fix_for("quiet intel_iommu=on", true, false, true, 0), "dmar_not_translating");
	assert_string_equal(fix_for("quiet", false, true, true, 0), "check_amd_iommu");
	assert_string_equal(fix_for("quiet", false, false, true, 0), "enable_in_firmware");
	assert_string_equal(fix_for("quiet", true, false, true, 1), "no_groups");
	assert_string_equal(fix_for(NULL, false, false, false, 0), "unknown");
	/* a word that only contains the switch is not the switch */
	assert_string_equal(fix_for("xintel_iommu=offx", true, false, true, 0), "add_intel_iommu_on");
}

/* Groups that form at bind, with a unit registered and nothing bound: the IOMMU is on, groups
 * pending; one bound function without a group means it is not; without a unit, the fix names
 * the device tree's IOMMU. */
static void test_groups_pending(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_groups_report r;
	struct ic_select sel;
	bool firmware = false, bound = false;

	(void)state;
	mb_dev(m, "0000:00:02.0", 0x8086, 0x10d3, NULL, -1);
	mb_dev(m, "0000:00:03.0", 0x1b36, 0x0010, NULL, -1);
	ic_model_sort_devs(m);
	for (size_t i = 0; i < m->ndevs; i++)
		m->devs[i].known |= IC_KNOWN_DRIVER;
	m->iommu.groups_dir = true;
	m->iommu.dt_iommu_map = true;
	m->iommu.dt_iommu_map_path = ic_xstrdup("sys/firmware/devicetree/base/pcie@10000000/iommu-map");
	m->iommu.units = ic_xcalloc(1, sizeof(char *));
	m->iommu.units[0] = ic_xstrdup("smmu3.0x0000000009050000");
	m->iommu.nunits = 1;
	ic_select_init(&sel);
	assert_true(ic_groups_pending(m));
	assert_int_equal(ic_analyze_groups(m, &sel, &r), 0);
	assert_true(r.iommu_on);
	assert_true(r.groups_pending);
	assert_null(r.fix);
	for (size_t i = 0; i < r.nevidence; i++) {
		firmware |= ic_streq(r.evidence[i].key, "firmware_iommu") && strstr(r.evidence[i].path, "iommu-map");
		bound |= ic_streq(r.evidence[i].key, "bound_functions");
	}
	assert_true(firmware && bound);
	ic_groups_report_clear(&r);

	/* a driver bound and still no group: the IOMMU did not take it, not pending */
	m->devs[0].driver = ic_xstrdup("e1000e");
	assert_false(ic_groups_pending(m));
	assert_int_equal(ic_analyze_groups(m, &sel, &r), 0);
	assert_false(r.iommu_on);
	assert_string_equal(r.fix->code, "no_groups");
	ic_groups_report_clear(&r);

	/* no unit registered: off, and the fix names the device tree's IOMMU driver */
	free(m->devs[0].driver);
	m->devs[0].driver = NULL;
	ic_strv_free_n(m->iommu.units, m->iommu.nunits);
	m->iommu.units = NULL;
	m->iommu.nunits = 0;
	assert_false(ic_groups_pending(m));
	assert_int_equal(ic_analyze_groups(m, &sel, &r), 0);
	assert_false(r.iommu_on);
	assert_string_equal(r.fix->code, "check_dt_iommu");
	ic_groups_report_clear(&r);
	ic_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_member_states),
		cmocka_unit_test(test_legacy_bridges),
		cmocka_unit_test(test_group_verdicts),
		cmocka_unit_test(test_direct_region),
		cmocka_unit_test(test_iommu_off_fix),
		cmocka_unit_test(test_groups_pending),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
