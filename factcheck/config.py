"""Project settings: ``[tool.factcheck]`` in pyproject.toml, pytest ini options, command line.

```toml
[tool.factcheck]
cross_source = true          # compare undeclared figures across sources (a facts file's own
                             # ``cross_source:`` wins over this default)
strict = false               # warnings fail too (= -W error::factcheck.FindingWarning)

[tool.factcheck.severity]    # finding kind -> "error" (fails its test) | "warning" (reported, passes)
update = "warning"
dropped-bound = "error"
```

The same under pytest's ini options (``[tool.pytest.ini_options]`` or pytest.ini):
``factcheck_cross_source = false``, ``factcheck_strict = true``, ``factcheck_severity =
["update=error", "attributed=error"]``; and on the command line ``--factcheck-strict``.
Precedence: command line, then pytest's ini options, then ``[tool.factcheck]``, then the
defaults in :data:`factcheck.verdict.KINDS`. A fact's own ``severity:`` wins for that fact.
"""
from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

try:   # Python 3.11+; pytest itself depends on tomli before that
    import tomllib
except ImportError:   # pragma: no cover
    import tomli as tomllib

from .verdict import KINDS, SEVERITIES, Verdict
CONFIG_FILE = "pyproject.toml"
CONFIG_TABLE = ("tool", "factcheck")
CONFIG_KEYS = ("cross_source", "strict", "severity")


class ConfigError(Exception):
    """A setting is wrong; ``str()`` is "pyproject.toml:LINE: message"."""

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Settings:
    cross_source: bool = True                  # the default when a facts file does not say
    strict: bool = False                       # warnings fail
    severity: Mapping[str, str] = field(default_factory=dict)   # kind -> severity (overrides KINDS)

    def severity_of(self, kind: str) -> Optional[str]:
        """The configured severity of a finding kind, or None to keep the check's own."""
        return self.severity.get(kind)


DEFAULT_SETTINGS = Settings()


def with_severity(verdict: Verdict, severity: Optional[str]) -> Verdict:
    """The verdict at ``severity``: an error finding made a warning passes and is reported;
    a warning made an error fails. Passing verdicts and ``None`` leave it as it is."""
    if severity == "warning" and verdict.failed:
        return dataclasses.replace(verdict, outcome="warn")
    if severity == "error" and verdict.warns:
        return dataclasses.replace(verdict, outcome="fail")
    return verdict


def apply_settings(verdict: Verdict, settings: Settings, fact_severity: Optional[str] = None) -> Verdict:
    if not verdict.kind:
        return verdict
    return with_severity(verdict, fact_severity or settings.severity_of(verdict.kind))


# --------------------------------------------------------------------------- reading

def read_pyproject(rootdir: Path) -> Mapping[str, Any]:
    """``[tool.factcheck]`` of ``rootdir/pyproject.toml`` (empty when absent)."""
    path = rootdir / CONFIG_FILE
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(CONFIG_FILE, f"cannot read: {exc}") from None
    table: Any = data
    for key in CONFIG_TABLE:
        table = table.get(key, {}) if isinstance(table, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(CONFIG_FILE, "[tool.factcheck] is a table")
    return _Located(table, path.read_text(encoding="utf-8"))


class _Located(dict):
    """The table, with the text it came from: messages name the line of a key."""

    def __init__(self, table: Mapping[str, Any], text: str):
        super().__init__(table)
        self.text = text

    def where(self, key: str) -> str:
        for number, line in enumerate(self.text.splitlines(), 1):
            if re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
                return f"{CONFIG_FILE}:{number}"
        return CONFIG_FILE


def settings_from(table: Mapping[str, Any], *, ini: Optional[Mapping[str, Any]] = None,
                  strict: Optional[bool] = None) -> Settings:
    """Settings from the ``[tool.factcheck]`` table, then pytest ini values (``cross_source``,
    ``strict``, ``severity`` as "kind=severity" lines), then the command line's ``strict``."""
    where = table.where if isinstance(table, _Located) else (lambda key: CONFIG_FILE)
    for key in table:
        if key not in CONFIG_KEYS:
            raise ConfigError(where(key), f"unknown setting {key!r} in [tool.factcheck]{_hint(key, CONFIG_KEYS)}")
    cross_source = _boolean(table.get("cross_source", True), "cross_source", where("cross_source"))
    is_strict = _boolean(table.get("strict", False), "strict", where("strict"))
    severity_table = table.get("severity", {})
    if not isinstance(severity_table, dict):
        raise ConfigError(where("severity"), "severity is a table of finding kind = \"error\" | \"warning\"")
    severity = dict(_severities(severity_table.items(), where))
    ini = ini or {}
    if ini.get("cross_source") is not None:
        cross_source = ini["cross_source"]
    if ini.get("strict") is not None:
        is_strict = ini["strict"]
    severity.update(_severities((_split(line) for line in ini.get("severity") or ()),
                                lambda key: "factcheck_severity"))
    if strict:
        is_strict = True
    return Settings(cross_source=cross_source, strict=is_strict, severity=severity)


def _split(line: str):
    kind, _, severity = line.partition("=")
    return kind.strip(), severity.strip().strip("\"'")


def _severities(pairs: Iterable, where):
    for kind, severity in pairs:
        if kind not in KINDS:
            raise ConfigError(where(kind), f"unknown finding kind {kind!r}{_hint(kind, tuple(KINDS))}")
        if severity not in SEVERITIES:
            raise ConfigError(where(kind), f"severity of {kind!r} is \"error\" or \"warning\", not {severity!r}")
        yield kind, severity


def _boolean(value: Any, key: str, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(where, f"{key} is true or false, not {value!r}")
    return value


def _hint(word: str, known) -> str:
    close = difflib.get_close_matches(str(word), list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})"


def load_settings(rootdir: Path, *, ini: Optional[Mapping[str, Any]] = None,
                  strict: Optional[bool] = None) -> Settings:
    return settings_from(read_pyproject(rootdir), ini=ini, strict=strict)
