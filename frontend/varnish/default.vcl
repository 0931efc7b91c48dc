# Varnish (Debian's varnish package, 7.x) in front of the frontend: docs/deployment.md,
# "Varnish in front of the frontend". Pages are cached by URL for as long as the frontend's
# Cache-Control allows (s-maxage, else max-age), served stale while refreshing for
# stale-while-revalidate and while the frontend is down for stale-if-error, and purged by
# the CMS (cms.delivery.varnish, VARNISH_URL) right after the frontend's own purge.
vcl 4.1;

import std;

# The frontend (one instance, or its load balancer). tests/frontend/test_varnish.py
# replaces the port.
backend frontend {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        .url = "/robots.txt";
        .interval = 2s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

# The CMS's addresses (its web processes, schedulers and workers): the only clients
# allowed to PURGE or BAN.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Editions on hosts of their own (FRONTEND_LOCALE_HOSTS=es=es.example.com): a request on
    # an edition's host is cached under its edition (vcl_hash), apart from the same path on
    # the main host. This rule knows an edition's host by its first label ("es."); with
    # other names, match them here. Kept across restarts (vcl_hit, vcl_purge set it).
    if (req.restarts == 0) {
        unset req.http.X-Herald-Edition;
        if (req.http.host ~ "^es\.") {
            set req.http.X-Herald-Edition = "es";
        }
    }
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from " + client.ip));
        }
        if (req.method == "PURGE") {
            return (purge);
        }
        # BAN with an X-Ban-Url header: a regular expression over paths.
        if (!req.http.X-Ban-Url) {
            return (synth(400, "BAN needs an X-Ban-Url header"));
        }
        ban("obj.http.X-Url ~ " + req.http.X-Ban-Url);
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Forms (each edition's), previews, view hits and purges carry per-reader state: never cached.
    if (req.url ~ "^/(es/)?(newsletter/|_preview|_hit/|_purge)" || req.http.Authorization) {
        return (pass);
    }
    # Public pages are the same for every reader: cookies do not split the cache.
    unset req.http.Cookie;
    # A stale copy is used only within its own windows (vcl_hit); this request may
    # refresh it synchronously.
    if (req.restarts > 0 && req.http.X-Herald-Refresh) {
        set req.grace = 0s;
    }
    return (hash);
}

# Cached by URL (and edition, on an edition's own host): every host name of one edition
# shares one copy, and the CMS purges the URL whatever Host it sends.
sub vcl_hash {
    hash_data(req.url);
    if (req.http.X-Herald-Edition) {
        hash_data(req.http.X-Herald-Edition);
    }
    return (lookup);
}

# The CMS purges an edition's pages by their prefixed paths (/es/mundo/): that purges the
# copy cached for the main host, then (restarting as the edition) the edition host's copy
# of the same page (/mundo/ on es.example.com).
sub vcl_purge {
    if (!req.http.X-Herald-Edition && req.url ~ "^/es(/|$|\?)") {
        set req.http.X-Herald-Edition = "es";
        set req.url = regsub(req.url, "^/es/?", "/");
        return (restart);
    }
}

sub vcl_hit {
    if (obj.ttl >= 0s) {
        return (deliver);
    }
    # Stale: within stale-while-revalidate Varnish delivers it and refreshes in the
    # background; beyond it (up to stale-if-error) only while the frontend is down.
    if (obj.ttl + std.duration(obj.http.X-Herald-SWR, 0s) > 0s
        || !std.healthy(req.backend_hint)) {
        return (deliver);
    }
    set req.http.X-Herald-Refresh = "1";
    return (restart);
}

sub vcl_backend_response {
    # For BAN expressions (the ban lurker reads objects, not requests).
    set beresp.http.X-Url = bereq.url;
    if (bereq.http.X-Herald-Edition) {  # BAN regexes match the CMS's prefixed paths
        set beresp.http.X-Url = "/" + bereq.http.X-Herald-Edition + bereq.url;
    }
    if (beresp.http.Cache-Control ~ "(private|no-store|no-cache)" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # A background refresh that fails keeps the copy already cached.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # beresp.ttl already follows s-maxage/max-age. The grace covers the longer of the
    # two stale windows; vcl_hit tells them apart by X-Herald-SWR.
    set beresp.http.X-Herald-SWR = "0s";
    if (beresp.http.Cache-Control ~ "stale-while-revalidate=[0-9]+") {
        set beresp.http.X-Herald-SWR = regsub(
            beresp.http.Cache-Control, ".*stale-while-revalidate=([0-9]+).*", "\1s");
    }
    set beresp.grace = std.duration(beresp.http.X-Herald-SWR, 0s);
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(regsub(
            beresp.http.Cache-Control, ".*stale-if-error=([0-9]+).*", "\1s"), 0s);
    }
    if (beresp.grace < std.duration(beresp.http.X-Herald-SWR, 0s)) {
        set beresp.grace = std.duration(beresp.http.X-Herald-SWR, 0s);
    }
    return (deliver);
}

# X-Varnish-Cache: HIT or MISS here (X-Cache is the frontend's own cache).
sub vcl_deliver {
    unset resp.http.X-Url;
    unset resp.http.X-Herald-SWR;
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "HIT";
    } else {
        set resp.http.X-Varnish-Cache = "MISS";
    }
}
