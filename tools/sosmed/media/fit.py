"""Instagram's aspect ratio (4:5 to 1.91:1) as geometry: how a photo is padded or cropped to fit it.

``sosmed media prepare`` shapes the pixels with it; the PR report states from it what will be
done to a photo that does not fit yet, so both say the same. A picture is never stretched: it
is padded with bars (``pad``) or cropped around its centre (``crop``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from sosmed.specs import SPECS

DEFAULT_MODE: Literal["pad", "crop"] = "pad"
# The check rule and prepare accept a ratio this close to a bound (pixel sizes are whole numbers).
TOLERANCE = 1e-3


def _instagram_ratio() -> tuple[float, float]:
    image = SPECS["instagram"].image
    if image is None or image.ratio is None:
        raise RuntimeError("the platform specs name no Instagram aspect ratio")
    return image.ratio


IG_MIN, IG_MAX = _instagram_ratio()


@dataclass(frozen=True)
class Fit:
    """A photo fitted to Instagram: ``mode`` (``none``, ``pad`` or ``crop``), the new ``size``, and
    ``box``: the part of the original kept (crop) or where the original sits on the new canvas (pad)."""

    mode: Literal["none", "pad", "crop"]
    size: tuple[int, int]
    box: tuple[int, int, int, int]

    @property
    def ratio(self) -> float:
        """Width divided by height after fitting."""
        return self.size[0] / self.size[1] if self.size[1] else 0.0


def fits_instagram(width: int, height: int) -> bool:
    """Whether a ``width`` × ``height`` photo is within Instagram's aspect range as it is."""
    return bool(height) and IG_MIN - TOLERANCE <= width / height <= IG_MAX + TOLERANCE


def instagram_fit(width: int, height: int, mode: str = DEFAULT_MODE) -> Fit:
    """How a ``width`` × ``height`` photo becomes one Instagram takes, by padding or centred cropping."""
    ratio = width / height
    if IG_MIN <= ratio <= IG_MAX:
        return Fit("none", (width, height), (0, 0, width, height))
    if mode == "crop":
        if ratio < IG_MIN:
            new_height = math.floor(width / IG_MIN)
            top = (height - new_height) // 2
            return Fit("crop", (width, new_height), (0, top, width, top + new_height))
        new_width = math.floor(height * IG_MAX)
        left = (width - new_width) // 2
        return Fit("crop", (new_width, height), (left, 0, left + new_width, height))
    size = (math.ceil(height * IG_MIN), height) if ratio < IG_MIN else (width, math.ceil(width / IG_MAX))
    left, top = (size[0] - width) // 2, (size[1] - height) // 2
    return Fit("pad", size, (left, top, left + width, top + height))
