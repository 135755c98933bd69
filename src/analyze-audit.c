/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * analyze-audit.c - `iso-check audit`: everything that decides whether a device can be handed
 * to a VM, as checks with a verdict each (kernel-isolation.md section 7). Host checks, then per
 * group (the kernel's, or predicted ones with the IOMMU off), then per function of the group.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "collect.h"
#include "ic.h"
#include "mmio.h"
#include "paths.h"
#include "predict.h"

const char *ic_check_verdict_str(enum ic_check_verdict v)
{
	static const char *const names[] = {
		[IC_CV_PASS] = "pass", [IC_CV_NOTE] = "note", [IC_CV_UNKNOWN] = "unknown",
		[IC_CV_WARN] = "warn", [IC_CV_FAIL] = "fail",
	};
	return names[v];
}

const char *ic_check_scope_str(enum ic_check_scope s)
{
	static const char *const names[] = {
		[IC_SCOPE_HOST] = "host", [IC_SCOPE_GROUP] = "group", [IC_SCOPE_DEVICE] = "device",
	};
	return names[s];
}

/* Where PATH (root-relative) is, as the user would type it. */
static char *ic_audit_path(const struct ic_model *m, const char *rel)
{
	if (!m->sysroot)
		return ic_xasprintf("/%s", rel);
	return ic_xasprintf(m->sysroot_archive ? "%s:/%s" : "%s/%s", m->sysroot, rel);
}

struct ic_check *ic_check_add(struct ic_audit_ctx *c, const char *id, enum ic_check_scope scope,
				     char *subject, enum ic_check_verdict v, char *text)
{
	struct ic_check *k;

	IC_APPEND(c->r->checks, c->r->nchecks, c->cap, ((struct ic_check){ 0 }));
	k = &c->r->checks[c->r->nchecks - 1];
	k->def = ic_finding_registered(id);
	k->scope = scope;
	k->subject = subject;
	k->verdict = v;
	k->text = text;
	k->group = -1;
	return k;
}

void ic_evid(const struct ic_model *m, struct ic_check *k, const char *rel, const char *fmt, ...)
{
	char *what, *path = rel ? ic_audit_path(m, rel) : NULL;
	va_list ap;
	size_t cap = k->nevidence;

	va_start(ap, fmt);
	if (vasprintf(&what, fmt, ap) < 0)
		ic_oom();
	va_end(ap);
	IC_APPEND(k->evidence, k->nevidence, cap, path ? ic_xasprintf("%s: %s", path, what) : ic_xstrdup(what));
	free(what);
	free(path);
}

/* Is WORD, or a word starting with PREFIX= when WORD ends in '=', on the command line? */
static const char *ic_cmdline_word(const char *cmdline, const char *word)
{
	size_t len = strlen(word);

	for (const char *p = cmdline; p && (p = strstr(p, word)) != NULL; p += len)
		if ((p == cmdline || p[-1] == ' ') &&
		    (word[len - 1] == '=' || p[len] == '\0' || p[len] == ' '))
			return p;
	return NULL;
}

bool ic_yes(const char *v)
{
	return v && (ic_streq(v, "Y") || ic_streq(v, "1") || ic_streq(v, "y"));
}

/* --- host checks ----------------------------------------------------------------------- */

static void ic_check_iommu(struct ic_audit_ctx *c, const struct ic_groups_report *gr)
{
	const struct ic_model *m = c->m;
	struct ic_check *k;

	if (m->dump) {
		k = ic_check_add(c, "iommu_enabled", IC_SCOPE_HOST, ic_xstrdup("host"), IC_CV_UNKNOWN,
				 ic_xstrdup("an lspci dump holds no IOMMU state"));
		k->fix = ic_xstrdup("audit the host itself, or a snapshot of it (iso-check snapshot)");
		return;
	}
	if (m->ngroups) {
		k = ic_check_add(c, "iommu_enabled", IC_SCOPE_HOST, ic_xstrdup("host"), IC_CV_PASS,
				 c->by_pe ? ic_xasprintf("the IOMMU is on: %zu groups, each a PowerNV PE with "
							 "its own TCE table", m->ngroups) :
				 ic_xasprintf("the IOMMU is on: %zu groups, %zu unit%s", m->ngroups,
					      m->iommu.nunits, m->iommu.nunits == 1 ? "" : "s"));
		ic_evid(m, k, IC_PATH_IOMMU_GROUPS, "%zu groups", m->ngroups);
		return;
	}
	if (gr->groups_pending) {
		k = ic_check_add(c, "iommu_enabled", IC_SCOPE_HOST, ic_xstrdup("host"), IC_CV_PASS,
				 ic_xstrdup("the IOMMU is on; it forms a function's group when a driver binds, "
					    "and none is bound yet (group checks below use predicted groups)"));
		for (size_t i = 0; i < gr->nevidence; i++)
			ic_evid(m, k, NULL, "%s: %s", gr->evidence[i].path, gr->evidence[i].state);
		return;
	}
	k = ic_check_add(c, "iommu_enabled", IC_SCOPE_HOST, ic_xstrdup("host"), IC_CV_FAIL,
			 ic_xstrdup("the IOMMU is off: the kernel formed no groups, so no device can be "
				    "given to a VM (group checks below use predicted groups)"));
	for (size_t i = 0; i < gr->nevidence; i++)
		ic_evid(m, k, NULL, "%s: %s", gr->evidence[i].path, gr->evidence[i].state);
	if (gr->fix)
		k->fix = ic_xstrdup(gr->fix->text);
}

/* What shows that this is PowerNV (ic_groups_by_pe()): a PE group name, a PE number, a PHB node. */
static void ic_evid_pe(const struct ic_model *m, struct ic_check *k)
{
	char *rel = NULL;

	for (size_t i = 0; !rel && i < m->ngroups; i++)
		if (m->groups[i].name && strstr(m->groups[i].name, "-pe")) {
			rel = ic_xasprintf("%s/%d/name", IC_PATH_IOMMU_GROUPS, m->groups[i].id);
			ic_evid(m, k, rel, "%s", m->groups[i].name);
		}
	for (size_t i = 0; !rel && i < m->ndevs; i++)
		if (m->devs[i].has_eeh_pe) {
			rel = ic_xasprintf("%s/eeh_pe_config_addr", m->devs[i].syspath);
			ic_evid(m, k, rel, "0x%x", m->devs[i].eeh_pe);
		}
	for (size_t i = 0; !rel && i < m->nphbs; i++)
		if (m->phbs[i].num_pes) {
			rel = ic_xasprintf("%s/ibm,opal-num-pes", m->phbs[i].node);
			ic_evid(m, k, rel, "%u", m->phbs[i].num_pes);
		}
	free(rel);
}

static void ic_check_ir(struct ic_audit_ctx *c)
{
	const struct ic_model *m = c->m;
	const struct ic_host *h = m->host;
	const char *cmd = m->iommu.cmdline, *off;
	struct ic_check *k;

	if (c->by_pe) {
		/* the PHB's MSI validation table binds each MSI to a PE (arch_is_isolated_msi()) */
		k = ic_check_add(c, "interrupt_remapping", IC_SCOPE_HOST, ic_xstrdup("host"), IC_CV_PASS,
				 ic_xstrdup("PowerNV: the PHB accepts an MSI only from the PE it belongs to, "
					    "so MSIs are isolated without remapping (vfio_iommu_spapr_tce "
					    "asks for none)"));
		ic_evid_pe(m, k);
		return;
	}
	if (h->interrupts_read && (h->irq_remapped || h->irq_its)) {
		k = ic_check_add(c, "interrupt_remapping", IC_SCOPE_HOST, ic_xstrdup("host"), IC_CV_PASS,
				 ic_xstrdup(h->irq_remapped ? "interrupt remapping is active" :
					    "MSIs go through a GIC ITS (isolated MSI)"));
		ic_evid(m, k, IC_PATH_INTERRUPTS, "%zu remapped interrupt line%s (%s)",
			h->irq_remapped + h->irq_its, h->irq_remapped + h->irq_its == 1 ? "" : "s",
			h->irq_remapped ? h->irq_remapped_chip : "ITS");
		return;
	}
	off = ic_cmdline_word(cmd, "intremap=off");
	if (!off)
		off = ic_cmdline_word(cmd, "nointremap");
	if (off || (h->interrupts_read && h->irq_plain)) {
		k = ic_check_add(c, "interrupt_remapping", IC_SCOPE_HOST, ic_xstrdup("host"), IC_CV_FAIL,
				 ic_xstrdup("interrupts are not remapped: vfio_iommu_type1 refuses to attach a "
					    "group (\"No interrupt remapping support\") unless told to allow "
					    "unsafe interrupts"));
		if (h->interrupts_read && h->irq_plain)
			ic_evid(m, k, IC_PATH_INTERRUPTS, "%zu MSI or IO-APIC line%s without IR- (%s)",
				h->irq_plain, h->irq_plain == 1 ? "" : "s", h->irq_plain_chip);
		if (off)
			ic_evid(m, k, IC_PATH_CMDLINE, "%.*s", (int)strcspn(off, " "), off);
		if (h->ir_unit)
			ic_evid(m, k, h->ir_unit, "%s", h->ir_what);
		k->fix = ic_xstrdup(off ? "remove intremap=off / nointremap from the kernel command line and reboot" :
				    h->ir_capable == 1 ? "check the kernel log for DMAR-IR or AMD-Vi errors: the unit "
				    "can remap, but remapping is not in use" :
				    "enable interrupt remapping (x2APIC / IR) in the firmware setup; in QEMU: "
				    "-device intel-iommu,intremap=on with a split irqchip");
		return;
	}
	if (h->ir_capable == 1) {
		k = ic_check_add(c, "interrupt_remapping", IC_SCOPE_HOST, ic_xstrdup("host"), IC_CV_WARN,
				 ic_xstrdup("the IOMMU can remap interrupts, but nothing shows that it does"));
		ic_evid(m, k, h->ir_unit, "%s", h->ir_what);
		k->fix = ic_xstrdup("run on the host itself (root), or take a snapshot, so that "
				    "/" IC_PATH_INTERRUPTS " shows whether interrupts are remapped");
		return;
	}
	k = ic_check_add(c, "interrupt_remapping", IC_SCOPE_HOST, ic_xstrdup("host"), IC_CV_UNKNOWN,
			 ic_xstrdup("neither /" IC_PATH_INTERRUPTS " nor the IOMMU units show interrupt remapping"));
	k->fix = ic_xstrdup("audit the host itself, or a snapshot of it, which records /" IC_PATH_INTERRUPTS);
}

/* A module parameter's check: VALUE yes is BAD (the verdict), no is a pass, none is unknown. */
static void ic_check_param(struct ic_audit_ctx *c, const char *id, const struct ic_modparam *p,
			   enum ic_check_verdict bad, const char *bad_text, const char *fix)
{
	const struct ic_model *m = c->m;
	char *rel = ic_xasprintf("%s/%s/parameters/%s", IC_PATH_MODULE, p->module, p->name);
	struct ic_check *k;

	if (!p->value) {
		k = ic_check_add(c, id, IC_SCOPE_HOST, ic_xstrdup("host"), IC_CV_UNKNOWN,
				 ic_xasprintf("%s.%s is unknown: neither its sysfs parameter nor the command "
					      "line shows it", p->module, p->name));
		k->fix = ic_xasprintf("audit the host itself with %s loaded (modprobe %s), or a snapshot of it",
				      p->module, p->module);
	} else if (ic_yes(p->value)) {
		k = ic_check_add(c, id, IC_SCOPE_HOST, ic_xstrdup("host"), bad, ic_xstrdup(bad_text));
		k->fix = ic_xstrdup(fix);
	} else {
		k = ic_check_add(c, id, IC_SCOPE_HOST, ic_xstrdup("host"), IC_CV_PASS,
				 ic_streq(p->source, "default") ?
				 ic_xasprintf("%s.%s is off: %s is not loaded and nothing configures it",
					      p->module, p->name, p->module) :
				 ic_streq(p->source, "absent") ?
				 ic_xasprintf("%s.%s is off: this %s has no such option (built without it)",
					      p->module, p->name, p->module) :
				 ic_xasprintf("%s.%s is off", p->module, p->name));
	}
	if (p->value && ic_streq(p->source, "sysfs"))
		ic_evid(m, k, rel, "%s=%s", p->name, p->value);
	else if (p->value && ic_streq(p->source, "modprobe.d"))
		ic_evid(m, k, IC_PATH_MODPROBE_D, "options %s %s=%s (in force when it loads)", p->module,
			p->name, p->value);
	else if (p->value && ic_streq(p->source, "absent")) {
		char *dir = ic_xasprintf("%s/%s/parameters", IC_PATH_MODULE, p->module);

		ic_evid(m, k, dir, "no %s", p->name);
		free(dir);
	} else if (p->value && !ic_streq(p->source, "default"))
		ic_evid(m, k, IC_PATH_CMDLINE, "%s.%s=%s", p->module, p->name, p->value);
	free(rel);
}

static void ic_check_unsafe(struct ic_audit_ctx *c)
{
	const struct ic_host *h = c->m->host;
	static const char text[] = "%s allows unsafe interrupts: a VM's device can forge MSIs to the "
				   "host (often set by passthrough set-up scripts to get past \"No "
				   "interrupt remapping support\")";
	char *t1, *t2;
	static const char fix[] = "remove allow_unsafe_interrupts=1 from /etc/modprobe.d and the kernel "
				  "command line, and enable interrupt remapping instead";
	struct ic_check *k;

	if (c->by_pe) {
		k = ic_check_add(c, "unsafe_interrupts", IC_SCOPE_HOST, ic_xstrdup("host"), IC_CV_PASS,
				 ic_xstrdup("PowerNV: VFIO uses vfio_iommu_spapr_tce, which has no "
					    "allow_unsafe_interrupts (MSIs are isolated per PE)"));
		ic_evid_pe(c->m, k);
		return;
	}
	t1 = ic_xasprintf(text, "vfio_iommu_type1");
	t2 = ic_xasprintf(text, "iommufd");
	/* iommufd is reported only when it is there: most hosts still use the type1 container */
	ic_check_param(c, "unsafe_interrupts", &h->params[IC_HP_UNSAFE_TYPE1], IC_CV_WARN, t1, fix);
	if (h->params[IC_HP_UNSAFE_IOMMUFD].value)
		ic_check_param(c, "unsafe_interrupts", &h->params[IC_HP_UNSAFE_IOMMUFD], IC_CV_WARN, t2, fix);
	free(t1);
	free(t2);
}

static void ic_check_noiommu(struct ic_audit_ctx *c)
{
	ic_check_param(c, "noiommu_mode", &c->m->host->params[IC_HP_NOIOMMU], IC_CV_FAIL,
		       "vfio's no-IOMMU mode is on: devices are given to user space with no DMA "
		       "protection at all (the kernel is tainted)",
		       "remove vfio.enable_unsafe_noiommu_mode=1 and enable the IOMMU");
}

/*
 * pcie_acs_override=: the groups the kernel formed only because of it are those whose members
 * the prediction without the override (the kernel's own rules) puts with another group's.
 */
static void ic_check_override(struct ic_audit_ctx *c, const struct ic_prediction *pred)
{
	const struct ic_model *m = c->m;
	const char *ov = ic_cmdline_word(m->iommu.cmdline, "pcie_acs_override=");
	struct ic_check *k;
	int *first;
	char *names = ic_xstrdup("");
	size_t nnamed = 0;

	if (!m->iommu.cmdline) {
		ic_check_add(c, "acs_override", IC_SCOPE_HOST, ic_xstrdup("host"), IC_CV_UNKNOWN,
			     ic_xstrdup("the kernel command line could not be read"));
		free(names);
		return;
	}
	if (!ov) {
		k = ic_check_add(c, "acs_override", IC_SCOPE_HOST, ic_xstrdup("host"), IC_CV_PASS,
				 ic_xstrdup("no pcie_acs_override= on the command line"));
		ic_evid(m, k, IC_PATH_CMDLINE, "no pcie_acs_override=");
		free(names);
		return;
	}
	/* the first kernel group seen in each predicted group; a second one rests on the override */
	first = ic_xcalloc(pred->ngroups + 1, sizeof(*first));
	for (size_t g = 0; g < m->ngroups; g++) {
		bool rests = false;

		for (size_t j = 0; j < m->groups[g].ndevs; j++) {
			size_t i = (size_t)(m->groups[g].devs[j] - m->devs);
			int pg = pred->group ? pred->group[i] : -1;

			if (pg < 0 || (size_t)pg >= pred->ngroups)
				continue;
			if (!first[pg])
				first[pg] = m->groups[g].id + 1;
			else if (first[pg] != m->groups[g].id + 1)
				rests = true;
		}
		if (rests) {
			char *n = ic_xasprintf("%s%s%d", names, nnamed ? ", " : "", m->groups[g].id);

			free(names);
			names = n;
			nnamed++;
		}
	}
	free(first);
	k = ic_check_add(c, "acs_override", IC_SCOPE_HOST, ic_xstrdup("host"), IC_CV_FAIL,
			 nnamed ? ic_xasprintf("pcie_acs_override= splits groups the hardware does not "
					       "isolate: group%s %s rest%s on it", nnamed == 1 ? "" : "s",
					       names, nnamed == 1 ? "s" : "") :
			 ic_xstrdup("pcie_acs_override= is on the command line: groups may claim an "
				    "isolation the hardware does not give"));
	ic_evid(m, k, IC_PATH_CMDLINE, "%.*s", (int)strcspn(ov, " "), ov);
	k->fix = ic_xstrdup("remove pcie_acs_override= and assign whole groups (iso-check groups "
			    "--predict shows them without it)");
	free(names);
}

static const char *ic_mod_state_str(enum ic_mod_state s)
{
	static const char *const names[] = {
		[IC_MOD_UNKNOWN] = "unknown", [IC_MOD_LOADED] = "loaded", [IC_MOD_BUILTIN] = "built in",
		[IC_MOD_AVAILABLE] = "available", [IC_MOD_MISSING] = "missing",
	};
	return names[s];
}

static void ic_check_modules(struct ic_audit_ctx *c)
{
	const struct ic_host *h = c->m->host;
	enum ic_mod_state need[3] = { h->mods[IC_HMOD_VFIO], h->mods[IC_HMOD_VFIO_PCI], h->mods[IC_HMOD_TYPE1] };
	enum ic_check_verdict v = IC_CV_PASS;
	struct ic_check *k;
	char *state;

	/* PowerNV's container is the sPAPR TCE one; elsewhere iommufd (with its vfio compatibility)
	 * stands in for type1 */
	if (c->by_pe)
		need[2] = h->mods[IC_HMOD_SPAPR];
	else if (need[2] != IC_MOD_LOADED && need[2] != IC_MOD_BUILTIN &&
		 (h->mods[IC_HMOD_IOMMUFD] == IC_MOD_LOADED || h->mods[IC_HMOD_IOMMUFD] == IC_MOD_BUILTIN))
		need[2] = h->mods[IC_HMOD_IOMMUFD];
	for (int i = 0; i < 3; i++) {
		enum ic_check_verdict w = need[i] == IC_MOD_LOADED || need[i] == IC_MOD_BUILTIN ? IC_CV_PASS :
					  need[i] == IC_MOD_AVAILABLE ? IC_CV_NOTE :
					  need[i] == IC_MOD_MISSING ? IC_CV_FAIL : IC_CV_UNKNOWN;
		if (w > v)
			v = w;
	}
	state = c->by_pe ?
		ic_xasprintf("vfio %s, vfio_pci %s, vfio_iommu_spapr_tce %s",
			     ic_mod_state_str(h->mods[IC_HMOD_VFIO]), ic_mod_state_str(h->mods[IC_HMOD_VFIO_PCI]),
			     ic_mod_state_str(h->mods[IC_HMOD_SPAPR])) :
		ic_xasprintf("vfio %s, vfio_pci %s, vfio_iommu_type1 %s, iommufd %s",
			     ic_mod_state_str(h->mods[IC_HMOD_VFIO]), ic_mod_state_str(h->mods[IC_HMOD_VFIO_PCI]),
			     ic_mod_state_str(h->mods[IC_HMOD_TYPE1]), ic_mod_state_str(h->mods[IC_HMOD_IOMMUFD]));
	k = ic_check_add(c, "vfio_modules", IC_SCOPE_HOST, ic_xstrdup("host"), v,
			 v == IC_CV_PASS ? ic_xasprintf("the vfio modules are there: %s", state) :
			 v == IC_CV_NOTE ? ic_xasprintf("the vfio modules load on demand: %s", state) :
			 v == IC_CV_FAIL ? ic_xasprintf("a vfio module is missing: %s", state) :
			 ic_xasprintf("not every vfio module could be found: %s", state));
	ic_evid(c->m, k, IC_PATH_PROC_MODULES, "%s", state);
	for (int i = 0; i < IC_NHMODS; i++)
		if (h->kmod[i] != IC_MOD_UNKNOWN && h->mods[i] == h->kmod[i] && c->m->kernel_release) {
			char *rel = ic_xasprintf("%s/%s/modules.dep.bin", IC_PATH_MODULES_DIR, c->m->kernel_release);

			ic_evid(c->m, k, rel, "the module index (libkmod) answers for the modules not loaded");
			free(rel);
			break;
		}
	if (v == IC_CV_NOTE)
		k->fix = ic_xstrdup("modprobe vfio-pci (libvirt and QEMU load it when they bind a device)");
	else if (v == IC_CV_FAIL)
		k->fix = ic_xstrdup(c->by_pe ? "install a kernel built with CONFIG_VFIO_PCI and "
				    "CONFIG_VFIO_IOMMU_SPAPR_TCE" :
				    "install a kernel built with CONFIG_VFIO_PCI and CONFIG_VFIO_IOMMU_TYPE1 "
				    "(or CONFIG_IOMMUFD)");
	else if (v == IC_CV_UNKNOWN)
		k->fix = ic_xstrdup("audit the host itself, or a snapshot (it records the module index)");
	free(state);
}

/* --- group checks ---------------------------------------------------------------------- */

static char *ic_group_subject(const struct ic_audit_report *r, const struct ic_group *g)
{
	return ic_xasprintf(r->predicted ? "group %d (predicted)" : "group %d", g->id);
}

static void ic_check_viable(struct ic_audit_ctx *c, const struct ic_group_report *gr)
{
	const struct ic_group *g = gr->group;
	enum ic_check_verdict v = gr->verdict == IC_VIABLE ? IC_CV_PASS :
				  gr->verdict == IC_NOT_VIABLE ? IC_CV_WARN : IC_CV_UNKNOWN;
	char *list = ic_xstrdup(""), *fix = ic_xstrdup("");
	struct ic_check *k;

	for (size_t i = 0; i < gr->nmembers; i++) {
		const struct ic_member_report *mr = &gr->members[i];
		char *n;

		if (mr->state != IC_MEMBER_BLOCKS && mr->state != IC_MEMBER_UNKNOWN)
			continue;
		n = ic_xasprintf("%s%s%s (%s)", list, *list ? ", " : "", mr->name,
				 mr->state == IC_MEMBER_UNKNOWN ? "binding unknown" : mr->driver);
		free(list);
		list = n;
		if (mr->state == IC_MEMBER_BLOCKS && mr->dev) {
			n = ic_xasprintf("%s%secho vfio-pci > /" IC_PATH_PCI_DEVICES "/%s/driver_override; echo %s > /"
					 IC_PATH_PCI_DRIVERS "/%s/unbind; echo %s > /" IC_PATH_PCI_BUS "/drivers_probe",
					 fix, *fix ? "; " : "", mr->name, mr->name, mr->driver, mr->name);
			free(fix);
			fix = n;
		}
	}
	k = ic_check_add(c, "group_viable", IC_SCOPE_GROUP, ic_group_subject(c->r, g), v,
			 v == IC_CV_PASS ? ic_xstrdup("viable: every member is unbound or owned by vfio, "
						      "pci-stub or pcieport") :
			 v == IC_CV_WARN ? ic_xasprintf("not viable: host drivers hold %s", list) :
			 ic_xasprintf("viability unknown: %s", list));
	k->group = g->id;
	for (size_t i = 0; i < gr->nmembers; i++) {
		const struct ic_member_report *mr = &gr->members[i];

		if (mr->state == IC_MEMBER_BLOCKS && mr->dev) {
			char *rel = ic_xasprintf("%s/driver", mr->dev->syspath);

			ic_evid(c->m, k, rel, "%s%s%s", mr->driver, mr->dev->nmodules ? "; at boot: " : "",
				mr->dev->nmodules ? mr->dev->modules[0] : "");
			free(rel);
		}
	}
	if (*fix)
		k->fix = fix;
	else
		free(fix);
	free(list);
}

/* What D holds that the host needs ("/ (nvme0n1)", "the IOMMU itself"), NULL: nothing known. */
const char *ic_audit_critical_what(const struct ic_model *m, const struct ic_dev *d)
{
	return d->audit.critical ? d->audit.critical_what : ic_model_is_iommu(m, d) ? "the IOMMU itself" : NULL;
}

/* Does a member of G hold what the host needs: 1 yes, 0 no, -1 unknown (mounts or routes not read). */
int ic_audit_group_critical(const struct ic_model *m, const struct ic_group *g)
{
	for (size_t i = 0; i < g->ndevs; i++)
		if (ic_audit_critical_what(m, g->devs[i]))
			return 1;
	return m->host && m->host->mounts_read && m->host->routes_read ? 0 : -1;
}

static void ic_check_critical(struct ic_audit_ctx *c, const struct ic_group_report *gr)
{
	const struct ic_model *m = c->m;
	const struct ic_host *h = m->host;
	const struct ic_group *g = gr->group;
	char *list = ic_xstrdup("");
	struct ic_check *k;
	bool any = false;

	for (size_t i = 0; i < g->ndevs; i++) {
		const struct ic_dev *d = g->devs[i];
		const char *what = ic_audit_critical_what(m, d);
		char *n;

		if (!what)
			continue;
		n = ic_xasprintf("%s%s%s holds %s", list, any ? "; " : "", d->bdf, what);
		free(list);
		list = n;
		any = true;
	}
	if (any) {
		k = ic_check_add(c, "group_host_critical", IC_SCOPE_GROUP, ic_group_subject(c->r, g), IC_CV_FAIL,
				 ic_xasprintf("assigning it takes from the host what it runs on: %s", list));
		k->fix = ic_xstrdup("do not assign this group; move the device to a slot whose group holds "
				    "nothing the host needs");
	} else if (h->mounts_read && h->routes_read) {
		k = ic_check_add(c, "group_host_critical", IC_SCOPE_GROUP, ic_group_subject(c->r, g), IC_CV_PASS,
				 ic_xstrdup("no member holds a mounted file system, swap, the console or the "
					    "default route"));
	} else {
		k = ic_check_add(c, "group_host_critical", IC_SCOPE_GROUP, ic_group_subject(c->r, g),
				 IC_CV_UNKNOWN, ic_xstrdup("the host's mounts and routes were not recorded"));
		k->fix = ic_xstrdup("audit the host itself, or a snapshot, which records /" IC_PATH_MOUNTINFO ", /"
				    IC_PATH_SWAPS " and /" IC_PATH_ROUTE);
	}
	if (h->mounts_read)
		ic_evid(m, k, IC_PATH_MOUNTINFO, "read");
	if (h->routes_read)
		ic_evid(m, k, IC_PATH_ROUTE, "read");
	k->group = g->id;
	free(list);
}

static void ic_check_resv(struct ic_audit_ctx *c, const struct ic_group_report *gr)
{
	const struct ic_group *g = gr->group;
	enum ic_check_verdict v = IC_CV_PASS;
	struct ic_check *k;
	char *rel = ic_xasprintf("%s/%d/reserved_regions", IC_PATH_IOMMU_GROUPS, g->id);
	const struct ic_resv *hit = NULL;

	for (size_t i = 0; i < g->nresv; i++) {
		if (ic_streq(g->resv[i].type, "direct")) {
			v = IC_CV_FAIL;
			hit = &g->resv[i];
		} else if (ic_streq(g->resv[i].type, "direct-relaxable") && v == IC_CV_PASS) {
			v = IC_CV_NOTE;
			hit = &g->resv[i];
		}
	}
	if (c->r->predicted || !g->resv_known)
		v = IC_CV_UNKNOWN;
	k = ic_check_add(c, "reserved_region_direct", IC_SCOPE_GROUP, ic_group_subject(c->r, g), v,
			 v == IC_CV_FAIL ? ic_xstrdup("a direct (RMRR) reserved region: the firmware demands a "
						      "1:1 mapping, so VFIO cannot attach the group") :
			 v == IC_CV_NOTE ? ic_xstrdup("a direct-relaxable region (a USB or GPU RMRR): VFIO "
						      "may still attach") :
			 v == IC_CV_PASS ? ic_xstrdup("no direct reserved region") :
			 c->r->predicted ? ic_xstrdup("reserved regions exist only once the IOMMU is on") :
			 ic_xstrdup("the group's reserved regions could not be read"));
	if (hit)
		ic_evid(c->m, k, rel, "0x%016llx 0x%016llx %s", (unsigned long long)hit->start,
			(unsigned long long)hit->end, hit->type);
	if (v == IC_CV_FAIL)
		k->fix = ic_xstrdup("a firmware setting may drop the RMRR (e.g. disable legacy USB or the "
				    "device's option ROM); otherwise the device cannot be assigned");
	k->group = g->id;
	free(rel);
}

/*
 * ic_analyze_audit() - every check for the host and the selected groups and functions: with no
 * selector every group; -s/-d the groups of the functions chosen and those functions; -g N one
 * group. Device checks run on type-0 members (bridges stay with pcieport) and on any selected one.
 */
void ic_analyze_audit(const struct ic_model *m, const struct ic_quirks *q, const struct ic_select *sel,
		      struct ic_audit_report *r)
{
	struct ic_audit_ctx c = { .m = m, .q = q, .r = r, .by_pe = ic_groups_by_pe(m) };
	struct ic_groups_report gr = { 0 }, off = { 0 };
	struct ic_prediction pred = { 0 };
	struct ic_bars_report bars = { 0 };
	struct ic_bars_opts bo = { 0 };
	struct ic_domain *dom;
	struct ic_select all;
	size_t *bar_row, *first_child, *next_sibling;
	bool devsel = ic_select_any_dev_filter(sel);

	memset(r, 0, sizeof(*r));
	r->model = m;
	ic_select_init(&all);
	all.group = sel->group;
	ic_predict_groups(m, q, &pred);
	r->predicted = m->ngroups == 0;
	if (r->predicted) {
		struct ic_select every;

		ic_select_init(&every);
		ic_analyze_predicted(m, &pred, &all, false, &gr);
		ic_analyze_groups(m, &every, &off);	/* why the IOMMU is off, and the fix */
	} else {
		ic_analyze_groups(m, &all, &gr);
	}
	dom = ic_domains(m, q);
	ic_analyze_bars(m, dom, &bo, &bars);

	/* per function: its first BAR row, and the functions below each bridge (for reset scope) */
	bar_row = ic_xcalloc(m->ndevs + 1, sizeof(*bar_row));
	first_child = ic_xcalloc(m->ndevs + 1, sizeof(*first_child));
	next_sibling = ic_xcalloc(m->ndevs + 1, sizeof(*next_sibling));
	for (size_t i = 0; i < m->ndevs; i++) {
		bar_row[i] = SIZE_MAX;
		first_child[i] = next_sibling[i] = SIZE_MAX;
	}
	for (size_t k = bars.nrows; k-- > 0;)
		bar_row[bars.rows[k].dev - m->devs] = k;
	for (size_t i = m->ndevs; i-- > 0;) {
		const struct ic_dev *p = m->devs[i].parent;

		/* VFs too: a VF resets alone, but a bus reset of its PF's bus resets it as well */
		if (p) {
			next_sibling[i] = first_child[p - m->devs];
			first_child[p - m->devs] = i;
		}
	}

	if (m->host) {
		ic_check_iommu(&c, r->predicted ? &off : &gr);
		ic_check_ir(&c);
		ic_check_unsafe(&c);
		ic_check_noiommu(&c);
		ic_check_override(&c, &pred);
		ic_check_modules(&c);
	}
	for (size_t g = 0; m->host && g < gr.ngroups; g++) {
		const struct ic_group_report *grp = &gr.groups[g];
		bool chosen = !devsel;

		for (size_t i = 0; !chosen && i < grp->group->ndevs; i++)
			chosen = ic_select_dev(sel, grp->group->devs[i]);
		if (!chosen)
			continue;
		ic_check_viable(&c, grp);
		ic_check_critical(&c, grp);
		ic_check_resv(&c, grp);
		for (size_t i = 0; i < grp->group->ndevs; i++) {
			const struct ic_dev *d = grp->group->devs[i];

			if (devsel ? !ic_select_dev(sel, d) : (d->known & IC_KNOWN_HEADER) && d->header_type != 0)
				continue;
			ic_device_checks(&c, d, &bars, bar_row, first_child, next_sibling);
		}
	}
	free(bar_row);
	free(first_child);
	free(next_sibling);
	free(dom);
	ic_bars_report_clear(&bars);
	ic_groups_report_clear(&gr);
	ic_groups_report_clear(&off);
	ic_prediction_clear(&pred);
}

/* The exit status the checks call for (iso-check-audit(8)); WARN_FAILS: a warning counts. */
int ic_audit_status(const struct ic_audit_report *r, bool warn_fails)
{
	enum ic_check_verdict worst = IC_CV_PASS;

	for (size_t i = 0; i < r->nchecks; i++)
		if (r->checks[i].verdict > worst)
			worst = r->checks[i].verdict;
	bool unknown = false;

	for (size_t i = 0; i < r->nchecks; i++)
		unknown |= r->checks[i].verdict == IC_CV_UNKNOWN;
	if (worst == IC_CV_FAIL)
		return IC_EXIT_FINDING_FAIL;
	if (worst == IC_CV_WARN && warn_fails)
		return IC_EXIT_FINDING_WARN;
	return unknown ? IC_EXIT_PARTIAL : IC_EXIT_OK;
}

void ic_audit_report_clear(struct ic_audit_report *r)
{
	for (size_t i = 0; i < r->nchecks; i++) {
		free(r->checks[i].subject);
		free(r->checks[i].text);
		ic_strv_free_n(r->checks[i].evidence, r->checks[i].nevidence);
		free(r->checks[i].fix);
	}
	free(r->checks);
	memset(r, 0, sizeof(*r));
}
