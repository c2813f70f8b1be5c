/*
 * time.c — the clock (overridable with $AIRGUARD_NOW for tests of expiry, due dates and
 * unused accounts) and calendar dates as "YYYY-MM-DD" strings, computed in UTC.
 */
#include "common/common.h"

#include <stdio.h>
#include <string.h>

static bool parse_ymd(const char *s, int *y, int *m, int *d)
{
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return false;
        } else if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    *m = (s[5] - '0') * 10 + (s[6] - '0');
    *d = (s[8] - '0') * 10 + (s[9] - '0');
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (*y < 1900 || *m < 1 || *m > 12 || *d < 1)
        return false;
    bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
    return *d <= mdays[*m - 1] + (*m == 2 && leap);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

time_t ag_now(void)
{
    const char *s = getenv("AIRGUARD_NOW");
    int y, m, d;
    if (s && strlen(s) >= 10 && parse_ymd(s, &y, &m, &d)) {
        long secs = 0;
        int hh, mm, ss;
        if (strlen(s) >= 19 && s[10] == 'T' && sscanf(s + 11, "%2d:%2d:%2d", &hh, &mm, &ss) == 3)
            secs = hh * 3600L + mm * 60L + ss;
        return (time_t)(days_from_civil(y, m, d) * 86400L + secs);
    }
    return time(NULL);
}

void ag_time_iso(time_t t, char out[21])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void ag_date_iso(time_t t, char out[11])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

int ag_date_parse(const char *s, char out[11])
{
    int y, m, d;
    if (!s || strlen(s) != 10 || !parse_ymd(s, &y, &m, &d))
        return AG_EINVAL;
    memcpy(out, s, 10);
    out[10] = '\0';
    return AG_OK;
}

long ag_date_diff(const char *a, const char *b)
{
    int ya, ma, da, yb, mb, db;
    if (!parse_ymd(a, &ya, &ma, &da) || !parse_ymd(b, &yb, &mb, &db))
        return 0;
    return days_from_civil(yb, mb, db) - days_from_civil(ya, ma, da);
}

void ag_date_add(const char *date, long days, char out[11])
{
    int y, m, d;
    if (!parse_ymd(date, &y, &m, &d)) {
        out[0] = '\0';
        return;
    }
    ag_date_iso((time_t)((days_from_civil(y, m, d) + days) * 86400L), out);
}

bool ag_utc_offset_parse(const char *s, int32_t *out)
{
    if (!strcmp(s, "Z") || !strcmp(s, "UTC")) {
        *out = 0;
        return true;
    }
    if (strlen(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':')
        return false;
    for (int i = 1; i < 6; i++)
        if (i != 3 && (s[i] < '0' || s[i] > '9'))
            return false;
    int h = (s[1] - '0') * 10 + s[2] - '0', m = (s[4] - '0') * 10 + s[5] - '0';
    if (h > 14 || m > 59)
        return false;
    *out = (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
    return true;
}

void ag_utc_offset_format(int32_t off, char out[7])
{
    int32_t a = off < 0 ? -off : off;
    snprintf(out, 7, "%c%02d:%02d", off < 0 ? '-' : '+', (int)(a / 3600 % 100),
             (int)(a % 3600 / 60));
}
