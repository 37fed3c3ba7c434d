/* fuzz_common.h - shared by the libFuzzer harnesses: the library reads
 * files by path, so each input is written to one temp file per process. */
#ifndef TCS_FUZZ_COMMON_H
#define TCS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Write data to this process's temp file (suffix e.g. ".csv"); its path,
 * or NULL (the input is then skipped). */
const char *fuzz_write(const uint8_t *data, size_t size, const char *suffix);

/* A stream that discards what is written (for the output writers). */
FILE *fuzz_null(void);

/* Stop with a crash libFuzzer records: an invariant was broken. */
void fuzz_fail(const char *what);

#endif
