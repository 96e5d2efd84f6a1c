/*
 * CCADB CSV reports.  The full reader (every report generation, record
 * metadata) is issue #6; until it lands no CSV is claimed, so a CCADB file
 * given as input is reported as an unrecognised format, never half-read.
 */
#include "auditscope.h"
#include "load.h"

int
ccadb_sniff(const unsigned char *d, size_t n)
{
	(void)d;
	(void)n;
	return 0;
}

int
ccadb_load(struct inventory *inv, struct input_stat *st, const char *name,
    const unsigned char *d, size_t n)
{
	(void)inv;
	(void)d;
	(void)n;
	diag_error(name, 0, "CCADB reports are not supported yet");
	st->errors++;
	return -1;
}
