# SPDX-License-Identifier: GPL-2.0-or-later
"""readme.py README WORKDIR: run every "$ iso-check ..." example of README.md as written (with
bash, in WORKDIR, which links tests/ to the source tree; iso-check is the one first on PATH)
and compare what it prints with the lines the README shows below it. A line "..." stands for
any number of lines. Prints "ok COMMAND" or "not ok COMMAND" and a diff for each."""
import difflib
import os
import re
import subprocess
import sys


def examples(text):
    """(command, expected lines) for each fenced block that starts with "$ iso-check" """
    out, block = [], None
    for line in text.splitlines():
        if line.startswith("```"):
            if block is not None:
                if block and re.match(r"\$ (.* \| )?iso-check ", block[0] + " "):
                    out.append((block[0][2:], block[1:]))
                block = None
            else:
                block = []
        elif block is not None:
            block.append(line)
    return out


def matches(want, got):
    """whether GOT fits WANT, where a "..." line of WANT covers any run of lines"""
    if not want:
        return not got
    if want[0] == "...":
        return any(matches(want[1:], got[i:]) for i in range(len(got) + 1))
    return bool(got) and got[0] == want[0] and matches(want[1:], got[1:])


readme, workdir = sys.argv[1], sys.argv[2]
failed = 0
for i, (cmd, want) in enumerate(examples(open(readme).read())):
    p = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], cwd=workdir, capture_output=True,
                       text=True, timeout=120)
    got = (p.stdout + p.stderr).rstrip("\n").split("\n") if p.stdout + p.stderr else []
    got = [g.rstrip() for g in got]
    ok = p.returncode < 127 and matches([w.rstrip() for w in want], got)
    print("%s %s" % ("ok" if ok else "not ok", cmd))
    if not ok:
        failed += 1
        for d in difflib.unified_diff(want, got, "README", "real output", lineterm="", n=1):
            print("#   " + d)
sys.exit(1 if failed else 0)
