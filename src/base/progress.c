/*
 * Progress on standard error for long runs at a terminal: the phase and a
 * count ("verifying issuer links 12000/48211"), redrawn at most ten times
 * a second, and only once the run has taken a second (a quick run prints
 * nothing).  Off unless main() turns it on: standard error is a terminal
 * and --quiet is not given.  Counts come from worker threads too.
 *
 * Its state is global, not the run's (issue 18), on purpose: it is the
 * state of the one line on the process's standard error, which
 * diag.c clears before every message, and progress_add() is called by
 * worker threads (decoding, verifying), which are handed no run.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/base.h"

static int		 enabled;
static long long	 start_ms, last_ms, delay_ms = 1000;
static const char	*phase;
static size_t		 total;
static atomic_size_t	 done;
static unsigned		 page, npages;	/* of the item being read */
static int		 drawn;
static pthread_mutex_t	 draw_lock = PTHREAD_MUTEX_INITIALIZER;

static long long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
progress_init(int on)
{
	const char	*d = getenv("AUDITSCOPE_PROGRESS_DELAY_MS");

	enabled = on;
	start_ms = now_ms();
	if (d != NULL && *d >= '0' && *d <= '9')
		delay_ms = strtoll(d, NULL, 10);
}

/* Draws the line if it is time; the caller holds draw_lock. */
static void
draw(int force)
{
	long long	 t = now_ms();
	size_t		 n = atomic_load(&done);

	/* Redrawn ten times a second; as often as asked when testing. */
	if (t - start_ms < delay_ms || (!force && t - last_ms <
	    (delay_ms < 100 ? delay_ms : 100)))
		return;
	last_ms = t;
	if (total > 0)
		fprintf(stderr, "\rauditscope: %s %zu/%zu", phase, n, total);
	else
		fprintf(stderr, "\rauditscope: %s %zu", phase, n);
	if (npages > 0)
		fprintf(stderr, " (page %u/%u)", page, npages);
	fputs("\033[K", stderr);
	fflush(stderr);
	drawn = 1;
}

void
progress_phase(const char *what, size_t n)
{
	if (!enabled)
		return;
	pthread_mutex_lock(&draw_lock);
	phase = what;
	total = n;
	page = npages = 0;
	atomic_store(&done, 0);
	draw(1);
	pthread_mutex_unlock(&draw_lock);
}

void
progress_add(size_t n)
{
	if (!enabled)
		return;
	atomic_fetch_add(&done, n);
	/* A worker that finds the line busy leaves the drawing to another. */
	if (pthread_mutex_trylock(&draw_lock) != 0)
		return;
	page = npages = 0;
	if (phase != NULL)
		draw(0);
	pthread_mutex_unlock(&draw_lock);
}

void
progress_end(void)
{
	progress_clear();
	phase = NULL;
}

/* The pages of the item being read (a PDF statement), on the same line. */
void
progress_pages(unsigned n, unsigned of)
{
	if (!enabled)
		return;
	pthread_mutex_lock(&draw_lock);
	page = n;
	npages = of;
	if (phase != NULL)
		draw(0);
	pthread_mutex_unlock(&draw_lock);
}

/* Erases the line so that a message starts at the margin; redrawn later. */
void
progress_clear(void)
{
	if (!enabled)
		return;
	pthread_mutex_lock(&draw_lock);
	if (drawn)
		fputs("\r\033[K", stderr);
	drawn = 0;
	pthread_mutex_unlock(&draw_lock);
}
