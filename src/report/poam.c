/*
 * poam.c — OSCAL 1.0.6 plan-of-action-and-milestones of the open corrective actions (every
 * origin: self-inspection instructions, audits, incidents, risks, exceptions, exercises).
 * Per action (docs/compliance.md):
 *   observation  — where it comes from (the origin record), EXAMINE, collected = created_at;
 *   risk         — the weakness the action addresses (status "remediating" once started, else
 *                  "open"), deadline = due date, one remediation (lifecycle planned) whose task
 *                  of type "milestone" is the due date (timing on-date), plus the owner;
 *   poam-item    — title, description, props (action id, origin, status, owner, measures),
 *                  related-observations and related-risks.
 * A risk of the register that an action treats (risks.action_id) is named in the poam-item's
 * props. Open = status open or in_progress (done awaits verification and counts too).
 */
#include "report/report_int.h"

static json_t *one(struct jb *b, const char *s)
{
    json_t *a = jb_arr(b);
    jb_append(b, a, jb_str(b, s));
    return a;
}

static void origin_text(enum ag_lang lang, const char *origin, long long origin_id, char *out,
                        size_t cap)
{
    static const char *const names[][2] = {
        {"assessment", "self-inspection improvement instruction"},
        {"audit", "audit finding"},
        {"incident", "incident (recurrence prevention)"},
        {"risk", "risk treatment"},
        {"exception", "exception request"},
        {"exercise", "exercise"},
        {"other", "other"},
    };
    const char *name = origin;
    for (size_t i = 0; i < AG_ARRAY_LEN(names); i++)
        if (strcmp(origin, names[i][0]) == 0)
            name = ag_tr(lang, names[i][1]);
    if (origin_id > 0)
        snprintf(out, cap, "%s %lld", name, origin_id);
    else
        snprintf(out, cap, "%s", name);
}

int report_oscal_poam(struct store *st, const struct catalog *cat, enum ag_lang lang,
                      struct strbuf *out, struct ag_error *err)
{
    struct jb bb, *b = &bb;
    sqlite3_stmt *s = NULL, *it = NULL;
    json_t *doc = NULL, *meta = NULL, *obs = NULL, *risks = NULL, *items = NULL;
    int rc;
    jb_init(b, st);
    if ((rc = store_read_begin(st, err)))
        return rc;
    if ((rc = store_prepare(
             st, &s,
             "SELECT a.id, a.origin, coalesce(a.origin_id, 0), a.title, a.description, "
             "a.owner_id, a.due_date, a.status, a.created_at, coalesce(d.name_ja, ''), "
             "coalesce(d.name_en, ''), (SELECT group_concat(r.id, ' ') FROM risks r WHERE "
             "r.action_id = a.id) FROM actions a LEFT JOIN departments d ON d.id = "
             "a.department_id WHERE a.status IN ('open', 'in_progress', 'done') ORDER BY "
             "a.due_date, a.id",
             err)) ||
        (rc = store_prepare(
             st, &it, "SELECT item_id FROM action_items WHERE action_id = ? ORDER BY id", err)))
        goto out;
    char now[21];
    ag_date_iso(ag_now(), now);
    meta = oscal_metadata(b, st,
                          ag_tr(lang, "Plan of action and milestones: open corrective "
                                      "actions"),
                          now, lang);
    obs = jb_arr(b);
    risks = jb_arr(b);
    items = jb_arr(b);
    while (sqlite3_step(s) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0), origin_id = sqlite3_column_int64(s, 2);
        const char *origin = store_col_text(s, 1), *status = store_col_text(s, 7);
        const char *title = store_col_text(s, 3), *desc = store_col_text(s, 4);
        const char *dept = store_col_text(s, lang == AG_LANG_EN && *store_col_text(s, 10) ? 10 : 9);
        char ouuid[37], ruuid[37], iuuid[37], tuuid[37], remuuid[37], owner[37], when[32], due[32],
            num[32], otext[160];
        jb_uuid(b, ouuid, "observation", "action-origin/%lld", id);
        jb_uuid(b, ruuid, "risk", "action/%lld", id);
        jb_uuid(b, iuuid, "poam-item", "%lld", id);
        jb_uuid(b, remuuid, "response", "action/%lld", id);
        jb_uuid(b, tuuid, "task", "action/%lld/due", id);
        oscal_party(b, st, meta, sqlite3_column_int64(s, 5), lang, owner);
        oscal_responsible(b, meta, "action-owner", ag_tr(lang, "Owner of a corrective action"),
                          owner);
        origin_text(lang, origin, origin_id, otext, sizeof(otext));
        oscal_time(store_col_text(s, 6), due);
        snprintf(num, sizeof(num), "%lld", id);

        json_t *actor = jb_obj(b), *actors = jb_arr(b), *origin_o = jb_obj(b), *origins = jb_arr(b);
        jb_sets(b, actor, "type", "party");
        jb_sets(b, actor, "actor-uuid", owner);
        jb_sets(b, actor, "role-id", "action-owner");
        jb_append(b, actors, actor);
        jb_set(b, origin_o, "actors", actors);
        jb_append(b, origins, origin_o);

        /* where it comes from */
        json_t *o = jb_obj(b);
        jb_sets(b, o, "uuid", ouuid);
        jb_set(b, o, "title", oscal_text(b, otext));
        char odesc[400];
        snprintf(odesc, sizeof(odesc), ag_tr(lang, "Corrective action %lld was raised from %s."),
                 id, otext);
        jb_sets(b, o, "description", odesc);
        json_t *op = jb_arr(b);
        oscal_prop(b, op, "origin", origin);
        if (origin_id > 0) {
            char oid[32];
            snprintf(oid, sizeof(oid), "%lld", origin_id);
            oscal_prop(b, op, "origin-id", oid);
        }
        jb_set(b, o, "props", op);
        jb_set(b, o, "methods", one(b, "EXAMINE"));
        jb_set(b, o, "types", one(b, "finding"));
        oscal_time(store_col_text(s, 8), when);
        jb_sets(b, o, "collected", when);
        jb_append(b, obs, o);

        /* the weakness and its remediation with the due date as a milestone */
        json_t *r = jb_obj(b);
        jb_sets(b, r, "uuid", ruuid);
        jb_set(b, r, "title", oscal_text(b, title));
        jb_set(b, r, "description", oscal_text(b, *desc ? desc : title));
        jb_set(b, r, "statement", oscal_text(b, otext));
        jb_sets(b, r, "status", strcmp(status, "open") == 0 ? "open" : "remediating");
        jb_sets(b, r, "deadline", due);
        json_t *rem = jb_obj(b), *rems = jb_arr(b), *tasks = jb_arr(b), *task = jb_obj(b),
               *timing = jb_obj(b), *on = jb_obj(b);
        jb_sets(b, rem, "uuid", remuuid);
        jb_sets(b, rem, "lifecycle", "planned");
        jb_set(b, rem, "title", oscal_text(b, title));
        jb_set(b, rem, "description", oscal_text(b, *desc ? desc : title));
        jb_set(b, rem, "origins", origins);
        jb_sets(b, task, "uuid", tuuid);
        jb_sets(b, task, "type", "milestone");
        jb_sets(b, task, "title", ag_tr(lang, "Due date"));
        jb_sets(b, on, "date", due);
        jb_set(b, timing, "on-date", on);
        jb_set(b, task, "timing", timing);
        jb_append(b, tasks, task);
        jb_set(b, rem, "tasks", tasks);
        jb_append(b, rems, rem);
        jb_set(b, r, "remediations", rems);
        json_t *rel_o = jb_arr(b), *ro = jb_obj(b);
        jb_sets(b, ro, "observation-uuid", ouuid);
        jb_append(b, rel_o, ro);
        jb_set(b, r, "related-observations", rel_o);
        jb_append(b, risks, r);

        /* the poam-item */
        json_t *pi = jb_obj(b);
        jb_sets(b, pi, "uuid", iuuid);
        jb_set(b, pi, "title", oscal_text(b, title));
        jb_set(b, pi, "description", oscal_text(b, *desc ? desc : title));
        json_t *props = jb_arr(b);
        oscal_prop(b, props, "action-id", num);
        oscal_prop(b, props, "origin", origin);
        oscal_prop(b, props, "status", status);
        oscal_prop(b, props, "department", dept);
        oscal_prop(b, props, "treats-risks", store_col_text(s, 11));
        sqlite3_reset(it);
        sqlite3_bind_int64(it, 1, id);
        while (sqlite3_step(it) == SQLITE_ROW) {
            const struct catalog_node *n = catalog_by_id(cat, store_col_text(it, 0));
            char cid[300];
            snprintf(cid, sizeof(cid), "ag-%s", n ? n->id : store_col_text(it, 0));
            oscal_prop(b, props, "control-id", cid);
        }
        jb_set(b, pi, "props", props);
        json_t *pro = jb_arr(b), *pr = jb_arr(b), *x = jb_obj(b), *y = jb_obj(b);
        jb_sets(b, x, "observation-uuid", ouuid);
        jb_append(b, pro, x);
        jb_sets(b, y, "risk-uuid", ruuid);
        jb_append(b, pr, y);
        jb_set(b, pi, "related-observations", pro);
        jb_set(b, pi, "related-risks", pr);
        jb_append(b, items, pi);
    }
    doc = jb_obj(b);
    json_t *p = jb_obj(b);
    char uuid[37];
    jb_uuid(b, uuid, "poam", "open-actions/%s", now);
    jb_sets(b, p, "uuid", uuid);
    jb_set(b, p, "metadata", meta);
    meta = NULL;
    jb_set_nonempty(b, p, "observations", obs);
    jb_set_nonempty(b, p, "risks", risks);
    jb_set(b, p, "poam-items", items);
    obs = risks = items = NULL;
    jb_set(b, doc, "plan-of-action-and-milestones", p);
out:
    sqlite3_finalize(s);
    sqlite3_finalize(it);
    store_read_end(st);
    json_decref(meta);
    json_decref(obs);
    json_decref(risks);
    json_decref(items);
    if (rc) {
        json_decref(doc);
        return rc;
    }
    return report_finish(b, doc, "actions", "open", "oscal-poam", out, err);
}
