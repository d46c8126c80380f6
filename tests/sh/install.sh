#!/usr/bin/env bash
# install.sh - `make install DESTDIR=... PREFIX=/usr` gives a tree whose
# driver runs from anywhere without DH_* variables: --version, --help, and
# the sample month processed from another directory; `make install-timer` places the units; `make uninstall` leaves
# nothing behind but empty directories.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
dest=$tmp/stage

make -C "$top" --no-print-directory -s install DESTDIR="$dest" PREFIX=/usr >"$tmp/make.log" 2>&1 ||
	{ tail -n 30 "$tmp/make.log"; fail "make install"; }
make -C "$top" --no-print-directory -s install-timer DESTDIR="$dest" PREFIX=/usr >>"$tmp/make.log" 2>&1 ||
	{ tail -n 30 "$tmp/make.log"; fail "make install-timer"; }

drv=$dest/usr/bin/dien-hinh
for f in "$drv" "$dest/usr/lib/dien-hinh/dh-summary"; do
	[ -x "$f" ] || fail "$f not installed"
done
for f in usr/share/dien-hinh/templates/plan/linh-vuc.csv usr/share/dien-hinh/templates/plan/don-vi.csv \
	usr/share/dien-hinh/templates/plan/ke-hoach.conf usr/share/dien-hinh/templates/forms/mau-danh-sach.docx \
	usr/share/man/man1/dien-hinh.1 usr/share/man/man5/dien-hinh-plan.5 usr/share/man/man5/dien-hinh-xem-xet.5 \
	usr/share/doc/dien-hinh/huong-dan-can-bo.md usr/share/doc/dien-hinh/van-hanh.md \
	etc/dien-hinh/dien-hinh.conf etc/systemd/system/dien-hinh.service etc/systemd/system/dien-hinh.timer; do
	[ -f "$dest/$f" ] || fail "$f not installed"
done
[ ! -e "$dest/usr/share/dien-hinh/templates/forms/build-forms.py" ] || fail "build-forms.py installed"
grep -q 'exec /usr/bin/dien-hinh ' "$dest/etc/systemd/system/dien-hinh.service" ||
	fail "the installed service does not run /usr/bin/dien-hinh"

# The installed driver, run from an unrelated directory, DH_* unset.
unset DH_BINDIR DH_SHAREDIR
mkdir -p "$tmp/elsewhere"
cd "$tmp/elsewhere" || exit 1
"$drv" --version >"$tmp/version" 2>&1 || fail "--version exits $?"
grep -Eq '^dien-hinh [0-9]' "$tmp/version" || fail "--version printed: $(cat "$tmp/version")"
"$drv" --help >"$tmp/help" 2>&1 || fail "--help exits $?"
grep -q -- '--month' "$tmp/help" || fail "--help does not mention --month"

# A config file: paths come from it.
all=1
for p in dh-ingest dh-validate dh-merge dh-render dh-summary; do
	[ -x "$dest/usr/lib/dien-hinh/$p" ] || { all=0; missing=$p; }
done
if [ $all -eq 1 ]; then
	cp -R "$top/input" "$tmp/nop"
	cat >"$tmp/test.conf" <<EOF
# test config
input = $tmp/nop
output = $tmp/ket-qua
jobs = 2
EOF
	"$drv" --config "$tmp/test.conf" --month 2026-11 >"$tmp/run.out" 2>"$tmp/run.err" ||
		{ tail -n 20 "$tmp/run.err"; fail "installed driver failed on the sample month"; }
	for f in dataset.csv van-de.csv don-vi.csv danh-sach.pdf bao-cao.pdf run.log; do
		[ -e "$tmp/ket-qua/2026-11/$f" ] || fail "no $f after the installed run"
		[ -s "$tmp/ket-qua/2026-11/$f" ] || [ "$f" = run.log ] || fail "empty $f after the installed run"
	done
	[ -z "$(ls -A "$tmp/elsewhere")" ] || fail "the run wrote into the current directory"
	diff -r "$top/input" "$tmp/nop" >/dev/null || fail "the run changed its input folder"
	# --check touches nothing
	before=$(cd "$tmp/ket-qua" && find . -type f -exec sha256sum {} + | LC_ALL=C sort)
	"$drv" --config "$tmp/test.conf" --month 2026-11 --check --quiet >/dev/null 2>&1 ||
		fail "--check failed"
	after=$(cd "$tmp/ket-qua" && find . -type f ! -name .lock -exec sha256sum {} + | LC_ALL=C sort)
	before=$(printf '%s\n' "$before" | grep -v '/\.lock$')
	[ "$before" = "$after" ] || fail "--check changed the outputs"
	# the period report (sơ kết) over two months of the ledger
	"$drv" --config "$tmp/test.conf" --month 2026-10 --quiet 2>>"$tmp/run.err" ||
		{ tail -n 20 "$tmp/run.err"; fail "installed driver failed on 2026-10"; }
	"$drv" --config "$tmp/test.conf" --from 2026-10 --to 2026-11 >"$tmp/period.out" 2>>"$tmp/run.err" ||
		{ tail -n 20 "$tmp/run.err"; fail "installed driver failed on the period report"; }
	[ -s "$tmp/ket-qua/2026-10_2026-11/bao-cao.pdf" ] || fail "no period report"
	echo "installed driver processed the sample months and their period report"
else
	fail "$missing not installed: the sample-month run cannot run"
fi
cd "$top" || exit 1

make -C "$top" --no-print-directory -s uninstall-timer DESTDIR="$dest" PREFIX=/usr >>"$tmp/make.log" 2>&1 ||
	fail "make uninstall-timer"
make -C "$top" --no-print-directory -s uninstall DESTDIR="$dest" PREFIX=/usr >>"$tmp/make.log" 2>&1 ||
	fail "make uninstall"
left=$(find "$dest" ! -type d)
[ -z "$left" ] || fail "left behind after uninstall: $left"

# An edited config survives uninstall.
make -C "$top" --no-print-directory -s install DESTDIR="$dest" PREFIX=/usr >>"$tmp/make.log" 2>&1 || { tail -n 20 "$tmp/make.log"; fail "reinstall"; }
echo "jobs = 1" >>"$dest/etc/dien-hinh/dien-hinh.conf"
make -C "$top" --no-print-directory -s install DESTDIR="$dest" PREFIX=/usr >>"$tmp/make.log" 2>&1 || { tail -n 20 "$tmp/make.log"; fail "reinstall"; }
grep -q '^jobs = 1' "$dest/etc/dien-hinh/dien-hinh.conf" || fail "install overwrote an edited config"
make -C "$top" --no-print-directory -s uninstall DESTDIR="$dest" PREFIX=/usr >>"$tmp/make.log" 2>&1 || fail "uninstall"
[ "$(find "$dest" ! -type d)" = "$dest/etc/dien-hinh/dien-hinh.conf" ] || fail "uninstall removed an edited config or left more"
echo ok
