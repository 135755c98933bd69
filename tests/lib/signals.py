# SPDX-License-Identifier: GPL-2.0-or-later
"""signals.py TMPDIR CMD...: run CMD four times and stop it with SIGINT, SIGTERM, SIGHUP and
SIGPIPE while it unpacks a .tar.gz (a slow gzip on PATH keeps it there); print per signal one
line "NAME STATUS MODE LEFT" where STATUS is the exit status (negative: killed by that signal),
MODE the unpack directory's mode while it ran and LEFT what stayed behind in TMPDIR (files,
then helper processes still running)."""
import glob
import os
import signal
import subprocess
import sys
import time

tmp, args = sys.argv[1], sys.argv[2:]
env = dict(os.environ, TMPDIR=tmp)
for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGPIPE):
    p = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         cwd=tmp)
    mode = "none"
    for _ in range(400):
        dirs = glob.glob(tmp + "/iso-check-*")
        if dirs:
            time.sleep(0.2)
            try:
                mode = oct(os.stat(dirs[0]).st_mode & 0o777)
            except OSError:
                pass
            break
        time.sleep(0.05)
    p.send_signal(sig)
    try:
        rc = p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        rc = "hung"
    time.sleep(0.2)
    left = sorted(os.path.basename(x) for x in glob.glob(tmp + "/*"))
    helpers = subprocess.run(["pgrep", "-f", "tar -xf - -C " + tmp], capture_output=True,
                             text=True).stdout.split()
    print(sig.name, rc, mode, ",".join(left + ["tar:" + h for h in helpers]) or "-")
