/*
 * grow.c — room for one more element in a caller-owned array read row by row from the store.
 * Capacity starts at 64 and doubles; a size that would overflow size_t is refused like a failed
 * allocation, and on failure the array is left as it was (the caller still owns and frees it).
 */
#include "common/common.h"

#include <stdint.h>
#include <stdlib.h>

void *ag_grow(void *arr, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return arr;
    size_t nc = *cap ? *cap * 2 : 64;
    if (nc < *cap || nc > SIZE_MAX / elem)
        return NULL;
    void *b = realloc(arr, nc * elem);
    if (b)
        *cap = nc;
    return b;
}
