/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cleanup.c - temporary directories and helper processes that go away on every exit. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cleanup.h"
#include "ic.h"

/* Slots the handler reads; written only with the signals blocked. */
static char *volatile ic_dirs[IC_CLEANUP_MAX];
static volatile pid_t ic_children[IC_CLEANUP_MAX];
static volatile bool ic_forward[IC_CLEANUP_MAX];	/* an iso-check child: pass the signal on */
static const int ic_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

struct ic_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* Empties the directory DFD (closed here); DEPTH bounds the recursion. */
static void ic_rmtree_fd(int dfd, int depth)
{
	char buf[2048];
	long n;

	if (depth > 256) {
		close(dfd);
		return;
	}
	while ((n = syscall(SYS_getdents64, dfd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct ic_dirent64 *de = (struct ic_dirent64 *)(buf + off);
			const char *nm = de->d_name;
			int sub;

			off += de->d_reclen;
			if (nm[0] == '.' && (!nm[1] || (nm[1] == '.' && !nm[2])))
				continue;
			if (unlinkat(dfd, nm, 0) == 0 || errno != EISDIR)
				continue;
			sub = openat(dfd, nm, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub >= 0) {
				fchmod(sub, 0700);	/* an archive may have made it read-only */
				ic_rmtree_fd(sub, depth + 1);
				unlinkat(dfd, nm, AT_REMOVEDIR);
			}
		}
	}
	close(dfd);
}

void ic_rmtree_now(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0) {
		if (errno == ENOTDIR)	/* a registered file: metrics --textfile's temporary one */
			unlink(dir);
		return;
	}
	ic_rmtree_fd(fd, 0);
	rmdir(dir);
}

static void ic_cleanup_handler(int sig)
{
	int saved = errno;

	for (size_t i = 0; i < IC_CLEANUP_MAX; i++) {
		pid_t pid = ic_children[i];

		if (pid > 0) {
			kill(pid, ic_forward[i] ? sig : SIGKILL);
			waitpid(pid, NULL, 0);
		}
	}
	for (size_t i = 0; i < IC_CLEANUP_MAX; i++)
		if (ic_dirs[i])
			ic_rmtree_now(ic_dirs[i]);
	signal(sig, SIG_DFL);
	errno = saved;
	raise(sig);
}

void ic_cleanup_install(void)
{
	struct sigaction sa = { .sa_handler = ic_cleanup_handler };

	sigfillset(&sa.sa_mask);
	for (size_t i = 0; i < IC_ARRAY_SIZE(ic_signals); i++) {
		struct sigaction old;

		/* a signal the caller ignores (nohup, a shell's background job) stays ignored */
		if (sigaction(ic_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(ic_signals[i], &sa, NULL);
	}
}

static void ic_block(sigset_t *old)
{
	sigset_t all;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, old);
}

void ic_cleanup_add_dir(const char *dir)
{
	char *copy = ic_xstrdup(dir);
	sigset_t old;

	ic_block(&old);
	for (size_t i = 0; i < IC_CLEANUP_MAX; i++)
		if (!ic_dirs[i]) {
			ic_dirs[i] = copy;
			copy = NULL;
			break;
		}
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(copy);
}

void ic_cleanup_del_dir(const char *dir)
{
	char *gone = NULL;
	sigset_t old;

	ic_block(&old);
	for (size_t i = 0; i < IC_CLEANUP_MAX; i++)
		if (ic_dirs[i] && ic_streq(ic_dirs[i], dir)) {
			gone = ic_dirs[i];
			ic_dirs[i] = NULL;
			break;
		}
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(gone);
}

void ic_cleanup_add_child(pid_t pid, bool forward)
{
	sigset_t old;

	ic_block(&old);
	for (size_t i = 0; i < IC_CLEANUP_MAX; i++)
		if (ic_children[i] <= 0) {
			ic_children[i] = pid;
			ic_forward[i] = forward;
			break;
		}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

void ic_cleanup_del_child(pid_t pid)
{
	sigset_t old;

	ic_block(&old);
	for (size_t i = 0; i < IC_CLEANUP_MAX; i++)
		if (ic_children[i] == pid)
			ic_children[i] = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
}
