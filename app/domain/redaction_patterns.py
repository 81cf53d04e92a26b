"""The fixed patterns of redaction: addresses, phone numbers, links and secrets.

Each detector returns the spans it wants redacted; ``redaction.py`` resolves overlaps between
them (a URL holding an e-mail address is one finding). Every pattern that starts with a repeated
character class also refuses to start just after such a character (a look-behind), so a scan
of a 100,000-character field stays linear instead of retrying from every position.
"""

from __future__ import annotations

import functools
import ipaddress
import math
import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import SplitResult, urlsplit

from app.domain.redaction_data import Candidate, RedactionKind, placeholder_pattern, redaction_data

# local@domain.tld: the top-level label is letters only, so "lodash@4.17.21" (a pinned
# version) is not an address. Unicode letters count: "zoë@exämple.de".
_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w.%+-]+@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,}(?![\w-]|\.[^\W_])"
)
# A link: any scheme:// or a bare www. name, up to white space or a character that cannot be
# in an unescaped URL and commonly ends one in prose or tables (quotes, pipes, angle brackets).
_URL = re.compile(r"(?<![\w+.-])(?:[a-z][a-z0-9+.-]{1,15}://|www\.)[^\s<>\"'`|]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?*"
_URL_CLOSERS = {")": "(", "]": "[", "}": "{"}

_DIGIT = re.compile(r"\d")
# Dotted quads with octets 0-255; not inside a longer dotted number ("1.2.3.4.5" is an OID or a
# version) nor after a letter ("v1.2.3.4").
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = re.compile(rf"(?<![\w.]){_OCTET}(?:\.{_OCTET}){{3}}(?!\w|\.\d)")
# Anything shaped like IPv6 (hex groups and colons, '::' compression, an embedded IPv4 tail, a
# zone); ipaddress then decides. Times ("14:02:33") and C++/Rust paths ("std::vec") fail there
# or never match the shape.
_IPV6 = re.compile(
    r"(?<![\w:.%])(?:[0-9a-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{0,4})"
    r"(?:%[0-9a-z._-]+)?(?![\w%]|:[0-9a-z]|\.\d)",
    re.IGNORECASE,
)

# Phone numbers. None may start after a letter, digit, '+', '-', '.', '/', '#', ':' or '$' (so
# "INC-2041", "v2.4.1", "#4155550132", times and amounts are left alone) nor run into a letter,
# '%' or another number; _is_phone then counts the digits.
_PHONE_BEFORE = r"(?<![\w+.\-/#:$])"
_PHONE_AFTER = r"(?![\w%]|[.\-/:]\d)"
_PHONE = re.compile(
    _PHONE_BEFORE + r"(?:"
    # International: +CC then groups, some in parentheses: "+1 (415) 555-0132", "+44 20 7946 0958",
    # "+14155550132".
    r"\+\d{1,3}(?:[ .\-]?(?:\(\d{1,4}\)|\d{1,5})){1,6}"
    # North American: "(415) 555-0132", "415-555-0132", "415.555.0132", "1-800-555-0199".
    r"|(?:1[ .\-])?(?:\(\d{3}\)[ .\-]?|\d{3}[ .\-])\d{3}[ .\-]\d{4}"
    # National with a trunk 0: "020 7946 0958", "07700 900123", "01 23 45 67 89", "030 901820",
    # and unseparated "07700900123".
    r"|0\d{1,4}(?:[ .\-]\d{2,8}){1,4}|0\d{9,11}"
    # The same with the area code in parentheses: "(020) 7946 0958", "(030) 901820".
    r"|\(0\d{1,4}\)[ .\-]?\d{2,8}(?:[ .\-]\d{2,8}){0,3}"
    r")" + _PHONE_AFTER
)
# Dates written with dots, dashes, slashes or spaces, which the national pattern could take for
# a number ("03.11.2026 14"); a phone candidate containing one is not a phone number.
_DATE_LIKE = re.compile(r"\b(?:\d{1,2}[ ./-]\d{1,2}[ ./-](?:19|20)\d\d|(?:19|20)\d\d[./-]\d\d)\b")

# A PEM private-key block, whole: from BEGIN to END (a 4096-bit RSA key is about 3,300
# characters; the bound keeps a text of many BEGINs without END linear), or, when pasted without
# its END line, the base64 lines that follow (real or escaped "\n" line breaks).
_PRIVATE_KEY = re.compile(
    r"-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----"
    r"(?:.{0,20000}?-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----"
    r"|(?:(?:\s|\\n)*[A-Za-z0-9+/=]{16,})*)",
    re.DOTALL,
)
# A JSON Web Token: three base64url parts, the first two JSON objects ("eyJ" is '{"').
_JWT = re.compile(r"(?<![\w-])eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]*(?![\w-])")
# The token after "Bearer" (an Authorization header, a curl command); the word stays.
_BEARER = re.compile(r"(?<!\w)bearer[ \t]+([A-Za-z0-9\-._~+/]{8,}=*)(?![\w\-.~+/=])", re.I)
# "Authorization: Basic <base64 of user:password>".
_BASIC = re.compile(
    r"(?<!\w)authorization[\"']?[ \t]*[:=][ \t]*[\"']?basic[ \t]+"
    r"([A-Za-z0-9+/]{8,}={0,2})(?![\w+/=])",
    re.IGNORECASE,
)
# "curl -u user:password", "--user user:password": the password after the colon.
_USER_FLAG = re.compile(r"(?<![\w-])(?:-u|--user)[ \t]+['\"]?[^\s:'\"]+:([^\s'\"]+)")
# A run of token characters, checked by _looks_random when a secret word comes shortly before.
_TOKEN_RUN = re.compile(r"(?<![\w+/=.-])[A-Za-z0-9+/_-]{16,}={0,2}(?![\w+/=-])")
_UUID = re.compile(r"[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}", re.IGNORECASE)
_NEARBY_WINDOW = 40  # characters before a random-looking token searched for a secret word
_MIN_ENTROPY = 3.0  # bits per character; English words and counters fall below it


def pattern_candidates(text: str, allowed_hosts: tuple[str, ...]) -> list[Candidate]:
    """Every span the fixed patterns want redacted, overlapping ones included.

    Cheap tests skip the patterns that cannot match ("@" for an address, a digit for a phone
    number): most fields hold none of these, and an export redacts thousands of fields.
    """
    found: list[Candidate] = []
    digits = _DIGIT.search(text) is not None
    if "://" in text or "www." in text.lower():
        found += _links(text, allowed_hosts)
    if "@" in text:
        found += _spans(_EMAIL, text, RedactionKind.EMAIL)
    if digits and "." in text:
        found += _spans(_IPV4, text, RedactionKind.IPV4)
    if "::" in text or text.count(":") >= 6:
        found += (
            c for c in _spans(_IPV6, text, RedactionKind.IPV6) if _is_ipv6(text[c.start : c.end])
        )
    if digits:
        found += (c for c in _spans(_PHONE, text, RedactionKind.PHONE) if _is_phone(text, c))
    found += _secrets(text)
    return found


def _spans(
    pattern: re.Pattern[str], text: str, kind: RedactionKind, group: int = 0
) -> Iterator[Candidate]:
    for match in pattern.finditer(text):
        yield Candidate(match.start(group), match.end(group), kind)


# -- links ----------------------------------------------------------------------------------------


def _links(text: str, allowed_hosts: tuple[str, ...]) -> Iterator[Candidate]:
    """Links not on an allowed host; a link with credentials in it whatever its host."""
    for match in _URL.finditer(text):
        end = _trim_url(text, match.start(), match.end())
        url = text[match.start() : end]
        parts = _split(url)
        if parts is None:
            yield Candidate(match.start(), end, RedactionKind.URL)
        elif "@" in parts.netloc:
            # user:password@host always goes: a password is a secret, a user name is personal.
            kind = RedactionKind.PASSWORD if _has_password(parts.netloc) else RedactionKind.URL
            yield Candidate(match.start(), end, kind)
        elif not host_allowed(parts.hostname or "", allowed_hosts):
            yield Candidate(match.start(), end, RedactionKind.URL)


def _trim_url(text: str, start: int, end: int) -> int:
    """Drop sentence punctuation and unbalanced closing brackets from a link's end."""
    while end > start:
        last = text[end - 1]
        opener = _URL_CLOSERS.get(last)
        if last in _URL_TRAILING or (
            opener is not None and text.count(opener, start, end) < text.count(last, start, end)
        ):
            end -= 1
        else:
            break
    return end


def _split(url: str) -> SplitResult | None:
    try:
        parts = urlsplit(url if "://" in url else f"http://{url}")
        parts.port  # noqa: B018 -- raises ValueError on a malformed port
    except ValueError:
        return None
    return parts


def _has_password(netloc: str) -> bool:
    userinfo = netloc.rpartition("@")[0]
    return ":" in userinfo and bool(userinfo.partition(":")[2])


def host_allowed(host: str, allowed_hosts: tuple[str, ...]) -> bool:
    """True when ``host`` is one of ``allowed_hosts`` or a subdomain of one (case-insensitive)."""
    host = host.lower().rstrip(".")
    return any(host == allowed or host.endswith(f".{allowed}") for allowed in allowed_hosts)


# -- addresses and numbers ------------------------------------------------------------------------


def _is_ipv6(candidate: str) -> bool:
    if not re.search(r"[0-9a-f]", candidate.partition("%")[0], re.IGNORECASE):
        return False  # a bare "::"
    try:
        ipaddress.IPv6Address(candidate)
    except ValueError:
        return False
    return True


def _is_phone(text: str, candidate: Candidate) -> bool:
    number = text[candidate.start : candidate.end]
    digits = sum(character.isdigit() for character in number)
    if _DATE_LIKE.search(number):
        return False
    if number.startswith("+"):
        return 8 <= digits <= 15
    if number.startswith(("0", "(0")):
        return 9 <= digits <= 15
    return 10 <= digits <= 11  # North American, with or without the leading 1


# -- secrets --------------------------------------------------------------------------------------


def _secrets(text: str) -> Iterator[Candidate]:
    if "PRIVATE KEY" in text:
        yield from _spans(_PRIVATE_KEY, text, RedactionKind.PRIVATE_KEY)
    pattern, kinds = _known_token_pattern()
    for match in pattern.finditer(text):
        yield Candidate(match.start(), match.end(), kinds[match.lastgroup or ""])
    if "eyJ" in text:
        yield from _spans(_JWT, text, RedactionKind.SECRET)
    lower = text.lower()
    if "bearer" in lower:
        for match in _BEARER.finditer(text):
            if _secret_value(match.group(1)) and _token_like(match.group(1)):
                yield Candidate(match.start(1), match.end(1), RedactionKind.BEARER_TOKEN)
    if "basic" in lower:
        yield from _spans(_BASIC, text, RedactionKind.PASSWORD, group=1)
    if "-u" in text:
        for match in _USER_FLAG.finditer(text):
            if _secret_value(match.group(1)):
                yield Candidate(match.start(1), match.end(1), RedactionKind.PASSWORD)
    yield from _assignments(text)
    yield from _nearby_tokens(text)


@functools.cache
def _known_token_pattern() -> tuple[re.Pattern[str], dict[str, RedactionKind]]:
    """One pattern for all known tokens: a prefix, then its alphabet, not inside a longer word.

    Each token is a named group ("t0", "t1"...), mapped to its kind.
    """
    alternatives = []
    kinds = {}
    for index, token in enumerate(redaction_data().known_tokens):
        prefixes = "|".join(re.escape(prefix) for prefix in token.prefixes)
        body = f"[{token.alphabet}]{{{token.min_length},{token.max_length}}}"
        alternatives.append(f"(?P<t{index}>(?:{prefixes}){body}(?![A-Za-z0-9_-]))")
        kinds[f"t{index}"] = token.kind
    pattern = rf"(?<![A-Za-z0-9_-])(?:{'|'.join(alternatives)})"
    return re.compile(pattern), kinds


@functools.cache
def _assignment_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``key = value`` / ``key: value`` / ``"key": "value"``, and ``--key value`` on a command line.

    A key matches when it ends with a password or secret word ("DB_PASSWORD", "client_secret",
    "github.token"), or when its last part is a short password word ("pwd", "db_pass").
    """
    data = redaction_data()
    words = sorted((*data.password_words, *data.secret_words), key=len, reverse=True)
    long_words = "|".join(re.escape(word) for word in words)
    short_words = "|".join(re.escape(word) for word in data.short_password_words)
    key = rf"(?P<key>[\w.-]{{0,40}}?(?:{long_words})|(?:[\w.-]{{0,40}}[_.-])?(?:{short_words}))"
    value = (
        r"(?:\"(?P<dq>[^\"\n]{1,200})\"|'(?P<sq>[^'\n]{1,200})'|(?P<bare>[^\s\"'`|&,;<>]{1,200}))"
    )
    assignment = rf"(?<![\w.-]){key}[\"']?[ \t]*(?:=>?|:)[ \t]*{value}"
    flag = rf"(?<![\w.-])--?{key}[ \t]+{value}"
    return re.compile(assignment, re.IGNORECASE), re.compile(flag, re.IGNORECASE)


def _assignments(text: str) -> Iterator[Candidate]:
    data = redaction_data()
    for pattern in _assignment_patterns():
        for match in pattern.finditer(text):
            group = next(name for name in ("dq", "sq", "bare") if match.group(name) is not None)
            start, end = match.start(group), match.end(group)
            if group == "bare":
                end = _trim_url(text, start, end)  # sentence punctuation is not the value
            if not _secret_value(text[start:end]):
                continue
            key = match.group("key").lower()
            is_password = any(key.endswith(word) for word in data.password_words) or any(
                re.search(rf"(?:^|[_.-]){re.escape(word)}$", key)
                for word in data.short_password_words
            )
            yield Candidate(
                start, end, RedactionKind.PASSWORD if is_password else RedactionKind.SECRET
            )


def _secret_value(value: str) -> bool:
    """False for what cannot be a secret: prose ("rotated"), masks ("****"), variables ("$PW")."""
    stripped = value.strip()
    if not stripped or stripped.lower() in redaction_data().not_values:
        return False
    if stripped.startswith(("$", "%", "{{", "[redacted")):
        return False
    return not re.fullmatch(r"[*xX•.\-_]+", stripped)


def _token_like(value: str) -> bool:
    """A digit, a symbol or mixed case: "Bearer eyJhbGci..." but not "bearer authentication"."""
    inner = value[1:]  # "Authentication" is a capitalised word, "abcDEFgh" is mixed case
    return bool(re.search(r"[\d._~+/=-]", value)) or inner.lower() != inner != inner.upper()


@functools.cache
def _nearby_word_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(word) for word in redaction_data().nearby_words)
    return re.compile(rf"(?<![a-z])(?:{words})(?![a-z])", re.IGNORECASE)


def _nearby_tokens(text: str) -> Iterator[Candidate]:
    """Random-looking tokens with "token", "secret", "key"... shortly before, on the same line."""
    nearby = _nearby_word_pattern()
    for match in _TOKEN_RUN.finditer(text):
        if not _looks_random(match.group()):
            continue
        window_start = max(
            0, match.start() - _NEARBY_WINDOW, text.rfind("\n", 0, match.start()) + 1
        )
        # A placeholder's own words ("[redacted secret]") do not make the next token a secret.
        window = placeholder_pattern().sub(" ", text[window_start : match.start()])
        if nearby.search(window):
            yield Candidate(match.start(), match.end(), RedactionKind.SECRET)


def _looks_random(token: str) -> bool:
    """A UUID, or 16+ characters of high entropy with digits and a long mixed part.

    The mixed part (10+ characters with letters and digits, or with upper and lower case inside
    it) keeps hyphenated names ("checkout-service-v2-canary") from counting as secrets.
    """
    if _UUID.fullmatch(token):
        return True
    if not (any(c.isdigit() for c in token) and any(c.isalpha() for c in token)):
        return False
    if _entropy(token) < _MIN_ENTROPY:
        return False
    for part in re.split(r"[-_+/=]", token):
        if len(part) < 10:
            continue
        letters_and_digits = any(c.isdigit() for c in part) and any(c.isalpha() for c in part)
        inner = part[1:]
        mixed_case = sum(c.isupper() for c in inner) >= 2 and sum(c.islower() for c in inner) >= 2
        if letters_and_digits or mixed_case:
            return True
    return False


def _entropy(token: str) -> float:
    counts = Counter(token)
    return -sum(n / len(token) * math.log2(n / len(token)) for n in counts.values())
