/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * collect-host.c - the host state only `audit` needs: each function's reset, power and
 * override attributes; interrupt remapping as proc/interrupts shows it; the vfio modules and
 * their parameters; and which functions hold a mounted file system, swap, the console or the
 * default route. Every read goes through the root layer, so a snapshot records all of it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "collect.h"
#include "ic.h"
#include "paths.h"

#define IC_HOST_DEPTH 8		/* stacked block devices or net devices followed at most */

static const char *const ic_hmod_names[IC_NHMODS] = {
	[IC_HMOD_VFIO] = "vfio", [IC_HMOD_VFIO_PCI] = "vfio_pci",
	[IC_HMOD_TYPE1] = "vfio_iommu_type1", [IC_HMOD_IOMMUFD] = "iommufd",
	[IC_HMOD_SPAPR] = "vfio_iommu_spapr_tce",
};

static const struct { int mod; const char *name; } ic_hparams[IC_NHPARAMS] = {
	[IC_HP_UNSAFE_TYPE1] = { IC_HMOD_TYPE1, "allow_unsafe_interrupts" },
	[IC_HP_UNSAFE_IOMMUFD] = { IC_HMOD_IOMMUFD, "allow_unsafe_interrupts" },
	[IC_HP_NOIOMMU] = { IC_HMOD_VFIO, "enable_unsafe_noiommu_mode" },
	[IC_HP_IDLE_D3] = { IC_HMOD_VFIO_PCI, "disable_idle_d3" },
	[IC_HP_DENYLIST] = { IC_HMOD_VFIO_PCI, "disable_denylist" },
};

const char *ic_host_module_name(int i)
{
	return ic_hmod_names[i];
}

/*
 * Whether a missing attribute proves its absence: live, or a recorded tree that copies device
 * directories whole. A snapshot of format 1 recorded only what iso-check then read, so what the
 * audit reads is unknown there.
 */
static bool ic_host_absence_proves(const struct ic_root *root)
{
	char *line = NULL;
	bool old;

	if (ic_root_is_live(root) || ic_root_read_line(root, IC_PATH_SNAPSHOT_INFO, &line) < 0)
		return true;
	old = strstr(line, "format 1") != NULL;
	free(line);
	return !old;
}

/* The audit's attributes of D, read through one handle on its directory. */
static void ic_host_dev(const struct ic_root *root, const struct ic_model *m, struct ic_dev *d,
			bool absent_known)
{
	struct ic_dev_audit *a = &d->audit;
	struct ic_rdir dir;
	char *v = NULL;
	int rc;

	ic_rdir_open(root, d->syspath, &dir);	/* if it does not open, each read says why */
	rc = ic_rdir_read_line(&dir, "reset_method", &a->reset_method);
	/* hidden when no method is supported (Linux 5.15 and later) */
	if (rc == 0 || rc == -ENODATA || (rc == -ENOENT && absent_known &&
					  !ic_kernel_before(m->kernel_release, 5, 15) && m->kernel_release))
		a->known |= IC_DA_RESET;
	if (rc == -ENODATA)
		a->reset_method = ic_xstrdup("");
	if (ic_rdir_read_line(&dir, "power_state", &a->power_state) == 0)
		a->known |= IC_DA_POWER;
	if (ic_rdir_read_line(&dir, "d3cold_allowed", &v) == 0) {
		a->d3cold_allowed = ic_streq(v, "1");
		a->known |= IC_DA_D3COLD;
		free(v);
	}
	rc = ic_rdir_read_line(&dir, "driver_override", &v);
	if (rc == 0 || rc == -ENODATA) {
		a->known |= IC_DA_OVERRIDE;
		if (rc == 0 && !ic_streq(v, "(null)"))
			a->driver_override = v;
		else
			free(v);
	}
	rc = ic_rdir_read_line(&dir, "boot_vga", &v);
	if (rc == 0) {
		a->boot_vga = ic_streq(v, "1");
		free(v);
	}
	if (rc == 0 || (rc == -ENOENT && absent_known))	/* only VGA-class functions have it */
		a->known |= IC_DA_BOOT_VGA;
	rc = ic_rdir_read_line(&dir, "removable", &v);
	if (rc == 0) {
		a->removable = ic_streq(v, "removable");
		free(v);
	}
	if (rc == 0 || (rc == -ENOENT && absent_known))
		a->known |= IC_DA_REMOVABLE;
	ic_rdir_close(&dir);
}

/*
 * Counts the interrupt lines of PCI MSI and IO-APIC chips: remapped ("IR-" prefix, from the
 * Intel and AMD remapping domains), behind a GIC ITS (isolated MSI on Arm), or neither.
 */
static void ic_host_interrupts(const struct ic_root *root, struct ic_host *h)
{
	char *text, *save = NULL;

	if (ic_root_read(root, IC_PATH_INTERRUPTS, &text, NULL) < 0)
		return;
	h->interrupts_read = true;
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *tok, *s2 = NULL, *chip = NULL;
		unsigned int irq;
		char colon;

		if (sscanf(l, " %u%c", &irq, &colon) != 2 || colon != ':')
			continue;	/* the CPU header, NMI:, LOC: ... */
		strtok_r(l, " \t", &s2);
		while ((tok = strtok_r(NULL, " \t", &s2)) && strspn(tok, "0123456789") == strlen(tok))
			;
		chip = tok;
		if (!chip || (!strstr(chip, "MSI") && !strstr(chip, "IO-APIC")))
			continue;
		if (!strncmp(chip, "IR-", 3)) {
			if (!h->irq_remapped++)
				h->irq_remapped_chip = ic_xstrdup(chip);
		} else if (strstr(chip, "ITS")) {
			h->irq_its++;
		} else if (!h->irq_plain++) {
			h->irq_plain_chip = ic_xstrdup(chip);
		}
	}
	free(text);
}

/* Whether the units can remap interrupts: Intel ecap bit 3; AMD-Vi units always can. */
static void ic_host_ir_capable(const struct ic_root *root, const struct ic_model *m, struct ic_host *h)
{
	h->ir_capable = m->iommu.nunits ? 0 : -1;
	for (size_t i = 0; i < m->iommu.nunits; i++) {
		char *unit = ic_iommu_unit_dir(root, m->iommu.units[i]), *rel, *amd;
		uint64_t ecap;

		rel = ic_xasprintf("%s/intel-iommu/ecap", unit);
		amd = ic_xasprintf("%s/amd-iommu/features", unit);
		free(unit);
		if (ic_root_read_u64(root, rel, 16, &ecap) == 0) {
			if (ecap & (1u << 3) && h->ir_capable != 1) {
				h->ir_capable = 1;
				h->ir_unit = ic_xstrdup(rel);
				h->ir_what = ic_xasprintf("0x%llx (bit 3: interrupt remapping)",
							  (unsigned long long)ecap);
			}
		} else if (ic_root_exists(root, amd)) {
			if (h->ir_capable != 1) {
				h->ir_capable = 1;
				h->ir_unit = ic_xstrdup(amd);
				h->ir_what = ic_xstrdup("an AMD-Vi unit");
			}
		} else if (h->ir_capable == 0) {
			h->ir_capable = -1;	/* another kind of unit: its registers say nothing here */
		}
		free(rel);
		free(amd);
	}
}

/* Is NAME in proc/modules (a loaded module)? -1: the list could not be read. */
static int ic_host_proc_module(const char *modules, const char *name)
{
	size_t len = strlen(name);

	if (!modules)
		return -1;
	for (const char *p = modules; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, name, len) && p[len] == ' ')
			return 1;
	return 0;
}

/* The command line's NAME.PARAM=VALUE, NULL: not there. */
static char *ic_host_cmdline_param(const char *cmdline, const char *mod, const char *param)
{
	char *key = ic_xasprintf("%s.%s=", mod, param), *val = NULL;
	size_t len = strlen(key);

	for (const char *p = cmdline; p && *p;) {
		size_t w = strcspn(p, " ");

		/* the kernel treats - and _ alike in module names; vfio names use _ */
		if (w > len && !strncmp(p, key, len))
			val = ic_xasprintf("%.*s", (int)(w - len), p + len);
		p += w;
		p += strspn(p, " ");
	}
	free(key);
	return val;
}

/* NAME=VALUE among a module's options ("a=1 b=Y"), NULL: not there; the last one wins. */
static char *ic_host_option(const char *opts, const char *name)
{
	size_t len = strlen(name);
	char *val = NULL;

	for (const char *p = opts; p && *p;) {
		size_t w = strcspn(p, " \t");

		if (w > len && !strncmp(p, name, len) && p[len] == '=') {
			free(val);
			val = ic_xasprintf("%.*s", (int)(w - len - 1), p + len + 1);
		}
		p += w;
		p += strspn(p, " \t");
	}
	return val;
}

static void ic_host_modules(const struct ic_root *root, const struct ic_model *m, struct ic_host *h)
{
	char *modules = NULL;

	if (ic_root_read(root, IC_PATH_PROC_MODULES, &modules, NULL) < 0)
		modules = NULL;
	for (int i = 0; i < IC_NHMODS; i++) {
		char *rel = ic_path_cat(IC_PATH_MODULE, ic_hmod_names[i]);
		char *init = ic_xasprintf("%s/initstate", rel), *state = NULL;

		if (ic_host_proc_module(modules, ic_hmod_names[i]) == 1 ||
		    (ic_root_read_line(root, init, &state) == 0 && ic_streq(state, "live")))
			h->mods[i] = IC_MOD_LOADED;
		else if (!state && ic_root_exists(root, rel) && modules)
			h->mods[i] = IC_MOD_BUILTIN;	/* a directory without initstate: built in */
		else if (h->kmod[i] != IC_MOD_LOADED)
			h->mods[i] = h->kmod[i];	/* the module index: built in, available, missing */
		free(state);
		free(init);
		free(rel);
	}
	for (int i = 0; i < IC_NHPARAMS; i++) {
		struct ic_modparam *p = &h->params[i];
		const char *mod = ic_hmod_names[ic_hparams[i].mod];
		char *dir = ic_path_cat(IC_PATH_MODULE, mod);
		char *rel = ic_xasprintf("%s/parameters/%s", dir, ic_hparams[i].name);
		int rc;

		p->module = mod;
		p->name = ic_hparams[i].name;
		rc = ic_root_read_line(root, rel, &p->value);
		if (rc == 0) {
			p->source = "sysfs";
		} else if (rc == -ENOENT && h->absent_known && ic_root_exists(root, dir) &&
			   (h->mods[ic_hparams[i].mod] == IC_MOD_LOADED || h->mods[ic_hparams[i].mod] == IC_MOD_BUILTIN)) {
			/* the module's directory is there (a tree records its parameters whole), the
			 * option is not: this module was built without it */
			p->value = ic_xstrdup("N");
			p->source = "absent";
		} else if (h->mods[ic_hparams[i].mod] != IC_MOD_LOADED &&
			   h->mods[ic_hparams[i].mod] != IC_MOD_BUILTIN &&
			   (p->value = ic_host_cmdline_param(m->iommu.cmdline, mod, p->name))) {
			p->source = "command line";
		} else if (h->mods[ic_hparams[i].mod] == IC_MOD_AVAILABLE &&
			   (p->value = ic_host_option(h->kmod_options[ic_hparams[i].mod], p->name))) {
			p->source = "modprobe.d";	/* in force when it loads */
		} else if (h->mods[ic_hparams[i].mod] == IC_MOD_AVAILABLE && h->kmod_options[ic_hparams[i].mod]) {
			p->value = ic_xstrdup("N");	/* not configured: the default, off */
			p->source = "default";
		} else {
			p->value = NULL;
		}
		free(dir);
		free(rel);
	}
	free(modules);
}

/* The PCI function a canonical sysfs path is below (the deepest), NULL: none. */
static struct ic_dev *ic_host_path_dev(const struct ic_model *m, const char *canon)
{
	struct ic_dev *best = NULL;
	char *copy = ic_xstrdup(canon), *save = NULL;

	for (char *c = strtok_r(copy, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		struct ic_dev *d = strlen(c) == 12 ? ic_model_find(m, c) : NULL;

		if (d && !strncmp(canon, d->syspath, strlen(d->syspath)))
			best = d;
	}
	free(copy);
	return best;
}

static void ic_host_mark(struct ic_host *h, struct ic_dev *d, unsigned int kind, const char *what)
{
	if (!d->audit.critical) {
		h->ncritical++;
		d->audit.critical_what = ic_xstrdup(what);
	} else if (kind == IC_CRIT_ROOT && !(d->audit.critical & IC_CRIT_ROOT)) {
		free(d->audit.critical_what);	/* the root file system is named first */
		d->audit.critical_what = ic_xstrdup(what);
	}
	d->audit.critical |= kind;
}

/*
 * Marks the function below the block device REL (sys/dev/block/M:m or sys/class/block/NAME),
 * and those below the devices it is stacked on (slaves: dm, md), DEPTH levels at most.
 */
static void ic_host_block(const struct ic_root *root, const struct ic_model *m, struct ic_host *h,
			  const char *rel, unsigned int kind, const char *what, int depth)
{
	char *canon = NULL, *slaves, **names;
	struct ic_dev *d;
	size_t n;

	if (depth > IC_HOST_DEPTH || ic_root_resolve_link(root, rel, &canon) < 0)
		return;
	if ((d = ic_host_path_dev(m, canon)))
		ic_host_mark(h, d, kind, what);
	slaves = ic_xasprintf("%s/slaves", canon);
	if (ic_root_list(root, slaves, &names, &n) == 0) {
		for (size_t i = 0; i < n; i++) {
			char *s = ic_xasprintf(IC_PATH_CLASS_BLOCK "/%s", names[i]);

			ic_host_block(root, m, h, s, kind, what, depth + 1);
			free(s);
		}
		ic_strv_free_n(names, n);
	}
	free(slaves);
	free(canon);
}

/* proc/1/mountinfo: every mount of a block device (major not 0); ic_host_mark() names / first. */
static void ic_host_mounts(const struct ic_root *root, const struct ic_model *m, struct ic_host *h)
{
	char *text, *save = NULL;

	if (ic_root_read(root, IC_PATH_MOUNTINFO, &text, NULL) < 0)
		return;
	h->mounts_read = true;
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		unsigned int maj, min;
		char target[256], *dash = strstr(l, " - "), src[256] = "", *rel, *what;

		if (sscanf(l, "%*u %*u %u:%u %*s %255s", &maj, &min, target) != 3 || !maj)
			continue;
		if (dash)
			sscanf(dash, " - %*s %255s", src);
		rel = ic_xasprintf(IC_PATH_DEV_BLOCK "/%u:%u", maj, min);
		what = ic_xasprintf("%s (%s)", target, *src ? ic_path_basename(src) : rel);
		ic_host_block(root, m, h, rel, ic_streq(target, "/") ? IC_CRIT_ROOT : IC_CRIT_MOUNT, what, 0);
		free(what);
		free(rel);
	}
	free(text);
}

/* proc/swaps: swap partitions (swap files live on a mount already marked). */
static void ic_host_swaps(const struct ic_root *root, const struct ic_model *m, struct ic_host *h)
{
	char *text, *save = NULL;

	if (ic_root_read(root, IC_PATH_SWAPS, &text, NULL) < 0)
		return;
	h->swaps_read = true;
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char file[256], type[32];

		if (sscanf(l, "%255s %31s", file, type) != 2 || !ic_streq(type, "partition") ||
		    strncmp(file, "/" "dev/", 5))
			continue;
		char *rel = ic_xasprintf(IC_PATH_CLASS_BLOCK "/%s", ic_path_basename(file));
		char *what = ic_xasprintf("swap (%s)", ic_path_basename(file));

		ic_host_block(root, m, h, rel, IC_CRIT_SWAP, what, 0);
		free(what);
		free(rel);
	}
	free(text);
}

/* A net device's function, and those of its lower devices (bond slaves, VLAN parents). */
static void ic_host_netdev(const struct ic_root *root, const struct ic_model *m, struct ic_host *h,
			   const char *ifname, const char *what, int depth)
{
	char *rel = ic_xasprintf(IC_PATH_CLASS_NET "/%s", ifname), *canon = NULL, **names;
	struct ic_dev *d;
	size_t n;

	if (depth <= IC_HOST_DEPTH && ic_root_resolve_link(root, rel, &canon) == 0) {
		if ((d = ic_host_path_dev(m, canon)))
			ic_host_mark(h, d, IC_CRIT_ROUTE, what);
		if (ic_root_list(root, canon, &names, &n) == 0) {
			for (size_t i = 0; i < n; i++)
				if (!strncmp(names[i], "lower_", 6))
					ic_host_netdev(root, m, h, names[i] + 6, what, depth + 1);
			ic_strv_free_n(names, n);
		}
	}
	free(canon);
	free(rel);
}

/* A default route's interface (a name from the route table, so no path). */
static void ic_host_default_route(const struct ic_root *root, const struct ic_model *m,
				  struct ic_host *h, const char *ifname)
{
	char *what;

	if (strchr(ifname, '/') || ic_streq(ifname, "..") || ic_streq(ifname, ".") || ic_streq(ifname, "lo"))
		return;
	what = ic_xasprintf("default route (%s)", ifname);
	ic_host_netdev(root, m, h, ifname, what, 0);
	free(what);
}

/* The interfaces of the IPv4 and IPv6 default routes (proc/1/net/route, ipv6_route). */
static void ic_host_routes(const struct ic_root *root, const struct ic_model *m, struct ic_host *h)
{
	char *text, *save = NULL;

	if (ic_root_read(root, IC_PATH_ROUTE, &text, NULL) == 0) {
		h->routes_read = true;
		for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			char ifname[64], dest[16], mask[16];

			if (sscanf(l, "%63s %15s %*s %*s %*s %*s %*s %15s", ifname, dest, mask) == 3 &&
			    ic_streq(dest, "00000000") && ic_streq(mask, "00000000"))
				ic_host_default_route(root, m, h, ifname);
		}
		free(text);
	}
	if (ic_root_read(root, IC_PATH_ROUTE6, &text, NULL) == 0) {
		for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			char dest[40], plen[4], ifname[64];

			if (sscanf(l, "%39s %3s %*s %*s %*s %*s %*s %*s %*s %63s", dest, plen, ifname) == 3 &&
			    strspn(dest, "0") == 32 && ic_streq(plen, "00"))
				ic_host_default_route(root, m, h, ifname);
		}
		free(text);
	}
}

/* Framebuffers (sys/class/graphics/fbN/device) and the boot VGA device drive the console. */
static void ic_host_console(const struct ic_root *root, const struct ic_model *m, struct ic_host *h)
{
	char **names;
	size_t n;

	for (size_t i = 0; i < m->ndevs; i++)
		if (m->devs[i].audit.boot_vga)
			ic_host_mark(h, &m->devs[i], IC_CRIT_VGA, "boot VGA");
	if (ic_root_list(root, IC_PATH_CLASS_GRAPHICS, &names, &n) < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		/* fbN is a link itself: its device link is read below its target */
		char *rel = ic_xasprintf(IC_PATH_CLASS_GRAPHICS "/%s", names[i]), *fb = NULL, *canon = NULL;
		struct ic_dev *d;

		if (!strncmp(names[i], "fb", 2) && ic_root_resolve_link(root, rel, &fb) == 0) {
			free(rel);
			rel = ic_xasprintf("%s/device", fb);
			free(fb);
		}
		if (!strncmp(names[i], "fb", 2) && ic_root_resolve_link(root, rel, &canon) == 0 &&
		    (d = ic_host_path_dev(m, canon))) {
			char *what = ic_xasprintf("framebuffer (%s)", names[i]);

			ic_host_mark(h, d, IC_CRIT_FB, what);
			free(what);
		}
		free(canon);
		free(rel);
	}
	ic_strv_free_n(names, n);
}

/* ic_collect_host() - fills m->host (allocated by the caller or here) and each function's audit. */
void ic_collect_host(const struct ic_root *root, struct ic_model *m)
{
	bool absent_known = ic_host_absence_proves(root);
	struct ic_host *h;

	if (!m->host)
		m->host = ic_xcalloc(1, sizeof(*m->host));
	h = m->host;
	h->absent_known = absent_known;
	for (size_t i = 0; i < m->ndevs; i++)
		ic_host_dev(root, m, &m->devs[i], absent_known);
	ic_host_interrupts(root, h);
	ic_host_ir_capable(root, m, h);
	ic_host_modules(root, m, h);
	ic_host_mounts(root, m, h);
	ic_host_swaps(root, m, h);
	ic_host_routes(root, m, h);
	ic_host_console(root, m, h);
}
