from __future__ import annotations

from sitrep.serve.headers import content_security_policy, security_headers


def test_headers_policy_allows_only_the_own_origin():
    policy = content_security_policy()
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


def test_headers_tile_host_is_allowed_for_images_only():
    policy = content_security_policy("https://tiles.example.org/{z}/{x}/{y}.png")
    img = next(d for d in policy.split("; ") if d.startswith("img-src"))
    assert img == "img-src 'self' data: https://tiles.example.org"
    assert policy.count("tiles.example.org") == 1
    sub = content_security_policy("https://{s}.tile.example.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://*.tile.example.org" in sub


def test_headers_set():
    headers = security_headers()
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"
