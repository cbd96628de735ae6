"""Security headers on every answer: a strict Content-Security-Policy and friends.

The page loads only its own scripts, styles and data; article text is shown as text, so
even if a bug let markup through, no inline script, no foreign script and no plugin could
run.  The tile host, when tiles are configured, is the one outside origin images may come
from.
"""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["content_security_policy", "security_headers"]


def content_security_policy(tiles_url: str = "") -> str:
    """The page's CSP; ``tiles_url``'s origin is allowed for images only."""
    images = "'self' data:"
    if tiles_url:
        parts = urlsplit(tiles_url.replace("{s}", "a"))
        host = parts.netloc
        if "{s}" in tiles_url:
            host = "*." + host.split(".", 1)[1] if "." in host else host
        images += f" {parts.scheme}://{host}"
    return "; ".join(
        (
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {images}",
            "connect-src 'self'",
            "font-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def security_headers(tiles_url: str = "") -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(tiles_url),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
