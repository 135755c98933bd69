/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cleanup.h - temporary directories and helper processes that go away on every exit. */
#ifndef IC_CLEANUP_H
#define IC_CLEANUP_H

#include <stdbool.h>
#include <sys/types.h>

/*
 * A registered directory (or file) is removed, and a registered child stopped, when iso-check ends on
 * SIGINT, SIGTERM, SIGHUP or SIGPIPE; the signal is then raised again with its default action,
 * so the exit status still tells the shell what happened. Normal exits remove directories
 * themselves and unregister them first. At most IC_CLEANUP_MAX of each at a time.
 */
#define IC_CLEANUP_MAX 4

void ic_cleanup_install(void);
void ic_cleanup_add_dir(const char *dir);
void ic_cleanup_del_dir(const char *dir);
/* FORWARD: a forked iso-check, sent the same signal so that it cleans up; else SIGKILL. */
void ic_cleanup_add_child(pid_t pid, bool forward);
void ic_cleanup_del_child(pid_t pid);
/* Removes DIR and everything below it (or the file DIR) without following links;
 * async-signal-safe. */
void ic_rmtree_now(const char *dir);

#endif
