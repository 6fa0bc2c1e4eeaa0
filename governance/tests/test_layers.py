"""The apps import one way: each only the layers below it (README, "The layers").

Read from the source with ast, so an import inside a function counts as much as one
at the top. Tests may import anything; they are left out.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Ground first. An app may import the apps of the layers below its own, never its
# neighbours in the same layer, never a layer above.
LAYERS = [
    {"core"},
    {"bodies"},
    {"projects", "mfa"},
    {"meetings"},
    # decisions holds only the migrations that moved its models to meetings and referrals.
    {"referrals", "decisions"},
    {"notifications", "calendars"},
    {"pages"},
    {"governance"},
]
LAYER_OF = {app: depth for depth, apps in enumerate(LAYERS) for app in apps}


def imported_apps(path: Path) -> set[str]:
    """The project's apps that a module imports, absolute or relative."""
    module = path.relative_to(ROOT).with_suffix("").parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                # A relative import stays in its own package unless it climbs out of it.
                package = module[: len(module) - node.level]
                found.add(package[0] if package else (node.module or "").split(".")[0])
            elif node.module:
                found.add(node.module.split(".")[0])
    return found & LAYER_OF.keys()


def app_modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "tests" not in path.relative_to(ROOT).parts:
            yield path


def wrong_way_imports() -> list[str]:
    wrong = []
    for app, depth in LAYER_OF.items():
        for path in app_modules(app):
            for other in sorted(imported_apps(path) - {app}):
                if LAYER_OF[other] >= depth:
                    wrong.append(f"{path.relative_to(ROOT)} imports {other}")
    return wrong


def test_every_app_of_the_project_has_its_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"governance"}
    assert apps == LAYER_OF.keys()


def test_no_app_imports_an_app_of_its_own_layer_or_above():
    assert wrong_way_imports() == []


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from meetings.models import Meeting", {"meetings"}),
        ("import referrals.services", {"referrals"}),
        ("def f():\n    from pages import views", {"pages"}),
        ("from ..meetings import signals", {"meetings"}),
        ("from .models import Body", {"bodies"}),
        ("import datetime\nfrom django.db import models", set()),
    ],
)
def test_the_reader_finds_imports_wherever_they_stand(monkeypatch, source, found):
    module = ROOT / "bodies" / "layer_probe.py"
    monkeypatch.setattr(Path, "read_text", lambda self, *args, **kwargs: source)
    assert imported_apps(module) == found


def test_the_suite_collects_the_tests_of_every_app():
    import configparser

    ini = configparser.ConfigParser()
    ini.read(ROOT / "pytest.ini")
    collected = set(ini["pytest"]["testpaths"].split())
    with_tests = {path.parent.parent.name for path in ROOT.glob("*/tests/__init__.py")}
    assert with_tests <= collected
