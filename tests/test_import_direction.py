"""Imports run one way: features call the engines and core; engines and core import no feature.

Read from the source with ``ast``, so a new module or a new feature package is checked without
being listed here.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "survey_app"
#: Packages that every feature may use and that must never reach back into a feature.
CORE = "core"
ENGINES = ("privacy",)
#: Engine modules that live inside a feature's package (the questionnaire rule language).
ENGINE_MODULES = (PACKAGE / "questionnaires" / "expressions.py",)


def _features() -> set[str]:
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    return packages - {CORE, *ENGINES}


def _module_name(path: Path) -> list[str]:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imported(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports (relative imports resolved)."""
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + (node.module.split(".") if node.module else []))
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _feature_imports(paths) -> list[str]:
    features = _features()
    wrong = []
    for path in paths:
        for name in sorted(_imported(path)):
            parts = name.split(".")
            if parts[0] == "survey_app" and len(parts) > 1 and parts[1] in features:
                wrong.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    return wrong


def test_the_checker_sees_relative_imports():
    """A check that cannot see ``from ..auth import x`` would pass on anything."""
    assert "survey_app.auth.models.User" in _imported(PACKAGE / "fieldwork" / "models.py")
    assert {"auth", "fieldwork", "safeguarding", "kiosk"} <= _features()


def test_core_imports_no_feature():
    assert _feature_imports(sorted((PACKAGE / CORE).rglob("*.py"))) == []


def test_engines_import_no_feature():
    paths = [path for engine in ENGINES for path in sorted((PACKAGE / engine).rglob("*.py"))]
    assert _feature_imports(paths + list(ENGINE_MODULES)) == []
