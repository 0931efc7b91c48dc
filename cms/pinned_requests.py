"""Requests sent to the very address a URL's host was checked at (webhook deliveries,
polled wire feeds): a second DNS resolution cannot send them somewhere else (rebinding)."""

import httpx


def send_to_address(
    client: httpx.Client,
    method: str,
    url: str,
    address: str,
    headers: dict[str, str],
    content: bytes | None = None,
) -> httpx.Response:
    """Send to ``address`` with the URL's own Host header and TLS server name; the answer is
    streamed (the caller reads or closes it)."""
    target = httpx.URL(url)
    extensions = {}
    if address != target.host:
        headers = {**headers, "Host": target.netloc.decode("ascii")}
        if target.scheme == "https":
            extensions["sni_hostname"] = target.host
        target = target.copy_with(host=address)
    request = client.build_request(method, target, content=content, headers=headers)
    request.extensions.update(extensions)
    return client.send(request, stream=True)
