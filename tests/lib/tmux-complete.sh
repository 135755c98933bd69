# SPDX-License-Identifier: GPL-2.0-or-later
# tmux-complete.sh - drive a real interactive shell in tmux: type a line, press TAB, read back
# what the shell made of it. Sourced by tests/integration/completion.sh.
ic_tmux_n=0

# tmux_start SHELL-COMMAND SETUP-LINE: a new server and session running the shell, set up and
# cleared (a server of its own each time: one that is going away cannot take a session).
tmux_start() {
	tmux_stop
	ic_tmux_n=$((ic_tmux_n + 1))
	ic_tmux="tmux -L iso-check-test-$$-$ic_tmux_n -f /dev/null"
	$ic_tmux new-session -d -x 220 -y 50 "$1"
	tmux_wait '[$#%>] *$' || return 1
	$ic_tmux send-keys -l "$2"
	$ic_tmux send-keys Enter
	$ic_tmux send-keys -l "PS1='READY\$ '; clear"
	$ic_tmux send-keys Enter
	tmux_wait '^READY\$ *$'
}

# tmux_wait REGEX: until the screen has a line matching REGEX (10 s at most).
tmux_wait() {
	local i
	for i in $(seq 100); do
		$ic_tmux capture-pane -p 2>/dev/null | grep -q -- "$1" && return 0
		sleep 0.1
	done
	return 1
}

# tmux_complete TEXT KEYS...: types TEXT at a fresh prompt, sends KEYS (Tab, Tab Tab), and
# leaves the screen in $screen; the line is cancelled afterwards (C-c).
tmux_complete() {
	local text=$1
	shift
	$ic_tmux send-keys -l "clear"
	$ic_tmux send-keys Enter
	sleep 0.2
	$ic_tmux send-keys -l "$text"
	for k in "$@"; do
		sleep 0.3
		$ic_tmux send-keys "$k"
		tmux_settle
	done
	$ic_tmux send-keys C-c
	sleep 0.2
}

# tmux_settle: until the screen has not changed for 0.6 s (10 s at most); leaves it in $screen.
tmux_settle() {
	local i same=0 last=
	for i in $(seq 50); do
		sleep 0.2
		screen=$($ic_tmux capture-pane -p -J)
		if [ "$screen" = "$last" ]; then
			same=$((same + 1))
			[ "$same" -ge 3 ] && return 0
		else
			same=0
		fi
		last=$screen
	done
}

tmux_stop() { [ -z "${ic_tmux:-}" ] || $ic_tmux kill-server 2>/dev/null; }
