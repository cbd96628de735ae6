from __future__ import annotations

import pytest

from sitrep.serve.auth import AuthError, reviewer_for

TOKENS = (("alice", "a" * 20), ("bob", "b" * 20))


def test_auth_names_the_reviewer_of_a_bearer_token():
    assert reviewer_for(f"Bearer {'b' * 20}", TOKENS) == "bob"
    assert reviewer_for(f"bearer   {'a' * 20}  ", TOKENS) == "alice"


@pytest.mark.parametrize(
    ("header", "status"),
    [
        (None, 401),
        ("", 401),
        ("Basic YWxpY2U6eA==", 401),
        ("Bearer", 401),
        (f"Bearer {'a' * 19}", 401),
        (f"Bearer {'a' * 21}", 401),
        (f"Token {'a' * 20}", 401),
    ],
)
def test_auth_refuses_missing_and_wrong_tokens(header, status):
    with pytest.raises(AuthError) as caught:
        reviewer_for(header, TOKENS)
    assert caught.value.status == status
    assert "a" * 19 not in str(caught.value)


def test_auth_without_tokens_is_read_only():
    with pytest.raises(AuthError) as caught:
        reviewer_for(f"Bearer {'a' * 20}", ())
    assert caught.value.status == 403
