#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# ansible.sh - contrib/ansible/iso-check-fleet.yml with Debian's ansible-core against this
# machine (-c local): the bundle lands in REPORT_DIR/localhost/; then two inventory names for
# this machine, one reporting on a recorded tree instead, show drift between two hosts of the
# same model. Ansible's own files stay in the work directory.
. "$IC_SRCDIR/tests/lib/common.sh"
playbook="$IC_SRCDIR/contrib/ansible/iso-check-fleet.yml"
export HOME="$work/home" ANSIBLE_LOCAL_TEMP="$work/home/tmp" ANSIBLE_REMOTE_TEMP="$work/home/rtmp" \
	ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_PYTHON_INTERPRETER=auto_silent \
	ANSIBLE_CONFIG="$work/home/ansible.cfg" ANSIBLE_FORCE_COLOR=0 LC_ALL=C.UTF-8	# Ansible insists on UTF-8
mkdir -p "$HOME"
printf "[defaults]\n" >"$ANSIBLE_CONFIG"	# none of the host's or the checkout's
cd "$work" || exit 1

check "the playbook passes ansible-playbook --syntax-check" \
	ansible-playbook -i localhost, --syntax-check "$playbook"

rc=0
ansible-playbook -i localhost, -c local "$playbook" -e report_dir=reports \
	-e iso_check_bin="$IC_BIN" >"$work/play1.log" 2>&1 || rc=$?
check "against localhost: the play succeeds" sh -c "[ $rc -eq 0 ] && grep -q 'localhost *: ok=.* failed=0' '$work/play1.log'"
check "the bundle is in REPORT_DIR/localhost/, with its snapshot and views" sh -c \
	"tar -tzf reports/localhost/iso-check-report.tar.gz | grep -qx './snapshot/ISO_CHECK_SNAPSHOT' && \
	tar -tzf reports/localhost/iso-check-report.tar.gz | grep -qx './audit.json'"
check "the model is recorded beside it" test -s reports/localhost/model
run --sysroot reports/localhost/iso-check-report.tar.gz groups
check "iso-check reads the fetched bundle" sh -c "[ $rc -eq 0 ] || [ $rc -eq 3 ] || [ $rc -eq 4 ]"
check "no work directory is left on the host" sh -c "! ls -d '${TMPDIR:-/tmp}'/iso-check.* 2>/dev/null | grep -q ."

# Two names for this machine, so one model; beta reports on a recorded tree: drift.
printf 'alpha\nbeta iso_check_report_args="--sysroot %s"\n' "$IC_SRCDIR/tests/fixtures/sriov-vfs.tar.gz" >"$work/inventory"
rc=0
ansible-playbook -i "$work/inventory" -c local "$playbook" -e report_dir="$work/fleet" \
	-e iso_check_bin="$IC_BIN" >"$work/play2.log" 2>&1 || rc=$?
check "two hosts: the play succeeds, and says beta drifted from alpha" sh -c \
	"[ $rc -eq 0 ] && grep -q 'beta differs from alpha' '$work/play2.log'"
check "the drift is iso-check diff of the two bundles" sh -c \
	"'$IC_BIN' diff fleet/alpha/iso-check-report.tar.gz fleet/beta/iso-check-report.tar.gz | \
	sed 's|^--- .*|---|; s|^+++ .*|+++|' >'$work/want.txt'; sed 's|^--- .*|---|; s|^+++ .*|+++|' fleet/beta/diff-alpha.txt | cmp -s - '$work/want.txt'"
check "the reference host has no diff of its own" sh -c "! ls fleet/alpha/diff-* 2>/dev/null"
finish
