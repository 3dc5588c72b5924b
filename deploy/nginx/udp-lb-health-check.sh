#!/bin/sh
# Active health check for the servers behind deploy/nginx/udp-lb.conf.
#
# Open-source nginx checks the servers of a stream upstream only passively, and to it a datagram
# a server refuses on purpose (too short, over its prefix's rate limit) looks like a dead server.
# So udp-lb.conf leaves nginx no passive check (max_fails=0), and this script does the checking
# instead: it asks each server's readiness endpoint, writes the upstream file that udp-lb.conf
# includes (an unready server marked 'down') and reloads nginx when, and only when, that file
# changes.
#
#   udp-lb-health-check.sh [options] SERVERS UPSTREAM_FILE
#
# SERVERS lists one server a line: its UDP address and port as nginx reaches it, then its
# readiness URL ('#' starts a comment):
#   10.0.0.11:50001   http://10.0.0.11:8080/actuator/health/readiness
# A server is ready when that URL answers 200 within the time limit. It needs a POSIX shell and
# curl (Debian: apt-get install curl). See README.md beside it.
set -u

usage() {
	cat <<'EOF'
usage: udp-lb-health-check.sh [options] SERVERS UPSTREAM_FILE
  -i SECONDS  wait this long between two rounds of checks (default 1)
  -t SECONDS  each check's time limit, connecting and answering (default 1)
  -f COUNT    failed checks in a row that take a server out (default 2)
  -r COUNT    passed checks in a row that bring it back (default 2)
  -c COMMAND  run to reload nginx after the file changed
              (default: nginx -c /etc/nginx/udp-lb.conf -s reload)
  -1          check once, write UPSTREAM_FILE and exit without reloading: before nginx starts
EOF
}

log() {
	printf '%s udp-lb-health-check: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"
}

fail() {
	printf 'udp-lb-health-check: %s\n' "$*" >&2
	exit 2
}

is_count() {
	case $1 in
		'' | *[!0-9]*) return 1 ;;
		*) [ "$1" -ge 1 ] ;;
	esac
}

is_seconds() {
	case $1 in
		'' | . | *[!0-9.]* | *.*.*) return 1 ;;
		*) return 0 ;;
	esac
}

interval=1
limit=1
fall=2
rise=2
reload='nginx -c /etc/nginx/udp-lb.conf -s reload'
once=false
while getopts 'i:t:f:r:c:1h' option; do
	case $option in
		i) is_seconds "$OPTARG" || fail "-i takes seconds, not '$OPTARG'"; interval=$OPTARG ;;
		t) is_seconds "$OPTARG" || fail "-t takes seconds, not '$OPTARG'"; limit=$OPTARG ;;
		f) is_count "$OPTARG" || fail "-f takes a count of 1 or more, not '$OPTARG'"; fall=$OPTARG ;;
		r) is_count "$OPTARG" || fail "-r takes a count of 1 or more, not '$OPTARG'"; rise=$OPTARG ;;
		c) [ -n "$OPTARG" ] || fail "-c takes a command"; reload=$OPTARG ;;
		1) once=true ;;
		h) usage; exit 0 ;;
		*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || { usage >&2; exit 2; }
servers_file=$1
upstream_file=$2
command -v curl >/dev/null 2>&1 || fail "needs curl (Debian: apt-get install curl)"
[ -r "$servers_file" ] || fail "cannot read the server list $servers_file"
upstream_dir=$(dirname -- "$upstream_file")
if ! [ -d "$upstream_dir" ] || ! [ -w "$upstream_dir" ]; then
	fail "cannot write in $upstream_dir"
fi

# The list, read once: server i's address in address_i, its URL in url_i. No shell arrays in
# POSIX sh, hence numbered variables, set and read through eval, which names the variable and
# never parses a value as code.
count=0
line_number=0
while IFS= read -r line || [ -n "$line" ]; do
	line_number=$((line_number + 1))
	line=${line%%#*}
	set -f
	# shellcheck disable=SC2086 # split into words on purpose
	set -- $line
	set +f
	[ $# -eq 0 ] && continue
	[ $# -eq 2 ] || fail "$servers_file:$line_number: expected 'ADDRESS:PORT READINESS_URL', got: $line"
	printf '%s\n' "$1" | grep -Eq '^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):[0-9]{1,5}$' \
		|| fail "$servers_file:$line_number: '$1' is not ADDRESS:PORT (an IPv6 address goes in brackets)"
	if [ "${1##*:}" -lt 1 ] || [ "${1##*:}" -gt 65535 ]; then
		fail "$servers_file:$line_number: no such port in '$1'"
	fi
	case $2 in
		http://?* | https://?*) ;;
		*) fail "$servers_file:$line_number: '$2' is not an http:// or https:// URL" ;;
	esac
	count=$((count + 1))
	eval "address_$count=\$1 url_$count=\$2 up_$count=true passed_$count=0 failed_$count=0"
done <"$servers_file"
[ "$count" -gt 0 ] || fail "$servers_file lists no server"

work=$(mktemp -d) || fail "cannot make a temporary directory"
trap 'rm -rf "$work"' EXIT
trap 'exit 0' TERM INT HUP

# Writes the check's result for server $1 to $work/$1: 'ready', or why not. curl's own settings
# and any proxy from the environment stay out: the check asks the server itself.
check() {
	code=$(curl -q -s -o /dev/null -w '%{http_code}' --noproxy '*' --connect-timeout "$limit" \
		--max-time "$limit" "$2")
	status=$?
	if [ "$status" -eq 0 ] && [ "$code" = 200 ]; then
		echo ready
	elif [ "$status" -eq 0 ]; then
		echo "HTTP $code"
	elif [ "$status" -eq 7 ]; then
		echo "connection refused or unreachable"
	elif [ "$status" -eq 28 ]; then
		echo "no answer within ${limit}s"
	else
		echo "curl exit $status"
	fi >"$work/$1"
}

none_ready=false
first=true

# One round: every server checked at once, so that one that never answers delays none of the
# others. The first round decides at once, there being nothing to go by before it; after that
# a server changes state only after $fall failures or $rise passes in a row.
round() {
	i=1
	while [ "$i" -le "$count" ]; do
		eval "check $i \"\$url_$i\"" &
		i=$((i + 1))
	done
	wait
	ready=0
	i=1
	while [ "$i" -le "$count" ]; do
		result=$(cat "$work/$i" 2>/dev/null)
		address='' up='' passed='' failed=''
		eval "address=\$address_$i up=\$up_$i passed=\$passed_$i failed=\$failed_$i"
		if [ "$result" = ready ]; then
			passed=$((passed + 1)) failed=0
			if [ "$up" = false ] && { [ "$first" = true ] || [ "$passed" -ge "$rise" ]; }; then
				up=true
				log "$address is ready: back in"
			fi
		else
			failed=$((failed + 1)) passed=0
			if [ "$up" = true ] && { [ "$first" = true ] || [ "$failed" -ge "$fall" ]; }; then
				up=false
				log "$address is not ready ($result): out"
			fi
		fi
		eval "up_$i=\$up passed_$i=\$passed failed_$i=\$failed"
		[ "$up" = true ] && ready=$((ready + 1))
		i=$((i + 1))
	done
	if [ "$ready" -eq 0 ] && [ "$none_ready" = false ]; then
		log "no server is ready: every one stays in, so that any that still answers is reached"
	fi
	[ "$ready" -eq 0 ] && none_ready=true || none_ready=false
	first=false
}

# The upstream file for the present states. No passive check (max_fails=0): this script is the
# health check. When no server is ready every one stays in: with all of them 'down' nginx
# answers nobody ("no live upstreams"), while with all in, any server still answering UDP is
# reached, on the client's retry at worst, and the servers may be fine and only their readiness
# out of this script's reach.
render() {
	echo "# Written by udp-lb-health-check.sh from $servers_file: edit that list, not this file."
	i=1
	while [ "$i" -le "$count" ]; do
		eval "address=\$address_$i up=\$up_$i"
		if [ "$up" = true ] || [ "$ready" -eq 0 ]; then
			echo "server $address max_fails=0;"
		else
			echo "server $address max_fails=0 down;"
		fi
		i=$((i + 1))
	done
}

# Writes the file if its content changed (returns 1 if not), by renaming a complete new one over
# it, so that nginx never reads half a file.
write() {
	render >"$work/upstream" || fail "cannot write the upstream file"
	cmp -s "$work/upstream" "$upstream_file" && return 1
	if ! cp "$work/upstream" "$upstream_file.new" || ! mv -f "$upstream_file.new" "$upstream_file"; then
		fail "cannot write $upstream_file"
	fi
	log "wrote $upstream_file: $ready of $count ready"
	return 0
}

if [ "$once" = true ]; then
	round
	write || log "$upstream_file unchanged: $ready of $count ready"
	exit 0
fi

log "checking $count servers every ${interval}s; out after $fall failed checks, back after $rise"
pending=false
while :; do
	round
	write && pending=true
	if [ "$pending" = true ]; then
		# a reload that failed (nginx not running yet, say) is tried again every round
		if output=$(sh -c "$reload" 2>&1); then
			pending=false
			log "reloaded nginx"
		else
			log "reloading nginx failed, trying again next round: $output"
		fi
	fi
	sleep "$interval"
done
