/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dest.h - writing below one destination directory, never through a link (snapshots, reports). */
#ifndef IC_DEST_H
#define IC_DEST_H

#include <stdbool.h>
#include <stddef.h>

/*
 * DFD is a directory iso-check made itself. Every path below it is created component by
 * component: each directory is opened with O_NOFOLLOW|O_DIRECTORY and each file with
 * O_NOFOLLOW, so a link anywhere in a path fails (ELOOP/ENOTDIR) instead of being followed.
 * "." and ".." components are refused (-EINVAL). Return 0 or a negative errno.
 */
int ic_dest_mkdirs(int dfd, const char *rel);
int ic_dest_write(int dfd, const char *rel, const void *data, size_t len);
int ic_dest_symlink(int dfd, const char *rel, const char *target);
bool ic_dest_exists(int dfd, const char *rel);

/* Replaces the file PATH with DATA atomically (temporary file and rename, one directory). */
int ic_dest_replace(const char *path, const void *data, size_t len);

/* Whether the link REL (root-relative) pointing to TARGET would resolve outside the root. */
bool ic_link_leaves_root(const char *rel, const char *target);

#endif
