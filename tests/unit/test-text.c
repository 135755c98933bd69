/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-text.c - lspci's decoded text read into the model, one line kind at a time, and pastes. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <pci/header.h>

#include "collect.h"
#include "ic.h"
#include "predict.h"

static char path[] = "/tmp/ic-test-text-XXXXXX";

/* Read TEXT as --lspci-dump would; RC is what ic_collect_dump() must return. */
static struct ic_model *read_text(const char *text, int rc, struct ic_collect_error *err)
{
	struct ic_collect_opts opts = { .numeric = true };
	struct ic_collect_error e = { 0 };
	struct ic_model *m = NULL;
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(ic_collect_dump(path, &opts, &m, err ? err : &e), rc);
	ic_collect_error_clear(&e);
	return m;
}

static struct ic_dev *find(struct ic_model *m, const char *bdf)
{
	struct ic_dev *d = ic_model_find(m, bdf);

	assert_non_null(d);
	return d;
}

/* A root port with ACS above an endpoint, as lspci -vvnnD -k prints them (pciutils 3.9). */
static const char rootport[] =
	"0000:00:01.1 PCI bridge [0604]: Advanced Micro Devices, Inc. [AMD] GPP Bridge [1022:1483] (prog-if 00 [Normal decode])\n"
	"\tSubsystem: Gigabyte Technology Co., Ltd Device [1458:1000]\n"
	"\tControl: I/O+ Mem+ BusMaster+ SpecCycle- MemWINV- VGASnoop- ParErr- Stepping- SERR+ FastB2B- DisINTx+\n"
	"\tNUMA node: 1\n"
	"\tIOMMU group: 7\n"
	"\tBus: primary=00, secondary=01, subordinate=01, sec-latency=0\n"
	"\tI/O behind bridge: [disabled] [32-bit]\n"
	"\tCapabilities: [50] Power Management version 3\n"
	"\t\tStatus: D0 NoSoftRst+ PME-Enable- DSel=0 DScale=0 PME-\n"
	"\tCapabilities: [58] Express (v2) Root Port (Slot+), MSI 00\n"
	"\t\tDevCap:\tMaxPayload 512 bytes, PhantFunc 0\n"
	"\t\t\tExtTag+ RBE+\n"
	"\t\tDevCtl:\tCorrErr- NonFatalErr- FatalErr- UnsupReq-\n"
	"\t\t\tRlxdOrd+ ExtTag+ PhantFunc- AuxPwr- NoSnoop+ FLReset-\n"
	"\tCapabilities: [2a0 v1] Access Control Services\n"
	"\t\tACSCap:\tSrcValid+ TransBlk+ ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- DirectTrans+\n"
	"\t\tACSCtl:\tSrcValid+ TransBlk- ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- DirectTrans-\n"
	"\tKernel driver in use: pcieport\n"
	"\n"
	"0000:01:00.0 Ethernet controller [0200]: Intel Corporation I210 Gigabit Network Connection [8086:1533] (rev 03)\n"
	"\tIOMMU group: 8\n"
	"\tCapabilities: [40] Power Management version 3\n"
	"\t\tStatus: D0 NoSoftRst- PME-Enable- DSel=0 DScale=1 PME-\n"
	"\tCapabilities: [a0] Express (v2) Endpoint, MSI 00\n"
	"\t\tDevCap:\tMaxPayload 512 bytes, PhantFunc 0, Latency L0s <512ns, L1 <64us\n"
	"\t\t\tExtTag- AttnBtn- AttnInd- PwrInd- RBE+ FLReset+ SlotPowerLimit 0W\n"
	"\t\tDevCtl:\tCorrErr+ NonFatalErr+ FatalErr+ UnsupReq+\n"
	"\t\t\tRlxdOrd+ ExtTag- PhantFunc- AuxPwr- NoSnoop+ FLReset-\n"
	"\tCapabilities: [140 v1] Device Serial Number 00-..-..-..-..-..-..-..\n"
	"\tKernel driver in use: igb\n"
	"\tKernel modules: igb\n"
	"\n";

static void test_header_ids_and_bridge(void **state)
{
	struct ic_model *m = read_text(rootport, 0, NULL);
	struct ic_dev *rp = find(m, "0000:00:01.1"), *nic = find(m, "0000:01:00.0");

	(void)state;
	assert_true(rp->text & IC_TEXT_DECODED);
	assert_true(rp->known & IC_KNOWN_IDENT);
	assert_int_equal(rp->vendor, 0x1022);
	assert_int_equal(rp->device, 0x1483);
	assert_int_equal(rp->class, 0x060400);
	assert_int_equal(rp->subvendor, 0x1458);
	assert_int_equal(nic->revision, 0x03);
	assert_int_equal(nic->class, 0x020000);
	/* the bus numbers make a type 1 header; the endpoint has none */
	assert_true(ic_dev_is_bridge(rp));
	assert_int_equal(rp->secondary_bus, 1);
	assert_int_equal(rp->subordinate_bus, 1);
	assert_int_equal(nic->header_type, 0);
	assert_ptr_equal(nic->parent, rp);
	assert_string_equal(m->dump_form, "lspci -vvnnkD text, with the kernel's IOMMU groups");
	ic_model_free(m);
}

static void test_capabilities(void **state)
{
	struct ic_model *m = read_text(rootport, 0, NULL);
	struct ic_dev *rp = find(m, "0000:00:01.1"), *nic = find(m, "0000:01:00.0");

	(void)state;
	assert_true(rp->known & IC_KNOWN_PCIE);
	assert_int_equal(rp->pcie_type, IC_PCIE_ROOT_PORT);
	assert_int_equal(nic->pcie_type, IC_PCIE_ENDPOINT);
	assert_non_null(ic_dev_find_cap(rp, PCI_EXT_CAP_ID_ACS, true));
	assert_int_equal(ic_dev_find_cap(rp, PCI_EXT_CAP_ID_ACS, true)->offset, 0x2a0);
	assert_null(ic_dev_find_cap(nic, PCI_EXT_CAP_ID_ACS, true));
	assert_non_null(ic_dev_find_cap(nic, PCI_EXT_CAP_ID_DSN, true));	/* masked serial */
	/* SrcValid TransBlk ReqRedir CmpltRedir UpstreamFwd . DirectTrans: bits 0-4 and 6 */
	assert_true(rp->cfg.known & IC_CFG_ACS);
	assert_int_equal(rp->cfg.acs_cap, 0x5f);
	assert_int_equal(rp->cfg.acs_ctrl, 0x1d);
	/* FLReset of DevCap, not of DevCtl; NoSoftRst of the PM status */
	assert_true(nic->cfg.known & IC_CFG_DEVCAP);
	assert_int_equal(nic->cfg.devcap, PCI_EXP_DEVCAP_FLRESET);
	assert_false(rp->cfg.known & IC_CFG_DEVCAP);
	assert_int_equal(rp->cfg.pm_ctrl, PCI_PM_CTRL_NO_SOFT_RST);
	assert_int_equal(nic->cfg.pm_ctrl, 0);
	ic_model_free(m);
}

static void test_sysfs_lines(void **state)
{
	struct ic_model *m = read_text(rootport, 0, NULL);
	struct ic_dev *rp = find(m, "0000:00:01.1"), *nic = find(m, "0000:01:00.0");

	(void)state;
	assert_string_equal(rp->driver, "pcieport");
	assert_string_equal(nic->driver, "igb");
	assert_int_equal(rp->numa_node, 1);
	assert_true(nic->known & IC_KNOWN_NUMA);	/* lspci hides -1 */
	assert_int_equal(nic->numa_node, -1);
	assert_int_equal(rp->iommu_group, 7);
	assert_int_equal(m->ngroups, 2);
	assert_true(m->iommu.groups_dir);
	assert_int_equal(ic_model_group(m, 8)->ndevs, 1);
	ic_model_free(m);
}

/* -v: "Flags:" carries NUMA node and group; ACS is named, its controls are not printed. */
static void test_verbose_once(void **state)
{
	struct ic_model *m = read_text(
		"00:1c.0 PCI bridge [0604]: Intel Corporation Device [8086:a338] (rev f0) (prog-if 00 [Normal decode])\n"
		"\tFlags: bus master, fast devsel, latency 0, IRQ 122, NUMA node 0, IOMMU group 9\n"
		"\tBus: primary=00, secondary=02, subordinate=02, sec-latency=0\n"
		"\tCapabilities: [40] Express Root Port (Slot+), MSI 00\n"
		"\tCapabilities: [220] Access Control Services\n"
		"\tKernel driver in use: pcieport\n\n", 0, NULL);
	struct ic_dev *rp = find(m, "0000:00:1c.0");

	(void)state;
	assert_int_equal(rp->iommu_group, 9);
	assert_int_equal(rp->numa_node, 0);
	assert_non_null(ic_dev_find_cap(rp, PCI_EXT_CAP_ID_ACS, true));
	assert_false(rp->cfg.known & IC_CFG_ACS);
	assert_true(rp->text & IC_TEXT_NO_BITS);
	assert_int_equal(ic_unknown_kind_of(m, rp), IC_UNKNOWN_TEXT_BITS);
	ic_model_free(m);
}

/* Without -nn: names, no IDs; with -n: IDs, no names. */
static void test_names_and_numbers(void **state)
{
	struct ic_model *m = read_text(
		"00:02.0 VGA compatible controller: Intel Corporation Device 9a49 (rev 01) (prog-if 00 [VGA controller])\n"
		"\tCapabilities: <access denied>\n\n"
		"00:03.0 0880: 8086:9a11 (rev 01)\n"
		"\tCapabilities: [90] Express Root Complex Integrated Endpoint, MSI 00\n\n", 0, NULL);
	struct ic_dev *igpu = find(m, "0000:00:02.0"), *rciep = find(m, "0000:00:03.0");

	(void)state;
	assert_false(igpu->known & IC_KNOWN_IDENT);
	assert_true(igpu->text & IC_TEXT_NO_IDS);
	assert_string_equal(igpu->device_name, "Intel Corporation Device 9a49");
	assert_string_equal(igpu->class_name, "VGA compatible controller");
	/* not root: the capabilities are unknown, as with 64 bytes of config space */
	assert_true(igpu->config_cut);
	assert_true(m->config_cut);
	assert_false(igpu->known & IC_KNOWN_CAPS);
	assert_int_equal(ic_unknown_kind_of(m, igpu), IC_UNKNOWN_TEXT_DENIED);
	assert_int_equal(rciep->vendor, 0x8086);
	assert_int_equal(rciep->class, 0x088000);
	assert_int_equal(rciep->pcie_type, IC_PCIE_RC_END);
	ic_model_free(m);
}

/* Functions above 0 prove a slot multifunction; a lone function 0 leaves it unknown. */
static void test_multifunction(void **state)
{
	struct ic_model *m = read_text(
		"0000:00:1f.0 ISA bridge [0601]: Intel Corporation Device [8086:2918]\n"
		"\tControl: I/O+ Mem+ BusMaster+\n\n"
		"0000:00:1f.3 SMBus [0c05]: Intel Corporation Device [8086:2930]\n"
		"\tControl: I/O+ Mem+ BusMaster-\n\n"
		"0000:00:02.0 Ethernet controller [0200]: Intel Corporation Device [8086:10d3]\n"
		"\tCapabilities: [e0] Express (v1) Endpoint, MSI 00\n\n", 0, NULL);
	struct ic_dev *lpc = find(m, "0000:00:1f.0"), *nic = find(m, "0000:00:02.0");

	(void)state;
	assert_true(lpc->known & IC_KNOWN_MULTIFN);
	assert_true(lpc->multifunction);
	assert_false(nic->known & IC_KNOWN_MULTIFN);
	assert_true(nic->text & IC_TEXT_MF);
	ic_model_free(m);
}

/* The PF's SR-IOV block: VF n at the PF's routing ID + offset + n * stride. */
static void test_sriov(void **state)
{
	struct ic_model *m = read_text(
		"0000:01:00.0 Non-Volatile memory controller [0108]: Red Hat, Inc. QEMU NVM Express Controller [1b36:0010] (rev 02)\n"
		"\tCapabilities: [60] Express (v2) Endpoint, MSI 00\n"
		"\tCapabilities: [100 v1] Alternative Routing-ID Interpretation (ARI)\n"
		"\tCapabilities: [110 v1] Single Root I/O Virtualization (SR-IOV)\n"
		"\t\tIOVCap:\tMigration- 10BitTagReq- IntMsgNum 0\n"
		"\t\tIOVCtl:\tEnable+ Migration- Interrupt- MSE+ ARIHierarchy+ 10BitTagReq-\n"
		"\t\tInitial VFs: 4, Total VFs: 4, Number of VFs: 2, Function Dependency Link: 00\n"
		"\t\tVF offset: 1, stride: 1, Device ID: 0010\n\n"
		"0000:01:00.1 Non-Volatile memory controller [0108]: Red Hat, Inc. QEMU NVM Express Controller [1b36:0010] (rev 02)\n"
		"\tCapabilities: [60] Express (v2) Endpoint, MSI 00\n\n"
		"0000:01:00.2 Non-Volatile memory controller [0108]: Red Hat, Inc. QEMU NVM Express Controller [1b36:0010] (rev 02)\n"
		"\tCapabilities: [60] Express (v2) Endpoint, MSI 00\n\n", 0, NULL);
	struct ic_dev *pf = find(m, "0000:01:00.0"), *vf1 = find(m, "0000:01:00.2");

	(void)state;
	assert_int_equal(pf->sriov.total_vfs, 4);
	assert_int_equal(pf->sriov.num_vfs, 2);
	assert_int_equal(pf->sriov.offset, 1);
	assert_int_equal(pf->nvirtfn, 2);
	assert_ptr_equal(vf1->physfn, pf);
	assert_string_equal(vf1->physfn_bdf, "0000:01:00.0");
	/* VFs of function 0 prove nothing about its multifunction bit */
	assert_false(pf->known & IC_KNOWN_MULTIFN);
	ic_model_free(m);
}

/* CardBus: "Bus:" and a memory window; no bus line: type 0. */
static void test_cardbus(void **state)
{
	struct ic_model *m = read_text(
		"15:00.0 CardBus bridge [0607]: Ricoh Co Ltd RL5c476 II [1180:0476] (rev ba)\n"
		"\tBus: primary=15, secondary=16, subordinate=19, sec-latency=176\n"
		"\tMemory window 0: 84000000-87ffffff (prefetchable)\n\n", 0, NULL);

	(void)state;
	assert_int_equal(find(m, "0000:15:00.0")->header_type, PCI_HEADER_TYPE_CARDBUS);
	assert_int_equal(find(m, "0000:15:00.0")->subordinate_bus, 0x19);
	ic_model_free(m);
}

/* Pastes: wrapped lines, stderr inside a line, tabs as spaces, CRLF, prompts and a tree. */
static void test_messy_paste(void **state)
{
	struct ic_model *m = read_text(
		"$ sudo lspci -vvnn\r\n"
		"0000:00:01.1 PCI bridge [0604]: Advanced Micro Devices, Inc. [AMD] GPP\r\n"
		"Bridge [1022:1483] (prog-if 00 [Normal decode])\r\n"
		"        Bus: primary=00, secondary=01, subordinate=01, sec-latency=0\r\n"
		"        Capabilities: [58] Express (v2) Root Port (Slot+), MSI 00\r\n"
		"                LnkCap2: Suppopcilib: Error reading /sys/bus/pci/devices/0000:00:01.1/label: Operation not permitted\r\n"
		"rted Link Speeds: 2.5-8GT/s, Crosslink- Retimer- 2Retimers- DRS-\r\n"
		"        Capabilities: [2a0 v1] Access Control Services\r\n"
		"                ACSCap: SrcValid+ TransBlk+ ReqRedir+ CmpltRedir+\r\n"
		"UpstreamFwd+ EgressCtrl- DirectTrans+\r\n"
		"                ACSCtl: SrcValid+ TransBlk- ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- DirectTrans-\r\n"
		"        Kernel driver in use: pcieport\r\n"
		"\r\n"
		"-[0000:00]-+-00.0\r\n"
		"           \\-01.1-[01]--\r\n", 0, NULL);
	struct ic_dev *rp = find(m, "0000:00:01.1");

	(void)state;
	assert_int_equal(rp->device, 0x1483);
	assert_int_equal(rp->pcie_type, IC_PCIE_ROOT_PORT);
	assert_int_equal(rp->cfg.acs_cap, 0x5f);
	assert_string_equal(rp->driver, "pcieport");
	assert_int_equal(m->nproblems, 0);
	assert_non_null(strstr(m->dump_form, "wrapped lines joined, error messages cut out"));
	ic_model_free(m);
}

/* Refused: several machines, lspci -m, plain lspci; a cut last device is a problem. */
static void test_refused_and_cut(void **state)
{
	struct ic_collect_error err = { 0 };
	struct ic_model *m;

	(void)state;
	read_text("00:00.0 Host bridge [0600]: X [8086:29c0]\n\tBus: primary=00, secondary=01, subordinate=01, sec-latency=0\n\n"
		  "00:00.0 Host bridge [0600]: X [8086:29c0]\n\tBus: primary=00, secondary=01, subordinate=01, sec-latency=0\n\n",
		  -EINVAL, &err);
	assert_non_null(strstr(err.msg, "line 4: the function of line 1 again (several machines"));
	ic_collect_error_clear(&err);
	read_text("00:00.0 \"Host bridge\" \"Intel Corporation\" \"440FX\" -r02 \"\" \"\"\n", -EINVAL, &err);
	assert_non_null(strstr(err.msg, "lspci -m"));
	ic_collect_error_clear(&err);
	read_text("00:00.0 Host bridge: Intel Corporation 440FX - 82441FX PMC [Natoma] (rev 02)\n", -EINVAL, &err);
	assert_non_null(strstr(err.msg, "line 1: plain lspci output"));
	ic_collect_error_clear(&err);

	m = read_text("00:01.0 PCI bridge [0604]: X [1b36:000c]\n"
		      "\tBus: primary=00, secondary=01, subordinate=01, sec-latency=0\n"
		      "\tCapabilities: [54] Express (v2) Root Port (Slot+), MSI 00\n"
		      "\tCapabilities: [100 v1] Access Contr", 0, NULL);
	assert_true(find(m, "0000:00:01.0")->text & IC_TEXT_CUT);
	assert_false(find(m, "0000:00:01.0")->known & IC_KNOWN_ECAPS);
	assert_int_equal(m->nproblems, 1);
	assert_non_null(strstr(m->problems[0].msg, "line 4:"));
	ic_model_free(m);
}

/* Hex rows win: -x gives the header (multifunction bit), the text the capabilities. */
static void test_mixed_hex(void **state)
{
	struct ic_model *m = read_text(
		"00:02.0 Ethernet controller [0200]: Intel Corporation 82574L [8086:10d3]\n"
		"\tCapabilities: [c8] Power Management version 2\n"
		"\tCapabilities: [e0] Express (v1) Endpoint, MSI 00\n"
		"\tCapabilities: [100 v1] Advanced Error Reporting\n"
		"00: 86 80 d3 10 07 04 10 00 00 00 00 02 00 00 00 00\n"
		"10: 00 00 a0 fe 00 00 a2 fe 01 40 00 00 00 00 a4 fe\n"
		"20: 00 00 00 00 00 00 00 00 00 00 00 00 f4 1a 00 11\n"
		"30: 00 00 00 00 c8 00 00 00 00 00 00 00 0b 01 00 00\n\n", 0, NULL);
	struct ic_dev *d = find(m, "0000:00:02.0");

	(void)state;
	assert_true(d->known & IC_KNOWN_MULTIFN);
	assert_false(d->multifunction);
	assert_int_equal(d->subvendor, 0x1af4);		/* from the hex rows */
	assert_true(d->known & IC_KNOWN_ECAPS);
	assert_int_equal(d->pcie_type, IC_PCIE_ENDPOINT);
	assert_false(d->config_cut);
	assert_false(m->config_cut);
	assert_string_equal(m->dump_form, "lspci -v(v)nn text with hex rows (they win where both are), without IOMMU groups");
	ic_model_free(m);
}

static int cleanup(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_ids_and_bridge),
		cmocka_unit_test(test_capabilities),
		cmocka_unit_test(test_sysfs_lines),
		cmocka_unit_test(test_verbose_once),
		cmocka_unit_test(test_names_and_numbers),
		cmocka_unit_test(test_multifunction),
		cmocka_unit_test(test_sriov),
		cmocka_unit_test(test_cardbus),
		cmocka_unit_test(test_messy_paste),
		cmocka_unit_test(test_refused_and_cut),
		cmocka_unit_test(test_mixed_hex),
	};
	int fd = mkstemp(path);

	if (fd < 0)
		return 1;
	close(fd);
	return cmocka_run_group_tests(tests, NULL, cleanup);
}
