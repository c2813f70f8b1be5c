/*
 * msgs_assets.c — texts of netwatch's asset inventory and IEEE registry reader (oui.c,
 * asset.c), Japanese and English. Registered by nw_register_messages (msgs_netwatch.c).
 */
#include "netwatch/netwatch.h"

const struct ag_msg nw_msgs_assets[] = {
    {"netwatch: %s:%lu: more than 4 fields (a comma outside quotes?)",
     "netwatch: %s:%lu: 項目が 4 つより多くあります（引用符の外にカンマ?）",
     "netwatch: %s:%lu: more than 4 fields (a comma outside quotes?)"},
    {"netwatch: %s:%lu: unterminated quoted field",
     "netwatch: %s:%lu: 引用符で始まる項目が閉じられていません",
     "netwatch: %s:%lu: unterminated quoted field"},
    {"netwatch: %s:%lu: text after the closing quote of a field",
     "netwatch: %s:%lu: 項目の閉じ引用符の後に文字があります",
     "netwatch: %s:%lu: text after the closing quote of a field"},
    {"netwatch: %s:%lu: a quote inside an unquoted field",
     "netwatch: %s:%lu: 引用符で囲まれていない項目の中に引用符があります",
     "netwatch: %s:%lu: a quote inside an unquoted field"},
    {"netwatch: %s: not an IEEE registry file (the first line is not "
     "\"Registry,Assignment,Organization Name,...\")",
     "netwatch: %s: IEEE 登録簿のファイルではありません（1 行目が "
     "\"Registry,Assignment,Organization Name,...\" ではない）",
     "netwatch: %s: not an IEEE registry file (the first line is not "
     "\"Registry,Assignment,Organization Name,...\")"},
    {"netwatch: %s:%lu: %zu field(s), expected Registry, Assignment, Organization Name",
     "netwatch: %s:%lu: 項目が %zu 個しかありません（Registry, Assignment, Organization Name "
     "が必要）",
     "netwatch: %s:%lu: %zu field(s), expected Registry, Assignment, Organization Name"},
    {"netwatch: %s:%lu: bad assignment \"%s\" (6, 7 or 9 hexadecimal digits expected)",
     "netwatch: %s:%lu: 割り当て \"%s\" が不正です（16 進数 6、7 または 9 桁のはず）",
     "netwatch: %s:%lu: bad assignment \"%s\" (6, 7 or 9 hexadecimal digits expected)"},
    {"netwatch: %s: out of memory reading the IEEE registry",
     "netwatch: %s: IEEE 登録簿を読むためのメモリが足りません",
     "netwatch: %s: out of memory reading the IEEE registry"},
    {"netwatch: %s: the path of the IEEE registry is too long",
     "netwatch: %s: IEEE 登録簿のパスが長すぎます",
     "netwatch: %s: the path of the IEEE registry is too long"},
};

const size_t nw_msgs_assets_count = AG_ARRAY_LEN(nw_msgs_assets);
