/* SPDX-License-Identifier: GPL-2.0-or-later */
/* analyze-explain.c - turn a prediction into the chain of facts behind each group. */
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "ic.h"

static const char *ic_type_words(const struct ic_dev *d)
{
	static const char *const words[] = {
		[IC_PCIE_ENDPOINT] = "endpoint", [IC_PCIE_LEG_END] = "legacy endpoint",
		[IC_PCIE_ROOT_PORT] = "root port", [IC_PCIE_UPSTREAM] = "switch upstream port",
		[IC_PCIE_DOWNSTREAM] = "switch downstream port",
		[IC_PCIE_PCI_BRIDGE] = "PCIe-to-PCI bridge", [IC_PCIE_PCIE_BRIDGE] = "PCI-to-PCIe bridge",
		[IC_PCIE_RC_END] = "root-complex integrated endpoint",
		[IC_PCIE_RC_EC] = "root-complex event collector",
	};

	if (!(d->known & IC_KNOWN_PCIE))
		return "function of unknown type";
	if (d->pcie_type == IC_PCIE_NONE)
		return ic_dev_is_bridge(d) ? "conventional PCI bridge" : "conventional PCI function";
	if (d->pcie_type < 0 || (size_t)d->pcie_type >= IC_ARRAY_SIZE(words) || !words[d->pcie_type])
		return "PCIe function";
	return words[d->pcie_type];
}

/* "SV RR CR UF" for the bits of MASK among SV RR CR UF. */
static void ic_acs_bits(uint16_t mask, char *buf, size_t len)
{
	static const struct { uint16_t bit; const char *name; } bits[] = {
		{ 0x01, "SV" }, { 0x04, "RR" }, { 0x08, "CR" }, { 0x10, "UF" },
	};

	buf[0] = '\0';
	for (size_t i = 0; i < IC_ARRAY_SIZE(bits); i++)
		if (mask & bits[i].bit) {
			strncat(buf, *buf ? " " : "", len - strlen(buf) - 1);
			strncat(buf, bits[i].name, len - strlen(buf) - 1);
		}
}

struct ic_fact_list {
	struct ic_fact *v;
	size_t n, cap;
};

static void ic_fact_add(struct ic_fact_list *l, const char *code, const struct ic_dev *about,
			char *text)
{
	IC_APPEND(l->v, l->n, l->cap, ((struct ic_fact){ .code = code, .about = about, .text = text }));
}

/*
 * Why D does or does not isolate by ACS, as one fact: read from the decision the prediction
 * recorded for it (pci_acs_enabled() with the quirks and what-ifs of that prediction), never
 * decoded again.
 */
static void ic_acs_fact(const struct ic_model *m, const struct ic_prediction *p, const struct ic_dev *d,
			struct ic_fact_list *l)
{
	size_t i = (size_t)(d - m->devs);
	enum ic_tri t = p->acs[i];
	const char *type = ic_type_words(d);
	char have[32], miss[32];

	if (p->quirk[i]) {
		ic_fact_add(l, t == IC_TRI_YES ? "quirk_isolated" : "quirk_not_isolated", d,
			    ic_xasprintf("quirk %s treats %04x:%04x (%s %s) as %s%s", p->quirk[i]->function,
					 d->vendor, d->device, type, d->bdf,
					 t == IC_TRI_YES ? "isolated" : "not isolated",
					 p->uncertain[i] ? ", if its boot-time step worked" : ""));
		return;
	}
	if (p->overridden[i]) {
		ic_fact_add(l, "acs_override", d, ic_xasprintf("pcie_acs_override treats %s %s as "
			    "isolating, though it %s: the hardware does not isolate it", type, d->bdf,
			    p->acs_readable[i] ? "does not enable ACS" : "has no ACS capability"));
		return;
	}
	if (t == IC_TRI_UNKNOWN) {
		ic_fact_add(l, "acs_unknown", d, ic_xasprintf("whether %s %s isolates is unknown: %s", type,
			    d->bdf, ic_unknown_kind_str(ic_unknown_kind_of(m, d))));
		return;
	}
	switch (d->pcie_type) {
	case IC_PCIE_NONE:
		ic_fact_add(l, "conventional_pci", d, ic_xasprintf("%s is a %s: conventional PCI never "
			    "isolates", d->bdf, type));
		return;
	case IC_PCIE_PCI_BRIDGE:
	case IC_PCIE_PCIE_BRIDGE:
	case IC_PCIE_RC_EC:
		ic_fact_add(l, "never_isolates", d, ic_xasprintf("%s is a %s: the kernel never treats "
			    "it as isolating", d->bdf, type));
		return;
	}
	if (t == IC_TRI_YES && !(d->pcie_type == IC_PCIE_ROOT_PORT || d->pcie_type == IC_PCIE_DOWNSTREAM) &&
	    !ic_dev_is_multifunction(d)) {
		ic_fact_add(l, "single_function", d, ic_xasprintf("%s %s is single-function: ACS is not "
			    "needed", type, d->bdf));
		return;
	}
	if (!p->acs_readable[i]) {
		ic_fact_add(l, "acs_missing", d, ic_xasprintf("%s %s%s has no ACS capability", type,
			    d->bdf, ic_dev_is_multifunction(d) ? " (multifunction)" : ""));
		return;
	}
	{
		uint16_t req = IC_ACS_REQ_FLAGS & p->acs_cap[i], ctrl = p->acs_ctrl[i];
		const char *how = p->acs_forced[i] ? " (as --config-acs sets it)" :
				  p->acs_boot[i] ? " (as the command line's pci= ACS options set it at boot)" :
				  p->assume_enable ? " (as the kernel will once an IOMMU is on)" : "";

		ic_acs_bits(req & ctrl, have, sizeof(have));
		ic_acs_bits(req & ~ctrl, miss, sizeof(miss));
		if (t == IC_TRI_YES)
			ic_fact_add(l, "acs_enabled", d, ic_xasprintf("%s %s enables ACS %s%s", type, d->bdf,
				    *have ? have : "(none needed: it implements none of SV RR CR UF)", how));
		else
			ic_fact_add(l, "acs_disabled", d, ic_xasprintf("%s %s implements ACS but does not "
				    "enable %s%s", type, d->bdf, miss, how));
	}
}

/* The facts for function I of the prediction. */
static void ic_explain_one(const struct ic_model *m, const struct ic_prediction *p, size_t i,
			   struct ic_fact_list *l)
{
	const struct ic_dev *d = &m->devs[i], *via = p->via[i] >= 0 ? &m->devs[p->via[i]] : NULL;

	switch (p->why[i]) {
	case IC_WHY_ALIAS_BRIDGE:
		ic_fact_add(l, "alias_bridge", via, ic_xasprintf("%s is a %s: what is behind it uses its "
			    "requester ID, so %s shares its group", via->bdf, ic_type_words(via), d->bdf));
		return;
	case IC_WHY_UPSTREAM_NO_ACS:
		/* the first bridge on the way up that fails, then what that means for D */
		for (const struct ic_dev *b = d->parent; b; b = b->parent)
			if (p->acs[b - m->devs] != IC_TRI_YES) {
				ic_acs_fact(m, p, b, l);
				ic_fact_add(l, "upstream_not_isolated", via, b == via ?
					    ic_xasprintf("so %s below %s shares its group", d->bdf, via->bdf) :
					    ic_xasprintf("so %s is not isolated from the root, and %s below "
							 "it shares its group", via->bdf, d->bdf));
				return;
			}
		return;
	case IC_WHY_FUNCTION_NO_ACS:
		ic_acs_fact(m, p, d, l);
		ic_fact_add(l, "function_no_acs", via, ic_xasprintf("%s and %s are functions of one "
			    "multifunction device without ACS between them, so they share a group",
			    via->bdf, d->bdf));
		return;
	case IC_WHY_ISOLATED:
		for (const struct ic_dev *b = d->parent; b; b = b->parent)
			ic_acs_fact(m, p, b, l);
		if (!d->parent)
			ic_fact_add(l, "root_bus", d, ic_xasprintf("%s is on a root bus: no bridge above it",
				    d->bdf));
		if (ic_dev_is_multifunction(d))
			ic_acs_fact(m, p, d, l);
		ic_fact_add(l, "isolated", d, ic_xasprintf("nothing joins %s to another group: a group "
			    "of its own", d->bdf));
		return;
	case IC_WHY_VMD:
		ic_fact_add(l, "vmd_domain", via, ic_xasprintf("%s is in the PCI domain of the Intel VMD "
			    "endpoint %s, whose requester ID its DMA uses, so it shares its group", d->bdf,
			    via->bdf));
		return;
	case IC_WHY_DMA_ALIAS: {
		unsigned int vfn = (unsigned int)(via->slot << 3 | via->func);
		/* the fixup that made the tie: D's towards VIA, or else VIA's towards D */
		const struct ic_alias_quirk *a = p->alias[i] && ic_alias_has(p->alias[i], d, vfn) ?
						 p->alias[i] : p->alias[p->via[i]];

		ic_fact_add(l, "dma_alias_quirk", via, ic_xasprintf("quirk %s ties %s and %s as DMA "
			    "aliases on their bus, so they share a group", a->function, d->bdf, via->bdf));
		return;
	}
	case IC_WHY_IVRS_ALIAS:
		ic_fact_add(l, "ivrs_alias", via, ic_xasprintf("the ACPI IVRS table makes %s and %s "
			    "requester-ID aliases on their bus (the AMD driver adds them as DMA aliases), so "
			    "they share a group", d->bdf, via->bdf));
		return;
	case IC_WHY_IOMMU_ITSELF:
		ic_fact_add(l, "iommu_itself", d, ic_xasprintf("%s is an IOMMU's own function (an AMD IOMMU "
			    "named by ACPI IVRS, or a virtio-iommu): it is not translated, so it has no group",
			    d->bdf));
		return;
	case IC_WHY_NO_IOMMU:
		ic_fact_add(l, "no_iommu", d, ic_xasprintf("the firmware's %s takes the requester ID of %s to no "
			    "IOMMU: it is not translated, so it never gets a group",
			    m->iommu.iort ? "IORT" : m->iommu.viot ? "VIOT" : "iommu-map", d->bdf));
		return;
	case IC_WHY_SAME_PE:
		ic_fact_add(l, "same_pe", via, ic_xasprintf("PowerNV groups by PE, not ACS: %s and %s are "
			    "in one PE (one per bus below a port; everything behind a PCIe-to-PCI bridge in "
			    "its bridge's), so they share a group", via->bdf, d->bdf));
		return;
	case IC_WHY_PE_BRIDGE:
		ic_fact_add(l, "pe_bridge", d, ic_xasprintf("%s is a bridge: on PowerNV it has a PE but no "
			    "group (a PE gets one only when a function other than a bridge joins it)", d->bdf));
		return;
	case IC_WHY_UNKNOWN:
		ic_fact_add(l, "unknown", d, ic_xasprintf("the group of %s cannot be predicted: an ACS "
			    "capability, a PCIe type or a platform table on its path could not be read",
			    d->bdf));
		return;
	}
}

/*
 * ic_explain() - for every function, the facts (from it upward) that put it in its predicted
 * group: the ACS decisions P recorded (its quirks and what-ifs included), read, not redone.
 */
void ic_explain(const struct ic_model *m, const struct ic_quirks *quirks,
		const struct ic_prediction *p, struct ic_explanation *e)
{
	e->facts = ic_xcalloc(m->ndevs, sizeof(*e->facts));
	e->nfacts = ic_xcalloc(m->ndevs, sizeof(*e->nfacts));
	for (size_t i = 0; i < m->ndevs; i++) {
		struct ic_fact_list l = { 0 };

		ic_explain_one(m, p, i, &l);
		e->facts[i] = l.v;
		e->nfacts[i] = l.n;
	}
}

void ic_explanation_clear(const struct ic_model *m, struct ic_explanation *e)
{
	for (size_t i = 0; e->facts && i < m->ndevs; i++) {
		for (size_t j = 0; j < e->nfacts[i]; j++)
			free(e->facts[i][j].text);
		free(e->facts[i]);
	}
	free(e->facts);
	free(e->nfacts);
	memset(e, 0, sizeof(*e));
}
