"""Dependencies point one way: kjerne imports no domain app, and helsefellesskap ← avtaler ← avvik.

Read from the source with ``ast``, so an import inside a function, a relative import and a module
named in a string (``import_module``, ``apps.get_model``, settings-style paths) all count.
"""

import ast
import re
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[2]
DOMENEAPPER = ("helsefellesskap", "avtaler", "avvik", "sikkerhet", "ytelse", "apnedata")
# A dotted name in a string: "avtaler.Avtale", "avvik.views.liste" (not "feil/503.html").
PUNKTUM_NAVN = re.compile(r"[a-z_]+(\.[A-Za-z_]\w*)+")
# Each app, and the apps it must never reach.
FORBUDT = {
    "kjerne": DOMENEAPPER,
    "helsefellesskap": ("avtaler", "avvik", "apnedata"),
    "avtaler": ("avvik", "apnedata"),
    # The open data reads every app; none of them knows it (avtaler.signals tells it).
    "avvik": ("apnedata",),
    # Notifications are infrastructure: the domain apps call them, never the other way.
    "varsler": DOMENEAPPER,
}


def moduler_brukt(kilde: str, modul: str) -> list[tuple[int, str]]:
    """The modules a source file imports or names in a string, with line numbers.

    ``modul`` is the file's dotted name (``pakke.__init__`` for a package), so relative imports
    are resolved from it.
    """
    pakke = modul.split(".")[:-1]
    brukt = []
    for node in ast.walk(ast.parse(kilde)):
        if isinstance(node, ast.Import):
            brukt += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            grunn = pakke[: len(pakke) - node.level + 1] if node.level else []
            navn = ".".join([*grunn, *([node.module] if node.module else [])])
            brukt += [(node.lineno, navn)]
            if not node.module:  # from . import x: x may be a module
                brukt += [(node.lineno, f"{navn}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            brukt += [(node.lineno, node.value)] if PUNKTUM_NAVN.fullmatch(node.value) else []
    return brukt


def _brudd(app: str) -> list[str]:
    forbudt = FORBUDT[app]
    brudd = []
    for fil in sorted((ROT / app).rglob("*.py")):
        modul = ".".join(fil.relative_to(ROT).with_suffix("").parts)
        for linje, navn in moduler_brukt(fil.read_text(encoding="utf-8"), modul):
            if navn.split(".")[0] in forbudt:
                brudd.append(f"{fil.relative_to(ROT)}:{linje} {navn}")
    return brudd


@pytest.mark.parametrize("app", FORBUDT)
def test_no_arrow_points_against_the_dependencies(app):
    assert _brudd(app) == []


def test_the_check_sees_every_way_of_reaching_another_app():
    kilde = """
import avvik
import avtaler.models as m
from helsefellesskap.access import innlogget
from . import tofaktor
from .logg import registrer

def sent():
    from ytelse import views
    apps.get_model("avvik.Avvik")
    return "ikke en modul", "feil/503.html"
"""
    brukt = {navn for _, navn in moduler_brukt(kilde, "sikkerhet.views")}
    assert brukt >= {
        "avvik",
        "avtaler.models",
        "helsefellesskap.access",
        "sikkerhet.tofaktor",
        "sikkerhet.logg",
        "ytelse",
        "avvik.Avvik",
    }
    assert not brukt & {"ikke en modul", "feil/503.html"}
