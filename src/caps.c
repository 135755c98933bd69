/* SPDX-License-Identifier: GPL-2.0-or-later */
/* caps.c - capability list walks that detect loops, bad pointers and cut config space. */
#include <string.h>

#include "caps.h"
#include "ic.h"


/*
 * ic_caps_walk_std() - walk the standard capability list.
 * @cfg: config-space bytes; @len: how many could be read.
 * @caps, @n: the list is appended to (caller frees *caps).
 * @where: on a non-OK status, the offending offset.
 * Return: how the walk ended. As in the kernel, an ID of 0xff ends the list.
 */
enum ic_caps_status ic_caps_walk_std(const uint8_t *cfg, size_t len, struct ic_cap **caps,
				     size_t *n, uint16_t *where)
{
	bool seen[IC_CFG_LEGACY_LEN / 4] = { false };
	size_t cap = *n;
	unsigned int ptr;

	if (len < IC_CFG_HEADER_LEN) {
		*where = (uint16_t)len;
		return IC_CAPS_CUT;
	}
	if (!(ic_le16(cfg + PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return IC_CAPS_OK;
	ptr = (cfg[PCI_HEADER_TYPE] & 0x7f) == PCI_HEADER_TYPE_CARDBUS ? PCI_CB_CAPABILITY_LIST : PCI_CAPABILITY_LIST;
	ptr = cfg[ptr] & 0xfc;
	while (ptr) {
		*where = (uint16_t)ptr;
		if (ptr < IC_CFG_HEADER_LEN)
			return IC_CAPS_BAD_POINTER;
		if (ptr + 2 > len)
			return IC_CAPS_CUT;
		if (seen[ptr / 4])
			return IC_CAPS_LOOP;
		seen[ptr / 4] = true;
		if (cfg[ptr] == 0xff)
			break;
		IC_APPEND(*caps, *n, cap, ((struct ic_cap){ .id = cfg[ptr], .offset = (uint16_t)ptr }));
		ptr = cfg[ptr + 1] & 0xfc;
	}
	return IC_CAPS_OK;
}

/*
 * ic_caps_walk_ext() - walk the extended capability list starting at 0x100.
 * Config space of 256 bytes or less has no extended list: that is OK and empty.
 */
enum ic_caps_status ic_caps_walk_ext(const uint8_t *cfg, size_t len, struct ic_cap **caps,
				     size_t *n, uint16_t *where)
{
	bool seen[IC_CFG_EXT_LEN / 4] = { false };
	size_t cap = *n;
	unsigned int off = IC_CFG_LEGACY_LEN;
	uint32_t hdr;

	if (len <= IC_CFG_LEGACY_LEN)
		return IC_CAPS_OK;
	if (len < off + 4) {
		*where = (uint16_t)off;
		return IC_CAPS_CUT;
	}
	hdr = ic_le32(cfg + off);
	if (hdr == 0 || hdr == 0xffffffff)
		return IC_CAPS_OK;
	for (;;) {
		unsigned int next = (hdr >> 20) & 0xffc;

		seen[off / 4] = true;
		IC_APPEND(*caps, *n, cap,
			  ((struct ic_cap){ .id = (uint16_t)(hdr & 0xffff), .offset = (uint16_t)off,
					    .version = (uint8_t)((hdr >> 16) & 0xf), .extended = true }));
		if (!next)
			return IC_CAPS_OK;
		*where = (uint16_t)next;
		if (next < IC_CFG_LEGACY_LEN)
			return IC_CAPS_BAD_POINTER;
		if (next + 4 > len)
			return IC_CAPS_CUT;
		if (seen[next / 4])
			return IC_CAPS_LOOP;
		off = next;
		hdr = ic_le32(cfg + off);
	}
}

const char *ic_caps_status_str(enum ic_caps_status st)
{
	switch (st) {
	case IC_CAPS_OK:
		return "ok";
	case IC_CAPS_CUT:
		return "points past the readable config space";
	case IC_CAPS_LOOP:
		return "loops back to a capability already seen";
	case IC_CAPS_BAD_POINTER:
		return "points into the configuration header";
	}
	return "?";
}
