# bench.mk - `make bench`: the performance benchmark of issues 7 and 15.
#
# Builds two small helpers against the system libraries only:
#   bench/floor.c    the floor (unzip + libxml2 xmlReader / libcsv, no work)
#   bench/measure.c  runs a command, records wall, CPU and peak RSS (wait4)
# then runs bench/run once the stage programs (the programs of `make all`;
# the unit tests are not needed) are built.  bench/run generates the
# synthetic months (bench/gen.py, cached in bench/data/), runs the floor and
# the pipeline on each, prints the table and writes it to bench/results/.
# It also runs the Python peer (bench/peer.py) on the office month of
# N = 2,000 when python-docx and reportlab can be imported.
# Variables:
#   BENCH_N="200 2000 20000"   the month sizes to run
#   BENCH_MIX="plain office"   the generators (bench/gen.py --mix)
#   BENCH_PEER=1               0: do not run the Python peer
#   BENCH_REPS=1               repetitions (the median is kept)
# e.g. `make bench BENCH_N="200 2000"`.  Never part of `make test`.

BENCH_FLOOR   := $(BUILD)/bench/floor
BENCH_MEASURE := $(BUILD)/bench/measure
BENCH_N       ?= 200 2000 20000
BENCH_REPS    ?= 1
BENCH_MIX     ?= plain office
BENCH_PEER    ?= 1

.PHONY: bench bench-tools

bench-tools: $(BENCH_FLOOR) $(BENCH_MEASURE)

$(BENCH_FLOOR): bench/floor.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) $(OPT) $(shell pkg-config --cflags libxml-2.0 libzip 2>/dev/null) \
		-o $@ $< $(shell pkg-config --libs libxml-2.0 libzip 2>/dev/null) -lcsv -lpthread

$(BENCH_MEASURE): bench/measure.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) $(OPT) -o $@ $<

bench: $(PROGS) $(BENCH_FLOOR) $(BENCH_MEASURE)
	@DH_BINDIR=$(abspath $(BUILD)/bin) BENCH_TOOLS=$(abspath $(BUILD)/bench) \
		BENCH_N="$(BENCH_N)" BENCH_REPS="$(BENCH_REPS)" BENCH_MIX="$(BENCH_MIX)" \
		BENCH_PEER="$(BENCH_PEER)" bench/run
