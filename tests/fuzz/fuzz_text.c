/* fuzz_text.c - libFuzzer harness over encoding detection, the legacy
 * decoders and every Vietnamese text function. */
#include "legacy.h"
#include "text.h"
#include "vocab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The shipped vocabulary for the name functions (none if it does not load). */
static const struct vocab *fuzz_vocab(void)
{
	static struct vocab v;
	static int state; /* 0 not tried, 1 loaded, -1 failed */
	if (!state) {
		vocab_init(&v);
		state = vocab_load(&v, "templates/plan/tu-vung.csv") == 0 ? 1 : -1;
	}
	return state > 0 ? &v : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 16)
		return 0;
	enum text_encoding e = text_detect((const char *)data, size);
	char *out = NULL;
	size_t n = 0;
	if (e != ENC_UNKNOWN && text_to_utf8((const char *)data, size, e, &out, &n) == 0) {
		if (!utf8_valid(out, n))
			abort();
		free(out);
	}
	free(tcvn3_to_utf8(data, size));
	free(vni_to_utf8(data, size));
	free(cp1258_to_utf8(data, size));

	/* the text functions take a C string: the data up to its first NUL */
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = 0;
	char *(*fs[])(const char *) = {vn_normalize,
				       vn_normalize_lines,
				       vn_fix_tone_placement,
				       vn_key,
				       vn_ident_key,
				       vn_upper,
				       vn_lower,
				       vn_proper_name,
				       vn_sort_key};
	for (size_t i = 0; i < sizeof(fs) / sizeof(fs[0]); i++) {
		char *r = fs[i](s);
		if (fs[i] != vn_sort_key && !utf8_valid(r, strlen(r)))
			abort();
		free(r);
	}
	char *names[] = {vn_collective_name(s, fuzz_vocab()), vn_strip_honorific(s, fuzz_vocab())};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!utf8_valid(names[i], strlen(names[i])))
			abort();
		free(names[i]);
	}
	/* normalisation is idempotent */
	char *a = vn_normalize(s), *b = vn_normalize(a);
	if (strcmp(a, b) != 0)
		abort();
	/* the key of a key is itself */
	char *k = vn_key(s), *kk = vn_key(k);
	if (strcmp(k, kk) != 0)
		abort();
	free(a);
	free(b);
	free(k);
	free(kk);
	(void)vn_word_count(s);
	(void)vn_parse_year(s);
	(void)vn_is_syllable(s);
	for (int f = FONT_UNICODE; f <= FONT_VNI; f++)
		free(legacy_run_to_utf8(s, (enum legacy_font)f));
	(void)legacy_guess_mojibake(s);
	size_t ml = 0;
	char *m = legacy_undo_mojibake((const char *)data, size, &ml);
	if (m && !utf8_valid(m, ml))
		abort();
	free(m);
	free(vn_name_sort_key(s));
	free(s);
	return 0;
}
