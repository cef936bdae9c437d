"""Every demo user can sign in and open every page of the navigation it is shown, without an error."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

USERS = [
    "admin",
    "center",
    "hotline",
    "inspector",
    "handler_sanitation",
    "officer1",
    "officer_nocert",
    "town_officer1",
    "reviewer",
    "head",
    "supervisor",
    "outsider",
]


@pytest.mark.parametrize("username", USERS)
def test_every_page_in_the_navigation_opens(web: Callable[[str], Client], username: str) -> None:
    client = web(username)
    home = client.get("/")
    assert home.status_code == 200
    body = home.content.decode()
    nav = body[body.index('<nav class="main"') : body.index("</nav>")]
    links = [u for u in re.findall(r'href="([^"]+)"', nav) if not u.startswith("/admin/")]
    assert links[0] == "/"
    for url in links:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert 'aria-current="page"' in response.content.decode()
