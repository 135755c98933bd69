/* SPDX-License-Identifier: GPL-2.0-or-later */
/* analyze-unknown.c - what is missing when a group cannot be predicted, and what shows it. */
#include "ic.h"
#include "predict.h"

/* What is missing about the function B that left a group unknown; the first that applies. */
enum ic_unknown_kind ic_unknown_kind_of(const struct ic_model *m, const struct ic_dev *b)
{
	if (b->text) {
		static const struct { unsigned int bit; enum ic_unknown_kind kind; } text[] = {
			{ IC_TEXT_PLATFORM, IC_UNKNOWN_TEXT_PE }, { IC_TEXT_DENIED, IC_UNKNOWN_TEXT_DENIED }, { IC_TEXT_CUT, IC_UNKNOWN_TEXT_CUT },
			{ IC_TEXT_NO_IDS, IC_UNKNOWN_TEXT_IDS }, { IC_TEXT_MAYBE_VF, IC_UNKNOWN_TEXT_VF },
			{ IC_TEXT_NO_BITS, IC_UNKNOWN_TEXT_BITS }, { IC_TEXT_MF, IC_UNKNOWN_TEXT_MF },
		};

		for (size_t i = 0; i < IC_ARRAY_SIZE(text); i++)
			if (b->text & text[i].bit)
				return text[i].kind;
		if (b->partial || !(b->known & IC_KNOWN_HEADER))
			return IC_UNKNOWN_DAMAGED;
		return IC_UNKNOWN_PLATFORM;
	}
	if (!(b->known & IC_KNOWN_IDENT))
		return IC_UNKNOWN_IDENT;
	if (b->config_cut)
		return IC_UNKNOWN_CUT;
	if (!b->config && !b->config_read && !b->partial)
		return IC_UNKNOWN_NOT_RECORDED;
	if (!(b->known & IC_KNOWN_HEADER) || b->partial || !(b->known & IC_KNOWN_CAPS))
		return IC_UNKNOWN_DAMAGED;
	if (!(b->known & IC_KNOWN_ECAPS))
		return m->dump ? IC_UNKNOWN_DUMP_ECAPS : IC_UNKNOWN_ECAPS;
	return IC_UNKNOWN_PLATFORM;
}

/* The reason of KIND for the functions named in WHO, and what would show what is missing. */
const char *ic_unknown_kind_str(enum ic_unknown_kind kind)
{
	static const char *const text[] = {
		[IC_UNKNOWN_IDENT] = "the vendor and device IDs are unreadable",
		[IC_UNKNOWN_CUT] = "config space is cut at 64 bytes (not root): run as root to read "
				   "the capabilities",
		[IC_UNKNOWN_NOT_RECORDED] = "no config space was recorded",
		[IC_UNKNOWN_DAMAGED] = "config space is unreadable or damaged (see the problems reported)",
		[IC_UNKNOWN_DUMP_ECAPS] = "the dump holds no extended config space, where ACS is: take "
					  "it with lspci -xxxx",
		[IC_UNKNOWN_ECAPS] = "the extended capabilities are unreadable",
		[IC_UNKNOWN_PLATFORM] = "an ACS quirk for it depends on ACPI tables (IVRS) that this "
					"input does not hold",
		[IC_UNKNOWN_TEXT_DENIED] = "lspci printed \"Capabilities: <access denied>\" (not root): "
					   "take lspci -vvnn as root",
		[IC_UNKNOWN_TEXT_CUT] = "the text ends inside its lines: paste the whole output",
		[IC_UNKNOWN_TEXT_IDS] = "the text names it but gives no IDs, which the kernel's ACS quirks "
					"are looked up by: take lspci -vvnn",
		[IC_UNKNOWN_TEXT_BITS] = "lspci -v names its ACS capability but prints no ACS controls: "
					 "take lspci -vvnn",
		[IC_UNKNOWN_TEXT_VF] = "it may be a VF of an SR-IOV PF whose VF layout lspci -v does not "
				       "print: take lspci -vvnn",
		[IC_UNKNOWN_TEXT_PE] = "below a PowerNV PHB the groups are PEs, which the firmware assigns "
				       "and lspci's text does not show: take a snapshot (iso-check snapshot)",
		[IC_UNKNOWN_TEXT_MF] = "lspci's text does not print whether a lone function 0 is "
				       "multifunction: add its hex dump (lspci -xxx -s ADDRESS)",
	};
	return text[kind];
}
