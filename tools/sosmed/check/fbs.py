"""The guideline's nine FBS (Filter Before Sharing) points and which of them a machine checks.

The automated part of a point is whatever rules of the registry serve it; the human part is
what no rule can judge (usefulness, support of the agency's duties, reputation, and the
judgement half of the ethics and SARA points). Both the reviewer checklist and the markdown
report are generated from here and from the registry, so they cannot drift apart.
"""

from __future__ import annotations

from types import ModuleType

from sosmed.check.rules import all_rules

POINTS = tuple(range(1, 10))
# Points a person must confirm: 3, 4 and 6 wholly; 2 and 5 for the judgement no word list makes;
# 1, 7 and 8 for what no rule can see in a picture or a licence: the permission to use outside
# material, the quality and look of a photo or video, the privacy of the people shown in it.
MANUAL = (1, 2, 3, 4, 5, 6, 7, 8)


def rules_for(point: int) -> list[ModuleType]:
    """Registered rules serving FBS ``point``, in id order."""
    return [rule for rule in all_rules() if rule.FBS == point]


def automated(point: int) -> bool:
    """Whether at least one rule checks part of ``point``."""
    return bool(rules_for(point))


def platform_rules() -> list[ModuleType]:
    """Rules that serve no FBS point (platform limits and general checks)."""
    return [rule for rule in all_rules() if rule.FBS is None]
