"""Limits on what one ``sosmed intake`` may unpack: ``media: intake:`` in ``sosmed.yml``.

A zip of a few megabytes can declare gigabytes (a zip bomb), thousands of members, names that
climb out of the unpacking folder, symbolic links or sizes that its data does not have. All of
it is refused before anything is written, or at the latest while a member streams, with the
archive and the member named; nothing of the refused intake stays behind.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

MIB = 1024 * 1024


class IntakeLimits(BaseModel):
    """How much one intake may unpack or read; the defaults suit a month of a busy office group."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_total_mb: int = Field(default=4096, gt=0)  # unpacked size of a zip (or files of a folder)
    max_files: int = Field(default=5000, gt=0)  # members of a zip, files of a folder
    # Photos and videos are compressed already (ratio ≈ 1); chat text reaches ~10; a bomb, thousands.
    max_ratio: float = Field(default=100.0, gt=1, allow_inf_nan=False)
    # Members smaller than this are not judged by their ratio: a short text compresses very well.
    ratio_floor_mb: int = Field(default=1, ge=0)

    @property
    def max_total_bytes(self) -> int:
        return self.max_total_mb * MIB

    @property
    def ratio_floor_bytes(self) -> int:
        return self.ratio_floor_mb * MIB
