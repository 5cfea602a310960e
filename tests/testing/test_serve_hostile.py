"""`glue-security serve` under bad input and load, on loopback, in bounded loops: each fault
gets an AWS-style error or a closed connection, the server keeps serving, and its state stays
what a model of the successful calls says."""

from __future__ import annotations

import functools
import json
import random
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from glue_security.testing import GlueSecurityServer
from glue_security.testing.server import ServerLimits

from ..helpers import SERVE_POLICY, raw_http, signed_headers

LIMITS = ServerLimits(
    max_body_bytes=64 << 10,
    max_control_body_bytes=256 << 10,
    head_timeout=0.5,
    body_timeout=0.5,
    idle_timeout=3.0,
    max_connections=8,
    connection_wait=0.3,
)


@pytest.fixture
def server() -> Iterator[GlueSecurityServer]:
    with GlueSecurityServer(limits=LIMITS) as running:
        yield running
        # Whatever the test did, the server still answers a well-formed request.
        status, _, body = raw_http(
            running.url, "POST", "/", b"{}", signed_headers("GetSecurityConfigurations")
        )
        assert status == 200, body


def exchange(server: GlueSecurityServer, data: bytes, *, linger_reset: bool = False) -> bytes:
    """Send raw bytes; everything the server answers until it closes (or 5 s pass)."""
    with socket.create_connection(("127.0.0.1", server.http.port), timeout=5) as sock:
        sock.sendall(data)
        if linger_reset:
            return b""
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def request_bytes(body: bytes, target: str = "GetSecurityConfigurations", **extra: str) -> bytes:
    headers = {**signed_headers(target), "Host": "127.0.0.1", **extra}
    if "Transfer-Encoding" not in headers:
        headers.setdefault("Content-Length", str(len(body)))
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    return f"POST / HTTP/1.1\r\n{head}\r\n".encode() + body


def status_and_type(answer: bytes) -> tuple[int, str]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ")[1])
    return status, json.loads(body).get("__type", "") if body else ""


#: SO_LINGER on with a zero timeout: close() sends a reset, not a FIN.
RESET_ON_CLOSE = b"\x01\x00\x00\x00" + b"\x00\x00\x00\x00"


def chunked(*parts: bytes) -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in parts) + b"0\r\n\r\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (request_bytes(b"\xff\xfe{}"), (400, "SerializationException")),
        (request_bytes(b"[" * 60_000), (400, "SerializationException")),
        (request_bytes(b'{"MaxResults": 1' + b"0" * 5000 + b"}"), (400, "InvalidInputException")),
        (
            request_bytes(b"", **{"Content-Length": "999999999"}),
            (413, "RequestEntityTooLargeException"),
        ),
        (request_bytes(b"", **{"Content-Length": "-1"}), (400, "BadRequest")),
        (
            request_bytes(chunked(b"x" * 40_000, b"y" * 40_000), **{"Transfer-Encoding": "chunked"}),  # noqa: E501
            (413, "RequestEntityTooLargeException"),
        ),
        (request_bytes(chunked(b"{", b"}"), **{"Transfer-Encoding": "chunked"}), (200, "")),
        (
            request_bytes(b"{}", **{"Transfer-Encoding": "chunked", "Content-Length": "2"}),
            (400, "BadRequest"),
        ),
        (request_bytes(b"zz\r\n", **{"Transfer-Encoding": "chunked"}), (400, "BadRequest")),
        (request_bytes(b"{}", **{"Transfer-Encoding": "gzip"}), (501, "NotImplemented")),
        (request_bytes(b"{}", **{"X-Long": "a" * 40_000}), (431, "BadRequest")),
        (request_bytes(b"{}", **{f"X-{i}": "a" for i in range(200)}), (431, "BadRequest")),
        (b"GARBAGE\r\n\r\n", (400, "BadRequest")),
        (b"POST / HTTP/2.0\r\n\r\n", (400, "BadRequest")),
        (b"POST / HTTP/1.1\r\nno colon\r\n\r\n", (400, "BadRequest")),
        (
            b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            (400, "BadRequest"),
        ),
        (b"GET /_glue_security/nothing HTTP/1.1\r\n\r\n", (404, "NotFound")),
        (b"GET / HTTP/1.1\r\n\r\n", (404, "UnknownOperationException")),
    ],
)
def test_bad_framing_and_bodies_get_an_error(
    server: GlueSecurityServer, data: bytes, expected: tuple[int, str]
) -> None:
    assert status_and_type(exchange(server, data)) == expected


def test_an_oversized_body_is_refused_before_it_is_read(server: GlueSecurityServer) -> None:
    # Expect: 100-continue: the server answers 413 at once instead of inviting the body.
    data = request_bytes(b"", **{"Content-Length": str(1 << 30), "Expect": "100-continue"})
    assert status_and_type(exchange(server, data)) == (413, "RequestEntityTooLargeException")


def test_a_small_body_is_invited_by_100_continue(server: GlueSecurityServer) -> None:
    with socket.create_connection(("127.0.0.1", server.http.port), timeout=5) as sock:
        sock.sendall(request_bytes(b"", **{"Content-Length": "2", "Expect": "100-continue"}))
        assert sock.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(b"{}")
        assert sock.recv(100).startswith(b"HTTP/1.1 200 OK")


def test_slow_clients_cannot_hold_the_workers(server: GlueSecurityServer) -> None:
    """Every connection slot taken by a client that sends half a head: each is answered 408
    (or closed) when the head's deadline passes, and the server serves again."""
    slow = []
    for _ in range(LIMITS.max_connections):
        sock = socket.create_connection(("127.0.0.1", server.http.port), timeout=5)
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\n")  # and never the rest
        slow.append(sock)
    try:
        for sock in slow:
            answer = b"".join(iter(lambda s=sock: s.recv(65536), b""))  # type: ignore[misc]
            assert answer == b"" or status_and_type(answer) == (408, "RequestTimeoutException")
    finally:
        for sock in slow:
            sock.close()


def test_connections_beyond_the_limit_are_turned_away(server: GlueSecurityServer) -> None:
    idle = [
        socket.create_connection(("127.0.0.1", server.http.port), timeout=5)
        for _ in range(LIMITS.max_connections)
    ]
    try:
        time.sleep(0.1)  # all accepted
        answer = exchange(server, request_bytes(b"{}"))
        assert status_and_type(answer) == (503, "ServiceUnavailableException")
    finally:
        for sock in idle:
            sock.close()
    # Their slots come free as the server notices the closes (bounded, for a busy machine).
    statuses = []
    for _ in range(20):
        statuses.append(status_and_type(exchange(server, request_bytes(b"{}")))[0])
        if statuses[-1] == 200:
            break
    assert statuses[-1] == 200 and set(statuses) <= {200, 503}, statuses


def test_a_slow_body_times_out(server: GlueSecurityServer) -> None:
    with socket.create_connection(("127.0.0.1", server.http.port), timeout=5) as sock:
        sock.sendall(request_bytes(b"", **{"Content-Length": "100"}) + b"{")
        answer = b"".join(iter(lambda: sock.recv(65536), b""))
    assert status_and_type(answer) == (408, "RequestTimeoutException")


def test_abrupt_disconnects_leave_the_server_serving(server: GlueSecurityServer) -> None:
    for cut in range(0, 200, 7):
        exchange(server, request_bytes(b'{"MaxResults": 3}')[:cut], linger_reset=True)
    for _ in range(20):  # a whole request, then a reset before reading the answer
        with socket.create_connection(("127.0.0.1", server.http.port), timeout=5) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, RESET_ON_CLOSE)
            sock.sendall(request_bytes(b"{}"))


def test_keep_alive_serves_many_requests_on_one_connection(server: GlueSecurityServer) -> None:
    with socket.create_connection(("127.0.0.1", server.http.port), timeout=5) as sock:
        sock.sendall(request_bytes(b"{}") * 20)  # pipelined
        received = b""
        while received.count(b"HTTP/1.1 200 OK") < 20:
            chunk = sock.recv(65536)
            assert chunk
            received += chunk


def call(server: GlueSecurityServer, target: str, payload: dict[str, Any]) -> tuple[int, str]:
    status, headers, _ = raw_http(
        server.url, "POST", "/", json.dumps(payload).encode(), signed_headers(target)
    )
    return status, headers.get("x-amzn-errortype", "")


def test_racing_clients_exactly_one_create_wins() -> None:
    with GlueSecurityServer() as server:  # the default limits: 64 connections
        names = [f"race-{i % 5}" for i in range(100)]
        barrier = threading.Barrier(100, timeout=30)

        def create(name: str) -> tuple[str, int, str]:
            barrier.wait()
            payload = {"Name": name, "EncryptionConfiguration": {}}
            return (name, *call(server, "CreateSecurityConfiguration", payload))

        def put_policy(_: int) -> tuple[int, str]:
            payload = {"PolicyInJson": SERVE_POLICY, "PolicyExistsCondition": "NOT_EXIST"}
            return call(server, "PutResourcePolicy", payload)

        with ThreadPoolExecutor(100) as pool:
            outcomes = list(pool.map(create, names))
        with ThreadPoolExecutor(20) as pool:
            policies = list(pool.map(put_policy, range(20)))
        for name in set(names):
            mine = sorted((status, error) for n, status, error in outcomes if n == name)
            assert mine == [(200, "")] + [(400, "AlreadyExistsException")] * 19
        assert sorted(policies) == [(200, "")] + [(400, "ConditionCheckFailureException")] * 19
        state = json.loads(raw_http(server.url, "GET", "/_glue_security/state")[2])
        [region] = state["regions"]
        assert sorted(c["Name"] for c in region["SecurityConfigurations"]) == sorted(set(names))
        assert len(region["ResourcePolicies"]) == 1


def test_a_mixed_concurrent_workload_matches_a_model_of_its_successes() -> None:
    """Creates and deletes on a few names from 8 threads: for each name, successful creates
    minus successful deletes is 1 where the name exists, 0 where it does not."""
    names = [f"n{i}" for i in range(6)]

    def worker(running: GlueSecurityServer, seed: int) -> list[tuple[str, str, int]]:
        chooser = random.Random(seed)
        log = []
        for _ in range(40):
            name = chooser.choice(names)
            if chooser.random() < 0.5:
                payload: dict[str, Any] = {"Name": name, "EncryptionConfiguration": {}}
                status, _ = call(running, "CreateSecurityConfiguration", payload)
                log.append(("create", name, status))
            else:
                status, _ = call(running, "DeleteSecurityConfiguration", {"Name": name})
                log.append(("delete", name, status))
        return log

    with GlueSecurityServer() as running, ThreadPoolExecutor(8) as pool:
        work = pool.map(functools.partial(worker, running), range(8))
        logs = [entry for log in work for entry in log]
        state = json.loads(raw_http(running.url, "GET", "/_glue_security/state")[2])
    existing = {c["Name"] for region in state["regions"] for c in region["SecurityConfigurations"]}
    for name in names:
        created = sum(1 for op, n, status in logs if (op, n, status) == ("create", name, 200))
        deleted = sum(1 for op, n, status in logs if (op, n, status) == ("delete", name, 200))
        assert created - deleted == (name in existing)
    assert all(status in (200, 400) for _, _, status in logs)
