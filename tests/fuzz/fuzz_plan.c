/* fuzz_plan.c - libFuzzer harness: arbitrary bytes as one file of the plan
 * (the first byte picks which: linh-vuc.csv, don-vi.csv, cot.csv,
 * dan-toc.csv or ke-hoach.conf), the others being the shipped ones, through
 * plan_load().  DH_PLAN names the shipped plan (default templates/plan). */
#include "plan.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const names[] = {"linh-vuc.csv", "don-vi.csv", "cot.csv", "dan-toc.csv",
				    "ke-hoach.conf"};
static char dir[] = "/tmp/fuzz_plan.XXXXXX";
static char *orig[ARRAY_SIZE(names)];
static size_t origlen[ARRAY_SIZE(names)];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void put(const char *name, const void *data, size_t len)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "wb");
	if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f) != 0)
		abort();
	free(p);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *src = getenv("DH_PLAN");
	if (!src)
		src = "templates/plan";
	if (!mkdtemp(dir))
		abort();
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		char *p = xasprintf("%s/%s", src, names[i]);
		if (read_file(p, 16u << 20, &orig[i], &origlen[i]) != 0) {
			fprintf(stderr, "fuzz_plan: cannot read %s (set DH_PLAN)\n", p);
			abort();
		}
		free(p);
		put(names[i], orig[i], origlen[i]);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > (1u << 20))
		return 0;
	size_t k = data[0] % ARRAY_SIZE(names);
	put(names[k], data + 1, size - 1);
	struct plan p;
	if (plan_load(&p, dir) == 0)
		plan_release(&p);
	put(names[k], orig[k], origlen[k]);
	return 0;
}
