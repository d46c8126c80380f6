/* dh-swap - puts a month's staging folder in place in one step, or settles
 * the leftovers of killed runs (util.h, "staging folders").
 *
 *   dh-swap STAGED TARGET      exchange STAGED and TARGET (same parent);
 *                              STAGED then holds the previous content
 *   dh-swap --cleanup OUTDIR   finish or remove leftovers in OUTDIR
 *
 * Entries kept across runs (carried from the previous content when the new
 * one lacks them): da-chot (the closed month's copy).
 */
#include "util.h"

#include <string.h>

static const char *const keep[] = {"da-chot", NULL};

int main(int argc, char **argv)
{
	dh_progname = "dien-hinh";
	if (argc == 3 && strcmp(argv[1], "--cleanup") == 0)
		return stage_cleanup(argv[2], keep) != 0;
	if (argc == 3 && argv[1][0] != '-')
		return stage_swap(argv[1], argv[2], keep) != 0;
	die("cách dùng: dh-swap STAGED TARGET | dh-swap --cleanup OUTDIR");
}
