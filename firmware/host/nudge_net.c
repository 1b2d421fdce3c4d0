#define _POSIX_C_SOURCE 200809L
#include "nudge_net.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int connect_one(const struct addrinfo *ai, int timeout_ms, int *err) {
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0) { *err = errno; return -1; }
    int flags = fcntl(fd, F_GETFL, 0);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    int rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
    if (rc < 0 && errno == EINPROGRESS) {
        struct pollfd p = {fd, POLLOUT, 0};
        rc = poll(&p, 1, timeout_ms);
        if (rc == 0) { *err = ETIMEDOUT; close(fd); return -1; }
        socklen_t len = sizeof *err;
        if (rc < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, err, &len) < 0 || *err) {
            if (rc < 0) *err = errno;
            close(fd);
            return -1;
        }
    } else if (rc < 0) {
        *err = errno;
        close(fd);
        return -1;
    }
    fcntl(fd, F_SETFL, flags);
    /* Without TCP_NODELAY a TLS 1.2 handshake stalls ~40 ms on delayed ACKs (Nagle). */
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    return fd;
}

int nudge_net_connect(const char *host, int port, int timeout_ms, nudge_failure *why) {
    char service[8];
    snprintf(service, sizeof service, "%d", port);
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int gai = getaddrinfo(host, service, &hints, &res);
    if (gai != 0) {
        why->kind = NUDGE_FAIL_DNS;
        why->code = gai;
        snprintf(why->summary, sizeof why->summary, "cannot resolve %s: %s", host, gai_strerror(gai));
        return -1;
    }
    int err = 0, fd = -1;
    for (const struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) fd = connect_one(ai, timeout_ms, &err);
    freeaddrinfo(res);
    if (fd < 0) {
        why->kind = err == ETIMEDOUT ? NUDGE_FAIL_TIMEOUT : NUDGE_FAIL_CONNECT;
        why->code = err;
        snprintf(why->summary, sizeof why->summary, "cannot connect to %s:%d: %s", host, port, strerror(err));
    }
    return fd;
}
