/* fuzz_decisions.c - libFuzzer harness: arbitrary bytes as the clerk's
 * decisions file (xem-xet.csv): encodings, delimiters, headers, values. */
#include "merge.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	struct merge_month m;
	merge_month_init(&m, "2026-11");
	merge_read_decisions_mem(&m, (const char *)data, size);
	merge_month_release(&m);
	return 0;
}
