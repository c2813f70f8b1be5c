/*
 * banned.h — functions that must not be used in airguard. Including this header (common.h does)
 * turns each use into a compile error. Reasons: unbounded copies (strcpy, strcat, sprintf,
 * vsprintf, gets), hidden global state (strtok), or locale/overflow traps (atoi family).
 * Use snprintf, struct strbuf, memcpy with an explicit bound, strtok_r and strtol instead.
 */
#ifndef AG_BANNED_H
#define AG_BANNED_H

#define AG_BANNED(func) sorry_##func##_is_banned_in_airguard

#undef strcpy
#define strcpy(...) AG_BANNED(strcpy)
#undef strcat
#define strcat(...) AG_BANNED(strcat)
#undef strncpy
#define strncpy(...) AG_BANNED(strncpy)
#undef strncat
#define strncat(...) AG_BANNED(strncat)
#undef sprintf
#define sprintf(...) AG_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) AG_BANNED(vsprintf)
#undef gets
#define gets(...) AG_BANNED(gets)
#undef strtok
#define strtok(...) AG_BANNED(strtok)
#undef atoi
#define atoi(...) AG_BANNED(atoi)
#undef atol
#define atol(...) AG_BANNED(atol)

#endif
