/*
 * fuzz_web_config.c — arbitrary bytes as `airguard serve --config FILE` (src/web/config.c): the
 * strict key = value parser, with the capture_<option> keys it keeps for the capture. Checked
 * beyond "no crash, no sanitizer report": a refused file leaves the configuration as it was
 * (nothing of the file applied) and says why; an accepted one keeps at most
 * WEB_CONFIG_CAPTURE_KEYS capture keys, each with a non-empty value and a line inside the file.
 * config.c and html.c (web_text_valid) are compiled in; the listen-address check lives in the
 * server (libmicrohttpd) and is replaced here by a stand-in with the same contract.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/web/config.c"
#include "../../src/web/html.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int web_listen_check(const char *s, struct ag_error *err)
{
    return strchr(s, ':') ? AG_OK : ag_error_set(err, AG_EINVAL, "--listen: no port");
}

void web_config_init(struct web_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    int lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += text[i] == '\n';
    struct web_config cfg, before;
    web_config_init(&cfg);
    cfg.threads = 3;
    before = cfg;
    struct ag_error err;
    ag_error_clear(&err);
    if (web_config_parse(&cfg, "f.conf", text, size, &err) != AG_OK) {
        if (memcmp(&cfg, &before, sizeof(cfg)) != 0 || !err.msg[0])
            abort();
    } else {
        if (cfg.ncapture_keys > WEB_CONFIG_CAPTURE_KEYS)
            abort();
        for (size_t i = 0; i < cfg.ncapture_keys; i++)
            if (strncmp(cfg.capture_keys[i].key, "capture_", 8) != 0 ||
                !cfg.capture_keys[i].value[0] || cfg.capture_keys[i].line < 1 ||
                cfg.capture_keys[i].line > lines)
                abort();
    }
    free(text);
    return 0;
}
