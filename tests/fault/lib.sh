# lib.sh - shared by the tests/sh/fault_*.sh tests (sourced).
# A month is "whole" when its six outputs are exactly those of one clean run
# (old or new), the PDFs pass qpdf --check and the ledger passes
# integrity_check.
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=${DH_BINDIR:-$top/build/bin}
run=$top/pipeline/run
OUTS="dataset.csv van-de.csv don-vi.csv tep.csv danh-sach.pdf bao-cao.pdf"

# The state of a month folder: one line of hashes of its outputs.
month_state() { # dir
	local s="" f
	for f in $OUTS; do
		if [ -f "$1/$f" ]; then s="$s $(sha256sum <"$1/$f" | cut -c1-16)"; else s="$s -"; fi
	done
	echo "$s"
}

# Checks that dir holds one of the accepted states; prints why not.
check_whole() { # dir ledger state...
	local dir=$1 db=$2 st
	shift 2
	st=$(month_state "$dir")
	local ok=0 s
	for s in "$@"; do [ "$st" = "$s" ] && ok=1; done
	[ $ok -eq 1 ] || { echo "mixed or damaged month: $st"; return 1; }
	local f
	for f in danh-sach.pdf bao-cao.pdf; do
		if [ -f "$dir/$f" ] && command -v qpdf >/dev/null; then
			qpdf --check "$dir/$f" >/dev/null 2>&1 || { echo "qpdf --check fails on $f"; return 1; }
		fi
	done
	if [ -f "$db" ]; then
		[ "$(sqlite3 "$db" 'pragma integrity_check')" = ok ] || { echo "ledger integrity_check fails"; return 1; }
	fi
	return 0
}

# No leftovers of a run under out (after a completed run).
check_clean() { # out
	local left
	left=$(find "$1" \( -name '.*.staging-*' -o -name '.*.old-*' -o -name '*.tmp.[0-9]*' \) -print | head -5)
	[ -z "$left" ] || { echo "leftovers: $left"; return 1; }
}

# After the fault runs: a clean run (R, defined by the test) into out gives
# the new month, whole, with no leftovers.
final_clean_run() { # out new-state
	R --output "$1" || { echo "clean run after the faults failed"; return 1; }
	check_whole "$1/2026-11" "$1/so-cai.sqlite" "$2" || return 1
	check_clean "$1"
}
