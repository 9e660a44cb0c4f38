/*
 * vec.h - growing malloc'd arrays.
 *
 * vec_reserve(&ptr, &cap, need, sizeof *ptr) makes room for `need`
 * elements, doubling the capacity; returns 0 or -1 (out of memory or
 * overflow), leaving the array as it was on failure.
 */
#ifndef RELMAP_VEC_H
#define RELMAP_VEC_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

static inline int vec_reserve(void *ptrp, size_t *cap, size_t need,
			      size_t elsize)
{
	if (need <= *cap)
		return 0;
	size_t ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return -1;
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / elsize)
		return -1;
	void *p = realloc(*(void **)ptrp, ncap * elsize);
	if (!p)
		return -1;
	*(void **)ptrp = p;
	*cap = ncap;
	return 0;
}

#endif
