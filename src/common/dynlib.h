/*
 * dynlib.h — libraries loaded when first used.
 *
 * The binary links 63 shared objects when every library is linked at build time, and the
 * dynamic loader maps and relocates all of them before main: ~10–25 ms of CPU on every
 * invocation here, most of it for libraries a command never calls (libcurl's Kerberos/LDAP/SSH
 * chain for notifications, libcrypto through the xlsx libraries, libnftables for responses,
 * libmicrohttpd for serve). Those libraries are opened with dlopen the first time a function of
 * theirs is called (docs/architecture.md, "Libraries loaded on demand").
 *
 * A module that uses such a library includes its dl_<lib>.h instead of the library's header:
 * it includes the real header, declares a table of function pointers (types taken from the
 * real prototypes with __typeof__, so a wrong signature cannot compile), and redirects each
 * function's name to the table, so call sites read as ordinary calls. The entry points of a
 * command call ag_dynlib_load first to turn a missing library into a clear error; a call that
 * reaches an unloaded library loads it there (ag_dynlib_need), and if that fails the process
 * stops with the reason (the library is a package dependency: a broken installation).
 */
#ifndef AG_DYNLIB_H
#define AG_DYNLIB_H

#include "common/common.h"

#include <stdatomic.h>

struct ag_dynlib {
    const char *soname;       /* "libcurl-gnutls.so.4": read from the library by CMake */
    const char *package;      /* the Debian package that installs it, named in errors */
    const char *const *names; /* the table's functions, in its order */
    size_t n;
    void *table; /* n function pointers (a struct of them), filled by the loading */
    /* private: 0 not tried, 1 loaded, -1 failed (msg says why) */
    _Atomic int state;
    char msg[512];
};

/* Loads lib once (thread-safe; later calls return the first result): 0, or AG_EIO with
 * "cannot load <soname> (Debian package <package>): <dlerror>" in err. */
int ag_dynlib_load(struct ag_dynlib *lib, struct ag_error *err) AG_MUST_CHECK;
/* lib's table, loaded if needed; on failure prints the reason on stderr and exits with 70
 * (EX_SOFTWARE). */
void *ag_dynlib_need(struct ag_dynlib *lib);

/* For the dl_<lib>.h headers: a table field typed after the function's own prototype, the
 * function's name for dlsym, and a call through the loaded table. */
#define AG_DYNLIB_FIELD(f) __typeof__(f) *f;
#define AG_DYNLIB_NAME(f) #f,
#define AG_DYNLIB_CALL(lib, api, f) (((const struct api *)ag_dynlib_need(&(lib)))->f)
/* In dl_<lib>.c: the table of struct ag_<s>_api and its library object ag_<s>_lib. */
#define AG_DYNLIB_DEFINE(s, funcs, soname_, package_)                                              \
    static const char *const s##_names[] = {funcs(AG_DYNLIB_NAME)};                                \
    static struct ag_##s##_api s##_table;                                                          \
    _Static_assert(sizeof s##_table == sizeof s##_names / sizeof s##_names[0] * sizeof(void *),    \
                   "one function pointer per name");                                               \
    struct ag_dynlib ag_##s##_lib = {.soname = soname_,                                            \
                                     .package = package_,                                          \
                                     .names = s##_names,                                           \
                                     .n = sizeof s##_names / sizeof s##_names[0],                  \
                                     .table = &s##_table}

#endif
