"""The production settings as an operator gets them from the README (issue 10, points 12 and 13).

Each test starts a fresh Python with only the environment the README's Production
section documents, because the settings are read once, at start-up.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent
README = (BASE_DIR / "README.md").read_text(encoding="utf-8")
NO_ISSUES = "System check identified no issues (0 silenced).\n"


def readme_environment() -> dict[str, str]:
    """The variables of /etc/governance/env in the README, placeholders filled in."""
    production = README.split("## Production\n", 1)[1]
    block = next(block for block in re.findall(r"```sh\n(.*?)```", production, re.S) if "SECRET_KEY=" in block)
    environment = {}
    for line in block.splitlines():
        name, _, value = line.partition("=")
        if "<" in value:
            value = secrets.token_urlsafe(50) if name == "SECRET_KEY" else re.sub(r"<[^>]*>", "placeholder", value)
        environment[name] = value
    return environment


def run(args, **changes):
    environment = {"PATH": os.environ["PATH"], **readme_environment(), **changes}
    environment = {name: value for name, value in environment.items() if value is not None}
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=120
    )


def production_settings(**changes) -> dict:
    names = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD"]
    names += ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "ALLOWED_HOSTS", "SITE_URL", "DEBUG"]
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = run(["-c", code], **changes)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_readme_documents_the_production_settings_module():
    assert readme_environment()["DJANGO_SETTINGS_MODULE"] == "governance.settings.prod"


def test_check_deploy_finds_nothing_with_the_readmes_environment():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "DEBUG"])

    assert (result.returncode, result.stderr, result.stdout) == (0, "", NO_ISSUES)


@pytest.mark.parametrize("name", ["ALLOWED_HOSTS", "SITE_URL", "SECRET_KEY"])
def test_production_refuses_to_start_without(name):
    result = run(["manage.py", "check"], **{name: None})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr


@pytest.mark.parametrize("name, value", [("ALLOWED_HOSTS", ""), ("SITE_URL", "governance.example.org")])
def test_production_refuses_an_empty_host_list_or_a_site_url_that_is_no_url(name, value):
    result = run(["manage.py", "check"], **{name: value})

    assert result.returncode != 0
    assert name in result.stderr


def test_production_redirects_to_https_and_sends_hsts_for_a_year_by_default():
    assert production_settings() | {"ALLOWED_HOSTS": None, "SITE_URL": None} == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "ALLOWED_HOSTS": None,
        "SITE_URL": None,
        "DEBUG": False,
    }
    assert production_settings()["ALLOWED_HOSTS"] == ["governance.example.org"]


def test_a_proxy_that_does_https_itself_can_turn_redirect_and_hsts_off():
    settings = production_settings(
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        SECURE_HSTS_PRELOAD="false",
    )

    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert settings["SECURE_HSTS_PRELOAD"] is False


def test_every_environment_variable_the_settings_read_is_in_the_readmes_table():
    configuration = README.split("## Configuration\n", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", configuration))
    read = set()
    for module in (BASE_DIR / "governance" / "settings").glob("*.py"):
        read |= set(re.findall(r"env_(?:str|int|bool|list)\(\s*\"([A-Z0-9_]+)\"", module.read_text()))

    assert read, "no env_*() calls found: the pattern no longer matches the settings"
    assert read - documented == set()
