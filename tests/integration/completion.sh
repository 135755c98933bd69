# SPDX-License-Identifier: GPL-2.0-or-later
# completion.sh - the bash and zsh completions in a real interactive bash and zsh (driven in
# tmux): commands, addresses across their colons, columns, groups, a .tar.gz sysroot.
. "$IC_SRCDIR/tests/lib/common.sh"
. "$IC_SRCDIR/tests/lib/tmux-complete.sh"
trap tmux_stop EXIT
if ! command -v tmux >/dev/null || ! command -v zsh >/dev/null ||
	! [ -f /usr/share/bash-completion/bash_completion ]; then
	fail "tmux, zsh and bash-completion are needed (./dev.sh installs them)"
	finish
fi
tree=$(unpack vfio-bound)
tgz="$IC_SRCDIR/tests/fixtures/vfio-bound.tar.gz"
bindir=$(dirname "$IC_BIN")
env="env -i HOME=$work TERM=xterm PATH=$bindir:/usr/bin:/bin"

# line_is TEXT: the prompt line now ends in TEXT (completion inserted what it should; tmux
# drops the blank after a completed word, so one there is not compared).
line_is() { printf '%s\n' "$screen" | grep '^READY\$ ' | grep -qF -- "${1% }"; }
shows() { printf '%s\n' "$screen" | grep -q -- "$1"; }

# --- bash ---------------------------------------------------------------------------------
if tmux_start "$env bash --norc --noprofile -i" \
	". /usr/share/bash-completion/bash_completion; . $IC_SRCDIR/completions/iso-check"; then
	tmux_complete "iso-check gro" Tab
	check "bash: a command" line_is "iso-check groups "
	tmux_complete "iso-check --sysroot $tree groups -s 0000:03:0" Tab Tab
	# readline lists what follows the last colon, as for scp host:path
	check "bash: -s lists the addresses past the colons" shows "^01\.0 *02\.0"
	tmux_complete "iso-check --sysroot $tree groups -s 0000:03:01" Tab
	check "bash: -s completes a whole address" line_is "iso-check --sysroot $tree groups -s 0000:03:01.0 "
	tmux_complete "iso-check --sysroot=$tree groups --isolate 0000:02" Tab
	check "bash: --sysroot=DIR and --isolate" line_is "groups --isolate 0000:02:00.0 "
	tmux_complete "iso-check --sysroot $tgz groups -s 0000:01" Tab
	check "bash: addresses from a .tar.gz sysroot" line_is "groups -s 0000:01:00.0 "
	tmux_complete "iso-check --sysroot $tgz groups -g " Tab Tab
	check "bash: groups from a .tar.gz sysroot" eval 'shows "^0 *1 *2 *3 *4 *5 *6"'
	tmux_complete "iso-check groups -o NAME,PC" Tab
	check "bash: -o columns after a comma" line_is "iso-check groups -o NAME,PCIE"
	tmux_complete "iso-check bars --page-size 64" Tab
	check "bash: page sizes" line_is "iso-check bars --page-size 64K "
else
	fail "bash did not start in tmux"
fi

# --- zsh ----------------------------------------------------------------------------------
if tmux_start "$env zsh -f -i" \
	"PS1='\$ '; fpath=($IC_SRCDIR/completions \$fpath); autoload -U compinit; compinit -u -D"; then
	tmux_complete "iso-check gro" Tab
	check "zsh: a command" line_is "iso-check groups "
	tmux_complete "iso-check --sysroot $tree groups -s 0000:03:01" Tab
	check "zsh: -s completes a whole address, colons and all" line_is "iso-check --sysroot $tree groups -s 0000:03:01.0 "
	tmux_complete "iso-check --sysroot $tree groups -s 0000:03:0" Tab Tab
	check "zsh: -s lists addresses" eval 'shows "0000:03:01.0" && shows "0000:03:02.0"'
	tmux_complete "iso-check --sysroot $tree groups -g " Tab
	check "zsh: -g groups of the --sysroot given before the command" eval 'shows "^0 *1 *2 *3 *4 *5 *6" || line_is "groups -g 0"'
	tmux_complete "iso-check --sysroot $tgz groups --isolate 0000:02" Tab
	check "zsh: addresses from a .tar.gz sysroot" line_is "groups --isolate 0000:02:00.0 "
	tmux_complete "iso-check groups -o NAME,PC" Tab
	check "zsh: -o columns (from iso-check itself)" line_is "iso-check groups -o NAME,PCIE"
	check "zsh: no error from the completion" eval '! shows "_values\|not enough arguments\|command not found"'
else
	fail "zsh did not start in tmux"
fi
finish
