#!/usr/bin/env bash
# install_prefix.sh - where `make install` puts the config: /etc/dien-hinh for
# PREFIX=/usr and /usr/local, PREFIX/etc/dien-hinh for any other prefix (an
# install under /opt or a home folder writes nothing outside it), and the
# installed driver reads that config without --config.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

inst() { # prefix destdir
	make -C "$top" --no-print-directory -s install PREFIX="$1" DESTDIR="$2" >>"$tmp/make.log" 2>&1 ||
		{ tail -n 20 "$tmp/make.log"; fail "make install PREFIX=$1"; }
}

for p in /usr /usr/local; do
	d=$tmp/d$(echo "$p" | tr / _)
	inst "$p" "$d"
	[ -f "$d/etc/dien-hinh/dien-hinh.conf" ] || fail "PREFIX=$p: no /etc/dien-hinh/dien-hinh.conf"
	grep -q '/etc/dien-hinh/dien-hinh.conf' "$d$p/bin/dien-hinh" ||
		fail "PREFIX=$p: the driver does not read /etc/dien-hinh/dien-hinh.conf"
done

d=$tmp/dopt
inst /opt/dien-hinh "$d"
[ -f "$d/opt/dien-hinh/etc/dien-hinh/dien-hinh.conf" ] || fail "PREFIX=/opt/dien-hinh: no PREFIX/etc/dien-hinh/dien-hinh.conf"
outside=$(cd "$d" && find . ! -type d ! -path './opt/dien-hinh/*')
[ -z "$outside" ] || fail "PREFIX=/opt/dien-hinh wrote outside the prefix: $outside"
grep -q '/opt/dien-hinh/etc/dien-hinh/dien-hinh.conf' "$d/opt/dien-hinh/bin/dien-hinh" ||
	fail "the driver under /opt/dien-hinh does not read its own config"
grep -q '^#plan = /opt/dien-hinh/etc/dien-hinh/plan$' "$d/opt/dien-hinh/etc/dien-hinh/dien-hinh.conf" ||
	fail "the installed config does not name PREFIX/etc/dien-hinh/plan"

# A real install under a prefix (no DESTDIR): its driver, run from another
# folder without --config, takes input and output from PREFIX/etc.
pre=$tmp/prefix
inst "$pre" ""
conf=$pre/etc/dien-hinh/dien-hinh.conf
[ -f "$conf" ] || fail "no $conf"
cp -R "$top/input" "$tmp/nop"
printf 'input = %s\noutput = %s\n' "$tmp/nop" "$tmp/ket-qua" >"$conf"
mkdir -p "$tmp/elsewhere"
(cd "$tmp/elsewhere" && env -u DH_BINDIR -u DH_SHAREDIR "$pre/bin/dien-hinh" --month 2026-11 --quiet) \
	>"$tmp/run.out" 2>&1 || { tail -n 20 "$tmp/run.out"; fail "the installed driver failed"; }
[ -s "$tmp/ket-qua/2026-11/dataset.csv" ] || fail "the driver did not take output from $conf"
make -C "$top" --no-print-directory -s uninstall PREFIX="$pre" >>"$tmp/make.log" 2>&1 || fail "make uninstall"
echo ok
