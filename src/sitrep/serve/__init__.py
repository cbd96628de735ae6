"""Serve stage: the REST API and the web page over a store (``sitrep serve``).

``create_app`` builds the FastAPI app; docs/api.md is its reference.  FastAPI and
uvicorn come with the ``serve`` extra (``make install`` installs it).
"""

from __future__ import annotations

from sitrep.serve.app import create_app

__all__ = ["create_app"]
