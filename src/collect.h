/* SPDX-License-Identifier: GPL-2.0-or-later */
/* collect.h - reading a (sys)root into the model; the only code that reads host state. */
#ifndef IC_COLLECT_H
#define IC_COLLECT_H

#include "model.h"
#include "root.h"

struct ic_pci;	/* libpci access, forced to the sysfs method inside the root */

/* Fatal collection error: what could not be read and why. */
struct ic_collect_error {
	char *path;
	char *msg;
};

struct ic_collect_opts {
	bool numeric;		/* -n: no names from pci.ids */
	const char *pci_ids;	/* -i FILE: the name database; NULL: libpci's default */
	bool host;		/* also the host state the audit reads (collect-host.c) */
};

int ic_collect(struct ic_root *root, const struct ic_collect_opts *opts, struct ic_model **out,
	       struct ic_collect_error *err);
void ic_collect_error_clear(struct ic_collect_error *err);
int ic_collect_dump(const char *file, const struct ic_collect_opts *opts, struct ic_model **out,
		    struct ic_collect_error *err);

/* collect-config.c */
int ic_pci_open(const struct ic_root *root, const char *dump, struct ic_pci **out, char **errmsg);
struct ic_pci *ic_pci_open_names(void);
void ic_pci_close(struct ic_pci *pci);
void ic_pci_names(struct ic_pci *pci, const char *ids_file, struct ic_dev *d);
int ic_pci_read_config(struct ic_pci *pci, const struct ic_dev *d, size_t size, uint8_t **buf,
		       size_t *len);

/* collect-pci.c */
/* What the scan of /sys/bus/pci/devices reads once and shares between functions. */
struct ic_pci_scan {
	struct ic_rdir bus;		/* sys/bus/pci/devices */
	char *host, *host_fw;		/* the last host bridge directory and its firmware_node */
	struct ic_scan_driver {
		char *name, *module;	/* a driver and its module (NULL: built in, or unknown) */
	} *drivers;
	size_t ndrivers, drivers_cap;
};
void ic_pci_scan_clear(struct ic_pci_scan *scan);
void ic_collect_pci_dev(struct ic_pci_scan *scan, struct ic_model *m, const char *name);
void ic_collect_pci_links(struct ic_model *m);
void ic_dev_parse_config(struct ic_model *m, struct ic_dev *d, const char *path, bool dump);

/* collect-text.c: lspci's decoded text (and the hex rows among it) */
struct ic_text;
int ic_text_scan(const char *text, size_t len, struct ic_text **out, char **msg);
int ic_text_check(const struct ic_text *t, char **msg);
void ic_text_free(struct ic_text *t);
size_t ic_text_count(const struct ic_text *t);
bool ic_text_addr_of(const struct ic_text *t, size_t i, struct ic_dev *d);
const char *ic_text_hex(const struct ic_text *t, size_t *len, const size_t **lines);
char *ic_text_form(const struct ic_text *t);
void ic_text_apply(const struct ic_text *t, size_t i, struct ic_model *m, struct ic_dev *d);
void ic_text_problems(const struct ic_text *t, struct ic_model *m, const char *file);
void ic_text_finish(const struct ic_text *t, struct ic_model *m);
void ic_text_maybe_vfs(struct ic_model *m);

/* collect-iommu.c */
void ic_collect_iommu(const struct ic_root *root, struct ic_model *m);

/* collect-phb.c */
void ic_collect_phbs(const struct ic_root *root, struct ic_model *m);
long ic_dt_cells(const struct ic_root *root, const char *node, const char *name, uint32_t **cells);

/* collect-host.c */
void ic_collect_host(const struct ic_root *root, struct ic_model *m);
char *ic_iommu_unit_dir(const struct ic_root *root, const char *name);
const char *ic_host_module_name(int i);

/* collect-kmod.c */
void ic_collect_modules(const struct ic_root *root, struct ic_model *m);

#endif
