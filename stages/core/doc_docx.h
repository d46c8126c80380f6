/* doc_docx.h - the DOCX back end of the document model (doc.h): an
 * editable Word file of the same document the PDF back end draws.
 *
 * The package holds only what Word needs to open it without a repair
 * prompt: [Content_Types].xml, _rels/.rels, word/document.xml,
 * word/styles.xml, word/settings.xml, two header parts (the page number
 * and an empty one), their relationships, and docProps/core.xml.
 * Layout follows the decree as the PDF does: A4, margins 20/20/30/15 mm
 * portrait and 30/15/20/20 mm landscape, Times New Roman, the borderless
 * two-column header table, tables with repeated header rows
 * (w:tblHeader), rows never split (w:cantSplit), section rows kept with
 * the next, page numbers centred in the top margin from the second page
 * of a numbering run.  The day of the date line is left blank for signing
 * when the header has date_blank.
 *
 * Safety and determinism: every string goes through pdf_clean() (valid
 * UTF-8, NFC, no control characters, BMP only) and libxml2's writer (which
 * escapes markup), so no input can inject XML; zip members carry a fixed
 * time and the core properties the document's own date, so the file is
 * byte-identical on rerun.
 */
#ifndef DH_DOC_DOCX_H
#define DH_DOC_DOCX_H

struct doc;

/* Writes d as DOCX to path (a temporary name renamed over it).  Returns 0
 * or -1 (reported). */
int doc_docx_write(const struct doc *d, const char *path);

#endif
