/*
 * dl_pcap.c — the table of dl_pcap.h.
 */
#define _DEFAULT_SOURCE /* u_char & co. in <pcap/pcap.h> */
#include "netwatch/dl_pcap.h"

AG_DYNLIB_DEFINE(pcap, AG_PCAP_FUNCS, AG_SONAME_PCAP, "libpcap0.8");
