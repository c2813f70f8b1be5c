/*
 * oscal_ar.c — OSCAL 1.0.6 assessment-results of one self-inspection campaign (a plan and a
 * round, guideline 3.3.1.1(1)). Mapping (docs/compliance.md):
 *   the plan (年度自己点検計画)      → import-ap: "#<uuid>" of a back-matter resource describing it
 *                                     (airguard has no OSCAL assessment plan; the schema needs one)
 *   the campaign                     → one result; reviewed-controls = the plan's measures
 *                                     ("ag-<node id>", the catalog export's control ids)
 *   a submitted answer               → observation (EXAMINE, finding; comment; evidence files as
 *                                     relevant-evidence "evidence/<aa>/<sha256>" in the store)
 *   an open alert naming the measure → observation (TEST, discovery; collected = alert time)
 *   a measure with answers or alerts → finding: target objective-id "ag-<node id>", satisfied
 *                                     when every applicable answer is 実施 and no open alert
 *                                     names it; not-satisfied otherwise; 該当なし only →
 *                                     satisfied with reason "other" and a remark
 *   a register risk with the measure → risk (related-risks of the finding)
 * People (respondents, the CISO who set the plan) and the organisation are parties.
 */
#include "report/report_int.h"

#include "isms/assess.h"

#define ALERTS_PER_MEASURE 20

struct ar {
    struct jb b;
    struct store *st;
    const struct catalog *cat;
    enum ag_lang lang;
    long long plan;
    int round;
    json_t *meta, *observations, *findings, *risks, *risk_ids, *alerts_seen;
};

static void measure_title(const struct catalog_node *n, enum ag_lang lang, char *out, size_t cap)
{
    const char *t = catalog_text_get(n->title, lang);
    if (!*t)
        t = catalog_text_get(n->text, lang);
    /* cut at a character boundary after about 80 bytes */
    size_t len = strlen(t), cut = len;
    if (len > 80) {
        cut = 80;
        while (cut > 0 && ((unsigned char)t[cut] & 0xC0) == 0x80)
            cut--;
    }
    snprintf(out, cap, "%s %.*s%s", n->ref, (int)cut, t, cut < len ? "…" : "");
}

static int pick_campaign(struct ar *a, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc;
    if (!a->plan) {
        if ((rc = store_prepare(a->st, &s,
                                "SELECT p.id FROM assess_plans p WHERE EXISTS (SELECT 1 FROM "
                                "assess_sheets s WHERE s.plan_id = p.id) ORDER BY p.fiscal_year "
                                "DESC, p.id DESC LIMIT 1",
                                err)))
            return rc;
        if (sqlite3_step(s) == SQLITE_ROW)
            a->plan = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
        if (!a->plan)
            return ag_error_set(err, AG_ENOTFOUND,
                                "no self-inspection campaign: no plan has issued sheets");
    }
    if ((rc = store_prepare(a->st, &s,
                            "SELECT (SELECT count(*) FROM assess_plans WHERE id = ?1), "
                            "(SELECT max(round) FROM assess_sheets WHERE plan_id = ?1), (SELECT "
                            "count(*) FROM assess_sheets WHERE plan_id = ?1 AND round = ?2)",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, a->plan);
    sqlite3_bind_int(s, 2, a->round);
    rc = AG_OK;
    if (sqlite3_step(s) != SQLITE_ROW || sqlite3_column_int(s, 0) == 0)
        rc = ag_error_set(err, AG_ENOTFOUND, "campaign: plan %lld does not exist", a->plan);
    else if (sqlite3_column_type(s, 1) == SQLITE_NULL)
        rc = ag_error_set(err, AG_ENOTFOUND, "campaign: plan %lld has issued no sheets yet",
                          a->plan);
    else if (!a->round)
        a->round = sqlite3_column_int(s, 1);
    else if (sqlite3_column_int(s, 2) == 0)
        rc = ag_error_set(err, AG_ENOTFOUND, "campaign: plan %lld has no sheets in round %d",
                          a->plan, a->round);
    sqlite3_finalize(s);
    return rc;
}

/* The plan as the back-matter resource import-ap points at; fills title/start/end. */
static json_t *plan_resource(struct ar *a, char res_uuid[37], char *title, size_t cap,
                             char start[32], char end[32], struct ag_error *err)
{
    struct jb *b = &a->b;
    sqlite3_stmt *s;
    json_t *r = NULL;
    if (store_prepare(a->st, &s,
                      "SELECT p.title, p.fiscal_year, p.frequency, p.timing, p.selection, "
                      "p.method, p.revision, p.created_by, (SELECT min(issued_at) FROM "
                      "assess_sheets WHERE plan_id = p.id AND round = ?2), (SELECT "
                      "max(submitted_at) FROM assess_sheets WHERE plan_id = p.id AND round = ?2) "
                      "FROM assess_plans p WHERE p.id = ?1",
                      err) != AG_OK)
        return NULL;
    sqlite3_bind_int64(s, 1, a->plan);
    sqlite3_bind_int(s, 2, a->round);
    if (sqlite3_step(s) == SQLITE_ROW) {
        char party[37];
        snprintf(title, cap, "%s", store_col_text(s, 0));
        oscal_time(store_col_text(s, 8), start);
        oscal_time(store_col_text(s, 9), end);
        jb_uuid(b, res_uuid, "assessment-plan", "%lld/r%d", a->plan, (int)sqlite3_column_int(s, 6));
        r = jb_obj(b);
        jb_sets(b, r, "uuid", res_uuid);
        jb_set(b, r, "title", oscal_text(b, store_col_text(s, 0)));
        struct strbuf d;
        strbuf_init(&d, 1 << 16);
        strbuf_addf(&d,
                    ag_tr(a->lang, "Self-inspection plan %lld (fiscal year %d, revision %d): "
                                   "%d round(s) a year, %s."),
                    a->plan, sqlite3_column_int(s, 1), sqlite3_column_int(s, 6),
                    sqlite3_column_int(s, 2), store_col_text(s, 3));
        if (*store_col_text(s, 4))
            strbuf_addf(&d, " %s", store_col_text(s, 4));
        if (*store_col_text(s, 5))
            strbuf_addf(&d, " %s", store_col_text(s, 5));
        jb_set(b, r, "description", oscal_text(b, strbuf_str(&d)));
        strbuf_release(&d);
        json_t *props = jb_arr(b);
        char num[32];
        snprintf(num, sizeof(num), "%lld", a->plan);
        oscal_prop(b, props, "self-inspection-plan", num);
        snprintf(num, sizeof(num), "%d", a->round);
        oscal_prop(b, props, "round", num);
        jb_set_nonempty(b, r, "props", props);
        oscal_party(b, a->st, a->meta, sqlite3_column_int64(s, 7), a->lang, party);
        oscal_responsible(b, a->meta, "ciso", ag_tr(a->lang, "Chief information security officer"),
                          party);
    }
    sqlite3_finalize(s);
    return r;
}

/* One observation per submitted answer; returns its uuid in out. */
static void answer_observation(struct ar *a, sqlite3_stmt *s, char out[37])
{
    struct jb *b = &a->b;
    long long answer_id = sqlite3_column_int64(s, 0);
    const char *answer = store_col_text(s, 2), *comment = store_col_text(s, 3);
    const char *dept = store_col_text(s, a->lang == AG_LANG_EN && *store_col_text(s, 8) ? 8 : 7);
    char party[37], when[32], title[256];
    enum assess_answer ans = ASSESS_UNANSWERED;
    if (assess_answer_parse(answer, &ans) != AG_OK)
        ans = ASSESS_UNANSWERED;
    jb_uuid(b, out, "observation", "answer/%lld", answer_id);
    json_t *o = jb_obj(b);
    jb_sets(b, o, "uuid", out);
    snprintf(title, sizeof(title), "%s: %s (%s)", ag_tr(a->lang, "Self-inspection answer"),
             a->lang == AG_LANG_EN ? answer : assess_answer_ja(ans), dept);
    jb_sets(b, o, "title", title);
    struct strbuf d;
    strbuf_init(&d, 1 << 16);
    strbuf_addf(&d, ag_tr(a->lang, "Answer %s (%s) on sheet %lld by %s, department %s."),
                assess_answer_ja(ans), answer, (long long)sqlite3_column_int64(s, 5),
                store_col_text(s, 9), dept);
    if (*comment)
        strbuf_addf(&d, " %s: %s", ag_tr(a->lang, "Answer comment"), comment);
    jb_set(b, o, "description", oscal_text(b, strbuf_str(&d)));
    strbuf_release(&d);
    json_t *props = jb_arr(b);
    oscal_prop(b, props, "answer", answer);
    oscal_prop(b, props, "department", store_col_text(s, 6));
    jb_set(b, o, "props", props);
    json_t *methods = jb_arr(b);
    jb_append(b, methods, jb_str(b, "EXAMINE"));
    jb_set(b, o, "methods", methods);
    json_t *types = jb_arr(b);
    jb_append(b, types, jb_str(b, "finding"));
    jb_set(b, o, "types", types);
    oscal_party(b, a->st, a->meta, sqlite3_column_int64(s, 10), a->lang, party);
    oscal_responsible(b, a->meta, "respondent", ag_tr(a->lang, "Self-inspection respondent"),
                      party);
    json_t *origins = jb_arr(b), *origin = jb_obj(b), *actors = jb_arr(b), *actor = jb_obj(b);
    jb_sets(b, actor, "type", "party");
    jb_sets(b, actor, "actor-uuid", party);
    jb_sets(b, actor, "role-id", "respondent");
    jb_append(b, actors, actor);
    jb_set(b, origin, "actors", actors);
    jb_append(b, origins, origin);
    jb_set(b, o, "origins", origins);

    json_t *ev = jb_arr(b);
    sqlite3_stmt *e;
    struct ag_error ignore;
    if (store_prepare(a->st, &e,
                      "SELECT e.sha256, e.filename, e.media_type, e.size FROM "
                      "assess_answer_evidence x JOIN evidence e ON e.id = x.evidence_id WHERE "
                      "x.answer_id = ? ORDER BY e.id",
                      &ignore) == AG_OK) {
        sqlite3_bind_int64(e, 1, answer_id);
        while (sqlite3_step(e) == SQLITE_ROW) {
            const char *sha = store_col_text(e, 0);
            char href[128], size[32];
            snprintf(href, sizeof(href), "evidence/%.2s/%s", sha, sha);
            json_t *r = jb_obj(b);
            jb_sets(b, r, "href", href);
            json_t *rp = jb_arr(b);
            oscal_prop(b, rp, "sha256", sha);
            oscal_prop(b, rp, "media-type", store_col_text(e, 2));
            snprintf(size, sizeof(size), "%lld", (long long)sqlite3_column_int64(e, 3));
            oscal_prop(b, rp, "size", size);
            jb_set(b, r, "props", rp);
            jb_set(b, r, "description", oscal_text(b, store_col_text(e, 1)));
            if (!json_object_get(r, "description"))
                jb_sets(b, r, "description", "evidence");
            jb_append(b, ev, r);
        }
        sqlite3_finalize(e);
    }
    jb_set_nonempty(b, o, "relevant-evidence", ev);
    oscal_time(*store_col_text(s, 4) ? store_col_text(s, 4) : store_col_text(s, 11), when);
    jb_sets(b, o, "collected", when);
    jb_append(b, a->observations, o);
}

/* Observations for the open alerts naming measure n — or the part of the guideline it belongs
 * to (alerts name sections such as 3.1.5.1(2)(e); anything below the chapter's first two levels
 * counts); appends their uuids to related; returns how many open alerts name it (more than are
 * listed when past ALERTS_PER_MEASURE). */
static long long alert_observations(struct ar *a, const struct catalog_node *n, json_t *related)
{
    struct jb *b = &a->b;
    sqlite3_stmt *s;
    struct ag_error ignore;
    long long total = 0;
    if (store_prepare(a->st, &s,
                      "SELECT al.id, al.time, al.category, al.rule, al.level, "
                      "coalesce(al.src_ip, ''), al.count, al.status, count(*) OVER () FROM "
                      "alerts al WHERE al.status <> 'closed' AND al.seq IN (SELECT alert_seq FROM "
                      "alert_items WHERE item_id IN (?1, ?2, ?3, ?4, ?5, ?6)) ORDER BY al.time "
                      "DESC, al.seq DESC LIMIT ?7",
                      &ignore) != AG_OK)
        return 0;
    int k = 1;
    for (const struct catalog_node *p = n; p && k <= 6 && (p == n || p->depth >= 3); p = p->parent)
        sqlite3_bind_text(s, k++, p->id, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 7, ALERTS_PER_MEASURE);
    while (sqlite3_step(s) == SQLITE_ROW) {
        char uuid[37], when[32];
        const char *id = store_col_text(s, 0);
        total = sqlite3_column_int64(s, 8);
        jb_uuid(b, uuid, "observation", "alert/%s", id);
        json_t *rel = jb_obj(b);
        jb_sets(b, rel, "observation-uuid", uuid);
        jb_append(b, related, rel);
        /* the same alert may name several measures: one observation */
        if (json_object_get(a->alerts_seen, uuid))
            continue;
        jb_set(b, a->alerts_seen, uuid, json_true());
        json_t *o = jb_obj(b);
        jb_sets(b, o, "uuid", uuid);
        char title[600];
        snprintf(title, sizeof(title), "%s: %s", ag_tr(a->lang, "Monitor alert"),
                 store_col_text(s, 3));
        jb_set(b, o, "title", oscal_text(b, title));
        struct strbuf d;
        strbuf_init(&d, 1 << 14);
        strbuf_addf(&d, ag_tr(a->lang, "Alert %s (%s, level %s, %lld event(s)%s%s), status %s."),
                    id, store_col_text(s, 2), store_col_text(s, 4),
                    (long long)sqlite3_column_int64(s, 6), *store_col_text(s, 5) ? ", " : "",
                    store_col_text(s, 5), store_col_text(s, 7));
        jb_set(b, o, "description", oscal_text(b, strbuf_str(&d)));
        strbuf_release(&d);
        json_t *props = jb_arr(b);
        oscal_prop(b, props, "alert-id", id);
        oscal_prop(b, props, "alert-category", store_col_text(s, 2));
        oscal_prop(b, props, "alert-level", store_col_text(s, 4));
        jb_set(b, o, "props", props);
        json_t *methods = jb_arr(b), *types = jb_arr(b);
        jb_append(b, methods, jb_str(b, "TEST"));
        jb_append(b, types, jb_str(b, "discovery"));
        jb_set(b, o, "methods", methods);
        jb_set(b, o, "types", types);
        json_t *ev = jb_arr(b), *r = jb_obj(b);
        char href[128];
        snprintf(href, sizeof(href), "/alerts/%s", id);
        jb_sets(b, r, "href", href);
        jb_sets(b, r, "description", ag_tr(a->lang, "The alert in airguard's web application"));
        jb_append(b, ev, r);
        jb_set(b, o, "relevant-evidence", ev);
        oscal_time(store_col_text(s, 1), when);
        jb_sets(b, o, "collected", when);
        jb_append(b, a->observations, o);
    }
    sqlite3_finalize(s);
    return total;
}

static const char *risk_status(const char *status)
{
    if (strcmp(status, "awaiting_acceptance") == 0)
        return "deviation-requested";
    if (strcmp(status, "accepted") == 0)
        return "deviation-approved";
    if (strcmp(status, "treated") == 0)
        return "remediating";
    return "open";
}

static void facet(struct jb *b, json_t *facets, const char *name, long long v)
{
    if (v <= 0)
        return;
    char num[24];
    snprintf(num, sizeof(num), "%lld", v);
    json_t *f = jb_obj(b);
    jb_sets(b, f, "name", name);
    jb_sets(b, f, "system", "urn:airguard:risk-criteria");
    jb_sets(b, f, "value", num);
    jb_append(b, facets, f);
}

/* The register's risks with item among their measures: risk entries (once each) and their
 * uuids appended to related. */
static void risks_for(struct ar *a, const char *item, json_t *related)
{
    struct jb *b = &a->b;
    sqlite3_stmt *s;
    struct ag_error ignore;
    if (store_prepare(a->st, &s,
                      "SELECT r.id, r.title, r.threat, r.vulnerability, r.consequence, "
                      "coalesce(r.impact, 0), coalesce(r.likelihood, 0), coalesce(r.level, 0), "
                      "r.status, coalesce(r.treatment, ''), r.treatment_plan, "
                      "coalesce(r.treatment_due, ''), r.owner_id FROM risk_measures m JOIN risks "
                      "r ON r.id = m.risk_id WHERE m.item_id = ? GROUP BY r.id ORDER BY r.id",
                      &ignore) != AG_OK)
        return;
    sqlite3_bind_text(s, 1, item, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW) {
        char uuid[37], key[32], owner[37];
        long long id = sqlite3_column_int64(s, 0);
        jb_uuid(b, uuid, "risk", "%lld", id);
        json_t *rel = jb_obj(b);
        jb_sets(b, rel, "risk-uuid", uuid);
        jb_append(b, related, rel);
        snprintf(key, sizeof(key), "%lld", id);
        if (json_object_get(a->risk_ids, key))
            continue;
        json_object_set_new(a->risk_ids, key, json_true());
        json_t *r = jb_obj(b);
        jb_sets(b, r, "uuid", uuid);
        jb_set(b, r, "title", oscal_text(b, store_col_text(s, 1)));
        struct strbuf d;
        strbuf_init(&d, 1 << 16);
        strbuf_addf(&d, "%s: %s", ag_tr(a->lang, "Risk threat"), store_col_text(s, 2));
        if (*store_col_text(s, 3))
            strbuf_addf(&d, "\n%s: %s", ag_tr(a->lang, "Risk vulnerability"), store_col_text(s, 3));
        jb_set(b, r, "description", oscal_text(b, strbuf_str(&d)));
        strbuf_reset(&d);
        strbuf_adds(&d, *store_col_text(s, 4) ? store_col_text(s, 4) : store_col_text(s, 2));
        jb_set(b, r, "statement", oscal_text(b, strbuf_str(&d)));
        strbuf_release(&d);
        json_t *props = jb_arr(b);
        oscal_prop(b, props, "risk-id", key);
        oscal_prop(b, props, "register-status", store_col_text(s, 8));
        oscal_prop(b, props, "treatment", store_col_text(s, 9));
        jb_set(b, r, "props", props);
        jb_sets(b, r, "status", risk_status(store_col_text(s, 8)));
        json_t *facets = jb_arr(b);
        facet(b, facets, "impact", sqlite3_column_int64(s, 5));
        facet(b, facets, "likelihood", sqlite3_column_int64(s, 6));
        facet(b, facets, "risk-level", sqlite3_column_int64(s, 7));
        if (json_array_size(facets)) {
            oscal_party(b, a->st, a->meta, sqlite3_column_int64(s, 12), a->lang, owner);
            oscal_responsible(b, a->meta, "risk-owner", ag_tr(a->lang, "Risk owner"), owner);
            json_t *chs = jb_arr(b), *ch = jb_obj(b), *origin = jb_obj(b), *actors = jb_arr(b),
                   *actor = jb_obj(b);
            jb_sets(b, actor, "type", "party");
            jb_sets(b, actor, "actor-uuid", owner);
            jb_sets(b, actor, "role-id", "risk-owner");
            jb_append(b, actors, actor);
            jb_set(b, origin, "actors", actors);
            jb_set(b, ch, "origin", origin);
            jb_set(b, ch, "facets", facets);
            jb_append(b, chs, ch);
            jb_set(b, r, "characterizations", chs);
        } else {
            json_decref(facets);
        }
        if (*store_col_text(s, 11)) {
            char due[32];
            oscal_time(store_col_text(s, 11), due);
            jb_sets(b, r, "deadline", due);
        }
        jb_append(b, a->risks, r);
    }
    sqlite3_finalize(s);
}

/* The finding of one measure from its answers (rows of the answer query for this item). */
static void measure_finding(struct ar *a, const struct catalog_node *n, struct assess_tally *t,
                            json_t *related)
{
    struct jb *b = &a->b;
    char uuid[37], title[400], target[300];
    long long open_alerts = alert_observations(a, n, related);
    long long applicable = t->implemented + t->partial + t->not_implemented;
    if (!applicable && !t->not_applicable && !open_alerts) {
        json_decref(related);
        return;
    }
    bool satisfied = t->partial == 0 && t->not_implemented == 0 && open_alerts == 0;
    jb_uuid(b, uuid, "finding", "%lld/%d/%s", a->plan, a->round, n->id);
    json_t *f = jb_obj(b);
    jb_sets(b, f, "uuid", uuid);
    measure_title(n, a->lang, title, sizeof(title));
    jb_set(b, f, "title", oscal_text(b, title));
    struct strbuf d;
    strbuf_init(&d, 1 << 14);
    strbuf_addf(&d,
                ag_tr(a->lang, "Self-inspection: %ld 実施, %ld 一部実施, %ld 未実施, %ld 該当なし; "
                               "%lld open monitor alert(s)."),
                t->implemented, t->partial, t->not_implemented, t->not_applicable, open_alerts);
    jb_set(b, f, "description", oscal_text(b, strbuf_str(&d)));
    strbuf_release(&d);
    json_t *tg = jb_obj(b), *status = jb_obj(b);
    snprintf(target, sizeof(target), "ag-%s", n->id);
    jb_sets(b, tg, "type", "objective-id");
    jb_sets(b, tg, "target-id", target);
    jb_sets(b, status, "state", satisfied ? "satisfied" : "not-satisfied");
    if (!applicable && !open_alerts) {
        jb_sets(b, status, "reason", "other");
        jb_sets(b, status, "remarks", ag_tr(a->lang, "Not applicable (該当なし) in every answer."));
    } else {
        jb_sets(b, status, "reason", satisfied ? "pass" : "fail");
    }
    jb_set(b, tg, "status", status);
    jb_set(b, f, "target", tg);
    jb_set_nonempty(b, f, "related-observations", related);
    json_t *rr = jb_arr(b);
    risks_for(a, n->id, rr);
    jb_set_nonempty(b, f, "related-risks", rr);
    jb_append(b, a->findings, f);
}

static int walk_items(struct ar *a, json_t *include, struct ag_error *err)
{
    struct jb *b = &a->b;
    sqlite3_stmt *items = NULL, *ans = NULL;
    int rc;
    if ((rc = store_prepare(a->st, &items,
                            "SELECT item_id FROM assess_plan_items WHERE plan_id = ? ORDER BY id",
                            err)) ||
        (rc = store_prepare(
             a->st, &ans,
             "SELECT a.id, a.item_id, a.answer, a.comment, coalesce(a.answered_at, ''), sh.id, "
             "d.code, d.name_ja, d.name_en, p.login, sh.respondent_id, "
             "coalesce(sh.submitted_at, '') FROM assess_answers a JOIN assess_sheets sh ON sh.id "
             "= a.sheet_id JOIN departments d ON d.id = sh.department_id JOIN people p ON p.id = "
             "sh.respondent_id WHERE sh.plan_id = ?1 AND sh.round = ?2 AND sh.status = "
             "'submitted' AND a.answer IS NOT NULL AND a.item_id = ?3 ORDER BY d.code, a.id",
             err)))
        goto out;
    sqlite3_bind_int64(items, 1, a->plan);
    /* in catalog order */
    size_t count = catalog_node_count(a->cat);
    const struct catalog_node **in_plan = calloc(count ? count : 1, sizeof(*in_plan));
    if (!in_plan) {
        rc = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto out;
    }
    while (sqlite3_step(items) == SQLITE_ROW) {
        const struct catalog_node *n = catalog_by_id(a->cat, store_col_text(items, 0));
        if (n)
            in_plan[n->index] = n;
    }
    for (size_t i = 0; i < count; i++) {
        const struct catalog_node *n = in_plan[i];
        if (!n)
            continue;
        char cid[300];
        snprintf(cid, sizeof(cid), "ag-%s", n->id);
        json_t *c = jb_obj(b);
        jb_sets(b, c, "control-id", cid);
        jb_append(b, include, c);
        struct assess_tally t = {0};
        json_t *related = jb_arr(b);
        sqlite3_reset(ans);
        sqlite3_bind_int64(ans, 1, a->plan);
        sqlite3_bind_int(ans, 2, a->round);
        sqlite3_bind_text(ans, 3, n->id, -1, SQLITE_STATIC);
        while (sqlite3_step(ans) == SQLITE_ROW) {
            enum assess_answer v;
            if (assess_answer_parse(store_col_text(ans, 2), &v) != AG_OK)
                continue;
            assess_tally_add(&t, v);
            char ouuid[37];
            answer_observation(a, ans, ouuid);
            json_t *rel = jb_obj(b);
            jb_sets(b, rel, "observation-uuid", ouuid);
            jb_append(b, related, rel);
        }
        measure_finding(a, n, &t, related);
    }
    free(in_plan);
out:
    sqlite3_finalize(items);
    sqlite3_finalize(ans);
    return rc;
}

int report_oscal_results(struct store *st, const struct catalog *cat, long long plan, int round,
                         enum ag_lang lang, struct strbuf *out, struct ag_error *err)
{
    struct ar a = {.st = st, .cat = cat, .lang = lang, .plan = plan, .round = round};
    json_t *doc = NULL;
    int rc;
    jb_init(&a.b, st);
    struct jb *b = &a.b;
    if ((rc = store_read_begin(st, err)))
        return rc;
    if ((rc = pick_campaign(&a, err)))
        goto out;
    char title[512], start[32], end[32], res_uuid[37], uuid[37], doc_title[700], version[64];
    a.meta = oscal_metadata(b, st, "", "", lang);
    json_t *res = plan_resource(&a, res_uuid, title, sizeof(title), start, end, err);
    if (!res) {
        rc = ag_error_set(err, AG_ENOTFOUND, "campaign: plan %lld does not exist", a.plan);
        goto out;
    }
    snprintf(doc_title, sizeof(doc_title), ag_tr(lang, "Self-inspection results: %s, round %d"),
             title, a.round);
    jb_sets(b, a.meta, "title", doc_title);
    snprintf(version, sizeof(version), "plan-%lld-round-%d", a.plan, a.round);
    jb_sets(b, a.meta, "version", version);

    a.observations = jb_arr(b);
    a.findings = jb_arr(b);
    a.risks = jb_arr(b);
    a.risk_ids = jb_obj(b);
    a.alerts_seen = jb_obj(b);
    json_t *include = jb_arr(b);
    if ((rc = walk_items(&a, include, err))) {
        json_decref(include);
        json_decref(res);
        goto out;
    }

    doc = jb_obj(b);
    json_t *ar = jb_obj(b);
    jb_uuid(b, uuid, "assessment-results", "%lld/%d", a.plan, a.round);
    jb_sets(b, ar, "uuid", uuid);
    jb_set(b, ar, "metadata", a.meta);
    a.meta = NULL;
    json_t *imp = jb_obj(b);
    char href[64];
    snprintf(href, sizeof(href), "#%s", res_uuid);
    jb_sets(b, imp, "href", href);
    jb_sets(b, imp, "remarks",
            ag_tr(lang, "airguard keeps the self-inspection plan, not an OSCAL assessment plan: "
                        "the reference points at its description in back-matter."));
    jb_set(b, ar, "import-ap", imp);

    json_t *results = jb_arr(b), *r = jb_obj(b);
    jb_uuid(b, uuid, "result", "%lld/%d", a.plan, a.round);
    jb_sets(b, r, "uuid", uuid);
    jb_set(b, r, "title", oscal_text(b, doc_title));
    struct assess_report rep;
    char rate[64] = "";
    if (assess_report_compute(st, cat, a.plan, a.round, &rep, err) == AG_OK) {
        double v = assess_tally_rate(&rep.total);
        if (v >= 0)
            snprintf(rate, sizeof(rate), "%.1f", v);
        char desc[512];
        snprintf(desc, sizeof(desc),
                 ag_tr(lang, "Self-inspection (guideline 3.3.1.1(1)): %d of %d sheets submitted; "
                             "implementation rate %s%%."),
                 rep.submitted, rep.sheets, *rate ? rate : "-");
        jb_sets(b, r, "description", desc);
        assess_report_release(&rep);
    } else {
        jb_sets(b, r, "description", ag_tr(lang, "Self-inspection (guideline 3.3.1.1(1))."));
    }
    jb_sets(b, r, "start", start);
    if (strlen(end) > 10)
        jb_sets(b, r, "end", end);
    json_t *props = jb_arr(b);
    oscal_prop(b, props, "implementation-rate", rate);
    jb_set_nonempty(b, r, "props", props);
    json_t *rc_ = jb_obj(b), *sels = jb_arr(b), *sel = jb_obj(b);
    jb_sets(b, rc_, "description",
            ag_tr(lang, "The measures of the self-inspection plan (catalog control ids)."));
    if (json_array_size(include))
        jb_set(b, sel, "include-controls", include);
    else {
        json_decref(include);
        jb_set(b, sel, "include-all", jb_obj(b));
    }
    jb_append(b, sels, sel);
    jb_set(b, rc_, "control-selections", sels);
    jb_set(b, r, "reviewed-controls", rc_);
    jb_set_nonempty(b, r, "observations", a.observations);
    jb_set_nonempty(b, r, "risks", a.risks);
    jb_set_nonempty(b, r, "findings", a.findings);
    a.observations = a.risks = a.findings = NULL;
    jb_append(b, results, r);
    jb_set(b, ar, "results", results);

    json_t *bm = jb_obj(b), *resources = jb_arr(b);
    jb_append(b, resources, res);
    jb_set(b, bm, "resources", resources);
    jb_set(b, ar, "back-matter", bm);
    jb_set(b, doc, "assessment-results", ar);
out:
    store_read_end(st);
    json_decref(a.meta);
    json_decref(a.observations);
    json_decref(a.findings);
    json_decref(a.risks);
    json_decref(a.risk_ids);
    json_decref(a.alerts_seen);
    if (rc) {
        json_decref(doc);
        return rc;
    }
    char id[64];
    snprintf(id, sizeof(id), "%lld/%d", a.plan, a.round);
    return report_finish(b, doc, "assess_plans", id, "oscal-assessment-results", out, err);
}
