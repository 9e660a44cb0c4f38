/*
 * arena.h - a bump allocator for the strings of one document.
 *
 * Everything allocated from an arena is freed at once by arena_free(), so
 * loaders never free single strings.  Allocation failure returns NULL.
 */
#ifndef RELMAP_ARENA_H
#define RELMAP_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a); /* NULL is a no-op */
void *arena_alloc(arena *a, size_t size); /* 8-byte aligned */
/* Copy `len` bytes of `s` and add a NUL. */
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);
/* Bytes handed out so far (for limits and tests). */
size_t arena_used(const arena *a);

#endif
