/*
 * dynlib.c — libraries loaded when first used (dynlib.h).
 */
#include "common/dynlib.h"

#include <dlfcn.h>
#include <pthread.h>

static pthread_mutex_t dynlib_lock = PTHREAD_MUTEX_INITIALIZER;

static int load_locked(struct ag_dynlib *lib)
{
    /* RTLD_LOCAL: the library's symbols resolve our calls through the table only */
    void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        snprintf(lib->msg, sizeof lib->msg, "%s", why ? why : "?");
        return -1;
    }
    for (size_t i = 0; i < lib->n; i++) {
        dlerror();
        void *sym = dlsym(h, lib->names[i]);
        if (!sym) {
            const char *why = dlerror();
            snprintf(lib->msg, sizeof lib->msg, "%s: %s", lib->names[i], why ? why : "?");
            dlclose(h);
            return -1;
        }
        /* POSIX: a function's address converts from void * */
        memcpy((char *)lib->table + i * sizeof(void (*)(void)), &sym, sizeof sym);
    }
    return 1; /* the handle stays open for the life of the process */
}

int ag_dynlib_load(struct ag_dynlib *lib, struct ag_error *err)
{
    int st = atomic_load_explicit(&lib->state, memory_order_acquire);
    if (st == 0) {
        pthread_mutex_lock(&dynlib_lock);
        st = atomic_load_explicit(&lib->state, memory_order_relaxed);
        if (st == 0) {
            st = load_locked(lib);
            atomic_store_explicit(&lib->state, st, memory_order_release);
        }
        pthread_mutex_unlock(&dynlib_lock);
    }
    if (st == 1)
        return AG_OK;
    return ag_error_set(err, AG_EIO, "cannot load %s (Debian package %s): %s", lib->soname,
                        lib->package, lib->msg);
}

void *ag_dynlib_need(struct ag_dynlib *lib)
{
    if (atomic_load_explicit(&lib->state, memory_order_acquire) == 1)
        return lib->table;
    struct ag_error err;
    if (ag_dynlib_load(lib, &err)) {
        fprintf(stderr, "airguard: %s\n", err.msg);
        exit(70);
    }
    return lib->table;
}
