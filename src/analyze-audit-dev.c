/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * analyze-audit-dev.c - the audit's device checks: can vfio-pci bind it, how it resets and what
 * a reset touches, its power state, BAR mapping, VF token and external port.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "collect.h"
#include "ic.h"
#include "mmio.h"
#include "paths.h"
#include "quirks.h"

#include <pci/header.h>

/* vfio_pci_dev_in_denylist(): Intel QAT C3XXX, C62X, DH895XCC (PF and VF), DSA and IAX SPR0. */
static const uint16_t ic_vfio_denylist[] = {
	0x19e2, 0x19e3, 0x37c8, 0x37c9, 0x0435, 0x0443, 0x0b25, 0x0cfe,
};

/* --- device checks --------------------------------------------------------------------- */

static struct ic_check *ic_dev_check(struct ic_audit_ctx *c, const char *id, const struct ic_dev *d,
				     enum ic_check_verdict v, char *text)
{
	struct ic_check *k = ic_check_add(c, id, IC_SCOPE_DEVICE, ic_xstrdup(d->bdf), v, text);

	k->dev = d;
	k->group = d->iommu_group;
	return k;
}

static void ic_check_assignable(struct ic_audit_ctx *c, const struct ic_dev *d)
{
	const struct ic_host *h = c->m->host;
	struct ic_check *k;
	char *rel;

	if (!(d->known & IC_KNOWN_HEADER) || !(d->known & IC_KNOWN_IDENT)) {
		ic_dev_check(c, "device_assignable", d, IC_CV_UNKNOWN,
			     ic_xstrdup("its header type or IDs could not be read"));
		return;
	}
	if (d->header_type != 0) {
		k = ic_dev_check(c, "device_assignable", d, IC_CV_FAIL,
				 ic_xstrdup("a bridge: vfio-pci binds type-0 functions only"));
		k->fix = ic_xstrdup("assign the endpoints below it instead");
		return;
	}
	for (size_t i = 0; d->vendor == 0x8086 && i < IC_ARRAY_SIZE(ic_vfio_denylist); i++)
		if (d->device == ic_vfio_denylist[i] && !ic_yes(h->params[IC_HP_DENYLIST].value)) {
			k = ic_dev_check(c, "device_assignable", d, IC_CV_FAIL,
					 ic_xasprintf("8086:%04x is on vfio-pci's denylist", d->device));
			k->fix = ic_xstrdup("load vfio-pci with disable_denylist=1 if you must");
			return;
		}
	if ((d->sriov.known & IC_SV_NUM) && d->sriov.num_vfs && !ic_streq(d->driver, "vfio-pci")) {
		k = ic_dev_check(c, "device_assignable", d, IC_CV_FAIL,
				 ic_xasprintf("a PF with %u VFs enabled: vfio-pci refuses to bind it",
					      d->sriov.num_vfs));
		rel = ic_xasprintf("%s/sriov_numvfs", d->syspath);
		ic_evid(c->m, k, rel, "%u", d->sriov.num_vfs);
		free(rel);
		k->fix = ic_xasprintf("echo 0 > /" IC_PATH_PCI_DEVICES "/%s/sriov_numvfs before binding", d->bdf);
		return;
	}
	if ((d->audit.known & IC_DA_OVERRIDE) && d->audit.driver_override &&
	    !ic_streq(d->audit.driver_override, "vfio-pci")) {
		k = ic_dev_check(c, "device_assignable", d, IC_CV_WARN,
				 ic_xasprintf("driver_override names %s: only it can bind", d->audit.driver_override));
		rel = ic_xasprintf("%s/driver_override", d->syspath);
		ic_evid(c->m, k, rel, "%s", d->audit.driver_override);
		free(rel);
		k->fix = ic_xasprintf("echo vfio-pci > /" IC_PATH_PCI_DEVICES "/%s/driver_override", d->bdf);
		return;
	}
	/* asked for vfio-pci, which is there, and still unbound: its probe refused the function
	 * (or nothing probed it since the override was written) */
	if ((d->audit.known & IC_DA_OVERRIDE) && d->audit.driver_override && (d->known & IC_KNOWN_DRIVER) &&
	    !d->driver && (h->mods[IC_HMOD_VFIO_PCI] == IC_MOD_LOADED || h->mods[IC_HMOD_VFIO_PCI] == IC_MOD_BUILTIN)) {
		k = ic_dev_check(c, "device_assignable", d, IC_CV_WARN,
				 ic_xasprintf("driver_override is vfio-pci and vfio_pci is loaded, but vfio-pci "
					      "did not bind: its probe refused the function, or it was not "
					      "probed since%s", c->by_pe ? " (on PowerNV, a kernel whose "
					      "platform IOMMU reports no cache coherency, such as Debian 12's "
					      "6.1, refuses every function with -EINVAL)" : ""));
		rel = ic_xasprintf("%s/driver_override", d->syspath);
		ic_evid(c->m, k, rel, "%s", d->audit.driver_override);
		free(rel);
		rel = ic_xasprintf("%s/driver", d->syspath);
		ic_evid(c->m, k, rel, "none");
		free(rel);
		k->fix = ic_xasprintf("echo %s > /" IC_PATH_PCI_BUS "/drivers_probe; if it stays unbound, the "
				      "kernel log (vfio-pci: probe of %s failed) says why%s", d->bdf, d->bdf,
				      c->by_pe ? "; on PowerNV, a newer kernel (Debian: bookworm-backports)" : "");
		return;
	}
	ic_dev_check(c, "device_assignable", d, IC_CV_PASS,
		     ic_streq(d->driver, "vfio-pci") ? ic_xstrdup("bound to vfio-pci") :
		     d->audit.driver_override ? ic_xstrdup("a type-0 function; driver_override is vfio-pci") :
		     ic_xstrdup("a type-0 function vfio-pci can bind"));
}

/*
 * Was D the first function on its bus when the kernel probed its resets? reset_method is fixed
 * when a function is added (pci_init_reset_methods()), and pci_parent_bus_reset() offers "bus"
 * only to a function then alone on its bus: the lowest devfn at boot, since VFs come later.
 * Devices are sorted, and a bus has at most 256 functions, so the walk back is bounded.
 */
static bool ic_first_on_bus(const struct ic_model *m, const struct ic_dev *d)
{
	for (size_t i = (size_t)(d - m->devs); i-- > 0;) {
		const struct ic_dev *o = &m->devs[i];

		if (o->domain != d->domain || o->bus != d->bus)
			return true;
		if (!o->physfn)
			return false;
	}
	return true;
}

/* Does another function share D's bus now (a bus reset would then be refused)? */
static const struct ic_dev *ic_bus_neighbour(const struct ic_model *m, const struct ic_dev *d)
{
	size_t i = (size_t)(d - m->devs);

	if (i > 0 && m->devs[i - 1].domain == d->domain && m->devs[i - 1].bus == d->bus)
		return &m->devs[i - 1];
	if (i + 1 < m->ndevs && m->devs[i + 1].domain == d->domain && m->devs[i + 1].bus == d->bus)
		return &m->devs[i + 1];
	return NULL;
}

/* The reset quirk of EFFECT that applies to D, or NULL. */
static const struct ic_reset_quirk *ic_rq(const struct ic_quirks *q, const struct ic_dev *d,
					  enum ic_reset_effect e)
{
	const struct ic_reset_quirk *hit;

	return ic_quirks_reset(q, d, e, &hit) == 1 ? hit : NULL;
}

/*
 * The methods the kernel would list in reset_method, in its order (section 7.6), from config
 * space and the reset quirks; "" none. An ACPI _RST and a hotplug slot's reset cannot be seen
 * from here, so a list is a floor, not the kernel's answer.
 */
static char *ic_predicted_resets(const struct ic_model *m, const struct ic_quirks *q, const struct ic_dev *d)
{
	const struct ic_cfg *cfg = &d->cfg;
	bool no_flr = ic_rq(q, d, IC_RESET_NO_FLR) != NULL;
	bool bus = d->parent && (d->known & IC_KNOWN_HEADER) && d->header_type == 0 && !d->physfn &&
		   ic_first_on_bus(m, d) &&
		   !ic_rq(q, d, IC_RESET_NO_BUS) && !ic_rq(q, d->parent, IC_RESET_NO_BUS);

	return ic_xasprintf("%s%s%s%s%s", ic_rq(q, d, IC_RESET_DEVICE_SPECIFIC) ? " device_specific" : "",
			    !no_flr && (cfg->known & IC_CFG_DEVCAP) && (cfg->devcap & (1u << 28)) ? " flr" : "",
			    !no_flr && (cfg->known & IC_CFG_AF) && (cfg->af_cap & 0x3) == 0x3 ? " af_flr" : "",
			    (cfg->known & IC_CFG_PM) && !(cfg->pm_ctrl & 0x0008) && !ic_rq(q, d, IC_RESET_NO_PM) ?
			    " pm" : "", bus ? " bus" : "");
}

/*
 * ic_audit_reset_info() - the reset methods of D as groups shows them: the kernel's list
 * (*PREDICTED false; "" none) or, when reset_method was not read, the predicted floor
 * (*PREDICTED true); NULL when nothing shows one. *VENDOR_RESET: an AMD GPU with the reset bug
 * that has no device_specific method.
 */
char *ic_audit_reset_info(const struct ic_model *m, const struct ic_quirks *q, const struct ic_dev *d,
			  bool *predicted, bool *vendor_reset)
{
	bool vr = ic_rq(q, d, IC_RESET_VENDOR_RESET) != NULL;
	char *pred, *list;

	*predicted = !(d->audit.known & IC_DA_RESET);
	if (!*predicted) {
		const char *methods = d->audit.reset_method ? d->audit.reset_method : "";

		*vendor_reset = vr && !strstr(methods, "device_specific");
		return ic_xstrdup(methods);
	}
	*vendor_reset = vr;
	pred = ic_predicted_resets(m, q, d);
	list = *pred ? ic_xstrdup(pred + 1) : NULL;
	free(pred);
	return list;
}

/* The RESET column: "flr bus", "none", "pm bus?" (predicted), "?", or "needs vendor-reset". */
char *ic_audit_reset_cell(const struct ic_model *m, const struct ic_quirks *q, const struct ic_dev *d)
{
	bool predicted, vr;
	char *list = ic_audit_reset_info(m, q, d, &predicted, &vr), *cell;

	cell = vr ? ic_xstrdup("needs vendor-reset") : !list ? ic_xstrdup("?") :
	       predicted ? ic_xasprintf("%s?", list) : ic_xstrdup(*list ? list : "none");
	free(list);
	return cell;
}

/* Evidence for each reset quirk that applies to D (the methods the kernel took away or added). */
static void ic_reset_quirk_evidence(const struct ic_audit_ctx *c, struct ic_check *k, const struct ic_dev *d)
{
	static const char *const what[] = {
		[IC_RESET_NO_BUS] = "no bus reset", [IC_RESET_NO_PM] = "no PM reset",
		[IC_RESET_NO_FLR] = "no FLR", [IC_RESET_DEVICE_SPECIFIC] = "a device-specific reset",
		[IC_RESET_VENDOR_RESET] = "FLR and bus reset do not bring it back; only vendor-reset resets it",
	};
	for (int e = 0; e < (int)IC_ARRAY_SIZE(what); e++) {
		const struct ic_reset_quirk *r = ic_rq(c->q, d, (enum ic_reset_effect)e);

		if (r)
			ic_evid(c->m, k, NULL, IC_RESET_QUIRKS_FILE ": %04x:%04x, %s: %s", d->vendor, d->device,
				r->function, what[e]);
	}
}

static void ic_check_reset(struct ic_audit_ctx *c, const struct ic_dev *d)
{
	const struct ic_reset_quirk *vr = ic_rq(c->q, d, IC_RESET_VENDOR_RESET);
	struct ic_check *k;
	char *rel = ic_xasprintf("%s/reset_method", d->syspath), *pred;

	if (d->audit.known & IC_DA_RESET) {
		const char *methods = d->audit.reset_method;
		bool none = !methods || !*methods;
		bool specific = methods && strstr(methods, "device_specific");

		if (vr && !specific) {
			k = ic_dev_check(c, "reset_available", d, IC_CV_WARN,
					 ic_xasprintf("an AMD GPU with the reset bug (%s): after a VM run it stays "
						      "hung until the host reboots", vr->function + strlen("vendor-reset:")));
			k->fix = ic_xstrdup("install the vendor-reset module (DKMS) and echo device_specific > "
					    "reset_method, or give the GPU to one VM for the host's uptime");
		} else if (none) {
			k = ic_dev_check(c, "reset_available", d, IC_CV_WARN,
					 ic_xstrdup("no reset method: device state leaks from one VM run to the "
						    "next, and QEMU says \"no available reset mechanism\""));
			k->fix = ic_xstrdup("a device that cannot reset should go to one VM for its lifetime; "
					    "a slot with hotplug gives it a slot reset");
		} else if (ic_streq(methods, "bus") && ic_bus_neighbour(c->m, d)) {
			const struct ic_dev *o = ic_bus_neighbour(c->m, d);

			k = ic_dev_check(c, "reset_available", d, IC_CV_WARN,
					 ic_xasprintf("only a bus reset, which the kernel refuses while %s shares "
						      "its bus (reset_method was fixed when it was the first there)",
						      o->bdf));
			k->fix = ic_xstrdup("assign it where it is alone on its bus, or rely on the VM "
					    "not needing a reset");
		} else {
			k = ic_dev_check(c, "reset_available", d, IC_CV_PASS, ic_xasprintf("reset by %s", methods));
		}
		ic_evid(c->m, k, rel, "%s", none ? "absent (no method)" : methods);
		ic_reset_quirk_evidence(c, k, d);
		free(rel);
		return;
	}
	pred = ic_predicted_resets(c->m, c->q, d);
	if (vr) {
		k = ic_dev_check(c, "reset_available", d, IC_CV_WARN,
				 ic_xasprintf("an AMD GPU with the reset bug (%s): after a VM run it stays hung "
					      "until the host reboots", vr->function + strlen("vendor-reset:")));
	} else if (*pred) {
		k = ic_dev_check(c, "reset_available", d, IC_CV_NOTE,
				 ic_xasprintf("config space and the reset quirks offer%s; the kernel's "
					      "reset_method was not read", pred));
	} else {
		k = ic_dev_check(c, "reset_available", d, IC_CV_UNKNOWN,
				 ic_xstrdup("reset_method was not read and config space shows no function reset"));
	}
	ic_reset_quirk_evidence(c, k, d);
	k->fix = ic_xasprintf("read %s on the host (Linux 5.15 or later)", rel);
	free(pred);
	free(rel);
}

/*
 * The hot-reset set as vfio forms it (vfio_pci_dev_set): a VF or a function on a root bus alone;
 * a hotplug slot the kernel can reset (pciehp: the parent port's SltCap says Hot-Plug Capable)
 * holds the functions of its device number and all below them; else every function below the
 * parent bridge. Whether pciehp (rather than ACPI hotplug) drives the slot is not visible, so
 * the bus is the set judged; below a PCIe port both are the same unless the bus holds several
 * device numbers (ARI), and then the text says what a slot reset would spare.
 */
static void ic_check_reset_scope(struct ic_audit_ctx *c, const struct ic_dev *d, size_t *first_child,
				 size_t *next_sibling)
{
	const struct ic_model *m = c->m;
	const struct ic_cfg *pc = d->parent ? &d->parent->cfg : NULL;
	bool slot = pc && (pc->known & IC_CFG_SLOT) && (pc->sltcap & PCI_EXP_SLTCAP_HPC);
	char *others = ic_xstrdup(""), *where;
	size_t nothers = 0, nset = 0, noutside = 0, *stack = NULL, sp = 0, cap = 0;
	const struct ic_dev *nobus;
	const struct ic_reset_quirk *nobus_q;
	struct ic_check *k;

	if (d->physfn || !d->parent) {
		ic_dev_check(c, "reset_scope", d, IC_CV_PASS,
			     ic_xstrdup(d->physfn ? "a VF: it resets alone" : "on a root bus: it resets alone"));
		free(others);
		return;
	}
	/* every function below the parent bridge (or in the slot), depth first */
	nobus_q = ic_rq(c->q, d->parent, IC_RESET_NO_BUS);
	nobus = nobus_q ? d->parent : NULL;
	IC_APPEND(stack, sp, cap, first_child[d->parent - m->devs]);
	while (sp) {
		size_t i = stack[--sp];
		bool top = m->devs[i].parent == d->parent;

		for (; i != SIZE_MAX; i = next_sibling[i]) {
			const struct ic_dev *o = &m->devs[i];

			if (top && o->slot != d->slot)
				noutside++;
			nset++;
			if (!nobus && (nobus_q = ic_rq(c->q, o, IC_RESET_NO_BUS)))
				nobus = o;
			if (o != d && o->iommu_group != d->iommu_group && nothers++ < 8) {
				char *n = ic_xasprintf("%s%s%s (group %d, %s)", others, nothers > 1 ? ", " : "", o->bdf,
						       o->iommu_group, o->driver ? o->driver : "no driver");

				free(others);
				others = n;
			}
			if (first_child[i] != SIZE_MAX)
				IC_APPEND(stack, sp, cap, first_child[i]);
		}
	}
	free(stack);
	if (nothers > 8) {
		char *n = ic_xasprintf("%s and %zu more", others, nothers - 8);

		free(others);
		others = n;
	}
	where = slot && !noutside ? ic_xasprintf("a hot reset (of %s's hotplug slot, or the bus below it: "
						 "the same functions)", d->parent->bdf) :
		ic_xasprintf("a bus reset below %s", d->parent->bdf);
	if (nobus && nobus_q) {
		k = ic_dev_check(c, "reset_scope", d, IC_CV_NOTE,
				 ic_xasprintf("no hot reset below %s: the kernel refuses a bus reset there (%s "
					      "on %s), so only the function's own reset is left", d->parent->bdf,
					      nobus_q->function, nobus->bdf));
		ic_evid(m, k, NULL, IC_RESET_QUIRKS_FILE ": %04x:%04x, %s: no bus reset", nobus->vendor,
			nobus->device, nobus_q->function);
	} else if (nothers) {
		k = ic_dev_check(c, "reset_scope", d, IC_CV_WARN,
				 ic_xasprintf("%s also resets %s: a hot reset needs all of them owned", where, others));
		k->fix = ic_xstrdup("assign them together, or rely on a function-level reset (FLR)");
	} else {
		k = ic_dev_check(c, "reset_scope", d, nset > 1 ? IC_CV_NOTE : IC_CV_PASS,
				 nset > 1 ? ic_xasprintf("%s resets %zu functions, all in its group", where, nset) :
				 ic_xasprintf("alone: %s touches nothing else", where));
	}
	if (slot && noutside) {
		char *n = ic_xasprintf("%s (if pciehp drives %s's slot, a slot reset spares the %zu function%s "
				       "of other device numbers)", k->text, d->parent->bdf, noutside,
				       noutside == 1 ? "" : "s");

		free(k->text);
		k->text = n;
	}
	if (slot) {
		char *rel = ic_xasprintf("%s/config", d->parent->syspath);

		ic_evid(m, k, rel, "SltCap %08x: Hot-Plug Capable", pc->sltcap);
		free(rel);
	}
	free(where);
	free(others);
}

static void ic_check_power(struct ic_audit_ctx *c, const struct ic_dev *d)
{
	const struct ic_dev_audit *a = &d->audit;
	const struct ic_modparam *p = &c->m->host->params[IC_HP_IDLE_D3];
	char *rel = ic_xasprintf("%s/power_state", d->syspath);
	struct ic_check *k;

	if (!(a->known & IC_DA_POWER)) {
		ic_dev_check(c, "power_state", d, IC_CV_UNKNOWN, ic_xstrdup("power_state was not read"));
	} else if (ic_streq(a->power_state, "D3cold")) {
		k = ic_dev_check(c, "power_state", d, IC_CV_WARN,
				 ic_xstrdup("in D3cold: powered off, config space reads all ones until it wakes"));
		ic_evid(c->m, k, rel, "%s", a->power_state);
		k->fix = ic_xasprintf("echo 0 > /" IC_PATH_PCI_DEVICES "/%s/d3cold_allowed", d->bdf);
	} else if ((a->known & IC_DA_D3COLD) && a->d3cold_allowed && ic_streq(d->driver, "vfio-pci") &&
		   !ic_yes(p->value)) {
		k = ic_dev_check(c, "power_state", d, IC_CV_NOTE,
				 ic_xasprintf("%s; vfio-pci lets it idle in D3 (some devices do not come back)",
					      a->power_state));
		ic_evid(c->m, k, rel, "%s", a->power_state);
		k->fix = ic_xstrdup("if it fails to wake: vfio_pci.disable_idle_d3=1");
	} else {
		k = ic_dev_check(c, "power_state", d, IC_CV_PASS, ic_xstrdup(a->power_state));
		ic_evid(c->m, k, rel, "%s", a->power_state);
	}
	free(rel);
}

static void ic_check_bar_mmap(struct ic_audit_ctx *c, const struct ic_dev *d, const struct ic_bars_report *b,
			      size_t row)
{
	enum ic_check_verdict v = IC_CV_PASS;
	char *what = ic_xstrdup("");
	size_t nbars = 0;

	if (!(d->known & IC_KNOWN_RESOURCES)) {
		ic_dev_check(c, "bar_mmap", d, IC_CV_UNKNOWN, ic_xstrdup("its resources could not be read"));
		free(what);
		return;
	}
	for (; row < b->nrows && b->rows[row].dev == d; row++) {
		const struct ic_bar_row *br = &b->rows[row];
		enum ic_check_verdict w = br->shares_page ? IC_CV_FAIL : br->mmap == IC_MMAP_REFUSED ? IC_CV_WARN :
					  br->mmap == IC_MMAP_PADDED ? IC_CV_NOTE : IC_CV_PASS;

		if (br->mmap != IC_MMAP_NA)
			nbars++;
		if (w != IC_CV_PASS) {
			char *name = ic_res_name(br->res);
			char *n = ic_xasprintf("%s%s%s %s", what, *what ? ", " : "", name,
					       br->shares_page ? "shares a page with another group" :
					       br->mmap == IC_MMAP_REFUSED ? "is sub-page: not mmap()ed" :
					       "is sub-page (vfio reserves the rest of its page)");
			free(name);
			free(what);
			what = n;
		}
		if (w > v)
			v = w;
	}
	ic_dev_check(c, "bar_mmap", d, v,
		     v == IC_CV_PASS ? ic_xasprintf("%zu memory BAR%s, each mapped whole", nbars, nbars == 1 ? "" : "s") :
		     ic_xstrdup(what));
	free(what);
}

static void ic_check_vf_token(struct ic_audit_ctx *c, const struct ic_dev *d)
{
	const struct ic_dev *pf = d->physfn;
	struct ic_check *k;

	if (!(pf->known & IC_KNOWN_DRIVER)) {
		ic_dev_check(c, "vf_token", d, IC_CV_UNKNOWN, ic_xasprintf("the PF %s's driver is unknown", pf->bdf));
	} else if (ic_streq(pf->driver, "vfio-pci")) {
		k = ic_dev_check(c, "vf_token", d, IC_CV_NOTE,
				 ic_xasprintf("its PF %s is owned by vfio-pci: opening the VF needs the PF "
					      "owner's VF token, and that owner can disrupt it", pf->bdf));
		k->fix = ic_xstrdup("pass the PF owner's token: QEMU -device vfio-pci,host=...,vf-token=UUID");
	} else {
		ic_dev_check(c, "vf_token", d, IC_CV_PASS,
			     ic_xasprintf("its PF %s is owned by the host (%s): no VF token", pf->bdf,
					  pf->driver ? pf->driver : "no driver"));
	}
}

static void ic_check_external(struct ic_audit_ctx *c, const struct ic_dev *d)
{
	struct ic_check *k;

	if (!(d->audit.known & IC_DA_REMOVABLE)) {
		ic_dev_check(c, "external_port", d, IC_CV_UNKNOWN, ic_xstrdup("removable was not read"));
	} else if (d->audit.removable) {
		char *rel = ic_xasprintf("%s/removable", d->syspath);

		k = ic_dev_check(c, "external_port", d, IC_CV_WARN,
				 ic_xstrdup("below an external-facing port (Thunderbolt, USB4): the kernel "
					    "treats it as untrusted, and it can be swapped while assigned"));
		ic_evid(c->m, k, rel, "removable");
		free(rel);
	} else {
		ic_dev_check(c, "external_port", d, IC_CV_PASS, ic_xstrdup("not below an external-facing port"));
	}
}

void ic_device_checks(struct ic_audit_ctx *c, const struct ic_dev *d, const struct ic_bars_report *b,
			     const size_t *bar_row, size_t *first_child, size_t *next_sibling)
{
	ic_check_assignable(c, d);
	ic_check_reset(c, d);
	ic_check_reset_scope(c, d, first_child, next_sibling);
	ic_check_power(c, d);
	ic_check_bar_mmap(c, d, b, bar_row[d - c->m->devs]);
	if (d->physfn)
		ic_check_vf_token(c, d);
	ic_check_external(c, d);
}

