/* TCP connections for the host transport: resolve, connect with a timeout, TCP_NODELAY. */
#ifndef NUDGE_NET_H
#define NUDGE_NET_H

#include "nudge_transport.h"

/** Connects to host:port; returns the socket or -1 with why filled in. */
int nudge_net_connect(const char *host, int port, int timeout_ms, nudge_failure *why);

#endif
