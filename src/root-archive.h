/* SPDX-License-Identifier: GPL-2.0-or-later */
/* root-archive.h - what root.c uses of root-archive.c: a .tar.gz unpacked for a root. */
#ifndef IC_ROOT_ARCHIVE_H
#define IC_ROOT_ARCHIVE_H

char *ic_root_unpack(const char *archive, char **errmsg);

#endif
