/* pipe.h - hand records to a second thread (internal to the library).
 *
 * A reader's callback copies each record into a batch and returns; a worker
 * thread runs the real callback on the records in the same order. Reading
 * and parsing one file then overlaps with counting its answers, on machines
 * with a second core. The results are those of calling the callback
 * directly: same records, same order, and the first error the callback
 * returns (the worker stops calling it after that) wins. */
#ifndef TCSURVEY_PIPE_H
#define TCSURVEY_PIPE_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/error.h"
#include "tcsurvey/reader.h"

typedef struct tcs_pipe tcs_pipe;

/* True when a second thread is worth having (more than one processor). */
bool tcs_pipe_useful(void);

/* Start the worker; fn(ctx, ...) runs on it. NULL when out of memory or
 * no thread could be made (the caller then calls fn directly). */
tcs_pipe *tcs_pipe_start(tcs_record_fn fn, void *ctx);

/* Queue a copy of a record (a tcs_record_fn: pass the pipe as ctx). Fails
 * with the worker's status and error once the callback has failed, or with
 * TCS_ENOMEM. */
tcs_status tcs_pipe_push(void *pipe, long row, const tcs_cell *cells, size_t ncells,
                         tcs_error *err);

/* Wait until every queued record has been handed to the callback, stop
 * the worker and free the pipe (p NULL: there was none). reader is how the
 * reading that fed it ended. Returns the callback's first failure, with
 * its error in err, if it failed: that is in an earlier row than anything
 * the reader met after it, so it is the one to report. Else reader, with
 * err as the reader left it. */
tcs_status tcs_pipe_finish(tcs_pipe *p, tcs_status reader, tcs_error *err);

#endif
