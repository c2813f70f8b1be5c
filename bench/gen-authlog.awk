#!/usr/bin/awk -f
# Generates a realistic auth log (RFC 3164 lines as rsyslog writes /var/log/auth.log) for the
# logwatch benchmark: normal logins and sessions, cron and systemd noise, and the attacks
# logwatch must catch — password-list attacks (one source, many user names), brute force (one
# source, one account), password spraying (many sources, the same few accounts, few tries each),
# compromises (failures, then a success), probes. Deterministic (srand(42)).
# Usage: awk -v n=2000000 -f bench/gen-authlog.awk > auth.log
BEGIN {
    srand(42)
    if (!n) n = 1000000
    split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mon, " ")
    split("root admin oracle test ubuntu pi postgres git user guest ftp www-data support", names, " ")
    split("ops1 ops2 tanaka suzuki sato kimura inoue", staff, " ")
    t = 0
    for (i = 0; i < n; i++) {
        t += 0.05
        s = int(t) % 86400; d = 1 + int(t / 86400) % 28
        ts = sprintf("%s %2d %02d:%02d:%02d", mon[3], d, int(s / 3600), int(s / 60) % 60, s % 60)
        pid = 1000 + int(rand() * 60000)
        r = rand()
        if (r < 0.30) {          # normal key login and its session
            u = staff[1 + int(rand() * 7)]
            printf "%s gw01 sshd[%d]: Accepted publickey for %s from 10.1.%d.%d port %d ssh2: ED25519 SHA256:Kx9Jv0b1Qh3m2ZpTq8s7yW4eR5tU6iO9pL0aSdFgH1j\n", ts, pid, u, int(rand() * 4), 1 + int(rand() * 250), 30000 + int(rand() * 30000)
        } else if (r < 0.45) {
            printf "%s gw01 sshd[%d]: pam_unix(sshd:session): session opened for user %s(uid=1000) by (uid=0)\n", ts, pid, staff[1 + int(rand() * 7)]
        } else if (r < 0.55) {
            printf "%s gw01 CRON[%d]: pam_unix(cron:session): session closed for user root\n", ts, pid
        } else if (r < 0.62) {
            printf "%s gw01 systemd-logind[612]: New session %d of user %s.\n", ts, pid, staff[1 + int(rand() * 7)]
        } else if (r < 0.75) {   # password-list attack: one source, many names
            printf "%s gw01 sshd[%d]: Failed password for invalid user %s%d from 203.0.113.%d port %d ssh2\n", ts, pid, names[1 + int(rand() * 13)], int(rand() * 100), 1 + int(rand() * 5), 30000 + int(rand() * 30000)
        } else if (r < 0.83) {   # brute force: one source, root
            printf "%s gw01 sshd[%d]: Failed password for root from 198.51.100.%d port %d ssh2\n", ts, pid, 1 + int(rand() * 3), 30000 + int(rand() * 30000)
        } else if (r < 0.90) {   # spraying: many sources, the same accounts
            printf "%s gw01 sshd[%d]: Failed password for %s from 192.0.2.%d port %d ssh2\n", ts, pid, staff[1 + int(rand() * 3)], 1 + int(rand() * 250), 30000 + int(rand() * 30000)
        } else if (r < 0.93) {   # probes
            printf "%s gw01 sshd[%d]: Connection closed by authenticating user root 203.0.113.%d port %d [preauth]\n", ts, pid, 1 + int(rand() * 200), 30000 + int(rand() * 30000)
        } else if (r < 0.95) {
            printf "%s gw01 sshd[%d]: Did not receive identification string from 203.0.113.%d port %d\n", ts, pid, 1 + int(rand() * 200), 30000 + int(rand() * 30000)
        } else if (r < 0.97) {   # a compromise: password success after failures from that source
            printf "%s gw01 sshd[%d]: Accepted password for %s from 198.51.100.%d port %d ssh2\n", ts, pid, staff[1 + int(rand() * 3)], 1 + int(rand() * 3), 30000 + int(rand() * 30000)
        } else {
            printf "%s gw01 sudo[%d]:   ops1 : TTY=pts/0 ; PWD=/home/ops1 ; USER=root ; COMMAND=/usr/bin/systemctl status nginx\n", ts, pid
        }
    }
}
