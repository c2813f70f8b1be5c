/*
 * dl_pcap.h — libpcap: live capture, BPF filters and the libpcap file reader (source.c), loaded
 * when first used (common/dynlib.h): reading a capture file with our own reader and no filter
 * does not load it. Include this instead of <pcap/pcap.h>.
 */
#ifndef AG_DL_PCAP_H
#define AG_DL_PCAP_H

#include <pcap/pcap.h>

#include "common/dynlib.h"

#define AG_PCAP_FUNCS(X)                                                                           \
    X(pcap_activate)                                                                               \
    X(pcap_close)                                                                                  \
    X(pcap_compile)                                                                                \
    X(pcap_create)                                                                                 \
    X(pcap_datalink)                                                                               \
    X(pcap_file)                                                                                   \
    X(pcap_freecode)                                                                               \
    X(pcap_get_selectable_fd)                                                                      \
    X(pcap_get_tstamp_precision)                                                                   \
    X(pcap_geterr)                                                                                 \
    X(pcap_lookupnet)                                                                              \
    X(pcap_next_ex)                                                                                \
    X(pcap_offline_filter)                                                                         \
    X(pcap_open_dead)                                                                              \
    X(pcap_open_offline_with_tstamp_precision)                                                     \
    X(pcap_set_buffer_size)                                                                        \
    X(pcap_set_promisc)                                                                            \
    X(pcap_set_snaplen)                                                                            \
    X(pcap_set_timeout)                                                                            \
    X(pcap_set_tstamp_precision)                                                                   \
    X(pcap_setfilter)                                                                              \
    X(pcap_setnonblock)                                                                            \
    X(pcap_snapshot)                                                                               \
    X(pcap_stats)                                                                                  \
    X(pcap_statustostr)

struct ag_pcap_api {
    AG_PCAP_FUNCS(AG_DYNLIB_FIELD)
};
extern struct ag_dynlib ag_pcap_lib;

#define pcap_activate AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_activate)
#define pcap_close AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_close)
#define pcap_compile AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_compile)
#define pcap_create AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_create)
#define pcap_datalink AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_datalink)
#define pcap_file AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_file)
#define pcap_freecode AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_freecode)
#define pcap_get_selectable_fd AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_get_selectable_fd)
#define pcap_get_tstamp_precision                                                                  \
    AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_get_tstamp_precision)
#define pcap_geterr AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_geterr)
#define pcap_lookupnet AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_lookupnet)
#define pcap_next_ex AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_next_ex)
#define pcap_offline_filter AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_offline_filter)
#define pcap_open_dead AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_open_dead)
#define pcap_open_offline_with_tstamp_precision                                                    \
    AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_open_offline_with_tstamp_precision)
#define pcap_set_buffer_size AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_set_buffer_size)
#define pcap_set_promisc AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_set_promisc)
#define pcap_set_snaplen AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_set_snaplen)
#define pcap_set_timeout AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_set_timeout)
#define pcap_set_tstamp_precision                                                                  \
    AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_set_tstamp_precision)
#define pcap_setfilter AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_setfilter)
#define pcap_setnonblock AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_setnonblock)
#define pcap_snapshot AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_snapshot)
#define pcap_stats AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_stats)
#define pcap_statustostr AG_DYNLIB_CALL(ag_pcap_lib, ag_pcap_api, pcap_statustostr)

#endif
