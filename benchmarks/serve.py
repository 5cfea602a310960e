"""`glue-security serve` beside `moto_server`, over HTTP on loopback, in the same run.

Run from the bench environment (moto[server], boto3 and awscli are in the `bench` extra):

    .venv-bench/bin/python benchmarks/serve.py [--rounds 7] [--quick]

Both servers run as subprocesses of this script, each on its own free loopback port; each
contender is a boto3 client with `endpoint_url` pointing at its server, so both pay botocore
(signing, serialising, parsing) and HTTP. The mixed scenario is the nine operations of
`benchmarks/service.py` (create, get, list and delete a security configuration; put a
resource policy, get it, put it again with its hash, get it, delete it with its hash).

Rounds interleave the contenders (an untimed warm-up, then one timed sample each per round);
`ratio` is the median of the paired per-round ratios (ours ÷ moto_server, seconds per
operation) and `spread` the lowest and highest paired ratio. The AWS CLI row times one
`aws glue get-security-configurations` process against each server (the CLI's start-up
included, as a user pays it). The transport row puts the same endpoint behind serve's HTTP
reader and behind the standard library's `http.server` (ThreadingHTTPServer, which writes a
response's head and body in two writes) and times raw kept-alive requests from
`http.client`, in this process. Results go to `benchmarks/results/serve.json`.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from results import write_results  # benchmarks/, the script's folder

# The same nine operations as the in-process benchmark, so the two measure one scenario.
from service import OPERATIONS_PER_SEQUENCE, boto3_call
from service import sequence as call_sequence


def row(
    id: str,
    title: str,
    ours: str,
    peer: str,
    pairs: list[tuple[float, float]],
    count: int,
    limit: float | None,
) -> dict[str, Any]:
    """One row of the shared results format from paired (ours, peer) seconds for `count`
    calls each: medians per call, the median paired ratio, its lowest and highest."""
    ratios = [o / p for o, p in pairs]
    ratio = round(statistics.median(ratios), 4)
    return {
        "id": id,
        "group": "serve",
        "title": title,
        "ours": ours,
        "peer": peer,
        "ours_seconds": statistics.median(o for o, _ in pairs) / count,
        "peer_seconds": statistics.median(p for _, p in pairs) / count,
        "ratio": ratio,
        "spread": [round(min(ratios), 4), round(max(ratios), 4)],
        "limit": limit,
        "met": None if limit is None else ratio <= limit,
        "unit": "per call",
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port} after 60 s")


@contextmanager
def server(command: list[str], port: int) -> Iterator[str]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def client(url: str) -> Any:
    return boto3.client(
        "glue",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"total_max_attempts": 1}),
    )


def timed(run: Callable[[], None], count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        run()
    return time.perf_counter() - start


def cli_seconds(url: str) -> float:
    aws = Path(sys.executable).parent / "aws"
    command = str(aws) if aws.exists() else shutil.which("aws") or "aws"
    environment = {
        **os.environ,
        "AWS_ENDPOINT_URL_GLUE": url,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": os.devnull,
    }
    start = time.perf_counter()
    subprocess.run(
        [command, "glue", "get-security-configurations"],
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


# -- the transport alone: serve's HTTP reader beside the standard library's http.server --------


def transport_pairs(rounds: int, requests: int) -> list[tuple[float, float]]:
    """Seconds for `requests` kept-alive GetSecurityConfigurations over raw http.client,
    against the same endpoint behind serve's transport and behind `http.server`'s
    ThreadingHTTPServer (head and body written as that module writes them), per round."""
    import http.client
    import http.server

    from glue_security.testing.endpoint import GlueSecurityEndpoint, GlueSecurityServer
    from glue_security.testing.server import HttpRequest
    from glue_security.testing.service import GlueSecurityService

    endpoint = GlueSecurityEndpoint(GlueSecurityService())

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # http.server calls do_<METHOD>
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {name.lower(): value for name, value in self.headers.items()}
            answer = endpoint(HttpRequest("POST", self.path, headers, body))
            self.send_response(answer.status)
            for name, value in answer.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        def log_message(self, *args: Any) -> None:
            pass

    headers = {
        "X-Amz-Target": "AWSGlue.GetSecurityConfigurations",
        "Content-Type": "application/x-amz-json-1.1",
        "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/glue/"
        "aws4_request, SignedHeaders=host, Signature=" + "0" * 64,
    }

    def run(port: int) -> float:
        connection = http.client.HTTPConnection("127.0.0.1", port)
        connection.request("POST", "/", b"{}", headers)
        connection.getresponse().read()  # warm-up, untimed
        start = time.perf_counter()
        for _ in range(requests):
            connection.request("POST", "/", b"{}", headers)
            connection.getresponse().read()
        elapsed = time.perf_counter() - start
        connection.close()
        return elapsed

    stdlib = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    stdlib.daemon_threads = True
    threading.Thread(target=stdlib.serve_forever, daemon=True).start()
    pairs = []
    with GlueSecurityServer(endpoint.service) as ours:
        for _ in range(rounds):
            pairs.append((run(ours.http.port), run(stdlib.server_address[1])))
    stdlib.shutdown()
    stdlib.server_close()
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    args = parser.parse_args()
    rounds, sequences, cli_runs = (2, 5, 1) if args.quick else (args.rounds, 40, 5)
    ours_port, moto_port = free_port(), free_port()
    ours_command = [
        sys.executable, "-m", "glue_security", "serve", "--port", str(ours_port)
    ]  # fmt: skip
    moto_command = [
        sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(moto_port)
    ]  # fmt: skip
    with server(ours_command, ours_port) as ours_url, server(moto_command, moto_port) as moto_url:
        ours_call, moto_call = boto3_call(client(ours_url)), boto3_call(client(moto_url))
        pairs = []
        for _ in range(rounds):
            call_sequence(ours_call)  # warm-up, untimed
            ours_time = timed(partial(call_sequence, ours_call), sequences)
            call_sequence(moto_call)
            moto_time = timed(partial(call_sequence, moto_call), sequences)
            pairs.append((ours_time, moto_time))
        cli_pairs = [(cli_seconds(ours_url), cli_seconds(moto_url)) for _ in range(cli_runs)]
    transport_requests = 20 if args.quick else 200
    transport = transport_pairs(rounds, transport_requests)
    rows = [
        row(
            "boto3-mixed-scenario",
            "Mixed scenario through boto3 over HTTP (9 operations), per operation",
            "glue-security serve",
            "moto_server",
            pairs,
            sequences * OPERATIONS_PER_SEQUENCE,
            0.5,  # at least 2x moto_server's operations per second
        ),
        row(
            "aws-cli-call",
            "One AWS CLI call (get-security-configurations), start-up included",
            "glue-security serve",
            "moto_server",
            cli_pairs,
            1,
            None,
        ),
        row(
            "transport-vs-http-server",
            "The same endpoint behind serve's transport and behind http.server, per request "
            "(raw http.client, kept alive)",
            "serve's transport",
            "http.server ThreadingHTTPServer",
            transport,
            transport_requests,
            None,
        ),
    ]
    versions = {
        name: importlib.metadata.version(name)
        for name in ("glue-security", "boto3", "botocore", "moto", "awscli")
    }
    path = write_results(Path(__file__).name, rows, versions)
    for result in rows:
        print(
            f"{result['title']}: ours {result['ours_seconds'] * 1e3:.2f} ms, "
            f"{result['peer']} {result['peer_seconds'] * 1e3:.2f} ms, "
            f"ratio {result['ratio']:.2f} (limit {result['limit']})"
        )
    print(f"written: {path}")


if __name__ == "__main__":
    main()
