/* test_sha256.c - SHA-256 against the FIPS 180-4 / NIST test vectors. */
#include "harness.h"
#include "ingest.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

TEST(empty)
{
	char h[65];
	sha256_hex("", 0, h);
	CHECK_STR(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(abc)
{
	char h[65];
	sha256_hex("abc", 3, h);
	CHECK_STR(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(two_blocks)
{
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char h[65];
	sha256_hex(m, strlen(m), h);
	CHECK_STR(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(million_a)
{
	size_t n = 1000000;
	char *m = xmalloc(n);
	memset(m, 'a', n);
	char h[65];
	sha256_hex(m, n, h);
	CHECK_STR(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(m);
}

TEST(padding_edges)
{
	/* 55, 56 and 64 bytes straddle the padding boundary. */
	char m[64];
	memset(m, 'a', sizeof m);
	char h[65];
	sha256_hex(m, 55, h);
	CHECK_STR(h, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
	sha256_hex(m, 56, h);
	CHECK_STR(h, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
	sha256_hex(m, 64, h);
	CHECK_STR(h, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

/* The SHA-NI and portable block functions agree on every length around
 * the block and padding boundaries and on odd alignments. */
TEST(accel_matches_portable)
{
	enum { N = 1100 };
	unsigned char *m = xmalloc(N + 8);
	char a[65], b[65];
	uint32_t x = 2463534242u;
	for (size_t i = 0; i < N + 8; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		m[i] = (unsigned char)x;
	}
	int have = sha256_accel(1);
	for (size_t len = 0; len <= N; len += len < 200 ? 1 : 37)
		for (size_t off = 0; off < 3; off++) {
			sha256_accel(0);
			sha256_hex(m + off, len, a);
			sha256_accel(1);
			sha256_hex(m + off, len, b);
			CHECK_STR(a, b);
		}
	sha256_accel(0);
	sha256_hex("abc", 3, a);
	CHECK_STR(a, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_accel(1);
	printf("  (SHA instructions %s)\n", have ? "used" : "not present: portable code only");
	free(m);
}

int main(int argc, char **argv)
{
	RUN(empty);
	RUN(abc);
	RUN(two_blocks);
	RUN(million_a);
	RUN(padding_edges);
	RUN(accel_matches_portable);
	sha256_accel(0);
	RUN(million_a);
	RUN(two_blocks);
	sha256_accel(1);
	return DONE();
}
