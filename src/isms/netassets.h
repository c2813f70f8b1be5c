/*
 * netassets.h — netwatch's observed inventory in the store (020_netwatch_assets.sql): the
 * devices seen on the wire, each with its status against the asset register, kept as one
 * snapshot that `airguard netwatch inventory --store` replaces whole and the web application's
 * /network page and dashboard read back.
 */
#ifndef AG_ISMS_NETASSETS_H
#define AG_ISMS_NETASSETS_H

#include "common/common.h"
#include "store/store.h"

#include <jansson.h>

/* The largest inventory stored (devices); beyond it AG_EINVAL. */
#define ISMS_NETASSETS_MAX 100000

/* Replaces the stored inventory by `observed` (the JSON array of nw_assets_to_json, with the
 * register comparison's "status", "register_code" and "register_name") in one transaction
 * (joining the caller's if one is open): the old rows go, the new ones and the snapshot row
 * (time now, `source` — e.g. the capture's file name, may be NULL — count and SHA-256) come,
 * and one explicit audit row records the replacement. Each device needs an "id" (or "mac")
 * string and a status among authorised, unmanaged, unauthorised, archived, observed; else
 * AG_EINVAL naming the device, and nothing changes. *stored (may be NULL) gets the count. */
int isms_netassets_replace(struct store *st, const json_t *observed, const char *source,
                           size_t *stored, struct ag_error *err) AG_MUST_CHECK;

#endif
