"""Two submits of one form at the same moment, as a double click sends them (core.submissions)."""

import threading
import uuid
from copy import deepcopy

from django.db import connection
from django.test import Client


def submit_twice_at_once(user, url: str, data) -> list:
    """POST `data()` twice at once from one session, with the same form key; both responses.

    `data` is called once per request (a file upload cannot be read twice). Each thread
    has its own database connection, as two requests to the server have.
    """
    first = Client()
    first.force_login(user)
    second = Client()
    second.cookies = deepcopy(first.cookies)
    key = str(uuid.uuid4())
    start = threading.Barrier(2)
    responses = [None, None]

    def submit(index, client):
        try:
            posted = data(key)
            start.wait()
            responses[index] = client.post(url, posted)
        except Exception as error:  # noqa: BLE001 - the test shows what went wrong
            responses[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=pair) for pair in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def assert_one_went_through(responses, *, to: str | None = None) -> None:
    """Both answered with a redirect (never a 500 or a lock error), both to the same place."""
    for response in responses:
        assert not isinstance(response, Exception), repr(response)
        assert response.status_code == 302, (response.status_code, response.content[:500])
    first, second = (response["Location"] for response in responses)
    assert first == second
    if to is not None:
        assert first == to
