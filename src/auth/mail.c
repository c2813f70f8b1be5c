/*
 * mail.c — e-mail for the notices of sign-ins from new addresses (guideline 3.1.5.1(2)(e):
 * 「通常とは異なる IP アドレスからのアクセス時にメールで通知」), sent through libcurl's SMTP
 * client; no SMTP is written by hand.
 *
 * Mail header injection (guideline 5.3(9)) is prevented by construction: the headers are made
 * only of checked addresses (auth_mail_address_ok: a bare local@domain of a fixed character set,
 * so no CR, LF, NUL, space, quote, comma or angle bracket), a subject that is always RFC 2047
 * encoded (base64 encoded-words), and fixed text. Everything a user can influence (login, name,
 * address of the sign-in) goes into the body, which is base64-encoded as a whole: no line of it
 * can become a header, end the message (".") or start a new SMTP command.
 *
 * Sending never holds up a sign-in: auth_mail_enqueue hands the finished message to one sender
 * thread (started on first use) with a bounded queue; each transfer has a 5-second limit
 * (connect and total). A failure is written to the log and dropped: the notice is still shown
 * in the application. auth_mail_shutdown (called when the server stops) lets the thread finish
 * what is queued.
 */
#include "auth/auth_int.h"

#include "auth/dl_curl.h"
#include <pthread.h>
#include <sodium.h>

#define MAIL_TIMEOUT 5L
#define MAIL_QUEUE 64

bool auth_mail_address_ok(const char *addr)
{
    if (!addr)
        return false;
    const char *at = strchr(addr, '@');
    size_t len = strlen(addr);
    if (!at || at == addr || len > 254 || strchr(at + 1, '@') || (size_t)(at - addr) > 64)
        return false;
    static const char local_ok[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                   "0123456789!#$%&'*+/=?^_`{|}~.-";
    size_t ln = (size_t)(at - addr);
    if (strspn(addr, local_ok) != ln || addr[0] == '.' || addr[ln - 1] == '.')
        return false;
    for (size_t i = 1; i < ln; i++)
        if (addr[i] == '.' && addr[i - 1] == '.')
            return false;
    /* domain: labels of letters, digits and hyphens separated by dots */
    const char *d = at + 1;
    if (!*d)
        return false;
    while (*d) {
        size_t n = strspn(d, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
        if (n == 0 || n > 63 || d[0] == '-' || d[n - 1] == '-')
            return false;
        d += n;
        if (*d == '.') {
            d++;
            if (!*d)
                return false;
        } else if (*d) {
            return false;
        }
    }
    return true;
}

/* Base64 of (s, n) into sb, lines of at most `line` characters joined by CRLF (0 = one line). */
static void add_base64(struct strbuf *sb, const unsigned char *s, size_t n, size_t line)
{
    size_t chunk = line ? line / 4 * 3 : n;
    for (size_t off = 0; off < n || (n == 0 && off == 0); off += chunk) {
        size_t k = n - off < chunk ? n - off : chunk;
        char out[512];
        if (k == 0)
            break;
        sodium_bin2base64(out, sizeof(out), s + off, k, sodium_base64_VARIANT_ORIGINAL);
        if (off)
            strbuf_adds(sb, "\r\n");
        strbuf_adds(sb, out);
    }
}

/* Subject as RFC 2047 encoded-words (at most 45 bytes of UTF-8 each, split between characters),
 * folded onto continuation lines. */
static void add_subject(struct strbuf *sb, const char *subject)
{
    const unsigned char *s = (const unsigned char *)subject;
    size_t n = strlen(subject), off = 0;
    strbuf_adds(sb, "Subject:");
    if (n == 0)
        strbuf_adds(sb, " =?UTF-8?B?"
                        "?=");
    while (off < n) {
        size_t k = n - off < 45 ? n - off : 45;
        while (k > 0 && off + k < n && (s[off + k] & 0xc0) == 0x80)
            k--; /* do not cut a character */
        if (k == 0)
            k = n - off < 45 ? n - off : 45;
        strbuf_adds(sb, off ? "\r\n =?UTF-8?B?" : " =?UTF-8?B?");
        add_base64(sb, s + off, k, 0);
        strbuf_adds(sb, "?=");
        off += k;
    }
    strbuf_adds(sb, "\r\n");
}

int auth_mail_compose(const struct auth_mail *m, struct strbuf *out, struct ag_error *err)
{
    if (!auth_mail_address_ok(m->from))
        return ag_error_set(err, AG_EINVAL, "mail: the sender address is not valid");
    if (!auth_mail_address_ok(m->to))
        return ag_error_set(err, AG_EINVAL, "mail: the recipient address is not valid");
    char date[64], id[33];
    unsigned char rnd[16];
    struct tm tm;
    time_t t = m->date;
    gmtime_r(&t, &tm);
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    snprintf(date, sizeof(date), "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday % 7],
             tm.tm_mday, months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
             tm.tm_sec);
    if (m->message_id) {
        size_t idn = strlen(m->message_id);
        if (idn == 0 || idn > 64 ||
            strspn(m->message_id,
                   "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != idn)
            return ag_error_set(err, AG_EINVAL, "mail: the Message-ID is not valid");
    } else {
        randombytes_buf(rnd, sizeof(rnd));
        sodium_bin2hex(id, sizeof(id), rnd, sizeof(rnd));
    }
    strbuf_addf(out, "Date: %s\r\nFrom: %s\r\nTo: %s\r\n", date, m->from, m->to);
    add_subject(out, m->subject ? m->subject : "");
    strbuf_addf(out,
                "Message-ID: <%s@%s>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; "
                "charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n"
                "Auto-Submitted: auto-generated\r\n\r\n",
                m->message_id ? m->message_id : id, strchr(m->from, '@') + 1);
    const char *body = m->body ? m->body : "";
    add_base64(out, (const unsigned char *)body, strlen(body), 76);
    strbuf_adds(out, "\r\n");
    if (!strbuf_ok(out))
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    return AG_OK;
}

/* ---- sending ---- */

struct upload {
    const char *data;
    size_t len, off;
};

static size_t read_cb(char *buf, size_t size, size_t nitems, void *userdata)
{
    struct upload *u = userdata;
    size_t room = size * nitems, left = u->len - u->off;
    size_t n = left < room ? left : room;
    memcpy(buf, u->data + u->off, n);
    u->off += n;
    return n;
}

static bool url_ok(const char *url)
{
    if (!url || strlen(url) > 512)
        return false;
    for (const char *c = url; *c; c++)
        if ((unsigned char)*c <= 0x20 || *c == 0x7f)
            return false;
    return strncmp(url, "smtp://", 7) == 0 || strncmp(url, "smtps://", 8) == 0;
}

/* Whether a failed transfer would fail again the same way (see auth_mail_deliver). */
static bool permanent_failure(CURLcode cc)
{
    switch (cc) {
    case CURLE_USE_SSL_FAILED:
    case CURLE_LOGIN_DENIED:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        return true;
    default:
        return false;
    }
}

int auth_mail_deliver(const struct auth_mail_transport *t, const char *from, const char *to,
                      const char *msg, size_t len, struct ag_error *err)
{
    if (!url_ok(t->url))
        return ag_error_set(err, AG_EINVAL,
                            "mail: smtp.url must be smtp://HOST[:PORT] or smtps://");
    if (!auth_mail_address_ok(from) || !auth_mail_address_ok(to))
        return ag_error_set(err, AG_EINVAL, "mail: the recipient address is not valid");
    int lrc = ag_dynlib_load(&ag_curl_lib, err);
    if (lrc)
        return lrc;
    CURL *c = curl_easy_init();
    if (!c)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    char env_from[300], env_to[300], errbuf[CURL_ERROR_SIZE] = "";
    long timeout = t->timeout > 0 ? t->timeout : MAIL_TIMEOUT;
    snprintf(env_from, sizeof(env_from), "<%s>", from);
    snprintf(env_to, sizeof(env_to), "<%s>", to);
    struct curl_slist *rcpt = curl_slist_append(NULL, env_to);
    struct upload up = {msg, len, 0};
    int rc = AG_OK;
    if (!rcpt) {
        curl_easy_cleanup(c);
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    curl_easy_setopt(c, CURLOPT_URL, t->url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, env_from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &up);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    /* STARTTLS required, or when offered (the sign-in notices' setting) */
    curl_easy_setopt(c, CURLOPT_USE_SSL, (long)(t->require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    if (t->ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, t->ca_file);
    if (t->user) {
        curl_easy_setopt(c, CURLOPT_USERNAME, t->user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, t->password ? t->password : "");
    }
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    CURLcode cc = curl_easy_perform(c);
    if (cc != CURLE_OK)
        rc = ag_error_set(err, permanent_failure(cc) ? AG_EDENIED : AG_EIO,
                          "mail: sending to %s failed: %s", t->url,
                          *errbuf ? errbuf : curl_easy_strerror(cc));
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    return rc;
}

int auth_mail_send(const char *url, const char *from, const char *to, const char *msg, size_t len,
                   struct ag_error *err)
{
    const struct auth_mail_transport t = {url, false, NULL, NULL, NULL, MAIL_TIMEOUT};
    int rc = auth_mail_deliver(&t, from, to, msg, len, err);
    if (rc == AG_EDENIED)
        err->code = rc = AG_EIO; /* the sign-in notices do not tell the kinds apart */
    return rc;
}

/* ---- the sender thread ---- */

struct job {
    char *url, *from, *to, *msg;
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    struct job q[MAIL_QUEUE];
    size_t head, count;
    bool running, stop;
    pthread_t thread;
    FILE *log;
} mq = {.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};

void auth_mail_set_log(FILE *log)
{
    pthread_mutex_lock(&mq.lock);
    mq.log = log;
    pthread_mutex_unlock(&mq.lock);
}

static void job_free(struct job *j)
{
    free(j->url);
    free(j->from);
    free(j->to);
    free(j->msg);
    memset(j, 0, sizeof(*j));
}

static void *sender(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mq.lock);
    for (;;) {
        while (!mq.count && !mq.stop)
            pthread_cond_wait(&mq.cond, &mq.lock);
        if (!mq.count)
            break; /* stopping and nothing left */
        struct job j = mq.q[mq.head];
        mq.head = (mq.head + 1) % MAIL_QUEUE;
        mq.count--;
        pthread_mutex_unlock(&mq.lock);
        struct ag_error e;
        int rc = auth_mail_send(j.url, j.from, j.to, j.msg, strlen(j.msg), &e);
        pthread_mutex_lock(&mq.lock);
        FILE *log = mq.log ? mq.log : stderr;
        if (rc)
            fprintf(log, "airguard: sign-in notice to %s not sent: %s\n", j.to, e.msg);
        else
            fprintf(log, "airguard: sign-in notice mailed to %s\n", j.to);
        fflush(log);
        job_free(&j);
    }
    pthread_mutex_unlock(&mq.lock);
    return NULL;
}

static char *dup_or_null(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

int auth_mail_enqueue(const char *url, const char *from, const char *to, const char *msg,
                      struct ag_error *err)
{
    struct job j = {dup_or_null(url), dup_or_null(from), dup_or_null(to), dup_or_null(msg)};
    if (!j.url || !j.from || !j.to || !j.msg) {
        job_free(&j);
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    int rc = AG_OK;
    pthread_mutex_lock(&mq.lock);
    if (!mq.running) {
        mq.stop = false;
        if (pthread_create(&mq.thread, NULL, sender, NULL) != 0)
            rc = ag_error_set(err, AG_ENOMEM, "mail: cannot start the sender thread");
        else
            mq.running = true;
    }
    if (rc == AG_OK && mq.count == MAIL_QUEUE)
        rc = ag_error_set(err, AG_ENOMEM, "mail: the queue is full");
    if (rc == AG_OK) {
        mq.q[(mq.head + mq.count) % MAIL_QUEUE] = j;
        mq.count++;
        pthread_cond_signal(&mq.cond);
    }
    pthread_mutex_unlock(&mq.lock);
    if (rc)
        job_free(&j);
    return rc;
}

void auth_mail_shutdown(void)
{
    pthread_mutex_lock(&mq.lock);
    bool running = mq.running;
    mq.stop = true;
    pthread_cond_broadcast(&mq.cond);
    pthread_mutex_unlock(&mq.lock);
    if (running)
        pthread_join(mq.thread, NULL);
    pthread_mutex_lock(&mq.lock);
    mq.running = false;
    mq.stop = false;
    pthread_mutex_unlock(&mq.lock);
}
