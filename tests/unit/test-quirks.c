/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-quirks.c - the ACS quirk table: loading (and refusing bad files), and each rule code
 * deciding as its kernel function does, in table order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <cmocka.h>

#include "model-builder.h"
#include "predict.h"

static struct ic_quirks *q;

static int setup(void **state)
{
	char *dir = ic_xasprintf("%s/data", getenv("IC_SRCDIR")), *path, *msg;
	int rc = ic_quirks_load(dir, &q, &path, &msg);

	free(dir);
	free(path);
	free(msg);
	return rc;
}

static int teardown(void **state)
{
	ic_quirks_free(q);
	return 0;
}

static void test_table_loaded(void **state)
{
	assert_int_equal(q->nacs, 132);
	assert_int_equal(q->nids, 139);
	for (size_t i = 1; i < q->nacs; i++)
		assert_true(q->acs[i].order > q->acs[i - 1].order);
	assert_true(ic_quirks_in_set(q, "INTEL_SPT_RANGES", 0x8086, 0xa115));
	assert_false(ic_quirks_in_set(q, "INTEL_SPT_RANGES", 0x8086, 0xa120));
	assert_string_equal(ic_acs_rule_str(IC_RULE_UNCOND), "UNCOND_SV_RR_CR_UF");
	assert_int_equal(q->nalias, 141);
}

/* Which function gets which DMA-alias fixup, and which aliases each rule gives. */
static void test_alias_rules(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_dev *d = mb_dev(m, "0000:05:00.2", 0x1b4b, 0x9230, NULL, -1);	/* Marvell SATA */
	const struct ic_alias_quirk *a = ic_quirks_alias(q, d);

	assert_non_null(a);
	assert_int_equal(a->rule, IC_ALIAS_FUNC1);
	assert_string_equal(a->function, "quirk_dma_func1_alias");
	assert_true(ic_alias_has(a, d, 0x01));		/* 00.1, its slot's function 1 */
	assert_false(ic_alias_has(a, d, 0x00));
	d->func = 1;
	assert_false(ic_alias_has(a, d, 0x01));		/* function 1 itself has no alias */
	d->vendor = 0x1180;					/* Ricoh: function 0 */
	d->device = 0xe832;
	assert_true(ic_alias_has(ic_quirks_alias(q, d), d, 0x00));
	d->vendor = 0x10b5;					/* PLX NTB: every devfn */
	d->device = 0x87b0;
	assert_true(ic_alias_has(ic_quirks_alias(q, d), d, 0xff));
	d->vendor = 0x8086;					/* Intel VCA: functions 0-4 of every slot */
	d->device = 0x2954;
	assert_true(ic_alias_has(ic_quirks_alias(q, d), d, 0x1c));
	assert_false(ic_alias_has(ic_quirks_alias(q, d), d, 0x1d));
	d->device = 0x2260;					/* MIC x200 */
	assert_true(ic_alias_has(ic_quirks_alias(q, d), d, 0x93));
	d->vendor = 0x9005;					/* Adaptec: only by subsystem */
	d->device = 0x0285;
	assert_null(ic_quirks_alias(q, d));
	d->subvendor = 0x9005;
	d->subdevice = 0x02bb;
	assert_true(ic_alias_has(ic_quirks_alias(q, d), d, 0x08));
	d->vendor = 0x11f8;					/* Switchtec: only its NTB function */
	d->device = 0x8531;
	assert_null(ic_quirks_alias(q, d));
	d->class = 0x068000;
	assert_int_equal(ic_quirks_alias(q, d)->rule, IC_ALIAS_SWITCHTEC);
	d->vendor = 0x14e4;					/* ThunderX2 root: a flag, no alias */
	d->device = 0x9000;
	assert_int_equal(ic_quirks_alias(q, d)->rule, IC_ALIAS_XLATE_ROOT);
	assert_false(ic_alias_has(ic_quirks_alias(q, d), d, 0x00));
	ic_model_free(m);
}

static void try_load(const char *text, const char *want)
{
	char dir[] = "/tmp/ic-test-quirks-XXXXXX", *file, *path = NULL, *msg = NULL;
	struct ic_quirks *bad = NULL;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	file = ic_xasprintf("%s/%s", dir, IC_ACS_QUIRKS_FILE);
	f = fopen(file, "w");
	fputs(text, f);
	fclose(f);
	assert_true(ic_quirks_load(dir, &bad, &path, &msg) < 0);
	assert_string_equal(path, file);
	assert_non_null(strstr(msg, want));
	remove(file);
	remove(dir);
	free(file);
	free(path);
	free(msg);
}

static void test_bad_files(void **state)
{
	char *path = NULL, *msg = NULL;
	struct ic_quirks *none = NULL;

	assert_true(ic_quirks_load("/nonexistent", &none, &path, &msg) < 0);
	assert_non_null(strstr(msg, "--data-dir"));
	free(path);
	free(msg);
	try_load("", "empty");
	try_load("# some other format\n", "line 1");
	try_load("# iso-check ACS quirk table, format 1\nquirk\t1\t8086\tzzzz\tUNCOND_SV_RR_CR_UF\tf\n", "line 2");
	try_load("# iso-check ACS quirk table, format 1\n#\nquirk\t1\t8086\t1234\tNO_SUCH_RULE\tf\n", "line 3");
	try_load("# iso-check ACS quirk table, format 1\nidset\tX\t8086\t0200\t0100\tf\n", "line 2");
	try_load("# iso-check ACS quirk table, format 1\nalias\t8086\t1234\tNO_RULE\tf\n", "line 2");
	try_load("# iso-check ACS quirk table, format 1\nreset\t8086\t1234\t1234\tNO_FLR\tf\tpurple\n", "line 2");
	try_load("# iso-check ACS quirk table, format 1\nreset\t8086\t2000\t1000\tNO_FLR\tf\t-\n", "line 2");
	try_load("# iso-check ACS quirk table, format 1\nreset\t8086\t1000\t1000\tNO_WAY\tf\t-\n", "line 2");
}

/* Reset quirks: IDs, ranges and conditions as the kernel's fixups apply them. */
static void test_reset_quirks(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_dev *d = mb_dev(m, "0000:01:00.0", 0x10de, 0x2345, NULL, -1);	/* NVIDIA, in 2340-237f */
	struct ic_dev *root = mb_dev(m, "0000:00:01.0", 0x1002, 0x6600, NULL, -1);
	const struct ic_reset_quirk *hit;

	(void)state;
	d->parent = root;
	assert_true(q->nreset > 90);
	assert_int_equal(ic_quirks_reset(q, d, IC_RESET_NO_BUS, &hit), 1);
	assert_string_equal(hit->function, "quirk_nvidia_no_bus_reset");
	assert_int_equal(ic_quirks_reset(q, d, IC_RESET_NO_FLR, &hit), 0);
	d->device = 0x2380;				/* just past the range */
	assert_int_equal(ic_quirks_reset(q, d, IC_RESET_NO_BUS, &hit), 0);
	/* ATI: no PM reset for a VGA function off the root bus only */
	d->vendor = 0x1002;
	d->device = 0x6600;
	d->class = 0x030000;
	assert_int_equal(ic_quirks_reset(q, d, IC_RESET_NO_PM, &hit), 1);
	root->class = 0x030000;				/* on a root bus: the quirk keeps PM reset */
	assert_int_equal(ic_quirks_reset(q, root, IC_RESET_NO_PM, &hit), 0);
	d->class = 0x040300;				/* its audio function */
	assert_int_equal(ic_quirks_reset(q, d, IC_RESET_NO_PM, &hit), 0);
	/* SolidRun SNET: revision 1 only */
	d->vendor = 0xd063;
	d->device = 0x1000;
	d->revision = 2;
	assert_int_equal(ic_quirks_reset(q, d, IC_RESET_NO_FLR, &hit), 0);
	d->revision = 1;
	assert_int_equal(ic_quirks_reset(q, d, IC_RESET_NO_FLR, &hit), 1);
	/* delay_250ms_after_flr needs FLR: unknown DevCap is unknown, not a guess */
	d->vendor = 0x8086;
	d->device = 0x0953;
	assert_int_equal(ic_quirks_reset(q, d, IC_RESET_DEVICE_SPECIFIC, &hit), -1);
	d->cfg.known |= IC_CFG_DEVCAP;
	d->cfg.devcap = 1u << 28;
	assert_int_equal(ic_quirks_reset(q, d, IC_RESET_DEVICE_SPECIFIC, &hit), 1);
	d->cfg.devcap = 0;
	assert_int_equal(ic_quirks_reset(q, d, IC_RESET_DEVICE_SPECIFIC, &hit), 0);
	/* Chelsio T4 only (device 4xxx); the AMD reset bug */
	d->vendor = 0x1425;
	d->device = 0x5401;
	assert_int_equal(ic_quirks_reset(q, d, IC_RESET_DEVICE_SPECIFIC, &hit), 0);
	d->device = 0x4401;
	assert_int_equal(ic_quirks_reset(q, d, IC_RESET_DEVICE_SPECIFIC, &hit), 1);
	d->vendor = 0x1002;
	d->device = 0x731f;
	assert_int_equal(ic_quirks_reset(q, d, IC_RESET_VENDOR_RESET, &hit), 1);
	assert_string_equal(hit->function, "vendor-reset:navi10");
	assert_string_equal(ic_reset_effect_str(hit->effect), "VENDOR_RESET");
	ic_model_free(m);
}

/* A function with the given identity and PCIe type, no ACS capability, on the root bus. */
static struct ic_dev *fn(struct ic_model *m, uint16_t v, uint16_t d, int type)
{
	struct ic_dev *x;

	x = mb_dev(m, "0000:00:1c.0", v, d, NULL, -1);
	x->pcie_type = type;
	x->known |= IC_KNOWN_ECAPS;
	return x;
}

static enum ic_tri acs(struct ic_model *m, struct ic_dev *d, const char **function, bool *uncertain)
{
	struct ic_acs_ctx ctx = { .m = m, .quirks = q };
	struct ic_quirk_hit hit;
	enum ic_tri t = ic_acs_enabled(&ctx, d, &hit);

	*function = hit.quirk ? hit.quirk->function : NULL;
	*uncertain = hit.uncertain;
	return t;
}

static void test_rules(void **state)
{
	struct ic_model *m = ic_model_new();
	const char *f;
	bool unc;
	struct ic_dev *d;

	/* an Intel PCH root port without an ACS capability: isolated only through the quirk */
	d = fn(m, 0x8086, 0x3b42, IC_PCIE_ROOT_PORT);
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_YES);
	assert_string_equal(f, "pci_quirk_intel_pch_acs");
	assert_true(unc);
	/* an Intel root port outside every list: the standard rule (no ACS: not isolated) */
	d->device = 0x0001;
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_NO);
	assert_null(f);
	/* an Intel RCiEP */
	d->device = 0x0002;
	d->pcie_type = IC_PCIE_RC_END;
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_YES);
	assert_string_equal(f, "pci_quirk_rciep_acs");
	/* SPT root port: control read as a dword at +8 */
	d->device = 0xa110;
	d->pcie_type = IC_PCIE_ROOT_PORT;
	mb_acs(d, 0x001f, 0x0000);
	d->config[0x108] = 0x1d;	/* the real control bits, where the erratum puts them */
	ic_cfg_decode(d);
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_YES);
	assert_string_equal(f, "pci_quirk_intel_spt_pch_acs");
	d->config[0x108] = 0x19;
	ic_cfg_decode(d);
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_NO);
	/* a multifunction endpoint vouched for by its vendor */
	d->vendor = 0x14e4;
	d->device = 0x16d7;
	d->pcie_type = IC_PCIE_ENDPOINT;
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_YES);
	assert_string_equal(f, "pci_quirk_mf_endpoint_acs");
	/* Annapurna Labs: root ports only */
	d->vendor = 0x1c36;
	d->device = 0x0031;
	d->pcie_type = IC_PCIE_ROOT_PORT;
	d->ncaps = 0;
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_YES);
	d->pcie_type = IC_PCIE_DOWNSTREAM;
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_NO);	/* no decision, no ACS cap */
	assert_null(f);
	/* Zhaoxin: listed ports isolated, other ports not even with ACS enabled */
	d->vendor = 0x1d17;
	d->device = 0x0715;
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_YES);
	d->device = 0x0800;
	mb_acs(d, 0x001f, 0x001d);
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_NO);
	assert_string_equal(f, "pci_quirk_zhaoxin_pcie_ports_acs");
	d->pcie_type = IC_PCIE_ENDPOINT;	/* endpoints: no decision: single function passes */
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_YES);
	assert_null(f);
	/* Wangxun: listed NICs isolated, any other Wangxun function not */
	d->vendor = 0x8088;
	d->device = 0x1001;
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_YES);
	d->device = 0x1002;
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_NO);
	/* AMD southbridge functions: only with an IVRS table, multifunction, on the root bus */
	d->vendor = 0x1002;
	d->device = 0x4385;
	d->pcie_type = IC_PCIE_NONE;
	d->multifunction = true;
	m->iommu.acpi_known = true;
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_NO);
	m->iommu.ivrs = true;
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_YES);
	assert_string_equal(f, "pci_quirk_amd_sb_acs");
	m->iommu.acpi_known = false;
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_UNKNOWN);
	/* unknown identity: whether a quirk applies is unknown */
	d->known &= ~(unsigned int)IC_KNOWN_IDENT;
	assert_int_equal(acs(m, d, &f, &unc), IC_TRI_UNKNOWN);
	ic_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_loaded),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_alias_rules),
		cmocka_unit_test(test_reset_quirks),
		cmocka_unit_test(test_rules),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
