/* store_internal.h - the store's schema steps, shared by store*.c. */
#ifndef RELMAP_STORE_INTERNAL_H
#define RELMAP_STORE_INTERNAL_H

#include <stddef.h>

/* 'RMAP': PRAGMA application_id of every relmap store. */
#define STORE_APPLICATION_ID 0x524d4150

/* migrations[v - 1] takes a schema from version v - 1 to v (0: empty). */
extern const char *const store_migrations[];
extern const size_t store_n_migrations;

#endif
