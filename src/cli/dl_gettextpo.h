/*
 * dl_gettextpo.h — libgettextpo: reading translation catalogues (cli/cmd_i18n.c), loaded when first
 * used (common/dynlib.h). Include this instead of <gettext-po.h>: the calls below go through the
 * table, which loads the library on first use.
 */
#ifndef AG_DL_GETTEXTPO_H
#define AG_DL_GETTEXTPO_H

#include <gettext-po.h>

#include "common/dynlib.h"

#define AG_GETTEXTPO_FUNCS(X)                                                                      \
    X(po_file_domain_header)                                                                       \
    X(po_file_free)                                                                                \
    X(po_file_read_v3)                                                                             \
    X(po_header_field)                                                                             \
    X(po_message_is_fuzzy)                                                                         \
    X(po_message_is_obsolete)                                                                      \
    X(po_message_iterator)                                                                         \
    X(po_message_iterator_free)                                                                    \
    X(po_message_msgctxt)                                                                          \
    X(po_message_msgid)                                                                            \
    X(po_message_msgstr)                                                                           \
    X(po_next_message)

struct ag_gettextpo_api {
    AG_GETTEXTPO_FUNCS(AG_DYNLIB_FIELD)
};
extern struct ag_dynlib ag_gettextpo_lib;

#define po_file_domain_header                                                                      \
    AG_DYNLIB_CALL(ag_gettextpo_lib, ag_gettextpo_api, po_file_domain_header)
#define po_file_free AG_DYNLIB_CALL(ag_gettextpo_lib, ag_gettextpo_api, po_file_free)
#define po_file_read_v3 AG_DYNLIB_CALL(ag_gettextpo_lib, ag_gettextpo_api, po_file_read_v3)
#define po_header_field AG_DYNLIB_CALL(ag_gettextpo_lib, ag_gettextpo_api, po_header_field)
#define po_message_is_fuzzy AG_DYNLIB_CALL(ag_gettextpo_lib, ag_gettextpo_api, po_message_is_fuzzy)
#define po_message_is_obsolete                                                                     \
    AG_DYNLIB_CALL(ag_gettextpo_lib, ag_gettextpo_api, po_message_is_obsolete)
#define po_message_iterator AG_DYNLIB_CALL(ag_gettextpo_lib, ag_gettextpo_api, po_message_iterator)
#define po_message_iterator_free                                                                   \
    AG_DYNLIB_CALL(ag_gettextpo_lib, ag_gettextpo_api, po_message_iterator_free)
#define po_message_msgctxt AG_DYNLIB_CALL(ag_gettextpo_lib, ag_gettextpo_api, po_message_msgctxt)
#define po_message_msgid AG_DYNLIB_CALL(ag_gettextpo_lib, ag_gettextpo_api, po_message_msgid)
#define po_message_msgstr AG_DYNLIB_CALL(ag_gettextpo_lib, ag_gettextpo_api, po_message_msgstr)
#define po_next_message AG_DYNLIB_CALL(ag_gettextpo_lib, ag_gettextpo_api, po_next_message)

#endif
