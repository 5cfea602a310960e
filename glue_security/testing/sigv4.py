"""Who is calling: the SigV4 `Authorization` header read (credential scope) and, on request,
checked (the signature).

The account comes from the access key, as moto reads it: a key id of exactly twelve digits
*is* the account; a key listed in `Identities.accounts` maps to its account; any other key
acts in `Identities.default_account`. The region is the credential scope's. Signatures are
checked only when `Identities.secret_keys` is given (`glue-security serve
--verify-signatures`): most tests sign with made-up keys and want no check.

Errors are the ones AWS answers for the same faults (`MissingAuthenticationTokenException`,
`IncompleteSignatureException`, `UnrecognizedClientException`, `InvalidSignatureException`).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from urllib.parse import quote, unquote

import attrs

from .service import DEFAULT_ACCOUNT_ID

__all__ = [
    "MAX_CLOCK_SKEW",
    "AuthenticationError",
    "Caller",
    "Identities",
    "identify",
    "read_credentials_file",
]

#: How far a request's X-Amz-Date may be from the server's clock when signatures are checked
#: (AWS allows 15 minutes).
MAX_CLOCK_SKEW = timedelta(minutes=15)

_ALGORITHM = "AWS4-HMAC-SHA256"
_ACCOUNT_KEY = re.compile(r"[0-9]{12}")
# Credential=AKID/20260101/us-east-1/glue/aws4_request: key ids have no slash.
_SCOPE = re.compile(
    r"(?P<key>[^/\s]{1,128})/(?P<date>[0-9]{8})/(?P<region>[a-z0-9-]{1,32})/"
    r"(?P<service>[a-z0-9-]{1,32})/aws4_request"
)
_SIGNATURE = re.compile(r"[0-9a-f]{64}")
_SPACES = re.compile(r" +")


class AuthenticationError(Exception):
    """A request AWS would refuse before running it: `error_type` is the `__type` it sends."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message


@attrs.frozen
class Caller:
    """Who signed a request, and where it acts."""

    access_key: str
    account_id: str
    region: str


@attrs.frozen
class Identities:
    """How callers map to accounts, and the secret keys that signatures are checked with
    (none: signatures are not checked)."""

    default_account: str = DEFAULT_ACCOUNT_ID
    accounts: Mapping[str, str] = attrs.field(factory=dict)
    secret_keys: Mapping[str, str] | None = None

    def account_of(self, access_key: str) -> str:
        if _ACCOUNT_KEY.fullmatch(access_key):
            return access_key
        return self.accounts.get(access_key, self.default_account)


def identify(
    identities: Identities,
    method: str,
    path: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    now: datetime | None = None,
) -> Caller:
    """The caller of a request (headers by lower-case name). Raises `AuthenticationError`."""
    authorization = headers.get("authorization")
    if not authorization:
        raise AuthenticationError(
            "MissingAuthenticationTokenException", "Missing Authentication Token"
        )
    algorithm, _, rest = authorization.partition(" ")
    fields: dict[str, str] = {}
    for part in rest.split(","):
        name, equals, value = part.strip().partition("=")
        if equals:
            fields[name] = value
    scope = _SCOPE.fullmatch(fields.get("Credential", ""))
    signed = fields.get("SignedHeaders", "")
    signature = fields.get("Signature", "")
    if algorithm != _ALGORITHM or scope is None or not signed or not signature:
        raise AuthenticationError(
            "IncompleteSignatureException",
            "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' "
            f"parameters with the {_ALGORITHM} algorithm and a credential scope "
            "KEY/DATE/REGION/SERVICE/aws4_request",
        )
    caller = Caller(
        scope["key"], identities.account_of(scope["key"]), scope["region"]
    )
    if identities.secret_keys is not None:
        secret = identities.secret_keys.get(caller.access_key)
        if secret is None:
            raise AuthenticationError(
                "UnrecognizedClientException",
                "The security token included in the request is invalid.",
            )
        _verify(secret, scope, signed, signature, method, path, headers, body, now)
    return caller


def _verify(
    secret: str,
    scope: re.Match[str],
    signed: str,
    signature: str,
    method: str,
    path: str,
    headers: Mapping[str, str],
    body: bytes,
    now: datetime | None,
) -> None:
    stamp = headers.get("x-amz-date", "")
    try:
        moment = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        raise AuthenticationError(
            "IncompleteSignatureException", "Signed requests need an X-Amz-Date header"
        ) from None
    now = now or datetime.now(timezone.utc)
    if abs(now - moment) > MAX_CLOCK_SKEW:
        raise AuthenticationError(
            "InvalidSignatureException",
            f"Signature expired: {stamp} is now earlier or later than "
            f"{MAX_CLOCK_SKEW.total_seconds() / 60:.0f} minutes from "
            f"{now.strftime('%Y%m%dT%H%M%SZ')}",
        )
    names = signed.split(";")
    if "host" not in names or any(name not in headers for name in names):
        raise AuthenticationError(
            "IncompleteSignatureException", "SignedHeaders must include host and only headers sent"
        )
    raw_path, _, query = path.partition("?")
    canonical = "\n".join(
        [
            method,
            quote(unquote(raw_path) or "/", safe="/-_.~"),
            _canonical_query(query),
            "".join(f"{name}:{_SPACES.sub(' ', headers[name].strip())}\n" for name in names),
            signed,
            hashlib.sha256(body).hexdigest(),
        ]
    )
    credential_scope = (
        f"{scope['date']}/{scope['region']}/{scope['service']}/aws4_request"
    )
    to_sign = "\n".join(
        [_ALGORITHM, stamp, credential_scope, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    key = f"AWS4{secret}".encode()
    for part in (scope["date"], scope["region"], scope["service"], "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    if not (_SIGNATURE.fullmatch(signature) and hmac.compare_digest(expected, signature)):
        raise AuthenticationError(
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method.",
        )


def _canonical_query(query: str) -> str:
    pairs = []
    for item in query.split("&") if query else ():
        name, _, value = item.partition("=")
        pairs.append(
            (quote(unquote(name), safe="-_.~"), quote(unquote(value), safe="-_.~"))
        )
    return "&".join(f"{name}={value}" for name, value in sorted(pairs))


def read_credentials_file(text: str) -> dict[str, str]:
    """Access key id -> secret key, from an AWS shared credentials file (INI sections with
    `aws_access_key_id` and `aws_secret_access_key`), read with configparser: no code runs."""
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text)
    keys: dict[str, str] = {}
    for section in parser.sections():
        access = parser.get(section, "aws_access_key_id", fallback=None)
        secret = parser.get(section, "aws_secret_access_key", fallback=None)
        if access and secret:
            keys[access.strip()] = secret.strip()
    return keys
