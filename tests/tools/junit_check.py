"""Fail when a JUnit report shows no test that actually ran (used by .ci/run)."""

import sys
import xml.etree.ElementTree as ET


def executed(path: str) -> int:
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    return sum(int(s.get("tests", 0)) - int(s.get("skipped", 0)) for s in suites)


if __name__ == "__main__":
    status = 0
    for report in sys.argv[1:]:
        ran = executed(report)
        print(f"{report}: {ran} tests executed")
        status |= ran == 0
    sys.exit(status)
