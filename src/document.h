/*
 * document.h - what loaders need to build a relmap_document.
 *
 * document_new() makes an empty document with its arena; loaders append
 * accounts and records with the growing arrays below and copy strings
 * into document_arena().  relmap_document_free() releases it all.
 */
#ifndef RELMAP_DOCUMENT_H
#define RELMAP_DOCUMENT_H

#include "arena.h"
#include "relmap/diag.h"
#include "relmap/model.h"

/* Capacities of the growing arrays of one account. */
typedef struct account_caps {
	size_t members, persons, dotted_lines, influences, coverages,
		touchpoints;
} account_caps;

typedef struct document_internal {
	arena *arena;
	size_t accounts_cap;
	account_caps *caps; /* one per account, parallel to accounts */
} document_internal;

/* A new empty document whose diagnostics name `path`; NULL on ENOMEM. */
relmap_document *document_new(const char *path);
arena *document_arena(relmap_document *doc);

/* Append a zeroed account / record and return it, or NULL on ENOMEM.
 * Pointers returned stay valid only until the next append of that kind. */
relmap_account *document_add_account(relmap_document *doc);
relmap_member *document_add_member(relmap_document *doc, relmap_account *a);
relmap_person *document_add_person(relmap_document *doc, relmap_account *a);
relmap_dotted_line *document_add_dotted_line(relmap_document *doc,
					     relmap_account *a);
relmap_influence *document_add_influence(relmap_document *doc,
					 relmap_account *a);
relmap_coverage *document_add_coverage(relmap_document *doc,
				       relmap_account *a);
relmap_touchpoint *document_add_touchpoint(relmap_document *doc,
					   relmap_account *a);

/* The end of a load, for every loader: on success *out = doc; on failure
 * doc is freed, *out = NULL, and an out-of-memory failure that left no
 * error behind gets one naming `file`.  Returns rc. */
int document_load_end(relmap_document **out, relmap_document *doc, int rc,
		      const char *file, relmap_diags *diags);

#endif
