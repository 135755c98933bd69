/* SPDX-License-Identifier: GPL-2.0-or-later */
/* analyze-unknown.c - what is missing when a group cannot be predicted, and what shows it. */
#include "ic.h"
#include "predict.h"

/* What is missing about the function B that left a group unknown; the first that applies. */
enum ic_unknown_kind ic_unknown_kind_of(const struct ic_model *m, const struct ic_dev *b)
{
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
	};
	return text[kind];
}
