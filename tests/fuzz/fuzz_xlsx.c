/* fuzz_xlsx.c - libFuzzer harness: the XLSX reader's XML handlers.  The
 * input is split at "\n--\n" into a worksheet, the shared strings and the
 * styles, packed with a fixed workbook into a zip, read by xlsx_load() and
 * the layouts.  Seeds: the parts of tests/fixtures/formats/NAME.xlsx joined
 * with "\n--\n"; e.g.
 *   build/fuzz/bin/fuzz_xlsx -max_len=16384 CORPUS_DIR SEED_DIR
 */
#include "fuzz_formats.h"

static const char wb[] =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<workbookPr date1904=\"0\"/><sheets><sheet name=\"S\" r:id=\"rId1\"/><sheet name=\"T\" "
    "state=\"hidden\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"x/styles\" Target=\"/xl/styles.xml\"/></Relationships>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
			       "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"};
	const char *parts[5] = {wb, rels, "", "", ""};
	size_t lens[5] = {sizeof(wb) - 1, sizeof(rels) - 1, 0, 0, 0};
	const char *p = (const char *)data, *end = p + size;
	char *zip = NULL;
	size_t zlen = 0;

	if (size > (1u << 20))
		return 0;
	for (int i = 2; i < 5 && p <= end; i++) {
		const char *sep = memmem(p, (size_t)(end - p), "\n--\n", 4);
		parts[i] = p;
		lens[i] = sep ? (size_t)(sep - p) : (size_t)(end - p);
		p = sep ? sep + 4 : end + 1;
	}
	if (build_zip(names, parts, lens, 5, &zip, &zlen) == 0)
		run_loader(xlsx_load, zip, zlen);
	free(zip);
	return 0;
}
