"""`pip install raqib-*.whl` is the small install: the wheel requires nothing that brings camel-tools'
models (torch, transformers, …), directly or through another requirement (issue 13)."""

import subprocess
import sys
import zipfile
from email.parser import Parser
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import PROJECT_ROOT

HEAVY = {"camel-tools", "torch", "transformers", "pandas", "scipy"}
UV = Path(sys.executable).parent / "uv"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The wheel built from this checkout, offline, by uv with the locked hatchling of the dev group."""
    if not UV.exists():
        pytest.skip(f"no uv beside {sys.executable} (make install-dev puts it there)")
    out = tmp_path_factory.mktemp("wheel")
    command = [str(UV), "build", "--wheel", "--offline", "--no-build-isolation", "--quiet"]
    subprocess.run(
        [*command, "--python", sys.executable, "--out-dir", str(out)],
        cwd=PROJECT_ROOT,
        check=True,
        timeout=60,
    )
    (path,) = out.glob("raqib-*.whl")
    return path


def requires_dist(wheel_path):
    with zipfile.ZipFile(wheel_path) as whl:
        (name,) = [n for n in whl.namelist() if n.endswith(".dist-info/METADATA")]
        return [
            Requirement(r) for r in Parser().parsestr(whl.read(name).decode()).get_all("Requires-Dist", [])
        ]


def applies(requirement, extras):
    """Whether pip would install `requirement` here, for a dependent asked for with `extras`."""
    marker = requirement.marker
    return marker is None or any(marker.evaluate({"extra": extra}) for extra in {"", *extras})


def reachable(requirements):
    """Every distribution the requirements bring in on this platform, read from the installed metadata
    (each package's own declared Requires-Dist, as pip sees it), and those that are not installed."""
    seen, missing = set(), set()
    queue = [r for r in requirements if applies(r, ())]
    while queue:
        requirement = queue.pop()
        name = canonicalize_name(requirement.name)
        key = (name, frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            declared = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            missing.add(name)
            continue
        for line in declared:
            dependency = Requirement(line)
            if applies(dependency, requirement.extras):
                queue.append(dependency)
    return {name for name, _ in seen}, missing


def test_the_wheel_requires_no_camel_tools_and_nothing_that_brings_torch(wheel):
    requirements = requires_dist(wheel)
    direct = {canonicalize_name(r.name) for r in requirements}
    assert not direct & HEAVY
    assert {"regex", "emoji"} <= direct  # what extraction/vendored_camel_tools.py imports
    names, missing = reachable(requirements)
    assert not missing, "reachable but not installed, so not checked"
    assert "matplotlib" in names and not names & HEAVY


def test_the_wheel_ships_the_vendored_camel_tools_functions(wheel):
    with zipfile.ZipFile(wheel) as whl:
        assert "extraction/vendored_camel_tools.py" in whl.namelist()
