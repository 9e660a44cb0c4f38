/*
 * relmap/batch.h - drawing many accounts into a directory.
 *
 * relmap_batch_render() draws every account of a document (or one shard
 * of them) into a directory, one file per account, in worker processes:
 * Graphviz is not thread-safe, and a process per account would start
 * Graphviz, its plugins, pango and fontconfig cold every time (most of a
 * 60-person account's time).  So each worker is forked once, before the
 * calling process has started any of them, loads them at its first
 * account and keeps them for the next, and never forks again (pango runs
 * a thread, and forking after it has started can hang the child).
 *
 * The layout bound (the render options' layout_timeout) is a watchdog in
 * the calling process: a worker whose layout runs past it is killed and
 * replaced, and the account is drawn again without department clusters
 * by the new worker, with the warning relmap_render gives in that case.
 *
 * Accounts are handed out one at a time, so a slow account does not hold
 * up a static share of the others.  Each file depends on its account
 * alone: the files are the same bytes whatever the number of workers,
 * and the same as relmap_render() gives for that account.  Files are
 * written atomically (relmap_output_write).
 *
 * The calling process gets each account's outcome through a callback,
 * in the order the accounts finish.  It must not have started Graphviz
 * itself (by rendering in-process), and it must let the library reap its
 * own children: SIGCHLD must not be ignored.  SIGPIPE is ignored while
 * the batch runs.
 */
#ifndef RELMAP_BATCH_H
#define RELMAP_BATCH_H

#include <stdint.h>

#include "analyze.h"
#include "diag.h"
#include "model.h"
#include "render.h"
#include "style.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One account done (drawn or failed), reported in the calling process. */
typedef struct relmap_batch_event {
	size_t account;    /**< index into the document's accounts */
	const char *id;    /**< the account's id (borrowed) */
	/** Its file (borrowed), written when rc is 0; NULL when its name is
	 * taken by another account (see relmap_batch_file_names). */
	const char *path;
	/** 0, or the RELMAP_E* code of the failure: RELMAP_EOUTPUT for a
	 * file that cannot be written or a name that is taken,
	 * RELMAP_ETIMEOUT for a layout past the bound even without
	 * clusters, RELMAP_EINTERNAL for a worker that died, ... */
	int rc;
	/** The account's warnings, and on failure its errors (at least
	 * one), in the order they arose (borrowed, valid in the callback). */
	const relmap_diags *diags;
	size_t done;       /**< accounts finished so far, this one included */
	size_t total;      /**< accounts selected */
} relmap_batch_event;

typedef void (*relmap_batch_callback)(const relmap_batch_event *ev,
				      void *ctx);

typedef struct relmap_batch_options {
	const char *out_dir; /**< created (mkdir -p) when missing */
	long jobs;           /**< worker processes; <= 0: online cores */
	/** Only shard k of n (1 <= k <= n): the accounts whose id's
	 * relmap_batch_hash() mod n is k - 1.  n == 0: every account. */
	unsigned long shard_k, shard_n;
	relmap_format format;   /**< svg, png, pdf, dot or json */
	const relmap_style *style; /**< NULL: the default (json: unused) */
	const relmap_render_options *render;     /**< NULL: defaults */
	/** NULL: the defaults, as of the document's date, else today. */
	const relmap_analysis_options *analysis;
	relmap_batch_callback callback;          /**< NULL: none */
	void *ctx;           /**< passed to callback */
} relmap_batch_options;

#define RELMAP_BATCH_OPTIONS_INIT \
	{ NULL, 0, 0, 0, RELMAP_FORMAT_SVG, NULL, NULL, NULL, NULL, NULL }

/**
 * Draw the selected accounts of `doc` into opts->out_dir.  Returns 0 when
 * every selected account was reported through the callback (each
 * possibly failed: a failed account does not stop the others), else
 * RELMAP_EUSAGE (no out_dir, a bad shard), RELMAP_EOUTPUT (out_dir cannot
 * be created) or RELMAP_ENOMEM, with an error in diags.
 */
int relmap_batch_render(const relmap_document *doc,
			const relmap_batch_options *opts, relmap_diags *diags);

/**
 * Every account's file name in `doc` for `fmt` (not just a shard's, so a
 * name does not depend on the shard): the id with every byte outside
 * [A-Za-z0-9._-] and a leading '.' as '_', cut at 200 bytes; plus '-'
 * and 8 hex digits of relmap_batch_hash(id) when it was cut or meets
 * another's name ignoring case; plus '.' and the format's name.  A name
 * that still clashes is NULL (the account fails).  *out is a malloc'd
 * array of doc->n_accounts malloc'd strings, freed with
 * relmap_batch_file_names_free.  0 or RELMAP_ENOMEM.
 */
int relmap_batch_file_names(char ***out, const relmap_document *doc,
			    relmap_format fmt);
void relmap_batch_file_names_free(char **names, size_t n);

/** An id as a file name, as above without the hash and extension;
 * *cut is set when it was cut.  malloc'd, NULL when out of memory. */
char *relmap_batch_safe_base(const char *id, int *cut);

/** FNV-1a, 64 bits, of the id's bytes: the shard hash. */
uint64_t relmap_batch_hash(const char *id);

/** mkdir -p: 0, or -1 with errno set. */
int relmap_make_dir(const char *dir);

#ifdef __cplusplus
}
#endif
#endif
