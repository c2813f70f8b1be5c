/*
 * netwatch_int.h — internals of netwatch shared between its own files and its fuzz targets; not
 * part of the module's interface (netwatch.h).
 */
#ifndef AG_NETWATCH_INT_H
#define AG_NETWATCH_INT_H

#include "netwatch/netwatch.h"

/* Opens a capture held in memory: what nw_source_open_file does once the file is mapped (the
 * fuzz target calls it directly). data is borrowed and must outlive the source; every frame
 * returned points into [data, data+len). name is used in messages (a path, or "(buffer)").
 * opts->use_libpcap is ignored (libpcap reads files only). */
int nw_source_open_buffer(const void *data, size_t len, const char *name,
                          const struct nw_source_opts *opts, struct nw_source **out,
                          struct ag_error *err) AG_MUST_CHECK;

/* The texts of the source layer (msgs_source.c), registered by nw_register_messages. */
extern const struct ag_msg nw_msgs_source[];
extern const size_t nw_msgs_source_count;

#endif
