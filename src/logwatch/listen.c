/*
 * listen.c — the inputs' loop: syslog over UDP (one message per datagram, RFC 5426), TCP
 * (RFC 6587, frame.c) and TLS (RFC 5425, GnuTLS server), file tails and standard input, all in
 * one poll(2) loop in the caller's thread; no threads. Also the per-input rate limit (a token
 * bucket) and the signal flags (SIGTERM/SIGINT stop, SIGHUP reload).
 *
 * Bounds: at most max_conns TCP + TLS connections (more are accepted and closed at once,
 * counted as refused); a connection silent for idle_timeout seconds (a TLS handshake: for
 * TLS_HANDSHAKE_SECONDS) is closed; each connection holds one framer (LW_LINE_MAX + 1 bytes)
 * and, for TLS, one GnuTLS session; one turn of the loop reads at most TURN_LINES lines of a file
 * and TURN_READS reads of a socket, so no input starves the others.
 * Rate limit: a network input over its rate drops lines (counted: a sender cannot be paced
 * without losing its later lines anyway); a file or standard input is paced instead (reading
 * waits, nothing is lost).
 */
#include "logwatch/logwatch.h"
#include "common/dl_gnutls.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define TURN_LINES 65536
#define TURN_READS 64
#define TLS_HANDSHAKE_SECONDS 10
#define COMMIT_NS 1000000000LL /* tail offsets saved every second (when they moved) */
#define STATS_NS 5000000000LL  /* inputs.json every five seconds */
#define TICK_MS 200            /* files are looked at this often */
#define UDP_RCVBUF (4 << 20)   /* a burst of datagrams waits in the kernel, not dropped */

/* ---- signals ---- */
static volatile sig_atomic_t sig_stop, sig_reload;

static void on_signal(int sig)
{
    if (sig == SIGHUP)
        sig_reload = 1;
    else
        sig_stop = 1;
}

void lw_signals_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: poll returns EINTR and the loop sees the flag */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
}

bool lw_signal_stop(void)
{
    return sig_stop != 0;
}

bool lw_signal_take_reload(void)
{
    if (!sig_reload)
        return false;
    sig_reload = 0;
    return true;
}

void lw_signal_request_stop(void)
{
    sig_stop = 1;
}

/* ---- token bucket ---- */
void lw_rate_init(struct lw_rate *r, double per_sec, double burst)
{
    r->rate = per_sec > 0 ? per_sec : 0;
    r->burst = burst >= 1 ? burst : (per_sec >= 1 ? per_sec : 1);
    r->tokens = r->burst;
    r->last_ns = -1;
}

static void refill(struct lw_rate *r, int64_t now_ns)
{
    if (r->last_ns >= 0 && now_ns > r->last_ns) {
        r->tokens += (double)(now_ns - r->last_ns) * r->rate / 1e9;
        if (r->tokens > r->burst)
            r->tokens = r->burst;
    }
    if (r->last_ns < 0 || now_ns > r->last_ns)
        r->last_ns = now_ns;
}

bool lw_rate_take(struct lw_rate *r, int64_t now_ns)
{
    if (r->rate <= 0)
        return true;
    refill(r, now_ns);
    if (r->tokens < 1)
        return false;
    r->tokens -= 1;
    return true;
}

uint64_t lw_rate_avail(struct lw_rate *r, int64_t now_ns)
{
    if (r->rate <= 0)
        return UINT64_MAX;
    refill(r, now_ns);
    return r->tokens >= 1 ? (uint64_t)r->tokens : 0;
}

void lw_rate_spend(struct lw_rate *r, uint64_t n)
{
    if (r->rate > 0)
        r->tokens -= (double)n;
}

const char *lw_input_kind_name(enum lw_input_kind k)
{
    static const char *const names[] = {"file", "stdin", "udp", "tcp", "tls"};
    return (unsigned)k < AG_ARRAY_LEN(names) ? names[k] : "?";
}

/* ---- the loop ---- */
struct input {
    enum lw_input_kind kind;
    char name[128]; /* bound address, or the path */
    int fd;         /* listening socket; stdin's fd; -1 for a file */
    struct lw_tail *tail;
    struct lw_rate rate;
    struct lw_input_stats st; /* network inputs (tails keep their own) */
    bool failing;             /* the last read failed (reported once) */
};

struct conn {
    int fd; /* -1: free slot */
    struct input *in;
    struct lw_listen *l;
    struct lw_framer *fr;
    gnutls_session_t tls;
    bool handshaking;
    int64_t born_ns, last_ns;
    uint64_t cut0, err0; /* the framer's counts already added to the input's */
    char peer[64];
};

struct lw_listen {
    struct lw_listen_config cfg;
    struct input *in;
    size_t nin;
    struct conn *conns;
    size_t nconns; /* slots in use or not: cfg.max_conns */
    gnutls_certificate_credentials_t cred;
    gnutls_priority_t prio;
    bool have_tls;
    int64_t now;
    char buf[LW_LINE_MAX + 1];
};

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        fcntl(fd, F_SETFL, fl | O_NONBLOCK);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* "ADDR:PORT" or "[V6]:PORT", an IPv4-mapped IPv6 address as IPv4. */
static void addr_text(const struct sockaddr_storage *ss, char *out, size_t cap)
{
    char a[INET6_ADDRSTRLEN] = "?";
    unsigned port = 0;
    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)ss;
        inet_ntop(AF_INET, &s4->sin_addr, a, sizeof(a));
        port = ntohs(s4->sin_port);
        snprintf(out, cap, "%s:%u", a, port);
        return;
    }
    if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)ss;
        port = ntohs(s6->sin6_port);
        if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr)) {
            inet_ntop(AF_INET, s6->sin6_addr.s6_addr + 12, a, sizeof(a));
            snprintf(out, cap, "%s:%u", a, port);
            return;
        }
        inet_ntop(AF_INET6, &s6->sin6_addr, a, sizeof(a));
        snprintf(out, cap, "[%s]:%u", a, port);
        return;
    }
    snprintf(out, cap, "?");
}

/* Binds a socket of `type` to "HOST:PORT" / "[V6]:PORT" / ":PORT"; in->name = what it got. */
static int bind_addr(struct input *in, const char *spec, int type, struct ag_error *err)
{
    char host[256];
    const char *colon = strrchr(spec, ':');
    const char *h = spec, *port = colon ? colon + 1 : NULL;
    size_t hl = colon ? (size_t)(colon - spec) : 0;
    if (hl >= 2 && spec[0] == '[' && spec[hl - 1] == ']') {
        h++;
        hl -= 2;
    }
    char *end;
    long pn = port ? strtol(port, &end, 10) : -1;
    if (!colon || !*port || *end || pn < 0 || pn > 65535 || hl >= sizeof(host))
        return ag_error_set(
            err, AG_EUSAGE,
            "logwatch: %s is not a listening address (HOST:PORT, [IPV6]:PORT or :PORT)", spec);
    memcpy(host, h, hl);
    host[hl] = '\0';
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC, .ai_socktype = type, .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
    struct addrinfo *res = NULL;
    int g = getaddrinfo(hl ? host : "::", port, &hints, &res);
    if (g != 0 && !hl)
        g = getaddrinfo("0.0.0.0", port, &hints, &res);
    if (g != 0)
        return ag_error_set(err, AG_EUSAGE, "logwatch: cannot listen on %s: %s", spec,
                            gai_strerror(g));
    int fd = -1, e = 0;
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0) {
            e = errno;
            continue;
        }
        int one = 1, zero = 0;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (ai->ai_family == AF_INET6 && !hl) /* ":PORT": IPv6 and IPv4 both */
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 ||
            (type == SOCK_STREAM && listen(fd, 128) != 0)) {
            e = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0)
        return ag_error_set(err, AG_EIO, "logwatch: cannot listen on %s: %s", spec, strerror(e));
    if (type == SOCK_DGRAM) {
        int sz = UDP_RCVBUF;
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
    }
    set_nonblock(fd);
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss);
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
        addr_text(&ss, in->name, sizeof(in->name));
    in->fd = fd;
    return AG_OK;
}

static struct input *add_input(struct lw_listen *l, enum lw_input_kind kind, const char *name)
{
    struct input *in = &l->in[l->nin++];
    memset(in, 0, sizeof(*in));
    in->kind = kind;
    in->fd = -1;
    snprintf(in->name, sizeof(in->name), "%s", name);
    lw_rate_init(&in->rate, l->cfg.rate, 0);
    return in;
}

static int tls_setup(struct lw_listen *l, struct ag_error *err)
{
    if (!l->cfg.cert || !l->cfg.key)
        return ag_error_set(err, AG_EUSAGE, "logwatch: --tls needs --cert FILE and --key FILE");
    int r = ag_dynlib_load(&ag_gnutls_lib, err);
    if (r)
        return r;
    r = gnutls_certificate_allocate_credentials(&l->cred);
    if (r < 0)
        return ag_error_set(err, AG_ENOMEM, "logwatch: TLS: %s", gnutls_strerror(r));
    l->have_tls = true;
    r = gnutls_certificate_set_x509_key_file(l->cred, l->cfg.cert, l->cfg.key, GNUTLS_X509_FMT_PEM);
    if (r < 0)
        return ag_error_set(err, AG_EINVAL, "logwatch: TLS certificate %s or key %s: %s",
                            l->cfg.cert, l->cfg.key, gnutls_strerror(r));
    r = gnutls_priority_init(&l->prio, NULL, NULL);
    if (r < 0)
        return ag_error_set(err, AG_EINVAL, "logwatch: TLS: %s", gnutls_strerror(r));
    return AG_OK;
}

int lw_listen_new(struct lw_listen **out, const struct lw_listen_config *cfg, struct ag_error *err)
{
    struct lw_listen *l = calloc(1, sizeof(*l));
    if (!l)
        return ag_error_set(err, AG_ENOMEM, "logwatch: out of memory");
    l->cfg = *cfg;
    if (!l->cfg.max_conns)
        l->cfg.max_conns = 256;
    if (!l->cfg.idle_timeout)
        l->cfg.idle_timeout = 600;
    l->in = calloc(cfg->nfiles + 3, sizeof(*l->in));
    l->conns = calloc(l->cfg.max_conns, sizeof(*l->conns));
    int rc = AG_OK;
    if (!l->in || !l->conns) {
        rc = ag_error_set(err, AG_ENOMEM, "logwatch: out of memory");
        goto fail;
    }
    l->nconns = l->cfg.max_conns;
    for (size_t i = 0; i < l->nconns; i++)
        l->conns[i].fd = -1;
    if (cfg->tls && (rc = tls_setup(l, err)) != 0)
        goto fail;
    const char *specs[3] = {cfg->udp, cfg->tcp, cfg->tls};
    const enum lw_input_kind kinds[3] = {LW_IN_UDP, LW_IN_TCP, LW_IN_TLS};
    for (int k = 0; k < 3; k++) {
        if (!specs[k])
            continue;
        struct input *in = add_input(l, kinds[k], specs[k]);
        rc = bind_addr(in, specs[k], k == 0 ? SOCK_DGRAM : SOCK_STREAM, err);
        if (rc)
            goto fail;
    }
    for (size_t i = 0; i < cfg->nfiles; i++) {
        bool in_std = strcmp(cfg->files[i], "-") == 0;
        struct input *in = add_input(l, in_std ? LW_IN_STDIN : LW_IN_FILE, cfg->files[i]);
        in->tail = in_std ? lw_tail_open_fd(0, "-", err)
                          : lw_tail_open(cfg->files[i], cfg->state_dir, err);
        if (!in->tail) {
            rc = err && err->code ? err->code : AG_EIO;
            goto fail;
        }
        if (in_std)
            in->fd = 0;
    }
    *out = l;
    return AG_OK;
fail:
    lw_listen_free(l);
    return rc;
}

static void conn_close(struct conn *c)
{
    if (c->tls) {
        if (!c->handshaking)
            gnutls_bye(c->tls, GNUTLS_SHUT_WR); /* non-blocking: best effort */
        gnutls_deinit(c->tls);
        c->tls = NULL;
    }
    lw_framer_free(c->fr);
    c->fr = NULL;
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
}

void lw_listen_free(struct lw_listen *l)
{
    if (!l)
        return;
    for (size_t i = 0; l->conns && i < l->nconns; i++)
        conn_close(&l->conns[i]);
    for (size_t i = 0; l->in && i < l->nin; i++) {
        struct input *in = &l->in[i];
        if (in->tail)
            lw_tail_close(in->tail);
        else if (in->fd >= 0)
            close(in->fd);
    }
    if (l->have_tls) {
        gnutls_certificate_free_credentials(l->cred);
        if (l->prio)
            gnutls_priority_deinit(l->prio);
    }
    free(l->conns);
    free(l->in);
    free(l);
}

static void input_stats(const struct input *in, struct lw_input_stats *st)
{
    *st = in->st;
    if (in->tail) {
        const struct lw_input_stats *ts = lw_tail_stats(in->tail);
        st->lines = ts->lines;
        st->bytes = ts->bytes;
        st->cut = ts->cut;
    }
}

bool lw_listen_input(const struct lw_listen *l, size_t i, enum lw_input_kind *kind,
                     const char **name, struct lw_input_stats *stats)
{
    if (i >= l->nin)
        return false;
    *kind = l->in[i].kind;
    *name = l->in[i].name;
    input_stats(&l->in[i], stats);
    return true;
}

json_t *lw_listen_stats_json(const struct lw_listen *l)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < l->nin; i++) {
        struct lw_input_stats s;
        input_stats(&l->in[i], &s);
        json_array_append_new(arr,
                              json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "kind",
                                        lw_input_kind_name(l->in[i].kind), "name", l->in[i].name,
                                        "lines", (json_int_t)s.lines, "bytes", (json_int_t)s.bytes,
                                        "cut", (json_int_t)s.cut, "drops", (json_int_t)s.drops,
                                        "frame_errors", (json_int_t)s.frame_errors, "conns",
                                        (json_int_t)s.conns, "refused", (json_int_t)s.refused));
    }
    return json_pack("{s:o}", "inputs", arr);
}

/* A network line: through the rate limit to the sink. */
static void net_line(struct lw_listen *l, struct input *in, const char *peer, char *msg, size_t n)
{
    if (!lw_rate_take(&in->rate, l->now)) {
        in->st.drops++;
        return;
    }
    in->st.lines++;
    struct lw_origin o = {.kind = in->kind, .name = in->name, .peer = peer};
    l->cfg.on_line(l->cfg.ctx, &o, msg, n);
}

static void conn_msg(void *ctx, char *msg, size_t n)
{
    struct conn *c = ctx;
    net_line(c->l, c->in, c->peer, msg, n);
}

static void read_udp(struct lw_listen *l, struct input *in)
{
    for (int k = 0; k < TURN_READS * 16; k++) {
        struct sockaddr_storage ss;
        socklen_t sl = sizeof(ss);
        ssize_t r = recvfrom(in->fd, l->buf, LW_LINE_MAX, MSG_TRUNC, (struct sockaddr *)&ss, &sl);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return; /* EAGAIN, or an ICMP error reported on the socket: nothing to read */
        in->st.bytes += (uint64_t)r;
        size_t n = (size_t)r;
        if (n > LW_LINE_MAX) { /* MSG_TRUNC gives the datagram's real length */
            n = LW_LINE_MAX;
            in->st.cut++;
        }
        while (n && (l->buf[n - 1] == '\n' || l->buf[n - 1] == '\r' || l->buf[n - 1] == '\0'))
            n--;
        if (!n)
            continue;
        l->buf[n] = '\0';
        char peer[64];
        addr_text(&ss, peer, sizeof(peer));
        net_line(l, in, peer, l->buf, n);
    }
}

static void conn_count_errors(struct conn *c)
{
    uint64_t msgs, cut, errors;
    lw_framer_counts(c->fr, &msgs, &cut, &errors);
    c->in->st.cut += cut - c->cut0;
    c->in->st.frame_errors += errors - c->err0;
    c->cut0 = cut;
    c->err0 = errors;
}

static void conn_end(struct conn *c, bool flush)
{
    if (c->fr) {
        if (flush)
            lw_framer_finish(c->fr, conn_msg, c);
        conn_count_errors(c);
    }
    conn_close(c);
}

static void accept_conns(struct lw_listen *l, struct input *in)
{
    for (int k = 0; k < TURN_READS; k++) {
        struct sockaddr_storage ss;
        socklen_t sl = sizeof(ss);
        int fd = accept(in->fd, (struct sockaddr *)&ss, &sl);
        if (fd < 0)
            return;
        struct conn *c = NULL;
        for (size_t i = 0; i < l->nconns && !c; i++)
            if (l->conns[i].fd < 0)
                c = &l->conns[i];
        if (!c || lw_framer_new(&c->fr) != 0) {
            in->st.refused++;
            close(fd);
            continue;
        }
        set_nonblock(fd);
        c->fd = fd;
        c->in = in;
        c->l = l;
        c->born_ns = c->last_ns = l->now;
        c->cut0 = c->err0 = 0;
        c->handshaking = false;
        addr_text(&ss, c->peer, sizeof(c->peer));
        if (in->kind == LW_IN_TLS) {
            if (gnutls_init(&c->tls, GNUTLS_SERVER | GNUTLS_NONBLOCK) < 0 ||
                gnutls_priority_set(c->tls, l->prio) < 0 ||
                gnutls_credentials_set(c->tls, GNUTLS_CRD_CERTIFICATE, l->cred) < 0) {
                in->st.refused++;
                conn_close(c);
                continue;
            }
            gnutls_certificate_server_set_request(c->tls, GNUTLS_CERT_IGNORE);
            gnutls_transport_set_int(c->tls, fd);
            c->handshaking = true;
        }
        in->st.conns++;
    }
}

/* Reads what the connection has; closes it at its end or on an error. */
static void read_conn(struct lw_listen *l, struct conn *c)
{
    c->last_ns = l->now;
    if (c->handshaking) {
        int r = gnutls_handshake(c->tls);
        if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED)
            return;
        if (r < 0) {
            c->in->st.refused++; /* a failed handshake: not a sender we can read */
            conn_end(c, false);
            return;
        }
        c->handshaking = false;
    }
    for (int k = 0; k < TURN_READS; k++) {
        ssize_t r;
        if (c->tls) {
            r = gnutls_record_recv(c->tls, l->buf, LW_LINE_MAX);
            if (r == GNUTLS_E_AGAIN)
                return;
            if (r == GNUTLS_E_INTERRUPTED || (r < 0 && !gnutls_error_is_fatal((int)r)))
                continue;
            if (r == GNUTLS_E_PREMATURE_TERMINATION)
                r = 0; /* closed without close_notify: what most syslog senders do */
        } else {
            r = read(c->fd, l->buf, LW_LINE_MAX);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                return;
        }
        if (r <= 0) {
            conn_end(c, r == 0);
            return;
        }
        c->in->st.bytes += (uint64_t)r;
        lw_framer_feed(c->fr, l->buf, (size_t)r, conn_msg, c);
        conn_count_errors(c);
    }
}

/* Decrypted data waiting inside GnuTLS, which poll cannot see. */
static bool tls_pending(const struct conn *c)
{
    return c->tls && !c->handshaking && gnutls_record_check_pending(c->tls) > 0;
}

static void read_tail(struct lw_listen *l, struct input *in)
{
    uint64_t budget = lw_rate_avail(&in->rate, l->now);
    if (budget > TURN_LINES)
        budget = TURN_LINES;
    if (!budget)
        return;
    struct ag_error err;
    ag_error_clear(&err);
    int n = lw_tail_read_max(in->tail, l->cfg.on_line, l->cfg.ctx, budget, &err);
    if (n < 0) {
        if (!in->failing)
            fprintf(stderr, "airguard: %s\n", err.msg);
        in->failing = true;
        return;
    }
    in->failing = false;
    lw_rate_spend(&in->rate, (uint64_t)n);
    if (lw_tail_eof(in->tail)) {
        lw_tail_flush(in->tail, l->cfg.on_line, l->cfg.ctx); /* nobody will finish that line */
        in->fd = -1;
    }
}

static void commit_tails(struct lw_listen *l)
{
    for (size_t i = 0; i < l->nin; i++) {
        struct ag_error err;
        ag_error_clear(&err);
        if (l->in[i].tail && lw_tail_commit(l->in[i].tail, &err) != 0)
            fprintf(stderr, "airguard: %s\n", err.msg);
    }
}

static void write_stats(struct lw_listen *l)
{
    if (!l->cfg.state_dir)
        return;
    json_t *o = lw_listen_stats_json(l);
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    struct strbuf path;
    strbuf_init(&path, 8192);
    strbuf_addf(&path, "%s/inputs.json", l->cfg.state_dir);
    struct ag_error err;
    if (text && strbuf_ok(&path) && ag_file_write_atomic(path.buf, text, strlen(text), &err) != 0)
        fprintf(stderr, "airguard: %s\n", err.msg);
    strbuf_release(&path);
    free(text);
}

/* Whether anything can still bring a line: a listener, a file, or an unfinished stream. */
static bool alive(const struct lw_listen *l)
{
    for (size_t i = 0; i < l->nin; i++)
        if (l->in[i].kind != LW_IN_STDIN || l->in[i].fd >= 0)
            return true;
    return false;
}

int lw_listen_run(struct lw_listen *l, struct ag_error *err)
{
    size_t cap = l->nin + l->nconns;
    struct pollfd *pfd = calloc(cap ? cap : 1, sizeof(*pfd));
    void **who = calloc(cap ? cap : 1, sizeof(*who)); /* struct input * or struct conn * */
    bool *is_conn = calloc(cap ? cap : 1, sizeof(*is_conn));
    if (!pfd || !who || !is_conn) {
        free(pfd);
        free(who);
        free(is_conn);
        return ag_error_set(err, AG_ENOMEM, "logwatch: out of memory");
    }
    bool files = false;
    for (size_t i = 0; i < l->nin; i++)
        files |= l->in[i].kind == LW_IN_FILE;
    int64_t last_commit = mono_ns(), last_stats = last_commit;
    int rc = AG_OK;
    l->now = mono_ns();
    while (!sig_stop && alive(l)) {
        if (sig_reload) {
            sig_reload = 0;
            if (l->cfg.on_reload)
                l->cfg.on_reload(l->cfg.ctx);
        }
        size_t n = 0;
        bool pending = false; /* a rate-limited input with lines waiting: come back soon */
        for (size_t i = 0; i < l->nin; i++) {
            struct input *in = &l->in[i];
            if (in->tail && lw_tail_more(in->tail))
                pending = true;
            if (in->fd < 0)
                continue;
            if (in->tail && (lw_tail_more(in->tail) || !lw_rate_avail(&in->rate, l->now))) {
                pending = true; /* paced standard input: not polled until it may read */
                continue;
            }
            pfd[n] = (struct pollfd){.fd = in->fd, .events = POLLIN};
            who[n] = in;
            is_conn[n++] = false;
        }
        for (size_t i = 0; i < l->nconns; i++) {
            struct conn *c = &l->conns[i];
            if (c->fd < 0)
                continue;
            if (tls_pending(c))
                pending = true; /* decrypted data waiting inside GnuTLS: poll cannot see it */
            short ev = POLLIN;
            if (c->handshaking && gnutls_record_get_direction(c->tls) == 1)
                ev = POLLOUT;
            pfd[n] = (struct pollfd){.fd = c->fd, .events = ev};
            who[n] = c;
            is_conn[n++] = true;
        }
        int timeout = files || pending ? TICK_MS : 1000;
        if (pending)
            timeout = 20;
        int pr = poll(pfd, n, timeout);
        if (pr < 0 && errno != EINTR) {
            rc = ag_error_set(err, AG_EIO, "logwatch: poll: %s", strerror(errno));
            break;
        }
        l->now = mono_ns();
        for (size_t k = 0; k < n; k++) {
            if (!pfd[k].revents && !(is_conn[k] && tls_pending(who[k])))
                continue;
            if (is_conn[k]) {
                read_conn(l, who[k]);
                continue;
            }
            struct input *in = who[k];
            if (in->kind == LW_IN_UDP)
                read_udp(l, in);
            else if (in->kind == LW_IN_STDIN)
                read_tail(l, in);
            else
                accept_conns(l, in);
        }
        for (size_t i = 0; i < l->nin; i++) /* files (and paced stdin) every turn */
            if (l->in[i].kind == LW_IN_FILE ||
                (l->in[i].tail && l->in[i].fd >= 0 && lw_tail_more(l->in[i].tail)))
                read_tail(l, &l->in[i]);
        for (size_t i = 0; i < l->nconns; i++) { /* idle and stuck connections */
            struct conn *c = &l->conns[i];
            if (c->fd < 0)
                continue;
            /* a handshake has TLS_HANDSHAKE_SECONDS in all, however it trickles in */
            if (c->handshaking ? l->now - c->born_ns > TLS_HANDSHAKE_SECONDS * 1000000000LL
                               : l->now - c->last_ns > (int64_t)l->cfg.idle_timeout * 1000000000LL)
                conn_end(c, !c->handshaking);
        }
        if (l->cfg.on_tick)
            l->cfg.on_tick(l->cfg.ctx);
        if (l->now - last_commit >= COMMIT_NS) {
            commit_tails(l);
            last_commit = l->now;
        }
        if (l->now - last_stats >= STATS_NS) {
            write_stats(l);
            last_stats = l->now;
        }
    }
    for (size_t i = 0; i < l->nconns; i++) /* what the senders sent before the end is kept */
        if (l->conns[i].fd >= 0)
            conn_end(&l->conns[i], !l->conns[i].handshaking);
    commit_tails(l);
    write_stats(l);
    free(pfd);
    free(who);
    free(is_conn);
    return rc;
}
