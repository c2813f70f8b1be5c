/*
 * netassets.c — netwatch's observed inventory in the store (netassets.h). Invariant: the
 * tables netwatch_assets and netwatch_snapshot always hold one whole snapshot (or none), since
 * the replacement runs in one transaction; the audit trail has one row per replacement with the
 * SHA-256 of the inventory as given (compact JSON, keys sorted).
 */
#include "isms/isms.h"
#include "isms/netassets.h"

#include <sodium.h>
#include <string.h>

static const char *const statuses[] = {"authorised", "unmanaged", "unauthorised",
                                       "archived",   "observed",  NULL};

/* The JSON text of v (an array, "[]" when absent); caller frees. */
static char *json_text(const json_t *v)
{
    return json_dumps(json_is_array(v) ? v : json_array(), JSON_COMPACT | JSON_ENSURE_ASCII);
}

/* protocols_served and protocols_used in one array, each entry with dir "served" or "used". */
static json_t *protocols_of(const json_t *a)
{
    json_t *out = json_array();
    static const char *const keys[] = {"protocols_served", "protocols_used"};
    static const char *const dirs[] = {"served", "used"};
    for (size_t k = 0; out && k < 2; k++) {
        size_t i;
        json_t *e;
        json_array_foreach(json_object_get(a, keys[k]), i, e)
        {
            if (!json_is_object(e))
                continue;
            json_t *c = json_deep_copy(e);
            if (!c)
                continue;
            json_object_set_new(c, "dir", json_string(dirs[k]));
            json_array_append_new(out, c);
        }
    }
    return out;
}

static const char *str_or_null(const json_t *a, const char *key)
{
    const char *s = json_string_value(json_object_get(a, key));
    return s && s[0] ? s : NULL;
}

static int insert_device(struct store *st, const json_t *a, size_t i, const char *now,
                         struct ag_error *err)
{
    if (!json_is_object(a))
        return ag_error_set(err, AG_EINVAL, "inventory: device %zu is not an object", i + 1);
    const char *key = str_or_null(a, "id");
    if (!key)
        key = str_or_null(a, "mac");
    if (!key || strlen(key) > 128)
        return ag_error_set(err, AG_EINVAL, "inventory: device %zu has no id (MAC or IP)", i + 1);
    const char *status = str_or_null(a, "status");
    int rc = isms_check_enum("status", status ? status : "", statuses, err);
    if (rc)
        return rc;
    json_t *protos = protocols_of(a);
    char *ips = json_text(json_object_get(a, "ips"));
    char *names = json_text(json_object_get(a, "names"));
    char *roles = json_text(json_object_get(a, "roles"));
    char *prot = protos ? json_dumps(protos, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    json_decref(protos);
    if (!ips || !names || !roles || !prot)
        rc = ag_error_set(err, AG_ENOMEM, "out of memory");
    else
        rc = store_run(st, "storing the inventory", err,
                       "INSERT INTO netwatch_assets (key, mac, vendor, ips, names, protocols, "
                       "roles, first_seen, last_seen, status, register_code, register_name, "
                       "snapshot_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       "sssssssssssss", key, str_or_null(a, "mac"), str_or_null(a, "vendor"), ips,
                       names, prot, roles, str_or_null(a, "first_seen"),
                       str_or_null(a, "last_seen"), status, str_or_null(a, "register_code"),
                       str_or_null(a, "register_name"), now);
    free(ips);
    free(names);
    free(roles);
    free(prot);
    return rc;
}

int isms_netassets_replace(struct store *st, const json_t *observed, const char *source,
                           size_t *stored, struct ag_error *err)
{
    if (stored)
        *stored = 0;
    if (!json_is_array(observed))
        return ag_error_set(err, AG_EINVAL, "inventory: not a JSON array of devices");
    size_t n = json_array_size(observed);
    if (n > ISMS_NETASSETS_MAX)
        return ag_error_set(err, AG_EINVAL, "inventory: %zu devices, at most %d are stored", n,
                            ISMS_NETASSETS_MAX);
    char *all = json_dumps(observed, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
    if (!all)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    unsigned char d[crypto_hash_sha256_BYTES];
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    crypto_hash_sha256(d, (const unsigned char *)all, strlen(all));
    sodium_bin2hex(hex, sizeof(hex), d, sizeof(d));
    free(all);
    char now[21];
    ag_time_iso(ag_now(), now);
    bool own;
    int rc = isms_tx_begin(st, &own, err);
    if (rc)
        return rc;
    rc = store_exec(st, "DELETE FROM netwatch_assets", err);
    for (size_t i = 0; i < n && !rc; i++)
        rc = insert_device(st, json_array_get(observed, i), i, now, err);
    if (!rc)
        rc = store_run(st, "storing the inventory", err,
                       "INSERT INTO netwatch_snapshot (id, taken_at, source, devices, sha256) "
                       "VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET taken_at = "
                       "excluded.taken_at, source = excluded.source, devices = excluded.devices, "
                       "sha256 = excluded.sha256",
                       "ssis", now, source ? source : "", (long long)n, hex);
    if (!rc) {
        json_t *det = json_pack("{s:I, s:s, s:s}", "devices", (json_int_t)n, "sha256", hex,
                                "source", source ? source : "");
        char *detail = det ? json_dumps(det, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
        json_decref(det);
        rc = detail ? store_audit(st, "import", "netwatch_assets", "inventory", detail, err)
                    : ag_error_set(err, AG_ENOMEM, "out of memory");
        free(detail);
    }
    rc = isms_tx_end(st, own, rc, err);
    if (!rc && stored)
        *stored = n;
    return rc;
}
