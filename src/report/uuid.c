/*
 * uuid.c — the ids of exported documents: RFC 4122 version-5 UUIDs (SHA-1 of namespace and name,
 * through GnuTLS's digest), so one record always gets the same id and re-exporting is stable.
 * The catalog's OSCAL export (src/catalog/oscal.c) derives its UUIDs from SHA-256 in the same
 * spirit; these follow RFC 4122 exactly because STIX 2.1 (§2.9) asks cyber-observable ids to be
 * uuid5 of its own namespace, and other producers must compute the same id for the same address.
 */
#include "report/report.h"
#include "common/dl_gnutls.h"

/* uuid5(NAMESPACE_URL, "urn:airguard:report") = be8f1510-2ecb-5e70-bf79-8a5bccac61bf */
const unsigned char report_uuid_ns[16] = {0xbe, 0x8f, 0x15, 0x10, 0x2e, 0xcb, 0x5e, 0x70,
                                          0xbf, 0x79, 0x8a, 0x5b, 0xcc, 0xac, 0x61, 0xbf};
/* 00abedb4-aa42-5b4f-8d8a-ba4d4b0f4f76 */
const unsigned char report_stix_sco_ns[16] = {0x00, 0xab, 0xed, 0xb4, 0xaa, 0x42, 0x5b, 0x4f,
                                              0x8d, 0x8a, 0xba, 0x4d, 0x4b, 0x0f, 0x4f, 0x76};

void report_uuid_v5(const unsigned char ns[16], const char *name, size_t len, char out[37])
{
    unsigned char d[20] = {0};
    gnutls_hash_hd_t h;
    if (gnutls_hash_init(&h, GNUTLS_DIG_SHA1) == 0) {
        gnutls_hash(h, ns, 16);
        gnutls_hash(h, name, len);
        gnutls_hash_deinit(h, d);
    }
    d[6] = (unsigned char)((d[6] & 0x0F) | 0x50); /* version 5 */
    d[8] = (unsigned char)((d[8] & 0x3F) | 0x80); /* RFC 4122 variant */
    static const char hex[] = "0123456789abcdef";
    size_t k = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[k++] = '-';
        out[k++] = hex[d[i] >> 4];
        out[k++] = hex[d[i] & 15];
    }
    out[k] = '\0';
}

void report_uuid_for(const char *scope, const char *kind, const char *key, char out[37])
{
    struct strbuf sb;
    strbuf_init(&sb, 1 << 16);
    strbuf_addf(&sb, "%s/%s/%s", scope, kind, key);
    report_uuid_v5(report_uuid_ns, strbuf_str(&sb), sb.len, out);
    strbuf_release(&sb);
}

void report_scope(struct store *st, char *out, size_t cap)
{
    sqlite3_stmt *s;
    struct ag_error ignore;
    snprintf(out, cap, "org:");
    if (store_prepare(st, &s, "SELECT name_ja FROM organisation WHERE id = 1", &ignore) != AG_OK)
        return;
    if (sqlite3_step(s) == SQLITE_ROW)
        snprintf(out, cap, "org:%s", store_col_text(s, 0));
    sqlite3_finalize(s);
}
