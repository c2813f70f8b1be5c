/*
 * msgs_nwoui.c — the texts of the IEEE registry cache (oui.c nw_oui_load_cached, the CLI's
 * AIRGUARD_DEBUG=cache note). Registered by nw_register_messages.
 */
#include "netwatch/netwatch_int.h"

const struct ag_msg nw_msgs_nwoui[] = {
    {"netwatch: IEEE registry cache: off\n", "netwatch: IEEE 登録簿キャッシュ: 無効\n",
     "netwatch: IEEE registry cache: off\n"},
    {"netwatch: IEEE registry cache: %s not used (damaged, foreign or not private)\n",
     "netwatch: IEEE 登録簿キャッシュ: %s は不採用 (破損、別の鍵、または非公開でない)\n",
     "netwatch: IEEE registry cache: %s not used (damaged, foreign or not private)\n"},
    {"netwatch: IEEE registry cache: %s loaded\n", "netwatch: IEEE 登録簿キャッシュ: %s を読込\n",
     "netwatch: IEEE registry cache: %s loaded\n"},
    {"netwatch: IEEE registry cache: CSV files read, %s stored\n",
     "netwatch: IEEE 登録簿キャッシュ: CSV ファイルを読込、%s を保存\n",
     "netwatch: IEEE registry cache: CSV files read, %s stored\n"},
    {"netwatch: IEEE registry cache: CSV files read, nothing stored\n",
     "netwatch: IEEE 登録簿キャッシュ: CSV ファイルを読込、保存なし\n",
     "netwatch: IEEE registry cache: CSV files read, nothing stored\n"},
};

const size_t nw_msgs_nwoui_count = AG_ARRAY_LEN(nw_msgs_nwoui);
