/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-collect.c - the model collected from recorded trees: topology, header, capabilities,
 * resources, SR-IOV links, groups; and the root layer's confinement. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fixture-loader.h"

#include "collect.h"
#include "ic.h"

static char tmpdir[] = "/tmp/ic-test-collect-XXXXXX";

static struct ic_model *load(const char *name)
{
	return fx_load(tmpdir, name, false);
}

static struct ic_dev *find(struct ic_model *m, const char *bdf)
{
	struct ic_dev *d = ic_model_find(m, bdf);

	assert_non_null(d);
	return d;
}

static void test_basic_topology(void **state)
{
	struct ic_model *m = load("basic-q35");
	struct ic_dev *rp = find(m, "0000:00:03.0"), *usp = find(m, "0000:02:00.0");
	struct ic_dev *dsp = find(m, "0000:03:00.0"), *nic = find(m, "0000:04:00.0");
	struct ic_dev *p2p = find(m, "0000:06:00.0"), *conv = find(m, "0000:07:01.0");
	struct ic_dev *lpc = find(m, "0000:00:1f.0");

	assert_int_equal(m->ndevs, 18);
	assert_int_equal(m->ngroups, 12);
	assert_false(ic_model_is_partial(m));
	assert_false(m->config_cut);
	assert_string_equal(m->kernel_release, "6.1.0-56-amd64");
	/* parents from the device path */
	assert_null(rp->parent);
	assert_ptr_equal(usp->parent, rp);
	assert_ptr_equal(dsp->parent, usp);
	assert_ptr_equal(nic->parent, dsp);
	assert_ptr_equal(conv->parent, p2p);
	assert_int_equal(rp->nchild_buses, 1);
	assert_int_equal(rp->child_buses[0], 2);
	assert_int_equal(usp->nchild_buses, 1);
	assert_int_equal(usp->child_buses[0], 3);
	assert_int_equal(p2p->child_buses[0], 7);
	assert_int_equal(nic->nchild_buses, 0);
	/* header and PCIe types from config space */
	assert_true(ic_dev_is_bridge(rp));
	assert_int_equal(rp->secondary_bus, 2);
	assert_int_equal(rp->subordinate_bus, 5);
	assert_int_equal(rp->pcie_type, IC_PCIE_ROOT_PORT);
	assert_int_equal(usp->pcie_type, IC_PCIE_UPSTREAM);
	assert_int_equal(dsp->pcie_type, IC_PCIE_DOWNSTREAM);
	assert_int_equal(nic->pcie_type, IC_PCIE_ENDPOINT);
	assert_int_equal(p2p->pcie_type, IC_PCIE_PCI_BRIDGE);
	assert_int_equal(conv->pcie_type, IC_PCIE_NONE);
	assert_true(conv->known & IC_KNOWN_PCIE);
	assert_true(lpc->multifunction);
	/* QEMU root ports have ACS, the XIO3130 downstream ports do not */
	assert_non_null(ic_dev_find_cap(rp, PCI_EXT_CAP_ID_ACS, true));
	assert_null(ic_dev_find_cap(dsp, PCI_EXT_CAP_ID_ACS, true));
	assert_true(dsp->known & IC_KNOWN_ECAPS);
	assert_int_equal(rp->config_len, 4096);
	/* resources, identity, driver, group */
	assert_true(nic->known & IC_KNOWN_RESOURCES);
	assert_int_equal(nic->nres, 13);
	assert_int_equal(rp->nres, 17);
	assert_true(nic->res[0].flags & IC_IORESOURCE_MEM);
	assert_int_equal(nic->vendor, 0x8086);
	assert_int_equal(nic->device, 0x10d3);
	assert_int_equal(nic->class >> 8, 0x0200);
	assert_string_equal(rp->driver, "pcieport");
	assert_null(nic->driver);
	assert_int_equal(nic->iommu_group, 9);
	assert_int_equal(ic_model_group(m, 9)->ndevs, 2);
	assert_string_equal(ic_model_group(m, 9)->type, "DMA-FQ");
	assert_true(ic_model_group(m, 9)->resv_known);
	assert_int_equal(m->iommu.nunits, 1);
	assert_true(m->iommu.dmar);
	assert_null(nic->vendor_name);	/* numeric: no names */
	ic_model_free(m);
}

static void test_sriov_links(void **state)
{
	struct ic_model *m = load("sriov-nvme");
	struct ic_dev *pf = find(m, "0000:01:00.0"), *vf = find(m, "0000:01:00.3");

	assert_int_equal(pf->nvirtfn, 4);
	assert_ptr_equal(pf->virtfn[2], vf);
	assert_ptr_equal(vf->physfn, pf);
	assert_non_null(ic_dev_find_cap(pf, PCI_EXT_CAP_ID_SRIOV, true));
	assert_ptr_equal(vf->parent, find(m, "0000:00:02.0"));
	assert_string_equal(pf->driver, "nvme");
	ic_model_free(m);
}

static void test_no_iommu(void **state)
{
	struct ic_model *m = load("no-iommu");

	assert_int_equal(m->ngroups, 0);
	assert_true(m->iommu.groups_dir);
	assert_int_equal(m->iommu.nunits, 0);
	assert_non_null(strstr(m->iommu.cmdline, "intel_iommu=off"));
	for (size_t i = 0; i < m->ndevs; i++)
		assert_int_equal(m->devs[i].iommu_group, -1);
	ic_model_free(m);
}

/* A link that climbs out of the root, or an absolute one, stays inside it. */
static void test_root_confinement(void **state)
{
	char *dir = ic_xasprintf("%s/confine", tmpdir), *cmd, *buf;
	struct ic_root *root;

	cmd = ic_xasprintf("mkdir -p %s/sys && echo inside > %s/secret && "
			   "ln -s ../../../../../../../../secret %s/sys/up && ln -s /secret %s/sys/abs",
			   dir, dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(ic_root_open(dir, &root, &(char *){ NULL }), 0);
	assert_int_equal(ic_root_read_line(root, "sys/up", &buf), 0);
	assert_string_equal(buf, "inside");
	free(buf);
	assert_int_equal(ic_root_read_line(root, "sys/abs", &buf), 0);
	assert_string_equal(buf, "inside");
	free(buf);
	assert_string_equal((buf = ic_path_join_normalize("sys/bus/pci/devices", "../../../devices/pci0000:00/0000:00:01.0")),
			    "sys/devices/pci0000:00/0000:00:01.0");
	free(buf);
	assert_string_equal((buf = ic_path_join_normalize("sys", "../../../x")), "x");
	free(buf);
	assert_string_equal((buf = ic_path_join_normalize("a//b/", "./c/.././/d/")), "a/b/d");
	free(buf);
	assert_string_equal((buf = ic_path_join_normalize("ignored", "/x/y/../z")), "x/z");
	free(buf);
	assert_string_equal((buf = ic_path_join_normalize("a/b", "..")), "a");
	free(buf);
	assert_string_equal((buf = ic_path_join_normalize("", ".")), "");
	free(buf);
	ic_root_free(root);
	free(cmd);
	free(dir);
}

/* Names: --pci-ids FILE is that file alone; without it, names every database has (8086). */
static void test_names(void **state)
{
	char *ids = ic_xasprintf("%s/names.ids", tmpdir);
	FILE *f = fopen(ids, "w");
	struct ic_dev d = { .vendor = 0x1af4, .device = 0x1000, .class = 0x020000,
			    .known = IC_KNOWN_IDENT | IC_KNOWN_CLASS };
	struct ic_pci *pci;

	assert_non_null(f);
	fputs("# a database of one vendor\n1af4  Test Vendor\n\t1000  Test NIC\n"
	      "C 02  Network controller\n\t00  Test Ethernet\n", f);
	assert_int_equal(fclose(f), 0);
	pci = ic_pci_open_names();
	ic_pci_names(pci, ids, &d);
	assert_string_equal(d.vendor_name, "Test Vendor");
	assert_string_equal(d.device_name, "Test NIC");
	assert_string_equal(d.class_name, "Test Ethernet");
	ic_pci_close(pci);
	free(d.vendor_name);
	free(d.device_name);
	free(d.class_name);
	/* an ID the file lacks stays unnamed: the host's databases are not asked */
	d = (struct ic_dev){ .vendor = 0x8086, .device = 0x29c0, .known = IC_KNOWN_IDENT };
	pci = ic_pci_open_names();
	ic_pci_names(pci, ids, &d);
	assert_null(d.vendor_name);
	ic_pci_close(pci);
	/* the udev hwdb or pci.ids, whichever the host has, names Intel */
	pci = ic_pci_open_names();
	ic_pci_names(pci, NULL, &d);
	ic_pci_close(pci);
	free(ids);
	if (!d.vendor_name)
		skip();		/* no name database on this host at all */
	assert_string_equal(d.vendor_name, "Intel Corporation");
	free(d.vendor_name);
	free(d.device_name);
}

static int cleanup(void **state)
{
	return fx_cleanup(tmpdir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic_topology),
		cmocka_unit_test(test_sriov_links),
		cmocka_unit_test(test_no_iommu),
		cmocka_unit_test(test_root_confinement),
		cmocka_unit_test(test_names),
	};

	if (!mkdtemp(tmpdir))
		return 1;
	return cmocka_run_group_tests(tests, NULL, cleanup);
}
