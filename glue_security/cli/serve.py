"""`glue-security serve`: the in-memory service as a local AWS endpoint (awsJson 1.1 over
HTTP), for the AWS CLI, the SDKs, Terraform and subprocesses of the code under test."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, TextIO

from ..models.service_rules import DEFAULT_ACCOUNT_ID
from .common import EXIT_VALID, UsageError, reason

if TYPE_CHECKING:
    from ..testing.sigv4 import Identities

# The testing layer (the fake service, its server, tempfile, hashlib, socketserver) is
# imported when `serve` runs, not to build the parser: every other command starts without it.

__all__ = ["add_command", "save_state_file"]

_ACCOUNT = re.compile(r"[0-9]{12}")


class _Stop(BaseException):
    """SIGTERM or SIGINT: stop serving, save the state, exit. A BaseException, as
    KeyboardInterrupt is, so that no `except Exception` on the way (socketserver's, around
    each accepted connection) can swallow it."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop


def save_state_file(path: Path, document: Any) -> None:
    """Write `document` as JSON to `path` atomically: a temporary file beside it, fsync,
    rename over the old one, fsync the folder. A reader sees the old file or the new one."""
    import json
    import tempfile

    data = json.dumps(document, indent=1, ensure_ascii=False).encode()
    folder = path.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # not every platform opens folders
        folder_handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(folder_handle)
        finally:
            os.close(folder_handle)


def _identities(args: argparse.Namespace) -> Identities:
    accounts: dict[str, str] = {}
    for pair in args.account:
        key, equals, account = pair.partition("=")
        if not equals or not key or not _ACCOUNT.fullmatch(account):
            raise UsageError(f"--account takes ACCESS_KEY_ID=ACCOUNT_ID (12 digits), not {pair!r}")
        accounts[key] = account
    if not _ACCOUNT.fullmatch(args.default_account):
        raise UsageError("--default-account takes a 12-digit account id")
    secret_keys = None
    if args.verify_signatures:
        if args.credentials is None:
            raise UsageError("--verify-signatures needs --credentials FILE (the secret keys)")
        from ..testing.sigv4 import read_credentials_file

        try:
            secret_keys = read_credentials_file(args.credentials.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"cannot read {args.credentials}: {reason(exc)}") from None
        if not secret_keys:
            raise UsageError(f"{args.credentials} names no aws_access_key_id with its secret")
    elif args.credentials is not None:
        raise UsageError("--credentials goes with --verify-signatures")
    from ..testing.sigv4 import Identities

    return Identities(args.default_account, accounts, secret_keys)


def _serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..testing.endpoint import GlueSecurityServer, is_loopback
    from ..testing.server import ServerLimits
    from ..testing.service import GlueSecurityService
    from ..testing.state_document import StateDocumentError, dump_state, load_state

    identities = _identities(args)
    limits = (
        ServerLimits()
        if args.max_connections is None
        else ServerLimits(max_connections=args.max_connections)
    )
    service = GlueSecurityService(
        account_id=args.default_account, accept_resource_arns=args.accept_resource_arns
    )
    try:
        server = GlueSecurityServer(
            service, host=args.host, port=args.port, identities=identities, limits=limits
        )
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {reason(exc)}") from None
    state: Path | None = args.state
    try:
        if state is not None and state.exists():
            load_state(server.service, state.read_bytes())
    except (OSError, StateDocumentError) as exc:
        server.close()
        raise UsageError(f"cannot load {state}: {reason(exc)}") from None
    # The handlers first: a client may signal as soon as it has read the URL.
    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        out.write(f"{server.url}\n")
        out.flush()
        if not is_loopback(args.host):
            err.write(
                f"glue-security serve: listening on {args.host}, not loopback: anyone who "
                "can reach this port can read and change the whole state, without "
                "credentials\n"
            )
            err.flush()
        server.http.serve_forever()
    except (_Stop, KeyboardInterrupt):
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.close()
    if state is not None:
        try:
            save_state_file(state, dump_state(server.service))
        except OSError as exc:
            raise UsageError(f"cannot save {state}: {reason(exc)}") from None
        err.write(f"glue-security serve: state saved to {state}\n")
    return EXIT_VALID


def add_command(commands: Any) -> None:
    """Add the command to the `glue-security` parser's subcommands."""
    serve = commands.add_parser(
        "serve",
        help="serve the in-memory Glue security service over HTTP (a local AWS endpoint)",
        description="Serve the ten Glue security operations (awsJson 1.1 over HTTP/1.1) from "
        "the in-memory service, for the AWS CLI, the SDKs and Terraform. Prints its URL as "
        "the first line of output. The account comes from the access key (12 digits: that "
        "account; --account maps others; the rest act in --default-account), the region "
        "from the request's signature. The control API lives under /_glue_security/.",
        epilog="examples:\n  glue-security serve --port 4566\n"
        "  glue-security serve --port 0 --state glue-state.json\n"
        "  AWS_ENDPOINT_URL_GLUE=http://127.0.0.1:4566 aws glue get-security-configurations",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    serve.add_argument(
        "--port", type=int, default=4566, help="port to listen on; 0 picks a free one (4566)"
    )
    serve.add_argument(
        "--state",
        type=Path,
        metavar="FILE",
        help="load the state from FILE at start (if it exists), save it there on SIGTERM/SIGINT",
    )
    serve.add_argument(
        "--default-account",
        default=DEFAULT_ACCOUNT_ID,
        metavar="ID",
        help=f"the account of access keys that are not 12 digits ({DEFAULT_ACCOUNT_ID})",
    )
    serve.add_argument(
        "--account",
        action="append",
        default=[],
        metavar="KEY=ID",
        help="the account of an access key id (repeatable)",
    )
    serve.add_argument(
        "--verify-signatures",
        action="store_true",
        help="check SigV4 signatures with the secret keys of --credentials",
    )
    serve.add_argument(
        "--credentials",
        type=Path,
        metavar="FILE",
        help="an AWS shared credentials file: the secret keys signatures are checked with",
    )
    serve.add_argument(
        "--accept-resource-arns",
        action="store_true",
        help="take PutResourcePolicy with ResourceArn (the service refuses it: "
        '"Glue resource level policy is not currently supported")',
    )
    serve.add_argument(
        "--max-connections",
        type=int,
        default=None,
        metavar="N",
        help="connections served at once (default: the server's limit; docs/serve.md)",
    )
    serve.set_defaults(run=_serve)
