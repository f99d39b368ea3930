"""Photos and videos as files: what they are (probing), where they were taken, and copies without metadata.

One home for what check, intake and the site need to know about a media file:

- :mod:`.tools`: where ``ffprobe`` and ``ffmpeg`` are (Debian ``ffmpeg``), or that they are missing;
- :mod:`.probe`: one ffprobe per video file version, cached for the run;
- :mod:`.images`: format and size of a photo, its EXIF capture time;
- :mod:`.location`: whether a photo or video carries a GPS position (FBS 8);
- :mod:`.strip`: copies with no metadata (photos re-encoded upright, videos remuxed);
- :mod:`.limits`: a probed video or a photo against one platform's specification.
"""
