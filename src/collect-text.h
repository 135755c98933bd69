/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * collect-text.h - lspci's text as collect-text.c reads it and collect-text-model.c puts it in
 * the model: private to those two files.
 */
#ifndef IC_COLLECT_TEXT_H
#define IC_COLLECT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* One function's text, as read (the model's fields are filled from it by ic_text_apply()). */
struct ic_text_fn {
	uint32_t domain;
	uint8_t bus, slot, func;
	size_t line;			/* of its header line */
	size_t last;			/* of its last line */
	bool hex;			/* hex rows follow its header (hex rows win) */
	bool complete;			/* a blank line, the next function or a kernel line ends it */
	unsigned int known;		/* IC_KNOWN_* the text proves */
	uint16_t vendor, device, subvendor, subdevice;
	uint32_t class;
	uint8_t revision;
	char *class_text, *desc_text;	/* names as lspci printed them */
	bool bus_line, type1, type2, htype_unknown;
	uint8_t secondary, subordinate;
	bool caps_line, caps_denied, caps_broken;
	struct ic_cap *caps;
	size_t ncaps, caps_cap;
	int pcie_type;
	uint16_t exp_flags;
	bool acs_cap_line, acs_ctl_line;
	uint16_t acs_cap, acs_ctl;
	int flr, nosoftrst, af_flr, af_tp;	/* -1: not printed */
	bool sriov, iov_ctl, iov_vfs, iov_layout;
	uint16_t iov_ctrl, total_vfs, num_vfs, initial_vfs, vf_offset, vf_stride, vf_device;
	char *driver;
	int numa, group;		/* -1: not printed */
	enum { IC_TC_NONE, IC_TC_EXP, IC_TC_PM, IC_TC_AF, IC_TC_ACS, IC_TC_SRIOV, IC_TC_OTHER } cap;
	bool in_devcap;
};

/* Forms, for the model's description of what was read. */
enum {
	IC_TF_V1 = 1 << 0,		/* -v: "Flags:" lines */
	IC_TF_V2 = 1 << 1,		/* -vv or more: "Control:" lines */
	IC_TF_NN = 1 << 2,		/* -nn: names and [IDs] */
	IC_TF_N = 1 << 3,		/* -n: IDs only */
	IC_TF_NAMES = 1 << 4,		/* names without IDs */
	IC_TF_DOMAINS = 1 << 5,		/* -D, or several domains */
	IC_TF_KERNEL = 1 << 6,		/* "Kernel driver in use" / "Kernel modules" lines */
	IC_TF_GROUPS = 1 << 7,		/* "IOMMU group" lines (pciutils 3.7 and later) */
	IC_TF_HEX = 1 << 8,		/* hex rows */
	IC_TF_TREE = 1 << 9,		/* a -t tree */
	IC_TF_DECODED = 1 << 10,	/* any decoded line at all */
	IC_TF_DENIED = 1 << 11,		/* "Capabilities: <access denied>": not root */
	IC_TF_VERBOSE = 1 << 12,	/* lines only -v and more print (bus numbers, capabilities) */
	IC_TF_MACHINE = 1 << 13,	/* -m: quoted fields */
};

struct ic_text_problem {
	size_t line;
	char *msg;
};

struct ic_text {
	struct ic_text_fn *fns;
	size_t nfns, fns_cap;
	unsigned int form;
	char *hex;			/* function lines and hex rows only: libpci's dump reader's input */
	size_t hexlen, hex_cap;
	size_t *hex_lines;		/* the file's line of each line of hex */
	size_t nhex_lines, hex_lines_cap;
	size_t max_hex;			/* highest config offset a hex row reaches */
	size_t wrapped, stderr_lines;
	struct ic_text_problem *problems;
	size_t nproblems, problems_cap;
};

#endif
