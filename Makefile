# dien-hinh: build, test and install.  See README.md.
#
# Layout: stages/core/*.c is the shared library; every stages/dh-*.c is one
# stage program; tests/unit/test_*.c are unit-test programs.  New files are
# picked up without editing this file.

CC      ?= cc
BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
PKGS    := libxml-2.0 libzip libutf8proc sqlite3 fontconfig xlsxwriter
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
CSTD    := -std=c17 -D_GNU_SOURCE
OPT     ?= -O2 -g
SAN     :=
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS  = $(CSTD) $(WARN) $(OPT) $(SAN) -Istages/core $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SAN) $(LDFLAGS)
LIBS        = $(PKG_LIBS) -lhpdf -lcsv -lpthread -lm

CORE_SRC  := $(sort $(wildcard stages/core/*.c))
CORE_OBJ  := $(patsubst stages/core/%.c,$(BUILD)/core/%.o,$(CORE_SRC))
CORE_LIB  := $(BUILD)/libdienhinh.a
PROG_SRC  := $(sort $(wildcard stages/dh-*.c))
PROGS     := $(patsubst stages/%.c,$(BUILD)/bin/%,$(PROG_SRC))
TEST_SRC  := $(sort $(wildcard tests/unit/test_*.c))
TESTS     := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(TEST_SRC))
FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
HDRS      := $(wildcard stages/core/*.h) $(wildcard tests/unit/*.h)

.PHONY: all deps demo test check san fuzz bench clean format regen

all: $(PROGS) $(TESTS)

$(BUILD)/core/%.o: stages/core/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(CORE_LIB): $(CORE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/bin/%: stages/%.c $(CORE_LIB) $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(CORE_LIB) $(ALL_LDFLAGS) $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(CORE_LIB) $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(CORE_LIB) $(ALL_LDFLAGS) $(LIBS)

# Installs the Debian packages the project needs when some are missing.
deps:
	@pipeline/install-deps

# First README command: set up, build, run the shipped sample month.
demo: deps
	@$(MAKE) --no-print-directory all
	pipeline/restore-mtimes input
	pipeline/run --quiet --month 2026-10 --input input --output output
	pipeline/run --month 2026-11 --input input --output output
	@echo "Kết quả: output/2026-11/ (danh-sach.pdf/.docx, bao-cao.pdf/.docx, tong-hop.xlsx, phan-hoi/, don-doc.pdf/.docx, gui-thu.csv, dataset.csv, van-de.csv, don-vi.csv)"

# Second README command: set up, build normally and with sanitizers, run all tests.
test: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory BUILD=build/san OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" all
	@tests/run-all

check: test

san:
	@$(MAKE) --no-print-directory BUILD=build/san OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" all

# libFuzzer harnesses, one per reader (clang only).
fuzz:
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang OPT="-O1 -g" \
		SAN="-fsanitize=fuzzer-no-link,address,undefined" $(BUILD:build=build/fuzz)/libdienhinh.a
	@mkdir -p build/fuzz/bin
	@for f in $(FUZZ_SRC); do n=$$(basename $$f .c); \
		echo "clang $$f -> build/fuzz/bin/$$n"; \
		clang $(CSTD) -O1 -g -fsanitize=fuzzer,address,undefined -Istages/core $(PKG_CFLAGS) \
			-o build/fuzz/bin/$$n $$f build/fuzz/libdienhinh.a $(LIBS) || exit 1; done

regen: all
	@tests/e2e/regen

format:
	clang-format -i stages/*.c stages/core/*.c stages/core/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf build

# Further targets (install, bench...) live in mk/*.mk.
-include $(wildcard mk/*.mk)
