/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-audit.c - the audit's checks and verdicts on hand-built models, and its exit statuses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "audit.h"
#include "model-builder.h"

/* The verdict of check ID about SUBJECT; -1: not run. */
static int verdict_of(const struct ic_audit_report *r, const char *id, const char *subject)
{
	for (size_t i = 0; i < r->nchecks; i++)
		if (ic_streq(r->checks[i].def->code, id) && ic_streq(r->checks[i].subject, subject))
			return (int)r->checks[i].verdict;
	return -1;
}

static const struct ic_check *check_of(const struct ic_audit_report *r, const char *id, const char *subject)
{
	for (size_t i = 0; i < r->nchecks; i++)
		if (ic_streq(r->checks[i].def->code, id) && ic_streq(r->checks[i].subject, subject))
			return &r->checks[i];
	return NULL;
}

/* A host with the IOMMU on: a root port (group 1) with a NIC below it (group 2), an NVMe on the
 * root bus (group 3), and interrupts remapped. */
static struct ic_model *host_model_fn(bool second_fn)
{
	struct ic_model *m = ic_model_new();
	static const char *const up[][2] = { { "0000:01:00.0", "0000:00:01.0" }, { "0000:01:00.1", "0000:00:01.0" } };
	struct ic_dev *d;

	d = mb_dev(m, "0000:00:01.0", 0x8086, 0x29c1, "pcieport", 1);
	d->header_type = 1;
	mb_dev(m, "0000:01:00.0", 0x8086, 0x10d3, "e1000e", 2);
	if (second_fn)
		mb_dev(m, "0000:01:00.1", 0x8086, 0x10d3, "e1000e", 2);
	mb_dev(m, "0000:00:05.0", 0x1b36, 0x0010, "nvme", 3);
	mb_groups(m, "DMA");
	mb_parents(m, up, second_fn ? 2 : 1);
	m->iommu.cmdline = ic_xstrdup("intel_iommu=on");
	m->host = ic_xcalloc(1, sizeof(*m->host));
	m->host->interrupts_read = true;
	m->host->irq_remapped = 3;
	m->host->irq_remapped_chip = ic_xstrdup("IR-PCI-MSIX-0000:00:05.0");
	m->host->mounts_read = m->host->routes_read = m->host->swaps_read = true;
	for (int i = 0; i < IC_NHMODS; i++)
		m->host->mods[i] = IC_MOD_LOADED;
	for (int i = 0; i < IC_NHPARAMS; i++) {
		m->host->params[i].value = ic_xstrdup("N");
		m->host->params[i].source = "sysfs";
		m->host->params[i].module = "vfio";
		m->host->params[i].name = "p";
	}
	for (size_t i = 0; i < m->ndevs; i++) {
		m->devs[i].audit.known = IC_DA_RESET | IC_DA_POWER | IC_DA_D3COLD | IC_DA_OVERRIDE |
					 IC_DA_BOOT_VGA | IC_DA_REMOVABLE;
		m->devs[i].audit.reset_method = ic_xstrdup("flr bus");
		m->devs[i].audit.power_state = ic_xstrdup("D0");
		m->devs[i].known |= IC_KNOWN_RESOURCES;
	}
	return m;
}

static struct ic_model *host_model(void)
{
	return host_model_fn(false);
}

static void run_audit(struct ic_model *m, const char *slot, struct ic_audit_report *r)
{
	struct ic_select sel;
	const char *err;

	ic_select_init(&sel);
	if (slot)
		assert_int_equal(ic_select_parse_slot(&sel, slot, &err), 0);
	ic_analyze_audit(m, NULL, &sel, r);
}

static void test_clean_host(void **state)
{
	struct ic_model *m = host_model();
	struct ic_audit_report r;

	(void)state;
	run_audit(m, NULL, &r);
	assert_int_equal(verdict_of(&r, "iommu_enabled", "host"), IC_CV_PASS);
	assert_int_equal(verdict_of(&r, "interrupt_remapping", "host"), IC_CV_PASS);
	assert_int_equal(verdict_of(&r, "unsafe_interrupts", "host"), IC_CV_PASS);
	assert_int_equal(verdict_of(&r, "noiommu_mode", "host"), IC_CV_PASS);
	assert_int_equal(verdict_of(&r, "acs_override", "host"), IC_CV_PASS);
	assert_int_equal(verdict_of(&r, "vfio_modules", "host"), IC_CV_PASS);
	/* the NIC's group is held by e1000e: not viable, with the commands that rebind it */
	assert_int_equal(verdict_of(&r, "group_viable", "group 2"), IC_CV_WARN);
	assert_non_null(strstr(check_of(&r, "group_viable", "group 2")->fix, "drivers/e1000e/unbind"));
	assert_int_equal(verdict_of(&r, "group_viable", "group 1"), IC_CV_PASS);
	assert_int_equal(verdict_of(&r, "group_host_critical", "group 3"), IC_CV_PASS);
	/* the root port is not a device to assign: no device checks for it */
	assert_int_equal(verdict_of(&r, "device_assignable", "0000:00:01.0"), -1);
	assert_int_equal(verdict_of(&r, "device_assignable", "0000:01:00.0"), IC_CV_PASS);
	assert_int_equal(verdict_of(&r, "reset_available", "0000:01:00.0"), IC_CV_PASS);
	assert_int_equal(verdict_of(&r, "reset_scope", "0000:01:00.0"), IC_CV_PASS);
	assert_int_equal(verdict_of(&r, "reset_scope", "0000:00:05.0"), IC_CV_PASS);
	/* group 2 is not viable: a warning, exit 6; with --fail-on=fail, 0 */
	assert_int_equal(ic_audit_status(&r, true), IC_EXIT_FINDING_WARN);
	assert_int_equal(ic_audit_status(&r, false), IC_EXIT_OK);
	ic_audit_report_clear(&r);
	ic_model_free(m);
}

static void test_failures(void **state)
{
	struct ic_model *m = host_model();
	struct ic_dev *nvme = ic_model_find(m, "0000:00:05.0"), *nic = ic_model_find(m, "0000:01:00.0");
	struct ic_audit_report r;

	(void)state;
	nvme->audit.critical = IC_CRIT_ROOT;
	nvme->audit.critical_what = ic_xstrdup("/ (nvme0n1)");
	free(nic->audit.reset_method);
	nic->audit.reset_method = NULL;		/* the attribute is absent: no reset method */
	nic->audit.removable = true;
	nic->audit.driver_override = ic_xstrdup("pci-stub");
	free(m->host->params[IC_HP_NOIOMMU].value);
	m->host->params[IC_HP_NOIOMMU].value = ic_xstrdup("Y");
	m->host->irq_remapped = 0;
	m->host->irq_plain = 2;
	m->host->irq_plain_chip = ic_xstrdup("PCI-MSIX-0000:00:05.0");
	run_audit(m, NULL, &r);
	assert_int_equal(verdict_of(&r, "interrupt_remapping", "host"), IC_CV_FAIL);
	assert_int_equal(verdict_of(&r, "noiommu_mode", "host"), IC_CV_FAIL);
	assert_int_equal(verdict_of(&r, "group_host_critical", "group 3"), IC_CV_FAIL);
	assert_non_null(strstr(check_of(&r, "group_host_critical", "group 3")->text, "/ (nvme0n1)"));
	assert_int_equal(verdict_of(&r, "reset_available", "0000:01:00.0"), IC_CV_WARN);
	assert_int_equal(verdict_of(&r, "external_port", "0000:01:00.0"), IC_CV_WARN);
	assert_int_equal(verdict_of(&r, "device_assignable", "0000:01:00.0"), IC_CV_WARN);
	assert_int_equal(ic_audit_status(&r, false), IC_EXIT_FINDING_FAIL);
	ic_audit_report_clear(&r);
	ic_model_free(m);
}

static void test_unknowns(void **state)
{
	struct ic_model *m = host_model();
	struct ic_dev *nic = ic_model_find(m, "0000:01:00.0");
	struct ic_audit_report r;

	(void)state;
	/* a group vfio owns; nothing read of the host's mounts; reset_method not recorded */
	free(ic_model_find(m, "0000:01:00.0")->driver);
	nic->driver = ic_xstrdup("vfio-pci");
	m->host->mounts_read = false;
	nic->audit.known &= ~(unsigned int)IC_DA_RESET;
	run_audit(m, "01:00.0", &r);
	assert_int_equal(verdict_of(&r, "group_host_critical", "group 2"), IC_CV_UNKNOWN);
	/* no PCIe DevCap known, but alone below its port: the kernel would offer a bus reset */
	assert_int_equal(verdict_of(&r, "reset_available", "0000:01:00.0"), IC_CV_NOTE);
	assert_non_null(strstr(check_of(&r, "reset_available", "0000:01:00.0")->text, "offer bus;"));
	/* -s: only its group and itself */
	assert_int_equal(verdict_of(&r, "group_viable", "group 3"), -1);
	assert_int_equal(verdict_of(&r, "group_viable", "group 2"), IC_CV_PASS);
	assert_int_equal(ic_audit_status(&r, true), IC_EXIT_PARTIAL);
	ic_audit_report_clear(&r);
	/* a bridge chosen with -s is checked, and cannot be bound */
	run_audit(m, "00:01.0", &r);
	assert_int_equal(verdict_of(&r, "device_assignable", "0000:00:01.0"), IC_CV_FAIL);
	ic_audit_report_clear(&r);
	ic_model_free(m);
}

static void test_iommu_off(void **state)
{
	struct ic_model *m = host_model();
	struct ic_audit_report r;

	(void)state;
	/* no groups: the prediction forms them (no quirks: the conventional rules) */
	for (size_t i = 0; i < m->ngroups; i++) {
		free(m->groups[i].type);
		free(m->groups[i].devs);
	}
	free(m->groups);
	m->groups = NULL;
	m->ngroups = 0;
	for (size_t i = 0; i < m->ndevs; i++)
		m->devs[i].iommu_group = -1;
	run_audit(m, NULL, &r);
	assert_true(r.predicted);
	assert_int_equal(verdict_of(&r, "iommu_enabled", "host"), IC_CV_FAIL);
	assert_int_equal(ic_audit_status(&r, false), IC_EXIT_FINDING_FAIL);
	ic_audit_report_clear(&r);
	ic_model_free(m);
}

/* The module index's answers and modprobe.d options (what collect-kmod.c leaves in m->host). */
static void test_module_index(void **state)
{
	struct ic_model *m = host_model();
	struct ic_audit_report r;
	const struct ic_check *k;
	struct ic_modparam *p = &m->host->params[IC_HP_UNSAFE_TYPE1];

	(void)state;
	m->kernel_release = ic_xstrdup("6.1.0-1-amd64");
	for (int i = 0; i < IC_NHMODS; i++)
		m->host->mods[i] = m->host->kmod[i] = IC_MOD_AVAILABLE;
	free(p->value);
	p->value = ic_xstrdup("1");
	p->source = "modprobe.d";
	p->module = "vfio_iommu_type1";
	p->name = "allow_unsafe_interrupts";
	run_audit(m, NULL, &r);
	assert_int_equal(verdict_of(&r, "vfio_modules", "host"), IC_CV_NOTE);
	k = check_of(&r, "vfio_modules", "host");
	assert_int_equal(k->nevidence, 2);
	assert_non_null(strstr(k->evidence[1], "lib/modules/6.1.0-1-amd64/modules.dep.bin"));
	k = check_of(&r, "unsafe_interrupts", "host");
	assert_int_equal(k->verdict, IC_CV_WARN);
	assert_non_null(strstr(k->evidence[0], "etc/modprobe.d: options vfio_iommu_type1 allow_unsafe_interrupts=1"));
	ic_audit_report_clear(&r);
	/* nothing configures it: the default, a pass that says so */
	free(p->value);
	p->value = ic_xstrdup("N");
	p->source = "default";
	m->host->mods[IC_HMOD_VFIO_PCI] = m->host->kmod[IC_HMOD_VFIO_PCI] = IC_MOD_MISSING;
	run_audit(m, NULL, &r);
	k = check_of(&r, "unsafe_interrupts", "host");
	assert_int_equal(k->verdict, IC_CV_PASS);
	assert_int_equal(k->nevidence, 0);
	assert_non_null(strstr(k->text, "nothing configures it"));
	assert_int_equal(verdict_of(&r, "vfio_modules", "host"), IC_CV_FAIL);
	ic_audit_report_clear(&r);
	/* vfio loaded, but built without no-IOMMU mode: the option is absent, so it is off */
	p = &m->host->params[IC_HP_NOIOMMU];
	free(p->value);
	p->value = ic_xstrdup("N");
	p->source = "absent";
	p->module = "vfio";
	p->name = "enable_unsafe_noiommu_mode";
	run_audit(m, NULL, &r);
	k = check_of(&r, "noiommu_mode", "host");
	assert_int_equal(k->verdict, IC_CV_PASS);
	assert_non_null(strstr(k->text, "has no such option"));
	assert_non_null(strstr(k->evidence[0], "sys/module/vfio/parameters: no enable_unsafe_noiommu_mode"));
	ic_audit_report_clear(&r);
	ic_model_free(m);
}

/* reset_method as the kernel fixed it at probe time, and what is left when it was not read. */
static void test_reset_rules(void **state)
{
	struct ic_model *m = host_model_fn(true);
	struct ic_dev *nic = ic_model_find(m, "0000:01:00.0"), *nvme = ic_model_find(m, "0000:00:05.0");
	struct ic_audit_report r;

	(void)state;
	/* only "bus", and a second function on its bus now: the kernel refuses that reset */
	free(nic->audit.reset_method);
	nic->audit.reset_method = ic_xstrdup("bus");
	run_audit(m, "01:00.0", &r);
	assert_int_equal(verdict_of(&r, "reset_available", "0000:01:00.0"), IC_CV_WARN);
	assert_non_null(strstr(check_of(&r, "reset_available", "0000:01:00.0")->text, "0000:01:00.1 shares"));
	/* a bus reset below the port resets both functions, which share group 2 */
	assert_int_equal(verdict_of(&r, "reset_scope", "0000:01:00.0"), IC_CV_NOTE);
	assert_non_null(strstr(check_of(&r, "reset_scope", "0000:01:00.0")->text, "a bus reset below 0000:00:01.0 resets 2"));
	ic_audit_report_clear(&r);
	/* the port is hot-plug capable: slot and bus hold the same functions, and it says so */
	ic_model_find(m, "0000:00:01.0")->cfg.known |= IC_CFG_SLOT;
	ic_model_find(m, "0000:00:01.0")->cfg.sltcap = 0x40;
	run_audit(m, "01:00.0", &r);
	assert_non_null(strstr(check_of(&r, "reset_scope", "0000:01:00.0")->text, "0000:00:01.0's hotplug slot, or the bus"));
	ic_audit_report_clear(&r);
	/* not read, on a root bus, no capability known: nothing shows a reset */
	nvme->audit.known &= ~(unsigned int)IC_DA_RESET;
	run_audit(m, "00:05.0", &r);
	assert_int_equal(verdict_of(&r, "reset_available", "0000:00:05.0"), IC_CV_UNKNOWN);
	ic_audit_report_clear(&r);
	/* the second function was not first on its bus: no bus reset is predicted for it */
	ic_model_find(m, "0000:01:00.1")->audit.known = 0;
	ic_model_find(m, "0000:01:00.1")->known |= IC_KNOWN_RESOURCES;
	run_audit(m, "01:00.1", &r);
	assert_int_equal(verdict_of(&r, "reset_available", "0000:01:00.1"), IC_CV_UNKNOWN);
	ic_audit_report_clear(&r);
	ic_model_free(m);
}

/* The groups view's RESET and CRITICAL cells, from the same inputs as the checks. */
static void test_group_cells(void **state)
{
	struct ic_model *m = host_model();
	struct ic_dev *nvme = ic_model_find(m, "0000:00:05.0"), *nic = ic_model_find(m, "0000:01:00.0");
	char *cell;

	(void)state;
	cell = ic_audit_reset_cell(m, NULL, nic);
	assert_string_equal(cell, "flr bus");
	free(cell);
	free(nic->audit.reset_method);
	nic->audit.reset_method = NULL;
	cell = ic_audit_reset_cell(m, NULL, nic);
	assert_string_equal(cell, "none");
	free(cell);
	nic->audit.known &= ~(unsigned int)IC_DA_RESET;	/* not read: the predicted floor, marked */
	cell = ic_audit_reset_cell(m, NULL, nic);
	assert_string_equal(cell, "bus?");
	free(cell);
	nvme->audit.known &= ~(unsigned int)IC_DA_RESET;	/* root bus, no capability known */
	cell = ic_audit_reset_cell(m, NULL, nvme);
	assert_string_equal(cell, "?");
	free(cell);
	assert_int_equal(ic_audit_group_critical(m, ic_model_group(m, 3)), 0);
	nvme->audit.critical = IC_CRIT_ROOT;
	nvme->audit.critical_what = ic_xstrdup("/ (nvme0n1)");
	assert_int_equal(ic_audit_group_critical(m, ic_model_group(m, 3)), 1);
	assert_string_equal(ic_audit_critical_what(m, nvme), "/ (nvme0n1)");
	m->host->routes_read = false;			/* nothing found, but not all was read */
	assert_int_equal(ic_audit_group_critical(m, ic_model_group(m, 2)), -1);
	ic_model_free(m);
}

/* The verdicts the other tests leave out, one input each. */
static void test_more_verdicts(void **state)
{
	struct ic_model *m = host_model();
	struct ic_dev *nvme = ic_model_find(m, "0000:00:05.0"), *nic = ic_model_find(m, "0000:01:00.0");
	struct ic_group *g2 = ic_model_group(m, 2), *g3 = ic_model_group(m, 3);
	struct ic_audit_report r;

	(void)state;
	free(m->host->params[IC_HP_UNSAFE_TYPE1].value);
	m->host->params[IC_HP_UNSAFE_TYPE1].value = ic_xstrdup("Y");
	free(m->iommu.cmdline);
	m->iommu.cmdline = ic_xstrdup("intel_iommu=on pcie_acs_override=downstream,multifunction");
	g2->resv = ic_xcalloc(1, sizeof(*g2->resv));
	g2->resv[0] = (struct ic_resv){ 0xab000, 0xabfff, ic_xstrdup("direct") };
	g2->nresv = 1;
	g3->resv = ic_xcalloc(1, sizeof(*g3->resv));
	g3->resv[0] = (struct ic_resv){ 0xcd000, 0xcdfff, ic_xstrdup("direct-relaxable") };
	g3->nresv = 1;
	nvme->vendor = 0x8086;				/* a QAT DH895xCC on vfio-pci's denylist */
	nvme->device = 0x0435;
	free(nic->audit.power_state);
	nic->audit.power_state = ic_xstrdup("D3cold");
	run_audit(m, NULL, &r);
	assert_int_equal(verdict_of(&r, "unsafe_interrupts", "host"), IC_CV_WARN);
	assert_int_equal(verdict_of(&r, "acs_override", "host"), IC_CV_FAIL);
	assert_int_equal(verdict_of(&r, "reserved_region_direct", "group 2"), IC_CV_FAIL);
	assert_int_equal(verdict_of(&r, "reserved_region_direct", "group 3"), IC_CV_NOTE);
	assert_int_equal(verdict_of(&r, "device_assignable", "0000:00:05.0"), IC_CV_FAIL);
	assert_non_null(strstr(check_of(&r, "device_assignable", "0000:00:05.0")->text, "denylist"));
	assert_int_equal(verdict_of(&r, "power_state", "0000:01:00.0"), IC_CV_WARN);
	ic_audit_report_clear(&r);
	/* vfio-pci lets an idle device fall to D3 (d3cold_allowed): a note; remapping capable
	 * but not shown in /proc/interrupts: a warning */
	free(nic->audit.power_state);
	nic->audit.power_state = ic_xstrdup("D0");
	nic->audit.d3cold_allowed = true;
	free(nic->driver);
	nic->driver = ic_xstrdup("vfio-pci");
	m->host->interrupts_read = false;
	m->host->ir_capable = 1;
	m->host->ir_unit = ic_xstrdup("sys/class/iommu/dmar0/intel-iommu/ecap");
	m->host->ir_what = ic_xstrdup("0xf00f5e (bit 3: interrupt remapping)");
	run_audit(m, NULL, &r);
	assert_int_equal(verdict_of(&r, "power_state", "0000:01:00.0"), IC_CV_NOTE);
	assert_int_equal(verdict_of(&r, "interrupt_remapping", "host"), IC_CV_WARN);
	ic_audit_report_clear(&r);
	ic_model_free(m);
}

/* PowerNV: MSIs are isolated per PE (no remapping asked for), the sPAPR TCE container replaces
 * type1, and vfio-pci asked for (driver_override) but not bound is a warning with its cause. */
static void test_powernv(void **state)
{
	struct ic_model *m = host_model();
	struct ic_dev *nic = ic_model_find(m, "0000:01:00.0");
	struct ic_audit_report r;
	const struct ic_check *k;

	(void)state;
	m->groups[1].name = ic_xstrdup("domain0-pe2");
	m->host->irq_remapped = 0;		/* XIVE lines: nothing says IR- */
	m->host->irq_plain = 3;
	m->host->irq_plain_chip = ic_xstrdup("XIVE-IRQ");
	free(m->host->params[IC_HP_UNSAFE_TYPE1].value);
	m->host->params[IC_HP_UNSAFE_TYPE1].value = NULL;	/* no type1 on ppc64el */
	m->host->mods[IC_HMOD_TYPE1] = m->host->mods[IC_HMOD_IOMMUFD] = IC_MOD_MISSING;
	free(nic->driver);
	nic->driver = NULL;
	nic->audit.driver_override = ic_xstrdup("vfio-pci");
	run_audit(m, NULL, &r);
	assert_int_equal(verdict_of(&r, "interrupt_remapping", "host"), IC_CV_PASS);
	k = check_of(&r, "interrupt_remapping", "host");
	assert_non_null(strstr(k->text, "PowerNV"));
	assert_int_equal((int)k->nevidence, 1);
	assert_non_null(strstr(k->evidence[0], "kernel/iommu_groups/2/name: domain0-pe2"));
	assert_int_equal(verdict_of(&r, "unsafe_interrupts", "host"), IC_CV_PASS);
	assert_int_equal(verdict_of(&r, "vfio_modules", "host"), IC_CV_PASS);
	assert_non_null(strstr(check_of(&r, "vfio_modules", "host")->text, "vfio_iommu_spapr_tce loaded"));
	assert_int_equal(verdict_of(&r, "device_assignable", "0000:01:00.0"), IC_CV_WARN);
	k = check_of(&r, "device_assignable", "0000:01:00.0");
	assert_non_null(strstr(k->text, "did not bind"));
	assert_non_null(strstr(k->fix, "drivers_probe"));
	ic_audit_report_clear(&r);

	/* without the sPAPR TCE module, VFIO has no container there: type1 does not stand in */
	m->host->mods[IC_HMOD_SPAPR] = IC_MOD_MISSING;
	m->host->mods[IC_HMOD_TYPE1] = IC_MOD_LOADED;
	run_audit(m, NULL, &r);
	assert_int_equal(verdict_of(&r, "vfio_modules", "host"), IC_CV_FAIL);
	assert_non_null(strstr(check_of(&r, "vfio_modules", "host")->fix, "CONFIG_VFIO_IOMMU_SPAPR_TCE"));
	ic_audit_report_clear(&r);

	/* vfio_pci not loaded: an override waiting for it to load is not a refusal */
	m->host->mods[IC_HMOD_VFIO_PCI] = IC_MOD_AVAILABLE;
	run_audit(m, NULL, &r);
	assert_int_equal(verdict_of(&r, "device_assignable", "0000:01:00.0"), IC_CV_PASS);
	ic_audit_report_clear(&r);
	ic_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_host),
		cmocka_unit_test(test_failures),
		cmocka_unit_test(test_unknowns),
		cmocka_unit_test(test_iommu_off),
		cmocka_unit_test(test_module_index),
		cmocka_unit_test(test_reset_rules),
		cmocka_unit_test(test_group_cells),
		cmocka_unit_test(test_more_verdicts),
		cmocka_unit_test(test_powernv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
