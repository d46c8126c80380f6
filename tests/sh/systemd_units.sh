#!/usr/bin/env bash
# systemd_units.sh - the shipped systemd units pass `systemd-analyze verify`
# (as shipped, and as `make install-timer` installs them for PREFIX=/usr);
# the timer fires on the 21st, early, and catches up; the cron line matches;
# the rerun units (dien-hinh-path.path/.timer/.service) watch the input
# folder and run the driver with --khi-thay-doi, group-readable (UMask);
# every man page is clean under `mandoc -Tlint -Wwarning`.  The checks that
# need no tool always run; when systemd-analyze or mandoc is missing the
# rest is skipped and the test exits 77 (skipped), never 0.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
skipped=""
svc=$top/pipeline/dien-hinh.service
tim=$top/pipeline/dien-hinh.timer
ppath=$top/pipeline/dien-hinh-path.path
psvc=$top/pipeline/dien-hinh-path.service
ptim=$top/pipeline/dien-hinh-path.timer

grep -q '^OnCalendar=\*-\*-21 0[0-7]:' "$tim" || fail "the timer does not fire early on the 21st"
grep -q '^Persistent=true' "$tim" || fail "the timer is not Persistent=true"
grep -q '^Type=oneshot' "$svc" || fail "the service is not Type=oneshot"
grep -q -- '--config /etc/dien-hinh/dien-hinh.conf' "$svc" || fail "the service does not use the config file"
grep -Eq '^[^#]*30 5 21 \* \* root dien-hinh .*--config /etc/dien-hinh/dien-hinh.conf --month han-nop' "$top/pipeline/dien-hinh.cron" ||
	fail "the cron line is not the timer's equivalent"

# The month: the units pass --month han-nop (the month whose deadline passed
# last; tests/sh/month_close.sh): on the 21st the current month, as a hand
# run without --month; a catch-up run before the 21st the previous month.
m=$(date -d '2026-11-21 05:30 20 days ago' +%Y-%m)
[ "$m" = 2026-11 ] || fail "month on Nov 21 is $m"
m=$(date -d '2026-12-03 09:00 20 days ago' +%Y-%m)
[ "$m" = 2026-11 ] || fail "catch-up month on Dec 3 is $m"
grep -q 'date -d "$d days ago"' "$top/pipeline/run" || fail "the driver's default month is not today - han_nop days"

# ExecStart=, unescaped as systemd does ($$ -> $, %% -> %), with a stub
# driver: it must pass the config and --month han-nop (the driver's rule for
# the month whose deadline passed last).
for unit in "$svc" "$psvc"; do
	cmd=$(sed -n 's/^ExecStart=//p' "$unit" | sed -e 's/\$\$/$/g' -e 's/%%/%/g' \
		-e "s|/usr/local/bin/dien-hinh|$tmp/stub|")
	printf '#!/bin/sh\nprintf "%%s\\n" "$@" >"%s/args"\n' "$tmp" >"$tmp/stub"
	chmod +x "$tmp/stub"
	eval "$cmd" || fail "ExecStart= does not run: $cmd"
	grep -qx -- '--config' "$tmp/args" && grep -qx '/etc/dien-hinh/dien-hinh.conf' "$tmp/args" ||
		fail "$unit: ExecStart= does not pass the config: $(cat "$tmp/args")"
	grep -qx -- '--month' "$tmp/args" && grep -qx 'han-nop' "$tmp/args" ||
		fail "$unit: ExecStart= does not pass --month han-nop: $(cat "$tmp/args")"
done
grep -qx -- '--khi-thay-doi' "$tmp/args" && grep -Eqx '[0-9]+' "$tmp/args" ||
	fail "dien-hinh-path.service does not debounce (--khi-thay-doi N): $(cat "$tmp/args")"
grep -q '^PathChanged=/srv/dien-hinh/input$' "$ppath" || fail "the path unit does not watch the input folder"
grep -q '^Unit=dien-hinh-path.service$' "$ppath" && grep -q '^Unit=dien-hinh-path.service$' "$ptim" ||
	fail "the path unit or its timer does not start dien-hinh-path.service"
grep -q '^UMask=0027$' "$psvc" || fail "dien-hinh-path.service: outputs not group-readable (UMask=0027)"
grep -q '^ReadWritePaths=/srv/dien-hinh/output$' "$psvc" || fail "dien-hinh-path.service: not hardened like dien-hinh.service"

if command -v systemd-analyze >/dev/null 2>&1; then
	(cd "$tmp" && systemd-analyze verify "$svc" "$tim" "$ppath" "$psvc" "$ptim") >"$tmp/verify.out" 2>&1 ||
		{ cat "$tmp/verify.out"; fail "systemd-analyze verify (shipped units)"; }
	[ ! -s "$tmp/verify.out" ] || { cat "$tmp/verify.out"; fail "systemd-analyze verify printed warnings"; }
	mkdir -p "$tmp/dest"
	make -C "$top" --no-print-directory -s install-timer DESTDIR="$tmp/dest" PREFIX=/usr >/dev/null 2>&1 ||
		fail "make install-timer"
	u=$tmp/dest/etc/systemd/system
	for f in dien-hinh.service dien-hinh.timer dien-hinh-path.path dien-hinh-path.service dien-hinh-path.timer; do
		[ -f "$u/$f" ] || fail "make install-timer did not install $f"
	done
	(cd "$tmp" && systemd-analyze verify "$u/dien-hinh.service" "$u/dien-hinh.timer" \
		"$u/dien-hinh-path.path" "$u/dien-hinh-path.service" "$u/dien-hinh-path.timer") >"$tmp/verify2.out" 2>&1 ||
		{ cat "$tmp/verify2.out"; fail "systemd-analyze verify (installed units)"; }
	next=$(systemd-analyze calendar --iterations=2 '*-*-21 05:30:00' 2>/dev/null | grep -c 'Next elapse\|Iter')
	[ "$next" -ge 1 ] || fail "systemd-analyze calendar does not parse the timer's OnCalendar"
else
	skipped="$skipped systemd-analyze"
fi

if command -v mandoc >/dev/null 2>&1; then
	n=0
	for f in "$top"/docs/man/*.[1-9]; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		out=$(mandoc -Tlint -Wwarning "$f" 2>&1) || { echo "$out"; fail "mandoc -Tlint: $f"; }
		[ -z "$out" ] || { echo "$out"; fail "mandoc -Tlint: $f"; }
	done
	[ $n -ge 9 ] || fail "only $n man pages in docs/man"
else
	skipped="$skipped mandoc"
fi
if [ -n "$skipped" ]; then
	echo "systemd_units: not installed:$skipped; those checks skipped"
	exit 77
fi
echo ok
