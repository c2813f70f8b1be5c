/*
 * classify.c — the kind of a log line (which retention policy it falls under) and its time,
 * from logwatch's header parser. Pure functions of the line; any thread.
 */
#include "logarchive/logarchive_int.h"
#include "logwatch/logwatch.h"

#include <strings.h>

static const char *const kind_names[LA_KIND_COUNT] = {"auth", "web", "mail", "network", "system"};

const char *la_kind_name(enum la_kind k)
{
    return (unsigned)k < LA_KIND_COUNT ? kind_names[k] : "system";
}

bool la_kind_parse(const char *s, enum la_kind *out)
{
    for (size_t i = 0; i < LA_KIND_COUNT; i++)
        if (s && strcmp(s, kind_names[i]) == 0) {
            *out = (enum la_kind)i;
            return true;
        }
    return false;
}

/* Programs by kind; a name matches a program equal to it or starting with it and '/' or '-'
 * (postfix/smtpd, sshd-session). */
static const char *const auth_progs[] = {"sshd",
                                         "sudo",
                                         "su",
                                         "login",
                                         "useradd",
                                         "usermod",
                                         "userdel",
                                         "groupadd",
                                         "groupdel",
                                         "gpasswd",
                                         "passwd",
                                         "chage",
                                         "chpasswd",
                                         "systemd-logind",
                                         "polkitd",
                                         "dropbear",
                                         "doas",
                                         "unix_chkpwd",
                                         "Microsoft-Windows-Security-Auditing"};
static const char *const web_progs[] = {"nginx",    "apache", "apache2", "httpd", "haproxy",
                                        "lighttpd", "caddy",  "squid",   "gitea"};
static const char *const mail_progs[] = {"postfix", "dovecot", "exim",  "exim4", "sendmail",
                                         "courier", "cyrus",   "imapd", "pop3d", "opendkim"};
static const char *const net_progs[] = {"openvpn", "charon",  "strongswan", "dhcpd", "named",
                                        "unbound", "dnsmasq", "hostapd",    "ulogd", "firewalld",
                                        "ufw",     "pppd",    "xl2tpd",     "snmpd", "radiusd"};

static bool in_list(struct lw_slice p, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(list[i]);
        if (p.n >= l && strncasecmp(p.p, list[i], l) == 0 &&
            (p.n == l || p.p[l] == '/' || p.p[l] == '-'))
            return true;
    }
    return false;
}

static bool contains(struct lw_slice s, const char *needle)
{
    size_t l = strlen(needle);
    for (size_t i = 0; i + l <= s.n; i++)
        if (memcmp(s.p + i, needle, l) == 0)
            return true;
    return false;
}

enum la_kind la_classify(const struct lw_event *ev)
{
    struct lw_slice p = ev->program;
    if (ev->decoder && strcmp(ev->decoder, "web") == 0)
        return LA_WEB;
    if (!p.n)
        return LA_SYSTEM;
    if (in_list(p, auth_progs, AG_ARRAY_LEN(auth_progs)))
        return LA_AUTH;
    if (in_list(p, web_progs, AG_ARRAY_LEN(web_progs)))
        return LA_WEB;
    if (in_list(p, mail_progs, AG_ARRAY_LEN(mail_progs)))
        return LA_MAIL;
    if (in_list(p, net_progs, AG_ARRAY_LEN(net_progs)))
        return LA_NETWORK;
    /* network devices (Cisco "%ASA-…" tags) and kernel packet-filter lines */
    if (p.p[0] == '%')
        return LA_NETWORK;
    if (p.n == 6 && strncmp(p.p, "kernel", 6) == 0 && contains(ev->msg, " SRC="))
        return LA_NETWORK;
    return LA_SYSTEM;
}

int64_t la_line_time(const char *line, size_t n, int year, int32_t utc_offset, struct lw_event *ev)
{
    lw_syslog_parse(line, n, year, ev);
    /* a bare line: an access log carries its own stamp */
    if (!ev->program.n && !ev->time && n > 16 && memchr(line, '[', n < 80 ? n : 80))
        (void)lw_decode_as("web", ev);
    if (ev->time && ev->time_local)
        return ev->time - utc_offset;
    return ev->time;
}
