#include "nudge_tls_wire.h"

#include <string.h>

enum { REC_CCS = 20, REC_ALERT = 21, REC_HANDSHAKE = 22 };
enum { HS_CLIENT_HELLO = 1, HS_SERVER_HELLO = 2, HS_CERTIFICATE = 11, HS_SERVER_KEY_EXCHANGE = 12 };
enum { EXT_SNI = 0, EXT_GROUPS = 10, EXT_SIG_ALGS = 13, EXT_PSK = 41, EXT_VERSIONS = 43, EXT_KEY_SHARE = 51 };

/* A ServerHello whose random is this constant is a HelloRetryRequest (RFC 8446 §4.1.3). */
static const uint8_t HRR_RANDOM[32] = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

/* Bounds-checked reader over one handshake message. */
typedef struct {
    const uint8_t *p;
    size_t n, at;
    bool bad;
} rd;

static unsigned rd_u8(rd *r) {
    if (r->at + 1 > r->n) { r->bad = true; return 0; }
    return r->p[r->at++];
}
static unsigned rd_u16(rd *r) {
    unsigned hi = rd_u8(r);
    return (hi << 8) | rd_u8(r);
}
static const uint8_t *rd_skip(rd *r, size_t len) {
    if (r->bad || r->at + len > r->n) { r->bad = true; return NULL; }
    const uint8_t *p = r->p + r->at;
    r->at += len;
    return p;
}
static void list_u16(nudge_u16_list *l, const uint8_t *p, size_t len) {
    l->n = 0;
    for (size_t i = 0; i + 1 < len && l->n < NUDGE_WIRE_MAX_LIST; i += 2) l->v[l->n++] = (uint16_t)(p[i] << 8 | p[i + 1]);
}

void nudge_tls_wire_init(nudge_tls_wire *w) {
    memset(w, 0, sizeof *w);
    w->alert = w->alert_level = -1;
}

static void parse_client_hello(nudge_tls_wire *w, const uint8_t *m, size_t n) {
    rd r = {m, n, 0, false};
    unsigned legacy = rd_u16(&r);
    rd_skip(&r, 32);
    rd_skip(&r, rd_u8(&r));
    size_t slen = rd_u16(&r);
    const uint8_t *s = rd_skip(&r, slen);
    rd_skip(&r, rd_u8(&r));
    if (r.bad) return;
    w->client_hellos++;
    list_u16(&w->suites, s, slen);
    w->versions.n = 1;
    w->versions.v[0] = (uint16_t)legacy;
    w->groups.n = w->key_shares.n = w->sig_algs.n = 0;
    w->sni[0] = 0;
    w->offered_psk = false;
    if (r.at >= n) return;
    size_t ext_end = rd_u16(&r) + r.at;
    while (!r.bad && r.at + 4 <= ext_end && ext_end <= n) {
        unsigned type = rd_u16(&r);
        size_t len = rd_u16(&r);
        const uint8_t *e = rd_skip(&r, len);
        if (!e) return;
        if (type == EXT_VERSIONS && len >= 1) list_u16(&w->versions, e + 1, (size_t)e[0] < len ? e[0] : len - 1);
        else if (type == EXT_GROUPS && len >= 2) list_u16(&w->groups, e + 2, len - 2);
        else if (type == EXT_SIG_ALGS && len >= 2) list_u16(&w->sig_algs, e + 2, len - 2);
        else if (type == EXT_PSK) w->offered_psk = true;
        else if (type == EXT_KEY_SHARE && len >= 2) {
            rd k = {e + 2, len - 2, 0, false};
            while (!k.bad && k.at + 4 <= k.n && w->key_shares.n < NUDGE_WIRE_MAX_LIST) {
                unsigned g = rd_u16(&k);
                rd_skip(&k, rd_u16(&k));
                if (!k.bad) w->key_shares.v[w->key_shares.n++] = (uint16_t)g;
            }
        } else if (type == EXT_SNI && len >= 5) {
            size_t name_len = (size_t)(e[3] << 8 | e[4]);
            if (name_len + 5 <= len && name_len < sizeof w->sni) {
                memcpy(w->sni, e + 5, name_len);
                w->sni[name_len] = 0;
            }
        }
    }
}

static void parse_server_hello(nudge_tls_wire *w, const uint8_t *m, size_t n) {
    rd r = {m, n, 0, false};
    unsigned version = rd_u16(&r);
    const uint8_t *random = rd_skip(&r, 32);
    rd_skip(&r, rd_u8(&r));
    unsigned suite = rd_u16(&r);
    rd_u8(&r);
    if (r.bad) return;
    bool hrr = memcmp(random, HRR_RANDOM, 32) == 0;
    uint16_t group = 0;
    if (r.at + 2 <= n) {
        size_t ext_end = rd_u16(&r) + r.at;
        while (!r.bad && r.at + 4 <= ext_end && ext_end <= n) {
            unsigned type = rd_u16(&r);
            size_t len = rd_u16(&r);
            const uint8_t *e = rd_skip(&r, len);
            if (!e) break;
            if (type == EXT_VERSIONS && len == 2) version = (unsigned)(e[0] << 8 | e[1]);
            else if (type == EXT_KEY_SHARE && len >= 2) group = (uint16_t)(e[0] << 8 | e[1]);
            else if (type == EXT_PSK) w->psk_accepted = true;
        }
    }
    w->suite = (uint16_t)suite;
    w->version = (uint16_t)version;
    if (hrr) {
        w->hello_retry_requests++;
        w->hrr_group = group;
        return;
    }
    w->server_hello = true;
    if (group) w->group = group;
}

static void parse_server_key_exchange(nudge_tls_wire *w, const uint8_t *m, size_t n) {
    /* ECDHE params: curve_type(3 = named_curve) group, point, then the signature algorithm. */
    rd r = {m, n, 0, false};
    if (rd_u8(&r) != 3) return;
    unsigned group = rd_u16(&r);
    rd_skip(&r, rd_u8(&r));
    unsigned sig = rd_u16(&r);
    if (r.bad) return;
    w->ske_group = (uint16_t)group;
    w->group = (uint16_t)group;
    w->ske_sig_alg = (uint16_t)sig;
}

static void on_message(nudge_tls_wire *w, bool from_server, uint8_t type, const uint8_t *m, size_t n, bool truncated) {
    if (!from_server) {
        if (type == HS_CLIENT_HELLO && !truncated) parse_client_hello(w, m, n);
        return;
    }
    if (type == HS_SERVER_HELLO && !truncated) {
        parse_server_hello(w, m, n);
        /* After a TLS 1.3 ServerHello everything the server sends is encrypted. */
        if (w->server_hello && w->version == 0x0304) w->to_client.done = true;
    } else if (type == HS_CERTIFICATE) {
        w->certificate_seen = true;
    } else if (type == HS_SERVER_KEY_EXCHANGE && !truncated) {
        parse_server_key_exchange(w, m, n);
    }
}

static void on_record_bytes(nudge_tls_wire *w, bool from_server, nudge_wire_stream *s, const uint8_t *p, size_t n) {
    if (s->rec_type == REC_ALERT) {
        while (n > 0 && s->alert_len < 2) { s->alert[s->alert_len++] = *p++; n--; }
        if (s->alert_len == 2 && from_server) {
            w->alert_level = s->alert[0];
            w->alert = s->alert[1];
        }
        return;
    }
    if (s->rec_type != REC_HANDSHAKE) return;
    while (n > 0 && !s->done) {
        if (s->hs_hdr_len < 4) {
            s->hs_hdr[s->hs_hdr_len++] = *p++;
            n--;
            if (s->hs_hdr_len == 4) {
                s->hs_left = (size_t)s->hs_hdr[1] << 16 | (size_t)s->hs_hdr[2] << 8 | s->hs_hdr[3];
                s->msg_len = 0;
                s->msg_truncated = false;
            } else {
                continue;
            }
        }
        size_t take = n < s->hs_left ? n : s->hs_left;
        size_t room = NUDGE_WIRE_MSG_CAP - s->msg_len;
        size_t keep = take < room ? take : room;
        memcpy(s->msg + s->msg_len, p, keep);
        s->msg_len += keep;
        if (keep < take) s->msg_truncated = true;
        p += take;
        n -= take;
        s->hs_left -= take;
        if (s->hs_left == 0) {
            s->hs_hdr_len = 0;
            on_message(w, from_server, s->hs_hdr[0], s->msg, s->msg_len, s->msg_truncated);
        }
    }
}

void nudge_tls_wire_feed(nudge_tls_wire *w, bool from_server, const uint8_t *p, size_t n) {
    nudge_wire_stream *s = from_server ? &w->to_client : &w->to_server;
    while (n > 0 && !s->done) {
        if (s->rec_left == 0) {
            s->hdr[s->hdr_len++] = *p++;
            n--;
            if (s->hdr_len < 5) continue;
            s->hdr_len = 0;
            s->rec_type = s->hdr[0];
            s->rec_left = (size_t)(s->hdr[3] << 8 | s->hdr[4]);
            s->alert_len = 0;
            /* In TLS 1.2 a ChangeCipherSpec starts encryption for its sender; TLS 1.3's
             * compatibility CCS does not (and a 1.3 client sends one before its second hello). */
            if (s->rec_type == REC_CCS && w->server_hello && w->version == 0x0303) s->done = true;
            continue;
        }
        size_t take = n < s->rec_left ? n : s->rec_left;
        on_record_bytes(w, from_server, s, p, take);
        p += take;
        n -= take;
        s->rec_left -= take;
    }
}

bool nudge_tls_wire_resumed(const nudge_tls_wire *w) {
    if (!w->server_hello) return false;
    if (w->version == 0x0304) return w->psk_accepted;
    return !w->certificate_seen && w->to_client.done;
}
